package dev.mlops.data;

import dev.mlops.core.ConflictException;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.ValidationException;
import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@link AuditLog} over an {@link AuditStore}: numbers and chains entries on append (retrying when another writer
 * took the number), streams them, and verifies the chain against the stored head and an optional anchor. Not API.
 */
final class ChainedAuditLog implements AuditLog {
  /** How many times one append tries; each failed try means another writer appended (or a deadlock). */
  static final int MAX_ATTEMPTS = 10_000;

  private final AuditStore store;
  private final Clock clock;
  private final String user;

  ChainedAuditLog(AuditStore store, Clock clock, String user) {
    this.store = store;
    this.clock = clock;
    this.user = user;
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    return store.append(last -> AuditEntry.create(last.seq() + 1, clock.instant(), user, event, last.hash()));
  }

  /** The error when {@link #MAX_ATTEMPTS} attempts to append to {@code log} all lost. */
  static ConflictException tooManyAttempts(String log) {
    return new ConflictException("could not append to audit log " + log + " after " + MAX_ATTEMPTS
        + " attempts: other writers took every number tried, or the storage kept refusing the write; "
        + "retry later, and check for a writer stuck in a loop");
  }

  @Override
  public Stream<AuditEntry> entries() {
    return entries(1);
  }

  @Override
  public Stream<AuditEntry> entries(long fromSeq) {
    if (fromSeq < 1) {
      throw new ValidationException("fromSeq is " + fromSeq + "; audit entries are numbered from 1");
    }
    Iterator<AuditStore.Stored> stored = store.read(fromSeq);
    Iterator<AuditEntry> it = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return stored.hasNext();
      }

      @Override
      public AuditEntry next() {
        AuditStore.Stored s = stored.next();
        if (s.entry() == null) {
          throw new IntegrityException("entry " + s.seq() + " of audit log " + store.describe() + " cannot be read: "
              + s.problem() + "; run verify() and restore it from a backup");
        }
        return s.entry();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public AuditAnchor anchor() {
    return store.last();
  }

  @Override
  public AuditVerifyReport verify() {
    return check(null);
  }

  @Override
  public AuditVerifyReport verify(AuditAnchor anchor) {
    return check(Objects.requireNonNull(anchor, "anchor"));
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public String toString() {
    return "AuditLog[" + store.describe() + ", user " + user + "]";
  }

  private AuditVerifyReport check(AuditAnchor anchor) {
    String log = store.describe();
    Optional<AuditAnchor> head;
    try {
      head = store.head();
    } catch (ValidationException e) {
      return new AuditVerifyReport(log, 0, AuditAnchor.EMPTY, AuditVerifyReport.Failure.UNREADABLE, null,
          "audit log " + log + ": its stored head cannot be read (" + e.getMessage() + "); it was edited or damaged, "
              + "so entries cut off the end could not be detected; compare with an anchor kept elsewhere");
    }
    Verification v = new Verification(log);
    for (Iterator<AuditStore.Stored> it = store.read(1); it.hasNext() && v.failure == null; ) {
      v.next(it.next(), head.orElse(null), anchor);
    }
    if (v.failure == null) {
      v.end(head.orElse(null), anchor);
    }
    return v.report();
  }

  /** The state of one verification as it walks the entries. */
  private static final class Verification {
    private final String log;
    private AuditAnchor last = AuditAnchor.EMPTY;
    private long checked;
    private AuditVerifyReport.Failure failure;
    private Long brokenSeq;
    private String message;

    Verification(String log) {
      this.log = log;
    }

    void next(AuditStore.Stored s, AuditAnchor head, AuditAnchor anchor) {
      long expected = last.seq() + 1;
      AuditEntry e = s.entry();
      if (s.seq() != expected) {
        fail(AuditVerifyReport.Failure.MISSING_ENTRY, expected, "entry " + expected + " is missing (the next stored "
            + "entry is " + s.seq() + "): it was deleted" + (s.seq() > expected + 1 ? ", and so were the ones up to "
            + (s.seq() - 1) : "") + " (or renumbered)");
      } else if (e == null) {
        fail(AuditVerifyReport.Failure.UNREADABLE, expected, "entry " + expected + " cannot be read: " + s.problem());
      } else if (e.seq() != s.seq()) {
        fail(AuditVerifyReport.Failure.ALTERED, expected, "entry " + expected + " was altered: it is stored as entry "
            + s.seq() + " but says it is entry " + e.seq());
      } else if (!e.computeHash().equals(e.hash())) {
        fail(AuditVerifyReport.Failure.ALTERED, expected, "entry " + expected + " was altered: its content hashes to "
            + e.computeHash() + " but its stored hash is " + e.hash());
      } else if (!e.previousHash().equals(last.hash())) {
        fail(AuditVerifyReport.Failure.BROKEN_CHAIN, expected, "the chain breaks at entry " + expected
            + ": its previousHash is " + e.previousHash() + " but " + (expected == 1 ? "the first entry's must be "
            + AuditEntry.GENESIS_HASH : "entry " + last.seq() + "'s hash is " + last.hash()) + "; entry "
            + (expected == 1 ? expected : last.seq()) + " was replaced (its hash recomputed) or entry " + expected
            + " was edited");
      } else if (head != null && head.seq() == expected && !head.hash().equals(e.hash())) {
        fail(AuditVerifyReport.Failure.HEAD_MISMATCH, expected, "entry " + expected + " has hash " + e.hash()
            + " but the stored head recorded " + head.hash() + " for it: the history up to entry " + expected
            + " was rewritten");
      } else if (anchor != null && anchor.seq() == expected && !anchor.hash().equals(e.hash())) {
        fail(AuditVerifyReport.Failure.ANCHOR_MISMATCH, expected, "entry " + expected + " has hash " + e.hash()
            + " but the anchor given recorded " + anchor.hash() + " for it: the history up to entry " + expected
            + " was rewritten");
      } else {
        last = AuditAnchor.of(e);
        checked++;
      }
    }

    void end(AuditAnchor head, AuditAnchor anchor) {
      long end = last.seq();
      if (head == null) {
        fail(AuditVerifyReport.Failure.HEAD_MISSING, null, "its stored head is gone although the log was opened "
            + "(opening creates it): it was deleted, so entries cut off the end could no longer be detected; "
            + "compare with an anchor kept elsewhere (verify(anchor))");
      } else if (head.seq() > end) {
        fail(AuditVerifyReport.Failure.TRUNCATED, end + 1, truncated(end, head.seq(), "its stored head"));
      } else if (anchor != null && anchor.seq() > end) {
        fail(AuditVerifyReport.Failure.TRUNCATED, end + 1, truncated(end, anchor.seq(), "the anchor given"));
      }
    }

    private static String truncated(long end, long named, String by) {
      return "it ends at entry " + end + " but " + by + " names entry " + named + ": "
          + (named == end + 1 ? "entry " + named + " was" : "entries " + (end + 1) + " to " + named + " were")
          + " deleted from the end";
    }

    private void fail(AuditVerifyReport.Failure kind, Long seq, String what) {
      failure = kind;
      brokenSeq = seq;
      message = "audit log " + log + ": " + what + "; restore the log from a backup and find out who changed it";
    }

    AuditVerifyReport report() {
      if (failure == null) {
        return new AuditVerifyReport(log, checked, last, null, null, "audit log " + log + " is intact: " + checked
            + (checked == 1 ? " entry" : " entries") + ", last " + last);
      }
      return new AuditVerifyReport(log, checked, last, failure, brokenSeq, message);
    }
  }
}
