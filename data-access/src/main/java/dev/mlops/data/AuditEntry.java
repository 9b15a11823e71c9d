package dev.mlops.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Json;
import dev.mlops.core.Sha256;
import dev.mlops.core.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stored record of an {@link AuditLog}: who did what to which source, when and why, chained to the entry before
 * it by hash.
 *
 * <pre>{@code
 * AuditEntry e = log.append(AuditEvent.read("warehouse", AuditEntry.queryHash(sql, params), "churn training", 1200));
 * e.seq();            // 1, 2, 3, ... gap-free
 * e.previousHash();   // the hash of entry seq - 1; AuditEntry.GENESIS_HASH for entry 1
 * e.hash().equals(e.computeHash());   // true unless the entry was altered
 * }</pre>
 *
 * <h2>The entry hash</h2>
 *
 * <p>{@link #hash()} is the SHA-256 (lower-case hex) of the UTF-8 bytes of {@link #hashedJson()}: one JSON object
 * holding every other field, written as {@link Json#toCanonicalJson canonical JSON} (members sorted by name, no
 * whitespace, strings escaping only {@code "}, {@code \} and control characters, integers in plain digits). The members
 * are {@code action} (the {@link AuditAction} name), {@code previousHash}, {@code purpose}, {@code queryHash},
 * {@code rows} (a number), {@code seq} (a number), {@code snapshotId} (a string, or {@code null}: the member is
 * always there), {@code source}, {@code time} (the ISO-8601 text {@link Instant#toString()} writes, in UTC with
 * {@code Z}), and {@code user}. For example:
 *
 * <pre>
 * {"action":"READ","previousHash":"0000...0000","purpose":"churn training","queryHash":"5d1c...","rows":1200,
 *  "seq":1,"snapshotId":null,"source":"warehouse","time":"2026-11-27T10:15:30Z","user":"alice"}
 * </pre>
 *
 * (one line, no spaces). An auditor recomputes it without this library: take the stored entry (the blob backend stores
 * exactly this object plus a {@code "hash"} member), drop {@code hash}, write the rest as above, hash it.
 *
 * <p>Stability: experimental (the hashed encoding is a stored format: it changes only with a new format version).
 *
 * @param seq the entry's number, from 1, gap-free
 * @param time when it was appended, from the log's clock
 * @param user who: the log's configured user, by default the OS user ({@code user.name})
 * @param action what was done
 * @param source the name of the source, never a URL or credentials
 * @param queryHash {@link #queryHash(String, List)} of the statement and its parameters
 * @param purpose why
 * @param rows how many rows were read or written
 * @param snapshotId the snapshot the rows were stored as, or {@code null}
 * @param previousHash {@link #hash()} of entry {@code seq - 1}, or {@link #GENESIS_HASH} for entry 1
 * @param hash SHA-256 of {@link #hashedJson()} as written; differs from {@link #computeHash()} if the entry was altered
 */
public record AuditEntry(long seq, Instant time, String user, AuditAction action, String source, String queryHash,
    String purpose, long rows, String snapshotId, String previousHash, String hash) {

  /** The {@link #previousHash()} of entry 1: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(Sha256.HEX_LENGTH);

  /**
   * Checks the structure only (non-null fields, a positive seq, rows of zero or more, hex digests), not the hash, so
   * that an altered entry can still be represented and reported by {@link AuditLog#verify()}.
   *
   * @throws ValidationException naming the field
   */
  public AuditEntry {
    if (seq < 1) {
      throw new ValidationException("the seq of an audit entry is " + seq + "; entries are numbered from 1");
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(purpose, "purpose");
    AuditChecks.digest(queryHash, "the queryHash of audit entry " + seq, "");
    AuditChecks.rows(rows, "the row count of audit entry " + seq);
    AuditChecks.digest(previousHash, "the previousHash of audit entry " + seq, "");
    AuditChecks.digest(hash, "the hash of audit entry " + seq, "");
  }

  /** The entry an {@link AuditLog} stores for {@code event} at {@code seq}, its hash computed here. */
  static AuditEntry create(long seq, Instant time, String user, AuditEvent event, String previousHash) {
    Objects.requireNonNull(event, "event");
    AuditChecks.name(user, "the user of an audit entry", "configure it with AuditLog.builder().user(name)");
    ObjectNode fields = hashed(seq, time, user, event.action(), event.source(), event.queryHash(), event.purpose(),
        event.rows(), event.snapshotId(), previousHash);
    String hash = Sha256.ofUtf8(Json.toCanonicalJson(fields));
    return new AuditEntry(seq, time, user, event.action(), event.source(), event.queryHash(), event.purpose(),
        event.rows(), event.snapshotId(), previousHash, hash);
  }

  /**
   * The text {@link #hash()} is computed over: the canonical JSON of every field but {@code hash} (see the class
   * documentation).
   *
   * <pre>{@code
   * Sha256.ofUtf8(entry.hashedJson()).equals(entry.hash());   // true for an intact entry
   * }</pre>
   */
  public String hashedJson() {
    return Json.toCanonicalJson(hashed(seq, time, user, action, source, queryHash, purpose, rows, snapshotId,
        previousHash));
  }

  /**
   * The hash the current field values give: equal to {@link #hash()} unless the entry was altered after it was
   * written.
   *
   * <pre>{@code
   * if (!entry.computeHash().equals(entry.hash())) { ... } // altered
   * }</pre>
   */
  public String computeHash() {
    return Sha256.ofUtf8(hashedJson());
  }

  /**
   * The whole entry as canonical JSON: {@link #hashedJson()}'s members plus {@code hash}. The blob backend stores
   * exactly this.
   *
   * <pre>{@code
   * System.out.println(entry.toJson());
   * }</pre>
   */
  public String toJson() {
    ObjectNode all = hashed(seq, time, user, action, source, queryHash, purpose, rows, snapshotId, previousHash);
    all.put("hash", hash);
    return Json.toCanonicalJson(all);
  }

  /**
   * The SHA-256 (lower-case hex) of the SQL text and its parameter values, each with its type, so that an entry says
   * which data was asked for without storing the values (which may be personal data).
   *
   * <pre>{@code
   * AuditEntry.queryHash("SELECT * FROM t WHERE id = ?", List.of(42));
   * AuditEntry.queryHash("SELECT * FROM t WHERE id = ?", Arrays.asList((Object) null));   // nulls: Arrays.asList
   * }</pre>
   *
   * <p>It hashes the UTF-8 bytes of the canonical JSON (see {@link #hashedJson()} for the rules) of
   * {@code {"params":[...],"sql":"<sql exactly as given>"}}, where each parameter is {@code {"type":"null"}} or
   * {@code {"type":T,"value":V}}:
   * <ul>
   *   <li>{@code string}: {@link String} and {@link Character}, the text;
   *   <li>{@code boolean}: {@code true} or {@code false};
   *   <li>{@code integer}: {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link java.math.BigInteger},
   *       a JSON number in plain digits (integer types of any width bind the same SQL value, so they hash the same);
   *   <li>{@code float} ({@link Float}) and {@code double} ({@link Double}): a JSON number, the shortest decimal that
   *       reads back to the same value ({@code 1.0} is {@code 1}, {@code -0.0} is {@code 0}); NaN and the infinities
   *       as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
   *   <li>{@code decimal}: {@link java.math.BigDecimal}, the string {@code toString()} gives (scale counts:
   *       {@code 1.0} and {@code 1.00} differ);
   *   <li>{@code bytes}: {@code byte[]}, lower-case hex;
   *   <li>{@code date}, {@code time}, {@code timestamp}: {@link java.time.LocalDate}, {@link java.time.LocalTime},
   *       {@link java.time.LocalDateTime} (and {@code java.sql.Date}, {@code Time}, {@code Timestamp} through their
   *       {@code toLocal...()} forms), their ISO-8601 {@code toString()};
   *   <li>{@code timetz}, {@code timestamptz}, {@code instant}: {@link java.time.OffsetTime},
   *       {@link java.time.OffsetDateTime}, {@link Instant}, their {@code toString()} (the offset counts);
   *   <li>{@code uuid}: {@link java.util.UUID}, lower-case.
   * </ul>
   *
   * <p>So {@code "1"}, {@code 1}, {@code 1.0}, {@code true} and {@code "2026-01-01"} versus {@code LocalDate} all hash
   * differently, and so does a different parameter order. Example: {@code queryHash("SELECT ?", List.of(1))} hashes
   * {@code {"params":[{"type":"integer","value":1}],"sql":"SELECT ?"}}.
   *
   * @param sql the statement exactly as run (whitespace counts)
   * @param params the bound values in order; may contain {@code null}
   * @throws ValidationException if {@code sql} is blank or a parameter has a type not listed, naming its position
   */
  public static String queryHash(String sql, List<?> params) {
    return QueryHashing.hash(sql, params);
  }

  private static ObjectNode hashed(long seq, Instant time, String user, AuditAction action, String source,
      String queryHash, String purpose, long rows, String snapshotId, String previousHash) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("seq", seq);
    n.put("time", time.toString());
    n.put("user", user);
    n.put("action", action.name());
    n.put("source", source);
    n.put("queryHash", queryHash);
    n.put("purpose", purpose);
    n.put("rows", rows);
    n.put("snapshotId", snapshotId);
    n.put("previousHash", previousHash);
    return n;
  }
}
