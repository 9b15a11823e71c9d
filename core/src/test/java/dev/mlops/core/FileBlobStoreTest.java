package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.BlobStoreContract;
import dev.mlops.core.testing.BlobTesting;
import dev.mlops.core.testing.GeneratedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to {@link FileBlobStore}; the shared behaviour is in {@link FileBlobStoreContractTest}. */
class FileBlobStoreTest {
  @TempDir Path dir;
  Path root;

  @BeforeEach
  void setUp() {
    root = dir.resolve("store");
  }

  private Path tmpDir() {
    return root.resolve(".mlops").resolve("tmp");
  }

  private List<Path> temps() throws IOException {
    try (Stream<Path> s = Files.list(tmpDir())) {
      return s.collect(Collectors.toList());
    }
  }

  // ---- layout --------------------------------------------------------------------------------------------

  @Test
  void laysBlobsOutAsPlainFilesAtTheirKeys() throws IOException {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("models/churn/versions/1.json", "{\"v\":1}".getBytes(UTF_8));
      store.putIfAbsent("data/train.csv", new java.io.ByteArrayInputStream("a,b\n1,2\n".getBytes(UTF_8)));
      assertEquals("{\"v\":1}", Files.readString(root.resolve("models/churn/versions/1.json")));
      assertEquals("a,b\n1,2\n", Files.readString(root.resolve("data/train.csv")));
      assertEquals(root.resolve("data/train.csv"), store.pathOf("data/train.csv"));
      try (Stream<Path> s = Files.list(root)) {
        assertEquals(List.of(".mlops", "data", "models"),
            s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
      }
      String sidecar = Files.readString(root.resolve("models/churn/versions/.mlops.1.json.sha256"));
      assertTrue(sidecar.startsWith("sha256 " + BlobTesting.sha256("{\"v\":1}".getBytes(UTF_8))), sidecar);
      assertEquals(List.of(), temps());
      assertEquals("file:" + root.toAbsolutePath(), store.describe());
    }
  }

