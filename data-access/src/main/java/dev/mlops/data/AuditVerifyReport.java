package dev.mlops.data;

import dev.mlops.core.IntegrityException;
import java.util.Objects;

/**
 * What {@link AuditLog#verify()} found: how many entries it checked and, if the log is not intact, the first entry
 * where it broke and why. Verification stops at the first problem: what follows a break cannot be trusted anyway.
 *
 * <pre>{@code
 * AuditVerifyReport r = log.verify();
 * r.isOk();              // true
 * r.entriesChecked();    // 1042
 * r.last();              // 1042:9c1e...: keep it elsewhere, check it later with verify(anchor)
 * r.throwIfFailed();     // IntegrityException with the message otherwise, e.g.
 *                        // "audit log audit/warehouse: entry 17 was altered: ..."
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param log the log, as {@link AuditLog#describe()} names it
 * @param entriesChecked entries found intact, from seq 1, before any problem
 * @param last the last intact entry ({@link AuditAnchor#EMPTY} if none)
 * @param failure what is wrong, or {@code null} if the log is intact
 * @param brokenSeq the first entry affected, or {@code null} if intact or no entry can be named
 *     ({@link Failure#HEAD_MISSING})
 * @param message a sentence naming the log, the entry, what was found and what was expected; if intact, one saying
 *     so with the count and the last entry
 */
public record AuditVerifyReport(String log, long entriesChecked, AuditAnchor last, Failure failure, Long brokenSeq,
    String message) {

  /** Checks the fields. */
  public AuditVerifyReport {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(message, "message");
  }

  /** The kinds of damage {@link AuditLog#verify()} tells apart. */
  public enum Failure {
    /** An entry's content does not hash to its stored hash (a field, or the hash itself, was edited). */
    ALTERED,
    /** An entry's previousHash is not the hash of the entry before it: that one was replaced or this one edited. */
    BROKEN_CHAIN,
    /** An entry number is missing between 1 and the last entry: it was deleted (or, in a table, renumbered). */
    MISSING_ENTRY,
    /** A stored entry cannot be read as an entry at all (malformed JSON, a bad value in a column). */
    UNREADABLE,
    /** The log ends before the stored head or the given anchor: entries at the end were deleted. */
    TRUNCATED,
    /** The entry the stored head names has another hash: history up to it was rewritten. */
    HEAD_MISMATCH,
    /** The stored head is gone although the log has entries, so a cut-off end could no longer be seen. */
    HEAD_MISSING,
    /** The entry the given anchor names has another hash: history up to it was rewritten. */
    ANCHOR_MISMATCH
  }

  /** Whether the log is intact. */
  public boolean isOk() {
    return failure == null;
  }

  /**
   * Throws an {@link IntegrityException} with {@link #message()} if the log is not intact; returns this report
   * otherwise.
   *
   * <pre>{@code
   * log.verify().throwIfFailed();
   * }</pre>
   */
  public AuditVerifyReport throwIfFailed() {
    if (!isOk()) {
      throw new IntegrityException(message);
    }
    return this;
  }
}
