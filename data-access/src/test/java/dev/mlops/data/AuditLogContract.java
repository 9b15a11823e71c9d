package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.IntegrityException;
import dev.mlops.core.ValidationException;
import dev.mlops.core.testing.Race;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link AuditLog} backend shares: numbering, chaining, user and clock, reading back, verification
 * and what it detects, and concurrent appends. A subclass opens the log on its storage and tampers with that storage
 * directly, as someone with write access to it could.
 */
abstract class AuditLogContract {
  static final Instant T0 = Instant.parse("2026-11-27T10:15:30.123456Z");
  static final String Q1 = AuditEntry.queryHash("SELECT * FROM customers WHERE region = ?", List.of("EU"));
  static final String Q2 = AuditEntry.queryHash("SELECT id FROM orders WHERE day >= ?",
      List.of(LocalDate.of(2026, 1, 1)));

  /** Opens (or re-opens, as another process would) the log under test with {@code options}. */
  abstract AuditLog open(AuditLog.Builder options);

  /** Sets {@code field} (an {@link AuditEntry} component name) of stored entry {@code seq} to {@code value}. */
  abstract void setField(long seq, String field, Object value);

  /** Replaces stored entry {@code entry.seq()} with {@code entry}, exactly as given. */
  abstract void replace(AuditEntry entry);

  /** Deletes stored entry {@code seq}. */
  abstract void delete(long seq);

  /** Makes stored entry {@code seq} unreadable as an entry. */
  abstract void corrupt(long seq);

  /** Sets the stored head. */
  abstract void setHead(AuditAnchor head);

  /** Deletes the stored head. */
  abstract void deleteHead();