  @Test
  void blobsPersistAcrossReopening() {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("k/v", new byte[] {1, 2, 3});
    }
    try (FileBlobStore store = FileBlobStore.open(root)) {
      assertArrayEquals(new byte[] {1, 2, 3}, store.getBytes("k/v"));
    }
  }

  @Test
  void filesAddedByHandAreBlobs() throws IOException {
    Files.createDirectories(root.resolve("hand"));
    Files.writeString(root.resolve("hand/made.txt"), "by hand");
    try (FileBlobStore store = FileBlobStore.open(root)) {
      BlobInfo info = store.list("hand/").findFirst().orElseThrow();
      assertEquals("hand/made.txt", info.key());
      assertEquals(BlobTesting.sha256("by hand".getBytes(UTF_8)), info.sha256());
      assertEquals("by hand", new String(store.getBytes("hand/made.txt"), UTF_8));
    }
  }

  @Test
  void deleteRemovesEmptyParentDirectories() {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("x/y/z", new byte[] {1});
      store.putBytes("x/w", new byte[] {2});
      assertTrue(store.delete("x/y/z"));
      assertFalse(Files.exists(root.resolve("x/y")));
      assertTrue(Files.exists(root.resolve("x/w")));
      assertTrue(store.delete("x/w"));
      assertFalse(Files.exists(root.resolve("x")));
      assertTrue(Files.isDirectory(root));
    }
  }

  @Test
  void cannotHoldAKeyAndKeysUnderIt() {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("a", new byte[] {1});
      ConflictException under = assertThrows(ConflictException.class, () -> store.putBytes("a/b", new byte[] {2}));
      assertTrue(under.getMessage().contains("'a/b'") && under.getMessage().contains("'a' is a blob"),
          under.getMessage());
      store.putBytes("x/y", new byte[] {3});
      ConflictException over = assertThrows(ConflictException.class, () -> store.putBytes("x", new byte[] {4}));
      assertTrue(over.getMessage().contains("'x/'"), over.getMessage());
      assertThrows(ConflictException.class,
          () -> store.putIfAbsent("x", new java.io.ByteArrayInputStream(new byte[] {4})));
      assertArrayEquals(new byte[] {1}, store.getBytes("a"));
      assertThrows(NotFoundException.class, () -> store.get("x"));
      assertEquals(List.of(), temps());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void rejectsASegmentTooLongForAFileName() {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      String key = "a/" + "x".repeat(FileBlobStore.MAX_SEGMENT_BYTES + 1);
      ValidationException e = assertThrows(ValidationException.class, () -> store.putBytes(key, new byte[1]));
      assertTrue(e.getMessage().contains("at most " + FileBlobStore.MAX_SEGMENT_BYTES), e.getMessage());
      store.putBytes("a/" + "x".repeat(FileBlobStore.MAX_SEGMENT_BYTES), new byte[] {7});
    }
  }

  @Test
  void symbolicLinksAreNotBlobs() throws IOException {
    Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("link"), outside);
    try (FileBlobStore store = FileBlobStore.open(root)) {
      assertThrows(NotFoundException.class, () -> store.get("link"));
      assertEquals(java.util.Optional.empty(), store.stat("link"));
      assertEquals(0, store.list("").count());
    }
  }

  // ---- sidecars ------------------------------------------------------------------------------------------

  @Test
  void statReadsTheSidecarInsteadOfTheDataWhileTheFileIsUnchanged() throws IOException {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("s/k", "data".getBytes(UTF_8));
      Path sidecar = root.resolve("s/.mlops.k.sha256");
      String forged = Files.readString(sidecar).replaceFirst("sha256 [0-9a-f]{64}", "sha256 " + "0".repeat(64));
      Files.writeString(sidecar, forged);
      assertEquals("0".repeat(64), store.stat("s/k").orElseThrow().sha256());
    }
  }

  @Test
  void statRecomputesAfterAnEditByHandAndRewritesTheSidecar() throws IOException {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("s/k", "before".getBytes(UTF_8));
      Path data = root.resolve("s/k");
      Files.writeString(data, "after!"); // same size
      Files.setLastModifiedTime(data, FileTime.from(Instant.now().plusSeconds(5)));
      assertEquals(BlobTesting.sha256("after!".getBytes(UTF_8)), store.stat("s/k").orElseThrow().sha256());
      assertTrue(Files.readString(root.resolve("s/.mlops.k.sha256"))
          .contains(BlobTesting.sha256("after!".getBytes(UTF_8))));
    }
  }

  @Test
  void statRecomputesAMissingOrDamagedSidecar() throws IOException {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      BlobInfo put = store.putBytes("s/k", "value".getBytes(UTF_8));
      Path sidecar = root.resolve("s/.mlops.k.sha256");
      Files.delete(sidecar);
      assertEquals(put.sha256(), store.stat("s/k").orElseThrow().sha256());
      assertTrue(Files.exists(sidecar));
      Files.writeString(sidecar, "garbage");
      assertEquals(put.sha256(), store.stat("s/k").orElseThrow().sha256());
      assertEquals(put.sha256(), store.list("s/").findFirst().orElseThrow().sha256());
    }
  }

  // ---- durability ----------------------------------------------------------------------------------------

  @Test
  void putFsyncsTheParentOfEachDirectoryItCreatesUpToTheFirstThatExisted() {
    List<Path> synced = Collections.synchronizedList(new ArrayList<>());
    try (FileBlobStore store = FileBlobStore.builder(root).dirSync(recording(synced)).open()) {
      Path r = store.root();
      store.putBytes("models/old/1.json", new byte[] {1});
      synced.clear();
      store.putBytes("models/new/versions/1.json", new byte[] {2});
      assertEquals(List.of(r.resolve("models"), r.resolve("models/new"), r.resolve("models/new/versions")), synced,
          "each new directory's parent (models, models/new), then the blob's directory after the rename");
      synced.clear();
      store.putBytes("models/new/versions/2.json", new byte[] {3});
      assertEquals(List.of(r.resolve("models/new/versions")), synced, "no new directory: only the rename");
      synced.clear();
      assertTrue(store.putIfAbsent("data/x/y.csv", new java.io.ByteArrayInputStream(new byte[] {4})));
      assertEquals(List.of(r, r.resolve("data"), r.resolve("data/x")), synced);
    }
  }

  @Test
  void openFsyncsTheDirectoriesItCreates() {
    List<Path> synced = Collections.synchronizedList(new ArrayList<>());
    FileBlobStore.builder(root).dirSync(recording(synced)).open().close();
    Path r = root.toAbsolutePath().normalize();
    assertEquals(List.of(r, r.getParent(), r, r.resolve(".mlops")), synced,
        "the root (can it be synced?), then the parents of store/, store/.mlops and store/.mlops/tmp");
    synced.clear();
    FileBlobStore.builder(root).dirSync(recording(synced)).open().close();
    assertEquals(List.of(r), synced, "reopening creates nothing");
  }

  @Test
  void createDirectoriesReturnsTheMissingLevelsOutermostFirst() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    assertEquals(List.of(dir.resolve("a/b"), dir.resolve("a/b/c")), FileBlobIo.createDirectories(dir.resolve("a/b/c")));
    assertTrue(Files.isDirectory(dir.resolve("a/b/c")));
    assertEquals(List.of(), FileBlobIo.createDirectories(dir.resolve("a/b/c")));
    Files.writeString(dir.resolve("a/file"), "x");
    assertThrows(java.nio.file.FileAlreadyExistsException.class,
        () -> FileBlobIo.createDirectories(dir.resolve("a/file/d")));
    assertFalse(Files.exists(dir.resolve("a/file/d")));
  }

  /** Records each directory synced, then really syncs it. */
  private static FileBlobStore.DirSync recording(List<Path> synced) {
    return d -> {
      synced.add(d);
      FileBlobStore.DirSync.FSYNC.sync(d);
    };
  }

  // ---- failures and crashes ------------------------------------------------------------------------------

  @Test
  void aFailedPutLeavesNoTempFile() throws IOException {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("f/k", new byte[] {1});
      assertThrows(StorageException.class, () -> store.put("f/k", BlobStoreContract.failingAfter(200_000)));
      assertThrows(StorageException.class,
          () -> store.putIfAbsent("f/new", BlobStoreContract.failingAfter(200_000)));
      assertEquals(List.of(), temps());
      assertFalse(Files.exists(root.resolve("f/new")));
    }
  }

  @Test
  void openDeletesOnlyTempFilesOlderThanTheGracePeriod() throws IOException {
    FileBlobStore.open(root).close();
    Path old = Files.writeString(tmpDir().resolve("old.tmp"), "left by a crash");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path fresh = Files.writeString(tmpDir().resolve("fresh.tmp"), "being written");
    FileBlobStore.open(root).close();
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh));
  }

  @Test
  void aKilledWriterLeavesThePreviousValueAndOpenCleansItsTempFile() throws Exception {
    try (FileBlobStore store = FileBlobStore.open(root)) {
      store.putBytes("victim", "previous".getBytes(UTF_8));
    }
    Process child = startChild(List.of(), "slow", root.toString(), "victim");
    try (BufferedReader out = reader(child)) {
      assertEquals("started", readLineOrFail(out, child));
      assertEquals(1, temps().size(), "the child's temp file");
      assertTrue(Files.size(temps().get(0)) >= 1 << 20);
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    try (FileBlobStore store = FileBlobStore.open(root)) {
      assertEquals("previous", new String(store.getBytes("victim"), UTF_8));
      assertEquals(List.of("victim"), store.list("").map(BlobInfo::key).collect(Collectors.toList()));
      assertEquals(1, temps().size(), "a fresh temp file is kept: its writer may be alive");
    }
    FileBlobStore.builder(root).staleTempAge(Duration.ZERO).open().close();
    assertEquals(List.of(), temps());
  }

  @Test
  void putIfAbsentHasExactlyOneWinnerAcrossProcesses() throws Exception {
    FileBlobStore.open(root).close();
    Path go = dir.resolve("go");
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    try {
      for (int id = 0; id < 4; id++) {
        Process p = startChild(List.of(), "race", root.toString(), "race/key", Integer.toString(id), go.toString());
        children.add(p);
        outs.add(reader(p));
      }
      for (int id = 0; id < 4; id++) {
        assertEquals("ready", readLineOrFail(outs.get(id), children.get(id)));
      }
      Files.createFile(go);
      int winner = -1;
      for (int id = 0; id < 4; id++) {
        String result = readLineOrFail(outs.get(id), children.get(id));
        assertTrue(result.equals("won") || result.equals("lost"), result);
        if (result.equals("won")) {
          assertEquals(-1, winner, "children " + winner + " and " + id + " both won");
          winner = id;
        }
        assertTrue(children.get(id).waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, children.get(id).exitValue());
      }
      assertTrue(winner >= 0, "no child won");
      try (FileBlobStore store = FileBlobStore.open(root); java.io.InputStream in = store.get("race/key")) {
        BlobTesting.assertSameContent(GeneratedInputStream.of(FileBlobStoreChild.RACE_SIZE, winner), in);
      }
      assertEquals(List.of(), temps());
    } finally {
      for (BufferedReader r : outs) {
        r.close();
      }
      children.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void twoGibibyteBlobRoundTripsThroughA64MbHeap() throws Exception {
    long size = 2L << 30;
    Process child = startChild(List.of("-Xmx64m"), "big", root.toString(), Long.toString(size));
    try (BufferedReader out = reader(child)) {
      String line = readLineOrFail(out, child);
      assertTrue(line.startsWith("ok "), line);
      String sha = line.split(" ")[1];
      assertTrue(child.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, child.exitValue());
      try (FileBlobStore store = FileBlobStore.open(root)) {
        BlobInfo info = store.stat("big/blob.bin").orElseThrow();
        assertEquals(size, info.size());
        assertEquals(sha, info.sha256());
        assertEquals(size, Files.size(root.resolve("big/blob.bin")));
        assertTrue(store.delete("big/blob.bin"));
      }
    } finally {
      child.destroyForcibly();
    }
  }

  // ---- child JVMs ----------------------------------------------------------------------------------------

  private static Process startChild(List<String> jvmArgs, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FileBlobStoreChild.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
  }

  /** The child's next line of output that is not a logging notice; fails with all it printed otherwise. */
  private static String readLineOrFail(BufferedReader out, Process p) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("SLF4J")) {
        continue;
      }
      if (line.equals("ready") || line.equals("started") || line.equals("won") || line.equals("lost")
          || line.startsWith("ok ")) {
        return line;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("child " + p.pid() + " ended without the expected line; it printed:\n" + seen);
  }
}
