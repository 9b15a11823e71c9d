package dev.mlops.data;

import dev.mlops.core.ValidationException;
import java.util.Objects;

/**
 * What to record in an {@link AuditLog}: one governed access, before the log gives it a number, a time, a user and a
 * place in the hash chain (which turns it into an {@link AuditEntry}).
 *
 * <pre>{@code
 * String q = AuditEntry.queryHash("SELECT * FROM customers WHERE region = ?", List.of("EU"));
 * log.append(AuditEvent.read("warehouse", q, "churn model training, ticket DS-142", frame.rowCount()));
 * log.append(AuditEvent.snapshot("warehouse", q, "churn model training", 1200, snapshotId));
 * }</pre>
 *
 * <p>Every field is checked here, so a bad event fails before anything is stored: the source is a name (a JDBC URL
 * or anything that looks like a credential is refused, without echoing it), the purpose is non-blank text of at most
 * 2000 characters, names (source, snapshot id) are single lines of at most 255 characters.
 *
 * <p>Stability: experimental.
 *
 * @param action what was done
 * @param source the name of the source read or written (e.g. the JdbcSource name); never a URL or credentials
 * @param queryHash {@link AuditEntry#queryHash(String, java.util.List)} of the statement and its parameters
 * @param purpose why: free text an auditor reads (tabs and line breaks allowed)
 * @param rows how many rows were read or written, zero or more
 * @param snapshotId the snapshot the rows were stored as, or {@code null}; required for {@link AuditAction#SNAPSHOT}
 */
public record AuditEvent(AuditAction action, String source, String queryHash, String purpose, long rows,
    String snapshotId) {

  /**
   * Checks every field.
   *
   * @throws ValidationException naming the field, the value (unless it may hold a credential), what
   *     was expected and the fix
   */
  public AuditEvent {
    Objects.requireNonNull(action, "action");
    AuditChecks.source(source);
    AuditChecks.digest(queryHash, "the queryHash of an audit event", ", as AuditEntry.queryHash(sql, params) returns");
    AuditChecks.purpose(purpose);
    AuditChecks.rows(rows, "the row count of an audit event");
    if (snapshotId != null) {
      AuditChecks.name(snapshotId, "the snapshot id of an audit event", "give the id DatasetStore returned, or null");
    } else if (action == AuditAction.SNAPSHOT) {
      throw new ValidationException("a SNAPSHOT audit event has no snapshot id; give the id of the "
          + "snapshot the rows were stored as, or record the access as READ");
    }
  }

  /**
   * An event with no snapshot id.
   *
   * <pre>{@code
   * AuditEvent.of(AuditAction.WRITE, "warehouse", q, "scores for campaign 7", 5000);
   * }</pre>
   */
  public static AuditEvent of(AuditAction action, String source, String queryHash, String purpose, long rows) {
    return new AuditEvent(action, source, queryHash, purpose, rows, null);
  }

  /**
   * A {@link AuditAction#READ} of {@code rows} rows.
   *
   * <pre>{@code
   * AuditEvent.read("warehouse", q, "exploration for ticket DS-140", 312);
   * }</pre>
   */
  public static AuditEvent read(String source, String queryHash, String purpose, long rows) {
    return new AuditEvent(AuditAction.READ, source, queryHash, purpose, rows, null);
  }

  /**
   * A {@link AuditAction#SNAPSHOT}: {@code rows} rows read and stored as snapshot {@code snapshotId}.
   *
   * <pre>{@code
   * AuditEvent.snapshot("warehouse", q, "churn model training", 1200, "3f2a9c...");
   * }</pre>
   */
  public static AuditEvent snapshot(String source, String queryHash, String purpose, long rows, String snapshotId) {
    return new AuditEvent(AuditAction.SNAPSHOT, source, queryHash, purpose, rows, snapshotId);
  }

  /**
   * A {@link AuditAction#WRITE} of {@code rows} rows.
   *
   * <pre>{@code
   * AuditEvent.write("warehouse", q, "nightly churn scores", 48_000);
   * }</pre>
   */
  public static AuditEvent write(String source, String queryHash, String purpose, long rows) {
    return new AuditEvent(AuditAction.WRITE, source, queryHash, purpose, rows, null);
  }
}
