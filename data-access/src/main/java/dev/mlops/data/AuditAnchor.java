package dev.mlops.data;

import dev.mlops.core.ValidationException;

/**
 * A point in an {@link AuditLog}'s hash chain: an entry number and that entry's hash. Because each entry's hash covers
 * the one before it, an anchor stands for the whole history up to {@code seq}.
 *
 * <p>Keep one outside the log's storage (in a ticket, a signed release note, another system) and later check it with
 * {@link AuditLog#verify(AuditAnchor)}: that detects a log cut short before {@code seq}, or history up to {@code seq}
 * rewritten with freshly computed hashes, which nothing stored beside the log can.
 *
 * <pre>{@code
 * AuditAnchor a = log.anchor();              // the last entry: its seq and hash
 * String kept = a.toString();                // "1042:9c1e..."
 * log.verify(AuditAnchor.parse(kept)).throwIfFailed();
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param seq the entry number, 0 for the empty log
 * @param hash that entry's hash; {@link AuditEntry#GENESIS_HASH} for seq 0
 */
public record AuditAnchor(long seq, String hash) {
  /** The anchor of an empty log. */
  public static final AuditAnchor EMPTY = new AuditAnchor(0, AuditEntry.GENESIS_HASH);

  /**
   * Checks the fields.
   *
   * @throws ValidationException if seq is negative, the hash is not 64 lower-case hex characters, or seq 0 has
   *     another hash than {@link AuditEntry#GENESIS_HASH}
   */
  public AuditAnchor {
    if (seq < 0) {
      throw new ValidationException("the seq of an audit anchor is " + seq + "; expected 0 or more");
    }
    AuditChecks.digest(hash, "the hash of audit anchor " + seq, "");
    if (seq == 0 && !hash.equals(AuditEntry.GENESIS_HASH)) {
      throw new ValidationException("audit anchor 0 (the empty log) has hash " + hash + "; expected "
          + AuditEntry.GENESIS_HASH);
    }
  }

  /**
   * The anchor of {@code entry}.
   *
   * <pre>{@code
   * AuditAnchor a = AuditAnchor.of(log.append(event));
   * }</pre>
   */
  public static AuditAnchor of(AuditEntry entry) {
    return new AuditAnchor(entry.seq(), entry.hash());
  }

  /**
   * Reads the {@link #toString()} form {@code seq:hash}.
   *
   * <pre>{@code
   * AuditAnchor.parse("1042:9c1e...");
   * }</pre>
   *
   * @throws ValidationException if {@code text} is not of that form
   */
  public static AuditAnchor parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    try {
      if (colon > 0) {
        return new AuditAnchor(Long.parseLong(text.substring(0, colon).trim()), text.substring(colon + 1).trim());
      }
    } catch (NumberFormatException e) {
      throw new ValidationException("audit anchor '" + AuditChecks.printable(text) + "' does not start with an "
          + "entry number; expected seq:hash as AuditAnchor.toString() writes it", e);
    }
    throw new ValidationException("audit anchor " + (text == null ? "is missing" : "'" + AuditChecks.printable(text)
        + "' has no ':'") + "; expected seq:hash as AuditAnchor.toString() writes it, e.g. 12:" + "9c1e".repeat(16));
  }

  /** {@code seq:hash}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return seq + ":" + hash;
  }
}
