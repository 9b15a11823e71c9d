package dev.mlops.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobStore;
import dev.mlops.core.ConflictException;
import dev.mlops.core.GcReport;
import dev.mlops.core.ModelFile;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link ModelStore#gc()} and publishers get along, over any {@link BlobStore}: gc racing publishers never
 * breaks a version, whatever the grace period; gc waits for publishes in flight and publishers for a running
 * gc; the lock of a dead gc and the lease of a dead publisher (both past their expiry) block nobody. The lock
 * and leases are written by hand where a test needs a gc or publisher that is running or dead, as JSON at
 * {@code gc/lock.json} and {@code leases/ID.json} (the store's documented layout). Extend it and implement
 * {@link #newBlobStore()}.
 *
 * <pre>{@code
 * class S3ModelStoreGcTest extends ModelStoreGcContract {
 *   protected BlobStore newBlobStore() { return S3BlobStore.builder()...build(); }
 * }
 * }</pre>
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public abstract class ModelStoreGcContract {
  private static final Duration SHORT_WAIT = Duration.ofMillis(300);

  /** The blob store under the model store, fresh and empty for each test. */
  protected BlobStore blobs;
  /** The model store under test. */
  protected ModelStore store;
  /** Runs the threads of a test. */
  protected Race race;

  /** A new, empty blob store. Called before each test; the test closes it. */
  protected abstract BlobStore newBlobStore();

  /** Opens {@link #store} over a new blob store. */
  @BeforeEach
  protected void openStore() {
    blobs = newBlobStore();
    store = ModelStore.builder(blobs).user("tester").build();
    race = Race.create();
  }

  /** Stops the threads and closes the blob store. */
  @AfterEach
  protected void closeStore() {
    race.close();
    blobs.close();
  }

  /** Another store over the same blobs, as another user. */
  protected ModelStore.Builder another(String user) {
    return ModelStore.builder(blobs).user(user);
  }

  private static byte[] payload(String text) {
    return text.getBytes(UTF_8);
  }

  private void assertNothingInFlight() {
    assertEquals(List.of(), blobs.list("staging/").map(BlobInfo::key).toList(), "staging left behind");
    assertEquals(List.of(), blobs.list("leases/").map(BlobInfo::key).toList(), "leases left behind");
    assertFalse(blobs.exists("gc/lock.json"), "gc lock left behind");
  }

  /**
   * gc, with no grace period, runs in a loop from another store instance while publishers publish content
   * that is already stored as blobs no live version references (left by deleted versions), delete their
   * previous version (leaving more such blobs) and republish it. Whatever the interleaving, no version a
   * publish returned may lose a file.
   */
  @Test
  void gcRacingPublishersNeverBreaksAVersion() {
    int threads = 4;
    int rounds = 12;
    Map<String, byte[]> contents = new HashMap<>();
    for (int t = 0; t < threads; t++) {
      for (int k = 0; k < 3; k++) {
        byte[] b = generated(16 << 10, t * 10L + k);
        contents.put(t + "-" + k, b);
        ModelVersion v = store.publish("m" + t).file("model.bin", b).commit();
        store.delete("m" + t, v.version(), "leaves an unreferenced blob");
      }
    }
    ModelStore janitor = another("janitor").gcGrace(Duration.ZERO).lockWait(Duration.ofSeconds(30)).build();
    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicInteger published = new AtomicInteger();
    List<GcReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    Future<Void> gcLoop = race.start(x -> {
      while (publishing.get()) {
        int before = published.get();
        reports.add(janitor.gc());
        // a gc back to back would keep the lock nearly all the time and starve the publishers, who poll for it
        Race.poll(() -> published.get() > before || !publishing.get(), Race.TIMEOUT, "a publish after gc");
      }
      return null;
    });
    List<List<String>> problems;
    try {
      problems = race.run(threads, t -> {
        List<String> found = new ArrayList<>();
        ModelVersion previous = null;
        // at least `rounds` publishes, and on until gc has run a few times (a fast store outruns it), bounded
        for (int i = 0; i < rounds || (reports.size() < threads && i < 50 * rounds); i++) {
          byte[] b = contents.get(t + "-" + i % 3);
          ModelVersion v = store.publish("m" + t).file("model.bin", b).commit();
          published.incrementAndGet();
          if (previous != null) {
            found.addAll(store.verify("m" + t, previous.version()).problems());
            store.delete("m" + t, previous.version(), "superseded");
          }
          previous = v;
        }
        return found;
      });
    } finally {
      publishing.set(false);
    }
    Race.await(gcLoop, "the gc loop");
    assertEquals(List.of(), problems.stream().flatMap(List::stream).toList(), "versions broken by gc");
    assertTrue(reports.size() >= threads, "gc ran only " + reports.size() + " times while publishers ran");
    janitor.gc();
    Set<String> live = new TreeSet<>();
    for (int t = 0; t < threads; t++) {
      for (ModelVersion v : store.versions("m" + t)) {
        VerifyReport r = store.verify("m" + t, v.version());
        assertTrue(r.isOk(), r.toString());
        v.files().stream().map(ModelFile::sha256).forEach(live::add);
      }
      assertEquals(1, store.versions("m" + t).size());
    }
    assertEquals(live, blobs.list("blobs/").map(b -> b.key().substring(b.key().lastIndexOf('/') + 1))
        .collect(Collectors.toCollection(TreeSet::new)), "after gc the store holds exactly the live blobs");
    assertNothingInFlight();
  }

  private static byte[] generated(int size, long seed) {
    try (InputStream in = GeneratedInputStream.of(size, seed)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void gcWaitsForAPublishInFlight() {
    GatedInputStream gate = GatedInputStream.of(1 << 20, 64 << 10);
    Future<ModelVersion> publish = race.start(x -> store.publish("m").file("model.bin", gate).commit());
    gate.awaitStarted();
    ModelStore impatient = another("janitor").gcGrace(Duration.ZERO).lockWait(SHORT_WAIT).build();
    ConflictException e = assertThrows(ConflictException.class, impatient::gc);
    assertTrue(e.getMessage().contains("1 publish(es) in flight") && e.getMessage().contains("'m' by tester"),
        e.getMessage());
    assertFalse(blobs.exists("gc/lock.json"), "a gc that gave up releases its lock");
    gate.open();
    ModelVersion v = Race.await(publish, "the publish");
    GcReport report = impatient.gc();
    assertEquals(1, report.blobsKept());
    assertEquals(0, report.staleLeasesDeleted());
    assertTrue(store.verify("m", v.version()).isOk());
    assertNothingInFlight();
  }

  @Test
  void aPublishWhoseLeaseWasTakenAwayFailsWithoutAVersion() {
    GatedInputStream gate = GatedInputStream.of(1 << 20, 64 << 10);
    Future<ModelVersion> publish = race.start(x -> store.publish("m").file("model.bin", gate).commit());
    gate.awaitStarted();
    List<String> leases = blobs.list("leases/").map(BlobInfo::key).toList();
    assertEquals(1, leases.size(), leases.toString());
    blobs.delete(leases.get(0)); // what a gc does to the lease of a publisher it takes for dead
    gate.open();
    Throwable failure = assertThrows(AssertionError.class, () -> Race.await(publish, "the publish")).getCause();
    assertTrue(failure instanceof ConflictException && failure.getMessage().contains("lost its lease"),
        String.valueOf(failure));
    assertThrows(NotFoundException.class, () -> store.latest("m"));
    assertNothingInFlight();
  }

  @Test
  void aPublisherWaitsForARunningGc() throws Exception {
    Instant now = Instant.now();
    blobs.putBytes("gc/lock.json", gcLock(now, now.plus(Duration.ofMinutes(10))));
    ModelStore impatient = another("tester").lockWait(SHORT_WAIT).build();
    ConflictException e = assertThrows(ConflictException.class,
        () -> impatient.publish("m").file("model.bin", payload("x")).commit());
    assertTrue(e.getMessage().contains("a gc started at " + now) && e.getMessage().contains("by janitor (pid 4242)")
        && e.getMessage().contains("still running"), e.getMessage());
    assertEquals(0, blobs.list("leases/").count(), "a publisher that gave up leaves no lease");
    Future<ModelVersion> patient = race.start(x -> store.publish("m").file("model.bin", payload("x")).commit());
    assertThrows(TimeoutException.class, () -> patient.get(SHORT_WAIT.toMillis(), TimeUnit.MILLISECONDS),
        "a publish does not start while a gc runs");
    assertThrows(NotFoundException.class, () -> store.latest("m"));
    assertEquals(0, blobs.list("leases/").count(), "a waiting publisher holds no lease");
    blobs.delete("gc/lock.json");
    assertEquals(1, Race.await(patient, "the publish after gc").version());
    assertNothingInFlight();
  }

  @Test
  void aStaleGcLockDoesNotBlock() {
    Instant past = Instant.now().minus(Duration.ofMinutes(5));
    blobs.putBytes("gc/lock.json", gcLock(past, past.plus(Duration.ofMinutes(1))));
    ModelStore hasty = another("tester").lockWait(Duration.ZERO).build();
    assertEquals(1, hasty.publish("m").file("model.bin", payload("x")).commit().version());
    blobs.putBytes("gc/lock.json", gcLock(past, past.plus(Duration.ofMinutes(1))));
    assertEquals(1, hasty.gc().blobsKept(), "a gc takes over the lock of a gc that died");
    assertNothingInFlight();
  }

  @Test
  void aDeadPublishersLeaseDoesNotBlockGcAndIsRemoved() {
    store.publish("m").file("model.bin", payload("x")).commit();
    Instant past = Instant.now().minus(Duration.ofHours(2));
    blobs.putBytes("leases/dead.json", lease("dead", past, past.plus(Duration.ofMinutes(1))));
    ModelStore hasty = another("janitor").lockWait(Duration.ZERO).build();
    GcReport r = hasty.gc();
    assertEquals(1, r.staleLeasesDeleted());
    assertEquals(1, r.blobsKept());
    assertNothingInFlight();
  }

  @Test
  void aLiveLeaseBlocksGcWhateverTheGracePeriod() {
    Instant now = Instant.now();
    blobs.putBytes("leases/alive.json", lease("alive", now.minus(Duration.ofHours(2)), now.plus(Duration.ofMinutes(5))));
    ModelStore eager = another("janitor").gcGrace(Duration.ZERO).lockWait(SHORT_WAIT).build();
    ConflictException e = assertThrows(ConflictException.class, eager::gc);
    assertTrue(e.getMessage().contains("'m' by ghost (pid 4242)"), e.getMessage());
    assertTrue(blobs.exists("leases/alive.json"));
  }

  private static byte[] gcLock(Instant started, Instant expires) {
    return ("{\"by\":\"janitor\",\"expiresAt\":\"" + expires + "\",\"id\":\"test-lock\",\"process\":\"pid 4242\","
        + "\"startedAt\":\"" + started + "\"}").getBytes(UTF_8);
  }

  private static byte[] lease(String id, Instant created, Instant expires) {
    return ("{\"by\":\"ghost\",\"createdAt\":\"" + created + "\",\"expiresAt\":\"" + expires + "\",\"id\":\"" + id
        + "\",\"model\":\"m\",\"process\":\"pid 4242\"}").getBytes(UTF_8);
  }
}
