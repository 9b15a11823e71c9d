package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobStore;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.MemoryBlobStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkHistoryTest {
  static final BenchmarkReport REPORT = GateFixtures.untimed(GateFixtures.spinning("p", 0, 0));

  @Test
  void recordsReportsInOrderUnderNumberedHashedKeys() {
    try (BlobStore store = MemoryBlobStore.create()) {
      BenchmarkHistory h = BenchmarkHistory.open(store, "bench", GateFixtures.CLOCK);
      assertTrue(h.latest("gate").isEmpty());
      for (int i = 1; i <= 3; i++) {
        BenchmarkHistory.Entry e = h.record(REPORT);
        assertEquals(i, e.sequence());
        assertTrue(e.key().matches("bench/gate/000000000" + i + "-[0-9a-f]{16}\\.json"), e.key());
        assertTrue(e.sha256().startsWith(e.key().substring(22, 38)));
      }
      assertEquals(List.of(1L, 2L, 3L), h.sequences("gate"));
      assertEquals(List.of(1L, 2L, 3L), h.list("gate").stream().map(BenchmarkHistory.Entry::sequence).toList());
      assertEquals(3, h.latest("gate").orElseThrow().sequence());
      assertEquals(REPORT.toJson(), h.get("gate", 2).report().toJson());
      NotFoundException missing = assertThrows(NotFoundException.class, () -> h.get("gate", 9));
      assertTrue(missing.getMessage().contains("no report 9") && missing.getMessage().contains("[1, 2, 3]"),
          missing.getMessage());
    }
  }

  @Test
  void concurrentWritersGetDistinctGapFreeNumbers(@TempDir Path dir) throws Exception {
    int threads = 8;
    int each = 3;
    try (FileBlobStore store = FileBlobStore.open(dir)) {
      BenchmarkHistory h = BenchmarkHistory.open(store, "");
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          List<Long> mine = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            mine.add(h.record(REPORT).sequence());
          }
          return mine;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      pool.shutdown();
      Set<Long> distinct = new TreeSet<>(all);
      assertEquals(threads * each, distinct.size(), "every record got its own number: " + all);
      assertEquals(LongStream.rangeClosed(1, threads * each).boxed().collect(Collectors.toList()),
          new ArrayList<>(distinct));
      assertEquals(new ArrayList<>(distinct), h.sequences("gate"));
    }
  }

  @Test
  void aChangedReportIsDetectedOnRead() {
    try (BlobStore store = MemoryBlobStore.create()) {
      BenchmarkHistory h = BenchmarkHistory.open(store, "bench");
      BenchmarkHistory.Entry e = h.record(REPORT);
      String tampered = new String(store.getBytes(e.key()), StandardCharsets.UTF_8).replace("\"gate\"", "\"gate\" ");
      store.putBytes(e.key(), tampered.getBytes(StandardCharsets.UTF_8));
      IntegrityException ex = assertThrows(IntegrityException.class, () -> h.get("gate", 1));
      assertTrue(ex.getMessage().contains(e.key()) && ex.getMessage().contains("changed"), ex.getMessage());
      assertThrows(IntegrityException.class, () -> h.list("gate"));
      assertThrows(IntegrityException.class, () -> h.latest("gate"));
    }
  }

  @Test
  void theBaselineIsTheLastChangeWithWhoWhenAndWhy() {
    try (BlobStore store = MemoryBlobStore.create()) {
      BenchmarkHistory h = BenchmarkHistory.open(store, "bench", GateFixtures.CLOCK);
      assertTrue(h.baseline("gate").isEmpty());
      h.record(REPORT);
      h.record(REPORT);
      h.setBaseline("gate", 1, "first release", "ana");
      h.setBaseline("gate", 2, "faster parser", "ben");
      assertEquals(2, h.baseline("gate").orElseThrow().sequence());
      List<BenchmarkHistory.BaselineRef> history = h.baselineHistory("gate");
      assertEquals(List.of("first release", "faster parser"),
          history.stream().map(BenchmarkHistory.BaselineRef::reason).toList());
      assertEquals("ana", history.get(0).by());
      assertEquals(GateFixtures.CLOCK.instant(), history.get(1).at());
      assertThrows(NotFoundException.class, () -> h.setBaseline("gate", 7, "no such report"));
      assertThrows(ValidationException.class, () -> h.list("../etc"));
    }
  }
}
