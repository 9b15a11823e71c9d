package dev.mlops.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.AliasChange;
import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobStore;
import dev.mlops.core.Json;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a {@link ModelStore} behaves under concurrency, over any {@link BlobStore}: many threads publishing,
 * publishing the same bytes, moving and removing aliases and updating tags at once. Extend it and implement
 * {@link #newBlobStore()}. gc racing publishers is in {@link ModelStoreGcContract}; publishers in other processes,
 * and killed ones, are tested on the file store by {@code FileModelStoreMultiProcessTest} and
 * {@code FileModelStoreCrashTest}.
 *
 * <pre>{@code
 * class S3ModelStoreConcurrencyTest extends ModelStoreConcurrencyContract {
 *   protected BlobStore newBlobStore() { return S3BlobStore.builder()...build(); }
 * }
 * }</pre>
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public abstract class ModelStoreConcurrencyContract {
  private static final int THREADS = 8;

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

  private byte[] read(ModelVersion v) {
    try (InputStream in = store.open(v, "model.bin")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Integer> versionNumbers(String model) {
    return store.versions(model).stream().map(ModelVersion::version).toList();
  }

  private static List<Integer> oneTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  private void assertNothingInFlight() {
    assertEquals(List.of(), blobs.list("staging/").map(BlobInfo::key).toList(), "staging left behind");
    assertEquals(List.of(), blobs.list("leases/").map(BlobInfo::key).toList(), "leases left behind");
    assertFalse(blobs.exists("gc/lock.json"), "gc lock left behind");
  }

  // ---- threads publishing ------------------------------------------------------------------------------

  @Test
  void concurrentPublishersGetDistinctGapFreeVersions() {
    int perThread = 10;
    List<Map<String, Integer>> made = race.run(THREADS, t -> {
      Map<String, Integer> mine = new HashMap<>();
      for (int i = 0; i < perThread; i++) {
        String p = "payload " + t + "-" + i;
        mine.put(p, store.publish("m").file("model.bin", payload(p)).commit().version());
      }
      return mine;
    });
    int n = THREADS * perThread;
    Map<String, Integer> versionOf = new HashMap<>();
    made.forEach(versionOf::putAll);
    assertEquals(n, versionOf.size(), "every publish has its own payload");
    assertEquals(new TreeSet<>(oneTo(n)), new TreeSet<>(versionOf.values()), "versions handed out");
    assertEquals(oneTo(n), versionNumbers("m"), "versions in the store");
    Map<Integer, String> payloadOf = new HashMap<>();
    for (ModelVersion v : store.versions("m")) {
      payloadOf.put(v.version(), new String(read(v), UTF_8));
    }
    versionOf.forEach((p, v) -> assertEquals(p, payloadOf.get(v), "content of version " + v));
    assertEquals(n, new HashSet<>(payloadOf.values()).size(), "payload to version is a bijection");
    assertEquals(n, store.latest("m").version());
    assertEquals(n, blobs.list("blobs/").count());
    assertNothingInFlight();
  }

  @Test
  void concurrentPublishesOfTheSameBytesStoreOneBlob() {
    byte[] same = payload("the same weights, published by everyone");
    List<List<ModelVersion>> made = race.run(THREADS, t -> {
      List<ModelVersion> mine = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        mine.add(store.publish(t % 2 == 0 ? "a" : "b").file("model.bin", same).commit());
      }
      return mine;
    });
    assertEquals(1, made.stream().flatMap(List::stream).map(v -> v.files().get(0).sha256()).distinct().count());
    assertEquals(List.of(BlobTesting.sha256(same)), blobs.list("blobs/")
        .map(b -> b.key().substring(b.key().lastIndexOf('/') + 1)).toList(), "one blob, named by its digest");
    assertEquals(oneTo(THREADS / 2 * 3), versionNumbers("a"));
    assertEquals(oneTo(THREADS / 2 * 3), versionNumbers("b"));
    assertArrayEquals(same, read(store.latest("b")));
    assertNothingInFlight();
  }

  // ---- aliases and tags --------------------------------------------------------------------------------

  @Test
  void concurrentAliasMovesFormAGapFreeChain() {
    for (int v = 1; v <= 5; v++) {
      store.publish("m").file("model.bin", payload("v" + v)).commit();
    }
    int perThread = 10;
    List<List<AliasChange>> made = race.run(THREADS, t -> {
      List<AliasChange> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(store.setAlias("m", "production", (t * 7 + i) % 5 + 1, "move " + t + "-" + i));
      }
      return mine;
    });
    List<AliasChange> history = store.aliasHistory("m", "production");
    int n = THREADS * perThread;
    assertEquals(n, history.size(), "every move is recorded once");
    assertEquals(IntStream.rangeClosed(1, n).asLongStream().boxed().toList(),
        history.stream().map(AliasChange::sequence).toList());
    assertNull(history.get(0).from(), "the first move creates the alias");
    for (int i = 1; i < n; i++) {
      assertEquals(history.get(i - 1).to(), history.get(i).from(), "move " + (i + 1) + " starts where the one "
          + "before ended: " + history.get(i - 1) + " then " + history.get(i));
    }
    for (AliasChange c : made.stream().flatMap(List::stream).toList()) {
      assertEquals(c, history.get((int) c.sequence() - 1), "the move as returned is the move as recorded");
    }
    assertEquals(history.get(n - 1).to(), store.aliasTarget("m", "production").orElseThrow());
    assertEquals(history.get(n - 1).to(), store.byAlias("m", "production").version());
  }

  @Test
  void concurrentRemovalsOfAnAliasRecordOneRemoval() {
    store.publish("m").file("model.bin", payload("v1")).commit();
    store.setAlias("m", "staging", 1, "try");
    List<String> outcomes = race.run(THREADS, t -> {
      try {
        store.removeAlias("m", "staging", "done " + t);
        return "removed";
      } catch (NotFoundException e) {
        assertTrue(e.getMessage().contains("no alias 'staging'"), e.getMessage());
        return "not found";
      }
    });
    assertEquals(1, outcomes.stream().filter("removed"::equals).count(), outcomes.toString());
    List<AliasChange> history = store.aliasHistory("m", "staging");
    assertEquals(2, history.size(), history.toString());
    assertEquals(1, history.get(1).from());
    assertNull(history.get(1).to());
    assertEquals(Map.of(), store.aliases("m"));
  }

  /**
   * Tag updates are deltas (set these, remove those). Nothing is lost when many writers update at once: every
   * update is recorded, in one gap-free annotation log, and each is applied to the tags the update before it
   * left, so the current tags are all the updates applied in log order; for a tag several writers set, the
   * one recorded last wins. The log is read from the store's documented layout,
   * {@code models/NAME/annotations/VERSION/REV.json}.
   */
  @Test
  void concurrentTagUpdatesLoseNothing() {
    store.publish("m").file("model.bin", payload("v1"))
        .metadata(dev.mlops.core.ModelMetadata.builder().tag("base", "kept").tag("doomed", "x").build()).commit();
    int perThread = 5;
    race.run(THREADS, t -> {
      ModelStore mine = another("writer-" + t).build();
      for (int i = 0; i < perThread; i++) {
        ModelVersion after = mine.updateTags("m", 1, Map.of("t" + t, "" + i, "last", t + "-" + i),
            i == 0 ? Set.of("doomed") : Set.of());
        assertEquals("" + i, after.tags().get("t" + t), "returned tags include the update itself");
      }
      return null;
    });
    List<Map<String, String>> log = annotationLog("m", 1);
    int n = THREADS * perThread;
    assertEquals(n, log.size(), "every update is recorded");
    Map<String, String> expected = new TreeMap<>(Map.of("base", "kept", "doomed", "x"));
    Map<Integer, Integer> nextOfThread = new HashMap<>();
    for (Map<String, String> entry : log) {
      String[] last = entry.get("last").split("-");
      int t = Integer.parseInt(last[0]);
      int i = Integer.parseInt(last[1]);
      assertEquals(nextOfThread.getOrDefault(t, 0), i, "writer " + t + "'s updates in its order");
      nextOfThread.put(t, i + 1);
      assertEquals("writer-" + t, entry.get("@by"));
      expected.put("t" + t, "" + i);
      expected.put("last", t + "-" + i);
      if (i == 0) {
        expected.remove("doomed");
      }
      Map<String, String> tags = new TreeMap<>(entry);
      tags.remove("@by");
      assertEquals(expected, tags, "update " + t + "-" + i + " applied to the tags before it, losing none");
    }
    assertEquals(expected, store.get("m", 1).tags());
    for (int t = 0; t < THREADS; t++) {
      assertEquals("" + (perThread - 1), store.get("m", 1).tags().get("t" + t));
    }
  }

  /** The tags of each annotation of a version, in log order, plus who wrote it under "@by". */
  private List<Map<String, String>> annotationLog(String model, int version) {
    String prefix = "models/" + model + "/annotations/" + version + "/";
    List<Long> revs = blobs.list(prefix).map(b -> b.key().substring(prefix.length()))
        .filter(k -> k.matches("[0-9]+\\.json")).map(k -> Long.parseLong(k.substring(0, k.length() - 5)))
        .sorted().toList();
    assertEquals(oneToLong(revs.size()), revs, "annotation log of " + model + "@" + version + " is gap-free");
    List<Map<String, String>> out = new ArrayList<>();
    for (long rev : revs) {
      JsonNode node;
      try {
        node = Json.reader().readTree(blobs.getBytes(prefix + rev + ".json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> tags = new TreeMap<>();
      node.get("tags").properties().forEach(f -> tags.put(f.getKey(), f.getValue().asText()));
      tags.put("@by", node.get("by").asText());
      out.add(tags);
    }
    return out;
  }

  private static List<Long> oneToLong(int n) {
    return IntStream.rangeClosed(1, n).asLongStream().boxed().toList();
  }
}
