package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs publishing to one {@link FileBlobStore} directory at once (see {@link ModelStorePublisherMain}). */
class FileModelStoreMultiProcessTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void publishersInSeveralProcessesGetDistinctGapFreeVersions() throws IOException {
    Path root = dir.resolve("store");
    FileBlobStore.open(root).close();
    Path go = dir.resolve("go");
    int children = 4;
    int perChild = 10;
    List<ChildJvm> started = new ArrayList<>();
    Map<String, Integer> versionOf = new HashMap<>();
    try {
      for (int c = 0; c < children; c++) {
        started.add(ChildJvm.start(ModelStorePublisherMain.class, "publish", root.toString(), "shared",
            Integer.toString(perChild), "p" + c, go.toString()));
      }
      for (ChildJvm child : started) {
        child.expect("ready", LIMIT);
      }
      Files.createFile(go);
      for (ChildJvm child : started) {
        child.expect("done", LIMIT);
        child.awaitSuccess(LIMIT);
        for (String line : child.printed("published ")) {
          String[] parts = line.split(" ");
          assertNull(versionOf.put(parts[1], Integer.parseInt(parts[2])), "publish " + parts[1] + " reported twice");
        }
      }
    } finally {
      started.forEach(ChildJvm::close);
    }
    int n = children * perChild;
    assertEquals(n, versionOf.size(), "every publish of every child reported its version");
    assertEquals(IntStream.rangeClosed(1, n).boxed().toList(), versionOf.values().stream().sorted().toList(),
        "distinct versions 1 to " + n);
    try (FileBlobStore blobs = FileBlobStore.open(root)) {
      ModelStore store = ModelStore.open(blobs);
      assertEquals(IntStream.rangeClosed(1, n).boxed().toList(),
          store.versions("shared").stream().map(ModelVersion::version).toList());
      for (int c = 0; c < children; c++) {
        for (int i = 0; i < perChild; i++) {
          String id = "p" + c;
          ModelVersion v = store.get("shared", versionOf.get(id + "-" + i));
          assertArrayEquals(ModelStorePublisherMain.payload(id, i), read(store, v), "content of " + v.ref());
          assertTrue(store.verify("shared", v.version()).isOk());
        }
      }
      assertEquals(n, blobs.list("blobs/").count(), "one blob per distinct payload");
      assertEquals(0, blobs.list("leases/").count());
      assertEquals(0, blobs.list("staging/").count());
    }
  }

  static byte[] read(ModelStore store, ModelVersion v) {
    try (InputStream in = store.open(v, "model.bin")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
