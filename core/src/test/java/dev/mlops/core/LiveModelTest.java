package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveModelTest {
  /** A model that is just its text, in one file; loading can be slowed down. */
  static final class TextCodec implements ModelCodec<String> {
    volatile long loadMillis;

    @Override
    public String id() {
      return "test-text@1";
    }

    @Override
    public String framework() {
      return "test";
    }

    @Override
    public String frameworkVersion() {
      return "1";
    }

    @Override
    public void write(String model, ModelFileWriter out) throws IOException {
      try (OutputStream o = out.create("model.txt")) {
        o.write(model.getBytes(UTF_8));
      }
    }

    @Override
    public String read(ModelFileReader in) throws IOException {
      try (InputStream i = in.open("model.txt")) {
        String text = new String(i.readAllBytes(), UTF_8);
        if (loadMillis > 0) {
          try {
            Thread.sleep(loadMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return text;
      }
    }
  }

  private final MemoryBlobStore blobs = MemoryBlobStore.create();
  private final ModelStore store = ModelStore.builder(blobs).user("tester").build();
  private final TextCodec codec = new TextCodec();

  @AfterEach
  void close() {
    blobs.close();
  }

  private ModelVersion publish(String text) {
    return store.publish("m", text, codec, ModelMetadata.EMPTY);
  }

  private void corrupt(ModelVersion v) {
    String sha = v.files().get(0).sha256();
    blobs.putBytes("blobs/sha256/" + sha.substring(0, 2) + "/" + sha, "garbage".getBytes(UTF_8));
  }

  @Test
  void servesTheVersionBehindTheAliasAndSwapsWhenItMoves() {
    publish("v1");
    publish("v2");
    store.setAlias("m", "production", 1, "go");
    List<String> swaps = new CopyOnWriteArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    try (LiveModel<String> live = LiveModel.builder(store, "m", "production", codec).manual().clock(clock)
        .listener(new LiveModel.Listener<>() {
          @Override
          public void swapped(ModelVersion from, ModelVersion to) {
            swaps.add(from.ref() + "->" + to.ref());
          }
        }).start()) {
      assertEquals("v1", live.get());
      assertEquals(Instant.parse("2026-11-27T10:00:00Z"), live.current().loadedAt());
      assertFalse(live.refresh());
      store.setAlias("m", "production", 2, "better");
      assertTrue(live.refresh());
      assertEquals("v2", live.get());
      assertEquals(2, live.version().version());
      store.setAlias("m", "production", 1, "rollback");
      assertTrue(live.refresh());
      assertEquals("v1", live.get());
      assertEquals(List.of("m@1->m@2", "m@2->m@1"), swaps);
      assertEquals("m@1", live.status().serving());
    }
  }

  @Test
  void aFailingLoadKeepsTheCurrentModelServing() {
    publish("v1");
    ModelVersion bad = publish("v2");
    publish("v3");
    store.setAlias("m", "production", 1, "go");
    AtomicReference<Exception> reported = new AtomicReference<>();
    try (LiveModel<String> live = LiveModel.builder(store, "m", "production", codec).manual()
        .listener(new LiveModel.Listener<>() {
          @Override
          public void failed(Exception error) {
            reported.set(error);
          }
        }).start()) {
      corrupt(bad);
      store.setAlias("m", "production", 2, "corrupt one");
      IntegrityException e = assertThrows(IntegrityException.class, live::refresh);
      assertEquals(e, reported.get());
      assertEquals("v1", live.get());
      assertEquals(1, live.status().failures());
      assertTrue(live.status().lastError().contains("model.txt"), live.status().lastError());
      assertThrows(IntegrityException.class, live::refresh);
      assertEquals(2, live.status().failures());
      store.setAlias("m", "production", 3, "fixed");
      assertTrue(live.refresh());
      assertEquals("v3", live.get());
      assertNull(live.status().lastError());
      assertTrue(live.lastError().isEmpty());
    }
  }

  @Test
  void aRemovedAliasKeepsTheCurrentModelServing() {
    publish("v1");
    store.setAlias("m", "production", 1, "go");
    try (LiveModel<String> live = LiveModel.builder(store, "m", "production", codec).manual().start()) {
      store.removeAlias("m", "production", "oops");
      NotFoundException e = assertThrows(NotFoundException.class, live::refresh);
      assertTrue(e.getMessage().contains("still serving m@1"), e.getMessage());
      assertEquals("v1", live.get());
    }
  }

  @Test
  void startFailsWhenTheAliasOrTheModelCannotBeLoaded() {
    publish("v1");
    assertThrows(NotFoundException.class, () -> LiveModel.builder(store, "m", "production", codec).manual().start());
    ModelVersion v = publish("v2");
    store.setAlias("m", "production", 2, "go");
    corrupt(v);
    assertThrows(IntegrityException.class, () -> LiveModel.builder(store, "m", "production", codec).manual().start());
  }

  @Test
  void pollsInTheBackgroundAndStopsWhenClosed() throws Exception {
    publish("v1");
    publish("v2");
    publish("v3");
    store.setAlias("m", "production", 1, "go");
    LiveModel<String> live = LiveModel.builder(store, "m", "production", codec).interval(Duration.ofMillis(20)).start();
    try {
      store.setAlias("m", "production", 2, "next");
      awaitServing(live, "v2");
      assertTrue(Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().equals("mlops-live-model-m@production")), "polls on its own named thread");
    } finally {
      live.close();
    }
    store.setAlias("m", "production", 3, "after close");
    Thread.sleep(200);
    assertEquals("v2", live.get());
    assertThrows(IllegalStateException.class, live::refresh);
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("mlops-live-model-m@production")) {
        t.join(5000);
        assertFalse(t.isAlive(), "the polling thread outlived close()");
      }
    }
  }

  @Test
  void readersAlwaysSeeAFullyLoadedModelMatchingItsVersion() throws Exception {
    for (int i = 1; i <= 4; i++) {
      publish("v" + i);
    }
    store.setAlias("m", "production", 1, "go");
    codec.loadMillis = 30;
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> mismatch = new AtomicReference<>();
    try (LiveModel<String> live = LiveModel.builder(store, "m", "production", codec).scheduler(scheduler)
        .interval(Duration.ofMillis(10)).start()) {
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          LiveModel.Loaded<String> c = live.current();
          if (!c.model().equals("v" + c.version().version())) {
            mismatch.set(c.model() + " served as " + c.version().ref());
          }
        }
      });
      reader.start();
      for (int v = 2; v <= 4; v++) {
        store.setAlias("m", "production", v, "next");
        awaitServing(live, "v" + v);
      }
      stop.set(true);
      reader.join();
    } finally {
      scheduler.shutdownNow();
    }
    assertNull(mismatch.get());
  }

  @Test
  void rejectsConflictingOptions() {
    publish("v1");
    store.setAlias("m", "production", 1, "go");
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      assertThrows(ValidationException.class,
          () -> LiveModel.builder(store, "m", "production", codec).manual().scheduler(scheduler));
      assertThrows(ValidationException.class,
          () -> LiveModel.builder(store, "m", "production", codec).interval(Duration.ofMillis(1)));
      assertThrows(ValidationException.class, () -> LiveModel.builder(store, "m", "Prod", codec));
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static void awaitServing(LiveModel<String> live, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!live.get().equals(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("live model still serves " + live.get() + " after 10 s, expected " + expected
            + "; status " + live.status());
      }
      Thread.sleep(5);
    }
  }
}
