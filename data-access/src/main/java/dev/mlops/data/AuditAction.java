package dev.mlops.data;

/**
 * What a governed access did, as recorded in an {@link AuditEntry}.
 *
 * <pre>{@code
 * log.append(AuditEvent.of(AuditAction.READ, "warehouse", queryHash, "churn model training", 1200));
 * }</pre>
 *
 * <p>Stability: experimental (constants may be added; stored names never change).
 */
public enum AuditAction {
  /** Rows were read from a source into memory or a stream. */
  READ,
  /** Rows were read and stored as a dataset snapshot; the entry names the snapshot id. */
  SNAPSHOT,
  /** Rows were written to a source. */
  WRITE
}
