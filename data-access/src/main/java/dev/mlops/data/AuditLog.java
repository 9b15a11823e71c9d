package dev.mlops.data;

import dev.mlops.core.BlobStore;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * An append-only, tamper-evident record of every governed read, snapshot and write: who, when, which source, which
 * query (by hash), why, how many rows, which snapshot. Each {@link AuditEntry} carries the hash of the one before it,
 * so changing, removing or reordering stored entries breaks a chain that {@link #verify()} checks.
 *
 * <pre>{@code
 * AuditLog log = AuditLog.inBlobStore(store, "warehouse");   // or AuditLog.inDatabase(dataSource, "audit_log")
 * String q = AuditEntry.queryHash("SELECT * FROM customers WHERE region = ?", List.of("EU"));
 * AuditEntry e = log.append(AuditEvent.read("warehouse", q, "churn model training, ticket DS-142", 1200));
 * log.entries().filter(x -> x.user().equals("alice")).forEach(System.out::println);
 * log.verify().throwIfFailed();
 *
 * AuditLog test = AuditLog.builder().user("ci-bot").clock(fixedClock).inBlobStore(MemoryBlobStore.create(), "t");
 * }</pre>
 *
 * <h2>Storage</h2>
 *
 * <ul>
 *   <li>{@link #inBlobStore}: entry {@code n} is the blob {@code audit/<logName>/<n as 20 digits>.json} holding
 *       {@link AuditEntry#toJson()}; the head is {@code audit/<logName>/head.json}. Entries are created with
 *       {@link BlobStore#putIfAbsent}, so writers in several threads or processes get distinct, gap-free numbers
 *       (the loser of a race re-reads the end of the log and tries the next number).
 *   <li>{@link #inDatabase}: a table with one row per entry and {@code seq} as primary key (columns {@code seq,
 *       entry_time, user_name, action, source_name, query_hash, purpose, rows_read, snapshot_id, previous_hash,
 *       entry_hash}; {@code entry_time} is the ISO-8601 text of the instant, so it round-trips exactly), and
 *       {@code <table>_head} with one row; both created if missing, with the same DDL on PostgreSQL, MariaDB/MySQL
 *       (InnoDB, utf8mb4) and H2. An append inserts the row and moves the head in one transaction; a writer that
 *       loses the race for a number gets a key violation, rolls back and tries the next.
 * </ul>
 *
 * <h2>What verify can and cannot detect</h2>
 *
 * <p>Alongside the entries each log keeps a <em>head</em>: the number and hash of the last entry, moved by every
 * append (in the database in the same transaction; in a blob store just after the entry, so it may lag behind the
 * last entry but never runs ahead of it). Opening a log with no entries creates it. {@link #verify()} walks every
 * entry from 1 and stops at the first problem, reporting its number and kind:
 * <ul>
 *   <li>detected: any field of an entry edited, including its hash ({@link AuditVerifyReport.Failure#ALTERED}); an
 *       entry replaced by one with a recomputed hash (the next entry's {@code previousHash} no longer matches:
 *       {@link AuditVerifyReport.Failure#BROKEN_CHAIN}); an entry deleted from the middle
 *       ({@link AuditVerifyReport.Failure#MISSING_ENTRY}); entries deleted from the end, up to the head
 *       ({@link AuditVerifyReport.Failure#TRUNCATED}); the head deleted or made unreadable;
 *   <li>not detected by {@link #verify()}: someone with write access who rewrites an entry <em>and every entry
 *       after it and the head</em>, recomputing each hash (SHA-256 has no secret, anyone can recompute it); or who
 *       deletes entries from the end and moves the head back. Nothing stored beside the log can catch that. To
 *       catch it, keep {@link #anchor()} (or {@link AuditVerifyReport#last()}) somewhere the log's writers cannot
 *       change (a ticket, a signed release, another system) and check it later with {@link #verify(AuditAnchor)}:
 *       history up to the anchor cannot then be rewritten or cut without notice.
 *       In a blob store, entries appended after the head's last move (a writer that crashed in between) can also be
 *       cut off unnoticed.
 * </ul>
 *
 * <p>Instances are thread-safe and hold no resources (the blob store or data source stays the caller's to close);
 * several instances, in one process or many, may share one log.
 *
 * <p>Stability: experimental.
 */
public interface AuditLog {

  /**
   * The log {@code logName} in {@code blobs}, recording the OS user and the system clock; see
   * {@link Builder#inBlobStore}.
   *
   * <pre>{@code
   * AuditLog log = AuditLog.inBlobStore(FileBlobStore.open(Path.of("/srv/mlops")), "warehouse");
   * }</pre>
   */
  static AuditLog inBlobStore(BlobStore blobs, String logName) {
    return builder().inBlobStore(blobs, logName);
  }

  /**
   * The log in {@code table} of {@code ds}, recording the OS user and the system clock; see
   * {@link Builder#inDatabase}.
   *
   * <pre>{@code
   * AuditLog log = AuditLog.inDatabase(dataSource, "audit_log");
   * }</pre>
   */
  static AuditLog inDatabase(DataSource ds, String table) {
    return builder().inDatabase(ds, table);
  }

  /**
   * Options (user, clock), then the storage.
   *
   * <pre>{@code
   * AuditLog log = AuditLog.builder().user(config.auditUser()).inDatabase(dataSource, "audit_log");
   * }</pre>
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Records {@code event} as the next entry, with the log's user and the clock's time, chained to the last entry,
   * and returns the entry as stored. If another writer takes the number first, it tries the next one.
   *
   * <pre>{@code
   * AuditEntry e = log.append(AuditEvent.read("warehouse", q, "churn training", 1200));
   * }</pre>
   *
   * @throws dev.mlops.core.StorageException if the storage fails, with the cause chained
   * @throws dev.mlops.core.IntegrityException if the last stored entry cannot be read, so there is nothing sound
   *     to chain to ({@link #verify()} says more)
   */
  AuditEntry append(AuditEvent event);

  /**
   * Every entry, in order of {@code seq}, read lazily page by page (nothing is held between pages, so a stream
   * left unclosed leaks nothing). Entries are returned as stored, not verified: use {@link #verify()} for that.
   *
   * <pre>{@code
   * long reads = log.entries().filter(e -> e.action() == AuditAction.READ).count();
   * }</pre>
   *
   * @throws dev.mlops.core.IntegrityException when the stream reaches an entry that cannot be read
   */
  Stream<AuditEntry> entries();

  /**
   * The entries numbered {@code fromSeq} or more, in order; see {@link #entries()}.
   *
   * <pre>{@code
   * log.entries(lastSeen + 1).forEach(exporter::send);
   * }</pre>
   *
   * @throws dev.mlops.core.ValidationException if {@code fromSeq} is less than 1
   */
  Stream<AuditEntry> entries(long fromSeq);

  /**
   * The last stored entry's number and hash ({@link AuditAnchor#EMPTY} for an empty log): keep it where the log's
   * writers cannot change it, and check it later with {@link #verify(AuditAnchor)}.
   *
   * <pre>{@code
   * String kept = log.anchor().toString();   // "1042:9c1e..."
   * }</pre>
   *
   * @throws dev.mlops.core.IntegrityException if the last stored entry's hash cannot be read
   */
  AuditAnchor anchor();

  /**
   * Checks every entry (its hash, its link to the one before, that no number is missing) and the stored head; see
   * the class documentation for what this can and cannot detect.
   *
   * <pre>{@code
   * AuditVerifyReport r = log.verify();
   * if (!r.isOk()) alert(r.message());
   * }</pre>
   */
  AuditVerifyReport verify();

  /**
   * {@link #verify()}, and also that the log still holds the entry {@code anchor} names, with the hash it recorded:
   * so history up to the anchor was neither cut off nor rewritten.
   *
   * <pre>{@code
   * log.verify(AuditAnchor.parse(keptInTicket)).throwIfFailed();
   * }</pre>
   */
  AuditVerifyReport verify(AuditAnchor anchor);

  /**
   * Names the log and where it is, e.g. {@code audit/warehouse in file:/srv/mlops} or
   * {@code table audit_log in H2}.
   */
  String describe();

  /**
   * Options for an {@link AuditLog}: who is recorded and the clock times come from. Not thread-safe; may be reused.
   *
   * <pre>{@code
   * AuditLog log = AuditLog.builder()
   *     .user("alice")
   *     .clock(Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC))
   *     .inBlobStore(MemoryBlobStore.create(), "test");
   * }</pre>
   *
   * <p>Stability: experimental.
   */
  final class Builder {
    private String user = System.getProperty("user.name", "unknown");
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Who is recorded in every entry (a service account, the user from configuration); defaults to the OS user
     * ({@code user.name}).
     *
     * @throws dev.mlops.core.ValidationException if blank, longer than 255 characters or not a single line
     */
    public Builder user(String name) {
      user = AuditChecks.name(name, "the user of an audit log", "give the name recorded with every entry");
      return this;
    }

    /** The clock entry times come from; defaults to the system clock (UTC). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The log {@code logName} in {@code blobs}, under {@code audit/<logName>/}; creates its head if the log is new.
     *
     * @param logName 1 to 100 letters, digits, {@code .}, {@code _} or {@code -}, e.g. {@code "warehouse"}
     * @throws dev.mlops.core.ValidationException if the name is not valid
     * @throws dev.mlops.core.StorageException if the store fails
     */
    public AuditLog inBlobStore(BlobStore blobs, String logName) {
      Objects.requireNonNull(blobs, "blobs");
      return new ChainedAuditLog(BlobAuditStore.open(blobs, logName), clock, checkedUser());
    }

    /**
     * The log in {@code table} (and {@code <table>_head}) of {@code ds}, creating the tables if missing.
     *
     * @param table an unquoted SQL identifier (letters, digits, {@code _}; at most 58 characters), optionally
     *     schema-qualified, e.g. {@code "audit_log"}
     * @throws dev.mlops.core.ValidationException if the name is not valid
     * @throws dev.mlops.core.StorageException if the tables cannot be created or read, with the SQL error chained
     */
    public AuditLog inDatabase(DataSource ds, String table) {
      Objects.requireNonNull(ds, "ds");
      return new ChainedAuditLog(JdbcAuditStore.open(ds, table), clock, checkedUser());
    }

    private String checkedUser() {
      return AuditChecks.name(user, "the user of an audit log (from the OS property user.name)",
          "set one with AuditLog.builder().user(name)");
    }
  }
}
