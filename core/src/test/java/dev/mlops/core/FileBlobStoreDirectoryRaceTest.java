package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.Race;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A put that creates directories while deletes remove the empty directories they leave: the put must create
 * them again instead of failing. (The model store does this all the time: each publish creates and removes
 * {@code staging/LEASE/} and {@code leases/}.)
 */
class FileBlobStoreDirectoryRaceTest {
  @TempDir Path dir;

  @Test
  void putsUnderNewDirectoriesSurviveDeletesRemovingTheirParents() {
    try (FileBlobStore store = FileBlobStore.builder(dir.resolve("store")).dirSync(d -> { }).open();
        Race race = Race.create()) {
      race.run(4, t -> {
        for (int i = 0; i < 300; i++) {
          String key = "staging/" + t + "-" + i + "/0";
          if (i % 2 == 0) {
            store.putBytes(key, new byte[] {1});
          } else {
            assertTrue(store.putIfAbsent(key, new ByteArrayInputStream(new byte[] {2})));
          }
          assertTrue(store.delete(key));
        }
        return null;
      });
      assertEquals(0, store.list("").count());
    }
  }

  @Test
  void deletesOfSiblingsSucceedWhileTheLastOneRemovesTheirParent() {
    try (FileBlobStore store = FileBlobStore.open(dir.resolve("store")); Race race = Race.create()) {
      race.run(4, t -> {
        for (int i = 0; i < 300; i++) {
          String key = "leases/" + t + "-" + i + ".json";
          store.putBytes(key, new byte[] {1});
          assertTrue(store.delete(key), key);
        }
        return null;
      });
      assertEquals(0, store.list("").count());
    }
  }

  @Test
  void aDeleteSucceedsWhenASiblingsDeleteRemovedTheDirectoryItEmptied() throws IOException {
    AtomicBoolean siblingStrikes = new AtomicBoolean();
    FileBlobStore.DirSync sync = d -> {
      if (siblingStrikes.getAndSet(false)) {
        Files.delete(d); // what the delete of a sibling does right then: it finds the directory empty
      }
      FileBlobStore.DirSync.FSYNC.sync(d);
    };
    try (FileBlobStore store = FileBlobStore.builder(dir.resolve("store")).dirSync(sync).open()) {
      store.putBytes("leases/a.json", new byte[] {1});
      // without its sidecar (a cache a crash can lose) the blob's file is all that keeps the directory non-empty
      Files.delete(dir.resolve("store/leases/.mlops.a.json.sha256"));
      siblingStrikes.set(true);
      assertTrue(store.delete("leases/a.json"), "the delete removed the blob, so it reports true");
      assertFalse(store.exists("leases/a.json"));
      assertFalse(Files.exists(dir.resolve("store/leases")));
    }
  }
}
