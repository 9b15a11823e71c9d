package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.BlobTesting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishers killed with SIGKILL ({@link Process#destroyForcibly()}) half-way: no half version ever shows, the
 * next publisher carries on at once, the file store stays consistent, and gc removes what the dead left behind.
 */
class FileModelStoreCrashTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  /** Further than a lease lives without renewal (the default lock ttl, one minute): its publisher is dead. */
  private static final Duration PAST_LEASE_EXPIRY = Duration.ofMinutes(2);

  @TempDir Path dir;

  private Path root() {
    return dir.resolve("store");
  }

  @Test
  void aPublisherKilledMidUploadLeavesNoVersionAndGcRemovesItsLeftovers() throws IOException {
    FileBlobStore.open(root()).close();
    long size = 200L << 20;
    long pid;
    try (ChildJvm child = ChildJvm.start(ModelStorePublisherMain.class, "big", root().toString(), "m",
        Long.toString(size))) {
      child.expect("started", LIMIT);
      assertEquals(1, files(root().resolve("leases")).size(), "the publish holds a lease while it uploads");
      pid = child.pid();
      child.kill();
    }
    List<Path> partial = files(root().resolve(".mlops/tmp"));
    assertEquals(1, partial.size(), "the upload in progress, as a temp file: " + partial);
    assertTrue(Files.size(partial.get(0)) >= ModelStorePublisherMain.STARTED_AFTER);
    try (FileBlobStore blobs = FileBlobStore.open(root())) {
      ModelStore store = ModelStore.builder(blobs).user("survivor").lockWait(Duration.ZERO).build();
      assertThrows(NotFoundException.class, () -> store.latest("m"));
      assertEquals(List.of(), store.versions("m"));
      assertEquals(List.of(), store.models());
      List<BlobInfo> stored = blobs.list("blobs/").toList();
      assertEquals(1, stored.size(), "only small.bin was uploaded whole: " + stored);
      assertWholeAndNamedByDigest(blobs);
      assertEquals(BlobTesting.sha256("the small file".getBytes(StandardCharsets.UTF_8)),
          stored.get(0).sha256());

      ModelVersion v1 = store.publish("m").file("model.bin", "after the crash".getBytes(StandardCharsets.UTF_8))
          .commit();
      assertEquals(1, v1.version(), "the next publisher carries on at once, with version 1");

      ModelStore now = ModelStore.builder(blobs).user("janitor").gcGrace(Duration.ZERO)
          .lockWait(Duration.ofMillis(300)).build();
      ConflictException waiting = assertThrows(ConflictException.class, now::gc);
      assertTrue(waiting.getMessage().contains("(pid " + pid + ")"),
          "until its lease expires, the dead publisher looks like a slow one: " + waiting.getMessage());

      ModelStore later = ModelStore.builder(blobs).user("janitor").gcGrace(Duration.ZERO).lockWait(Duration.ZERO)
          .clock(Clock.offset(Clock.systemUTC(), PAST_LEASE_EXPIRY)).build();
      GcReport report = later.gc();
      assertEquals(1, report.staleLeasesDeleted(), report.toString());
      assertEquals(1, report.blobsDeleted(), "small.bin of the dead publish: " + report);
      assertEquals(1, report.blobsKept(), report.toString());
      assertEquals(0, blobs.list("leases/").count());
      assertEquals(0, blobs.list("staging/").count());
      assertEquals(liveDigests(store, "m"), storedDigests(blobs), "exactly the blobs live versions reference");
      assertTrue(store.verify("m", 1).isOk());
    }
    FileBlobStore.builder(root()).staleTempAge(Duration.ZERO).open().close();
    assertEquals(List.of(), files(root().resolve(".mlops/tmp")), "reopening removes the dead upload's temp file");
  }

  /**
   * Five publishers in turn, each killed at a random point of a series of small publishes (after a random number
   * of them and a random delay), with one publish by the test in between: after every kill the versions are
   * 1..n without a gap, each readable and intact, and every publish a child reported is there.
   */
  @Test
  void publishersKilledAtRandomPointsNeverLeaveAGapOrABrokenVersion() {
    FileBlobStore.open(root()).close();
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Map<Integer, byte[]> expected = new HashMap<>();
    for (int round = 0; round < 5; round++) {
      String id = "r" + round;
      int waitFor = random.nextInt(4);
      long delay = random.nextInt(40);
      String where = "round " + round + " (seed " + seed + ": killed after " + waitFor + " publishes + " + delay
          + " ms)";
      List<String> reported;
      try (ChildJvm child = ChildJvm.start(ModelStorePublisherMain.class, "series", root().toString(), "m", "1000",
          id)) {
        child.expect("ready", LIMIT);
        for (int i = 0; i < waitFor; i++) {
          child.expect("published ", LIMIT);
        }
        pause(delay);
        child.kill();
        reported = child.printed("published ");
      }
      for (String line : reported) {
        String[] parts = line.split(" ");
        int i = Integer.parseInt(parts[1].substring(id.length() + 1));
        expected.put(Integer.parseInt(parts[2]), ModelStorePublisherMain.payload(id, i));
      }
      try (FileBlobStore blobs = FileBlobStore.open(root())) {
        ModelStore store = ModelStore.builder(blobs).user("survivor").lockWait(Duration.ZERO).build();
        int n = checkGapFreeAndIntact(store, where);
        for (Map.Entry<Integer, byte[]> e : expected.entrySet()) {
          assertTrue(e.getKey() <= n, where + ": reported version " + e.getKey() + " is missing");
          assertArrayEquals(e.getValue(), FileModelStoreMultiProcessTest.read(store, store.get("m", e.getKey())),
              where + ": content of version " + e.getKey());
        }
        byte[] mine = ("the test's publish after " + where).getBytes(StandardCharsets.UTF_8);
        assertEquals(n + 1, store.publish("m").file("model.bin", mine).commit().version(), where);
        expected.put(n + 1, mine);
      }
    }
    try (FileBlobStore blobs = FileBlobStore.open(root())) {
      ModelStore store = ModelStore.open(blobs);
      ModelStore later = ModelStore.builder(blobs).user("janitor").gcGrace(Duration.ZERO).lockWait(Duration.ZERO)
          .clock(Clock.offset(Clock.systemUTC(), PAST_LEASE_EXPIRY)).build();
      later.gc();
      checkGapFreeAndIntact(store, "after gc (seed " + seed + ")");
      assertEquals(0, blobs.list("leases/").count());
      assertEquals(0, blobs.list("staging/").count());
      assertEquals(liveDigests(store, "m"), storedDigests(blobs));
    }
  }

  /** Checks versions are 1..n, each verifying and distinct in content; returns n. */
  private static int checkGapFreeAndIntact(ModelStore store, String where) {
    List<ModelVersion> versions = store.versions("m");
    int n = versions.size();
    assertEquals(IntStream.rangeClosed(1, n).boxed().toList(),
        versions.stream().map(ModelVersion::version).toList(), where + ": versions without a gap");
    for (ModelVersion v : versions) {
      VerifyReport r = store.verify("m", v.version());
      assertTrue(r.isOk(), where + ": " + r);
    }
    assertEquals(n, versions.stream().map(v -> v.files().get(0).sha256()).distinct().count(),
        where + ": each version has its own payload");
    return n;
  }

  private static void assertWholeAndNamedByDigest(FileBlobStore blobs) {
    for (BlobInfo b : blobs.list("blobs/").toList()) {
      try (InputStream in = blobs.get(b.key())) {
        String sha = BlobTesting.sha256(in.readAllBytes());
        assertTrue(b.key().endsWith("/" + sha), "blob " + b.key() + " holds content with digest " + sha);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Set<String> liveDigests(ModelStore store, String model) {
    return store.versions(model).stream().flatMap(v -> v.files().stream()).map(ModelFile::sha256)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> storedDigests(BlobStore blobs) {
    return blobs.list("blobs/").map(b -> b.key().substring(b.key().lastIndexOf('/') + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Path> files(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".mlops")).toList();
    }
  }

  /** A random pause, to vary where the kill lands (not to wait for anything). */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
