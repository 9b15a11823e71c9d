package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobStore;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.MemoryBlobStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.RowHash;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {
  private static final Schema SCHEMA = Schema.of(Field.of("id", ColumnType.LONG), Field.of("x", ColumnType.DOUBLE),
      Field.of("name", ColumnType.STRING), Field.of("ok", ColumnType.BOOLEAN), Field.of("at", ColumnType.TIMESTAMP));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private BlobStore blobs;
  private DatasetStore datasets;
  private AuditLog audit;

  @BeforeEach
  void open() {
    blobs = FileBlobStore.open(dir.resolve("store"));
    audit = AuditLog.builder().user("tester").clock(CLOCK).inBlobStore(blobs, "governance");
    datasets = DatasetStore.builder(blobs).formats(DatasetFormat.PARQUET).user("tester").clock(CLOCK).auditLog(audit)
        .build();
  }

  @AfterEach
  void close() {
    blobs.close();
  }

  static Frame rows(int from, int to) {
    List<List<?>> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(Arrays.asList((long) i, i % 7 == 0 ? null : i / 3.0, i % 5 == 0 ? null : i % 3 == 0 ? "" : "n,\"" + i,
          i % 2 == 0, i % 11 == 0 ? null : Instant.parse("2026-01-01T00:00:00Z").plusMillis(i * 1001L)));
    }
    return Frame.fromRows(SCHEMA, rows);
  }

  @Test
  void equalDataGivesAnEqualIdWhateverTheBatching() {
    Snapshot a = datasets.snapshot("train", FrameSource.of(rows(0, 1000), 100), "churn training");
    Snapshot b = datasets.snapshot("train", FrameSource.of(rows(0, 600), rows(600, 1000)), "churn training again");
    assertEquals(a.id(), b.id());
    assertEquals(1, a.version());
    assertEquals(2, b.version());
    assertEquals("train@2", b.ref());
    assertEquals(1000, a.rows());
    Snapshot c = datasets.snapshot("train", FrameSource.of(rows(0, 999), 100), "one row less");
    assertNotEquals(a.id(), c.id());
    assertEquals(a, datasets.resolve(a.id()), "an id names the first snapshot with that content");
    assertEquals(c, datasets.resolve("train"));
    assertEquals(b, datasets.resolve("train@2"));
    assertEquals(List.of(1, 2, 3), datasets.versions("train").stream().map(Snapshot::version).toList());
  }

  @Test
  void readsBackEveryValueFromCsvAndParquet() {
    Frame original = rows(0, 2500);
    Snapshot s = datasets.snapshot("all", FrameSource.of(original, 700), "round trip");
    assertEquals(2, s.files().size());
    for (DatasetFormat f : DatasetFormat.values()) {
      Frame back;
      try (FrameSource in = datasets.open(s, f)) {
        back = in.readAll();
      }
      assertEquals(original.rowCount(), back.rowCount(), f.toString());
      for (int r = 0; r < original.rowCount(); r++) {
        for (String c : SCHEMA.names()) {
          assertEquals(original.get(r, c), back.get(r, c), f + " row " + r + " column " + c);
        }
      }
    }
    assertTrue(datasets.verify(s.ref()).isOk());
  }

  @Test
  void theManifestRecordsWhatWhoWhyAndTheAuditLogTheSnapshot() {
    Snapshot s = datasets.snapshot("m", FrameSource.of(rows(0, 10), 10), "churn training");
    assertEquals("tester", s.createdBy());
    assertEquals(Instant.parse("2026-12-01T10:00:00Z"), s.createdAt());
    assertEquals("churn training", s.purpose());
    assertEquals(SCHEMA.names(), s.schema().names());
    assertNull(s.source());
    assertEquals(RowHash.ENCODING, s.encoding());
    Snapshot back = Snapshot.fromJson(s.toJson(), "test");
    assertEquals(s, back);
    List<AuditEntry> entries = audit.entries().toList();
    assertEquals(1, entries.size());
    assertEquals(AuditAction.SNAPSHOT, entries.get(0).action());
    assertEquals(s.id(), entries.get(0).snapshotId());
    assertEquals(10, entries.get(0).rows());
    assertTrue(audit.verify().isOk());
  }

  @Test
  void refusesPiiColumnsBeforeWritingAnything() {
    Schema tagged = Schema.of(Field.of("id", ColumnType.LONG), Field.of("email", ColumnType.STRING).withTags(Field.PII));
    Frame f = Frame.fromRows(tagged, List.of(List.of(1L, "a@example.com")));
    ValidationException e = assertThrows(ValidationException.class,
        () -> datasets.snapshot("people", FrameSource.of(f, 10), "training"));
    assertTrue(e.getMessage().contains("[email]") && e.getMessage().contains("pii"), e.getMessage());
    assertEquals(0, blobs.list("datasets/").count());
  }

  @Test
  void verifyDetectsATamperedFile() {
    Snapshot s = DatasetStore.open(blobs).snapshot("t", FrameSource.of(rows(0, 100), 50), "training");
    Snapshot.SnapshotFile csv = s.file(DatasetFormat.CSV_GZIP).orElseThrow();
    byte[] bytes = blobs.getBytes(csv.key());
    bytes[bytes.length / 2] ^= 1;
    blobs.putBytes(csv.key(), bytes);
    DatasetVerifyReport r = datasets.verify("t@1");
    assertFalse(r.isOk());
    assertTrue(r.problems().get(0).contains(csv.key()), r.problems().toString());
  }

  @Test
  void badNamesPurposesAndReferencesAreClearErrors() {
    assertThrows(ValidationException.class, () -> datasets.snapshot("../x", FrameSource.of(rows(0, 1), 1), "p"));
    assertThrows(ValidationException.class, () -> datasets.snapshot("x", FrameSource.of(rows(0, 1), 1), " "));
    assertThrows(NotFoundException.class, () -> datasets.resolve("nothing"));
    assertThrows(NotFoundException.class, () -> datasets.resolve("a".repeat(64)));
    assertThrows(ValidationException.class, () -> datasets.resolve("x@two"));
  }

  @Test
  void worksOnAMemoryStoreToo() {
    DatasetStore mem = DatasetStore.open(MemoryBlobStore.create());
    Snapshot s = mem.snapshot("m", FrameSource.of(rows(0, 300), 64), "notebook");
    assertEquals(300, mem.open("m").readAll().rowCount());
    assertTrue(mem.verify(s.id()).isOk());
  }

  @Test
  void snapshottingAgainReplacesADamagedFileInsteadOfAdoptingIt() {
    Snapshot first = datasets.snapshot("d", FrameSource.of(rows(0, 200), 50), "training");
    Snapshot.SnapshotFile csv = first.file(DatasetFormat.CSV_GZIP).orElseThrow();
    byte[] bytes = blobs.getBytes(csv.key());
    bytes[bytes.length / 2] ^= 1;
    blobs.putBytes(csv.key(), bytes);
    assertFalse(datasets.verify("d@1").isOk());
    Snapshot second = datasets.snapshot("d", FrameSource.of(rows(0, 200), 50), "training again");
    assertEquals(first.id(), second.id());
    assertEquals(first.files(), second.files(), "the same bytes under the same keys");
    assertTrue(datasets.verify("d@2").isOk());
    assertTrue(datasets.verify("d@1").isOk(), "the damaged file was written again");
  }

  @Test
  void timestampsBeyondYear9999RoundTrip() {
    Schema s = Schema.of(Field.of("at", ColumnType.TIMESTAMP));
    Frame f = Frame.fromRows(s, List.of(List.of(Instant.parse("+10000-01-01T00:00:00Z")),
        List.of(Instant.parse("-0044-03-15T12:00:00Z"))));
    Snapshot snap = datasets.snapshot("far", FrameSource.of(f, 10), "history");
    assertEquals(f.getInstant(0, "at"), datasets.open(snap.ref()).readAll().getInstant(0, "at"));
    assertEquals(f.getInstant(1, "at"), datasets.open(snap.ref()).readAll().getInstant(1, "at"));
    assertTrue(datasets.verify(snap.ref()).isOk());
  }
}