  /** A clock that moves one second on every reading, from {@link #T0}. */
  static Clock ticking() {
    AtomicLong tick = new AtomicLong();
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return T0.plusSeconds(tick.getAndIncrement());
      }
    };
  }

  AuditLog open() {
    return open(AuditLog.builder().user("alice").clock(ticking()));
  }

  /** Five entries: READs, entry 3 a SNAPSHOT, entry 4 a WRITE. */
  static List<AuditEntry> appendFive(AuditLog log) {
    List<AuditEntry> out = new ArrayList<>();
    out.add(log.append(AuditEvent.read("warehouse", Q1, "churn model training, ticket DS-142", 1200)));
    out.add(log.append(AuditEvent.read("warehouse", Q2, "exploration", 0)));
    out.add(log.append(AuditEvent.snapshot("warehouse", Q1, "Schätzung für 模型 😀\nline two", 1200, "snap-3")));
    out.add(log.append(AuditEvent.write("scores", Q2, "nightly scores", 48_000)));
    out.add(log.append(AuditEvent.read("warehouse", Q1, "audit review", 7)));
    return out;
  }

  @Test
  void appendNumbersEntriesFromOneAndChainsEachToTheOneBefore() {
    List<AuditEntry> made = appendFive(open());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), made.stream().map(AuditEntry::seq).toList());
    assertEquals(AuditEntry.GENESIS_HASH, made.get(0).previousHash());
    for (int i = 1; i < made.size(); i++) {
      assertEquals(made.get(i - 1).hash(), made.get(i).previousHash(), "entry " + (i + 1));
    }
    for (AuditEntry e : made) {
      assertEquals(e.computeHash(), e.hash());
    }
  }

  @Test
  void entriesRecordTheConfiguredUserAndTheClocksTime() {
    AuditLog log = open(AuditLog.builder().user("svc-training").clock(ticking()));
    AuditEntry first = log.append(AuditEvent.read("warehouse", Q1, "training", 3));
    AuditEntry second = log.append(AuditEvent.read("warehouse", Q1, "training", 3));
    assertEquals("svc-training", first.user());
    assertEquals(T0, first.time());
    assertEquals(T0.plusSeconds(1), second.time());
  }

  @Test
  void theUserDefaultsToTheOsUser() {
    AuditLog log = open(AuditLog.builder().clock(ticking()));
    assertEquals(System.getProperty("user.name"), log.append(AuditEvent.read("warehouse", Q1, "training", 3)).user());
  }

  @Test
  void storedEntriesReadBackExactlyAsAppended() {
    AuditLog log = open(AuditLog.builder().user("alice").clock(Clock.fixed(Instant.parse(
        "2026-11-27T10:15:30.123456789Z"), ZoneOffset.UTC)));
    List<AuditEntry> made = appendFive(log);
    assertEquals(made, log.entries().toList());
    assertEquals(made, open().entries().toList(), "read by another instance");
    assertEquals("snap-3", made.get(2).snapshotId());
    assertNull(made.get(0).snapshotId());
  }

  @Test
  void entriesStreamInOrderFromAnyNumber() {
    AuditLog log = open();
    List<AuditEntry> made = appendFive(log);
    assertEquals(made.subList(2, 5), log.entries(3).toList());
    assertEquals(List.of(), log.entries(6).toList());
    assertEquals(made.subList(4, 5), log.entries(5).toList());
    assertThrows(ValidationException.class, () -> log.entries(0));
  }

  @Test
  void anotherInstanceContinuesTheChain() {
    List<AuditEntry> made = appendFive(open());
    AuditEntry next = open().append(AuditEvent.read("warehouse", Q1, "more", 1));
    assertEquals(6, next.seq());
    assertEquals(made.get(4).hash(), next.previousHash());
    assertTrue(open().verify().isOk());
  }

  @Test
  void anEmptyLogVerifies() {
    AuditVerifyReport r = open().verify();
    assertTrue(r.isOk(), r.message());
    assertEquals(0, r.entriesChecked());
    assertEquals(AuditAnchor.EMPTY, r.last());
    assertEquals(AuditAnchor.EMPTY, open().anchor());
  }

  @Test
  void anIntactLogVerifiesAndReportsItsLastEntry() {
    AuditLog log = open();
    List<AuditEntry> made = appendFive(log);
    AuditVerifyReport r = log.verify().throwIfFailed();
    assertEquals(5, r.entriesChecked());
    assertEquals(AuditAnchor.of(made.get(4)), r.last());
    assertEquals(AuditAnchor.of(made.get(4)), log.anchor());
    assertNull(r.failure());
    assertNull(r.brokenSeq());
  }

  @ParameterizedTest
  @ValueSource(strings = {"seq", "time", "user", "action", "source", "queryHash", "purpose", "rows", "snapshotId",
      "previousHash", "hash"})
  void alteringAnyFieldOfAStoredEntryIsDetectedNamingItsSeq(String field) {
    AuditLog log = open();
    AuditEntry third = appendFive(log).get(2);
    Map<String, Object> forged = new TreeMap<>(Map.of("seq", 100L, "time", third.time().plusSeconds(1),
        "user", "mallory", "action", "READ", "source", "elsewhere", "queryHash", Q2, "purpose", "nothing to see",
        "rows", 1L, "previousHash", third.hash(), "hash", third.previousHash()));
    forged.put("snapshotId", null); // entry 3 has "snap-3"
    setField(3, field, forged.get(field));

    AuditVerifyReport r = log.verify();
    assertFalse(r.isOk(), field);
    assertEquals(3L, r.brokenSeq(), r.message());
    assertEquals(2, r.entriesChecked());
    assertTrue(r.message().contains("entry 3"), r.message());
    if (field.equals("seq")) {
      // a blob keeps its key, so its content no longer matches it; a row moves, leaving a gap
      assertTrue(r.failure() == AuditVerifyReport.Failure.ALTERED
          || r.failure() == AuditVerifyReport.Failure.MISSING_ENTRY, r.message());
    } else {
      assertEquals(AuditVerifyReport.Failure.ALTERED, r.failure(), r.message());
    }
    IntegrityException e = assertThrows(IntegrityException.class, r::throwIfFailed);
    assertEquals(r.message(), e.getMessage());
  }

  @Test
  void anEntryReplacedWithARecomputedHashBreaksTheChainAtTheNextEntry() {
    AuditLog log = open();
    AuditEntry third = appendFive(log).get(2);
    AuditEvent innocent = AuditEvent.read("warehouse", Q1, "nothing to see", 1);
    replace(AuditEntry.create(3, third.time(), "mallory", innocent, third.previousHash()));

    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.BROKEN_CHAIN, r.failure(), r.message());
    assertEquals(4L, r.brokenSeq());
    assertTrue(r.message().contains("entry 3"), r.message());
  }

  @Test
  void deletingAnEntryFromTheMiddleIsDetected() {
    AuditLog log = open();
    appendFive(log);
    delete(3);
    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.MISSING_ENTRY, r.failure(), r.message());
    assertEquals(3L, r.brokenSeq());
    assertEquals(2, r.entriesChecked());
  }

  @Test
  void deletingTheFirstEntryIsDetected() {
    AuditLog log = open();
    appendFive(log);
    delete(1);
    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.MISSING_ENTRY, r.failure(), r.message());
    assertEquals(1L, r.brokenSeq());
  }

  @Test
  void deletingEntriesFromTheEndIsDetectedThroughTheHead() {
    AuditLog log = open();
    appendFive(log);
    delete(5);
    delete(4);
    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.TRUNCATED, r.failure(), r.message());
    assertEquals(4L, r.brokenSeq());
    assertEquals(3, r.entriesChecked());
    assertTrue(r.message().contains("entries 4 to 5"), r.message());
  }

  @Test
  void deletingTheHeadIsDetected() {
    AuditLog log = open();
    appendFive(log);
    deleteHead();
    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.HEAD_MISSING, r.failure(), r.message());
    assertNull(r.brokenSeq());
    assertEquals(AuditVerifyReport.Failure.HEAD_MISSING, open().verify().failure(), "reopening does not recreate it");
    log.append(AuditEvent.read("warehouse", Q1, "more", 1));
    assertEquals(AuditVerifyReport.Failure.HEAD_MISSING, log.verify().failure(), "appending does not recreate it");
  }

  @Test
  void anUnreadableEntryIsReportedNamingItsSeq() {
    AuditLog log = open();
    appendFive(log);
    corrupt(2);
    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.UNREADABLE, r.failure(), r.message());
    assertEquals(2L, r.brokenSeq());
    IntegrityException e = assertThrows(IntegrityException.class, () -> log.entries().toList());
    assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
  }

  @Test
  void appendRefusesToChainToALastEntryWhoseHashCannotBeRead() {
    AuditLog log = open();
    appendFive(log);
    setField(5, "hash", "not a hash");
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> open().append(AuditEvent.read("warehouse", Q1, "more", 1)));
    assertTrue(e.getMessage().contains("entry 5"), e.getMessage());
  }

  @Test
  void aDamagedLogStillOpensSoThatItCanBeVerified() {
    appendFive(open());
    deleteHead();
    setField(5, "hash", "not a hash");
    AuditVerifyReport r = open().verify();
    assertEquals(AuditVerifyReport.Failure.UNREADABLE, r.failure(), r.message());
    assertEquals(5L, r.brokenSeq());
    assertEquals(4, r.entriesChecked());
  }

  @Test
  void rewritingEveryEntryFromOneOnAndTheHeadIsCaughtOnlyByAnAnchorKeptElsewhere() {
    AuditLog log = open();
    List<AuditEntry> made = appendFive(log);
    AuditAnchor kept = log.anchor();
    String previous = made.get(1).hash();
    AuditEntry forged = null;
    for (AuditEntry e : made.subList(2, 5)) {
      AuditEvent event = new AuditEvent(e.action(), e.source(), e.queryHash(), e.purpose() + " (edited)", e.rows(),
          e.snapshotId());
      forged = AuditEntry.create(e.seq(), e.time(), e.user(), event, previous);
      replace(forged);
      previous = forged.hash();
    }
    setHead(AuditAnchor.of(forged));

    assertTrue(log.verify().isOk(), "a consistent rewrite of the chain and head is beyond what the log alone can see");
    AuditVerifyReport r = log.verify(kept);
    assertEquals(AuditVerifyReport.Failure.ANCHOR_MISMATCH, r.failure(), r.message());
    assertEquals(5L, r.brokenSeq());
  }

  @Test
  void cuttingTheEndAndMovingTheHeadBackIsCaughtOnlyByAnAnchorKeptElsewhere() {
    AuditLog log = open();
    List<AuditEntry> made = appendFive(log);
    AuditAnchor kept = log.anchor();
    delete(5);
    setHead(AuditAnchor.of(made.get(3)));

    assertTrue(log.verify().isOk());
    AuditVerifyReport r = log.verify(kept);
    assertEquals(AuditVerifyReport.Failure.TRUNCATED, r.failure(), r.message());
    assertEquals(5L, r.brokenSeq());
  }

  @Test
  void aHeadThatNamesADifferentHashIsDetected() {
    AuditLog log = open();
    List<AuditEntry> made = appendFive(log);
    setHead(new AuditAnchor(5, made.get(3).hash()));
    AuditVerifyReport r = log.verify();
    assertEquals(AuditVerifyReport.Failure.HEAD_MISMATCH, r.failure(), r.message());
    assertEquals(5L, r.brokenSeq());
  }

  @Test
  void anAnchorStaysValidAsTheLogGrows() {
    AuditLog log = open();
    appendFive(log);
    AuditAnchor kept = AuditAnchor.parse(log.anchor().toString());
    log.append(AuditEvent.read("warehouse", Q1, "more", 1));
    assertTrue(log.verify(kept).isOk());
    assertEquals(6, log.verify(kept).entriesChecked());
  }

  @Test
  void concurrentAppendsFromEightThreadsGetGapFreeNumbersAndAValidChain() {
    int threads = 8;
    int each = 25;
    AuditLog shared = open();
    List<List<AuditEntry>> made;
    try (Race race = Race.create()) {
      made = race.run(threads, t -> {
        // half the threads share one instance, the others each open their own, as separate processes would
        AuditLog log = t % 2 == 0 ? shared : open(AuditLog.builder().user("thread-" + t).clock(ticking()));
        List<AuditEntry> mine = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          mine.add(log.append(AuditEvent.read("warehouse", Q1, "thread " + t + " read " + i, i)));
        }
        return mine;
      });
    }
    List<AuditEntry> all = made.stream().flatMap(List::stream).sorted((a, b) -> Long.compare(a.seq(), b.seq()))
        .toList();
    List<Long> expected = LongStream.rangeClosed(1, (long) threads * each).boxed().toList();
    assertEquals(expected, all.stream().map(AuditEntry::seq).toList(), "every number once, none missing");
    assertEquals(all, shared.entries().toList(), "what each append returned is what is stored");
    AuditVerifyReport r = shared.verify();
    assertTrue(r.isOk(), r.message());
    assertEquals(threads * each, r.entriesChecked());
    for (List<AuditEntry> mine : made) {
      assertEquals(mine.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList(), mine,
          "one thread's entries are numbered in the order it appended them");
    }
    assertEquals(threads * each, all.stream().map(AuditEntry::purpose).collect(Collectors.toSet()).size());
  }

  @Test
  void theBuilderRejectsABlankUser() {
    ValidationException e = assertThrows(ValidationException.class, () -> AuditLog.builder().user(" "));
    assertTrue(e.getMessage().contains("user"), e.getMessage());
  }

  @Test
  void toStringNamesTheLogAndTheUser() {
    AuditLog log = open();
    assertTrue(log.toString().contains(log.describe()), log.toString());
    assertTrue(log.toString().contains("alice"), log.toString());
  }
}
