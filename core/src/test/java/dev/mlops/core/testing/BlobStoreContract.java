package dev.mlops.core.testing;

import static dev.mlops.core.testing.BlobTesting.assertSameContent;
import static dev.mlops.core.testing.BlobTesting.sha256;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobKeys;
import dev.mlops.core.BlobPage;
import dev.mlops.core.BlobStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} must have. Extend it, implement {@link #newStore()} and run it: it
 * makes no assumption about files, so it runs unchanged against memory, file and S3 stores.
 *
 * <pre>{@code
 * class MyBlobStoreTest extends BlobStoreContract {
 *   protected BlobStore newStore() { return MyBlobStore.connect(...); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #newStore()} and closes it afterwards. It uses only the
 * public API of {@code dev.mlops.core}; see the {@linkplain dev.mlops.core.testing package} for the
 * dependencies a module needs to run it.
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public abstract class BlobStoreContract {
  /** The store under test, fresh and empty for each test. */
  protected BlobStore store;

  /** A new, empty store. Called before each test; the test closes it. */
  protected abstract BlobStore newStore();

  /** The size of the blob in {@link #largeBlobStreamsInAndOut()}; override to test larger or smaller. */
  protected long largeBlobSize() {
    return 64L << 20;
  }

  /** Opens {@link #store} with {@link #newStore()}. */
  @BeforeEach
  protected void openStore() {
    store = newStore();
  }

  /** Closes {@link #store}. */
  @AfterEach
  protected void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] pattern(int size, int seed) {
    byte[] b = new byte[size];
    new java.util.SplittableRandom(seed).nextBytes(b);
    return b;
  }

  // ---- round trips ---------------------------------------------------------------------------------------

  @Test
  void roundTripsEmptyBlob() {
    BlobInfo info = store.putBytes("empty", new byte[0]);
    assertEquals(0, info.size());
    assertEquals(sha256(new byte[0]), info.sha256());
    assertArrayEquals(new byte[0], store.getBytes("empty"));
  }

  @Test
  void roundTripsSmallText() {
    store.putBytes("notes/hello.txt", bytes("hello, blob"));
    assertEquals("hello, blob", new String(store.getBytes("notes/hello.txt"), UTF_8));
  }

  @Test
  void roundTripsEveryByteValue() throws IOException {
    byte[] all = new byte[256 * 4];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    BlobInfo info = store.put("bin/all-bytes", new ByteArrayInputStream(all));
    assertEquals(all.length, info.size());
    assertEquals(sha256(all), info.sha256());
    try (InputStream in = store.get("bin/all-bytes")) {
      assertArrayEquals(all, in.readAllBytes());
    }
  }

  @Test
  void roundTripsUnicodeKeys() {
    String key = "données/é/\u65e5\u672c/\uD83D\uDE00.txt";
    store.putBytes(key, bytes("unicode"));
    assertEquals("unicode", new String(store.getBytes(key), UTF_8));
    assertEquals(List.of(key), keys(store.list("").collect(Collectors.toList())));
  }

  @Test
  void putReturnsSizeSha256AndTime() {
    byte[] data = pattern(10_000, 1);
    Instant before = Instant.now();
    BlobInfo info = store.putBytes("a/b.bin", data);
    assertEquals("a/b.bin", info.key());
    assertEquals(10_000, info.size());
    assertEquals(sha256(data), info.sha256());
    assertCloseToNow(info.lastModified(), before);
  }

  @Test
  void putDoesNotCloseTheInput() {
    GeneratedInputStream in = GeneratedInputStream.of(1000, 3);
    store.put("k", in);
    assertFalse(in.isClosed());
  }

  @Test
  void overwriteReplacesTheValue() {
    store.putBytes("k", bytes("first, and longer"));
    BlobInfo second = store.putBytes("k", bytes("second"));
    assertEquals("second", new String(store.getBytes("k"), UTF_8));
    assertEquals(Optional.of(second.sha256()), store.stat("k").map(BlobInfo::sha256));
    assertEquals(6, store.stat("k").orElseThrow().size());
    assertEquals(1, store.list("").count());
  }

  // ---- stat ----------------------------------------------------------------------------------------------

  @Test
  void statReportsSizeIndependentSha256AndTime() {
    byte[] data = pattern(123_457, 2);
    Instant before = Instant.now();
    store.putBytes("x/y/z", data);
    BlobInfo info = store.stat("x/y/z").orElseThrow();
    assertEquals("x/y/z", info.key());
    assertEquals(data.length, info.size());
    assertEquals(sha256(data), info.sha256());
    assertCloseToNow(info.lastModified(), before);
  }

  @Test
  void existsFollowsPutAndDelete() {
    assertFalse(store.exists("e"));
    store.putBytes("e", bytes("1"));
    assertTrue(store.exists("e"));
    assertTrue(store.delete("e"));
    assertFalse(store.exists("e"));
  }

  private static void assertCloseToNow(Instant t, Instant before) {
    // Generous: a remote server's clock may differ from ours.
    assertTrue(!t.isBefore(before.minus(Duration.ofMinutes(5))) && !t.isAfter(Instant.now().plus(Duration.ofMinutes(5))),
        "lastModified " + t + " should be about now (" + before + ")");
  }

  // ---- missing keys --------------------------------------------------------------------------------------

  @Test
  void getOfMissingKeyThrowsNotFoundNamingKeyAndStore() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> store.get("no/such/key"));
    assertTrue(e.getMessage().contains("no/such/key"), e.getMessage());
    assertTrue(e.getMessage().contains(store.describe()), e.getMessage());
  }

  @Test
  void statOfMissingKeyIsEmpty() {
    assertEquals(Optional.empty(), store.stat("missing"));
  }

  @Test
  void deleteOfMissingKeyReturnsFalse() {
    assertFalse(store.delete("missing"));
  }

  @Test
  void deleteRemovesTheBlobAndReturnsTrueOnce() {
    store.putBytes("d/1", bytes("x"));
    store.putBytes("d/2", bytes("y"));
    assertTrue(store.delete("d/1"));
    assertFalse(store.delete("d/1"));
    assertThrows(NotFoundException.class, () -> store.get("d/1"));
    assertEquals(List.of("d/2"), keys(store.list("d/").collect(Collectors.toList())));
  }

  @Test
  void aKeyCanBeReusedAfterDelete() {
    store.putBytes("r/x", bytes("1"));
    assertTrue(store.delete("r/x"));
    store.putBytes("r", bytes("2"));
    assertEquals("2", new String(store.getBytes("r"), UTF_8));
  }

  // ---- put-if-absent -------------------------------------------------------------------------------------

  @Test
  void putIfAbsentCreatesAMissingKey() {
    assertTrue(store.putIfAbsent("p/1", new ByteArrayInputStream(bytes("one"))));
    assertEquals("one", new String(store.getBytes("p/1"), UTF_8));
    assertEquals(sha256(bytes("one")), store.stat("p/1").orElseThrow().sha256());
  }

  @Test
  void putIfAbsentLeavesAnExistingKeyUnchanged() {
    store.putBytes("p/1", bytes("one"));
    assertFalse(store.putIfAbsent("p/1", new ByteArrayInputStream(bytes("two"))));
    assertEquals("one", new String(store.getBytes("p/1"), UTF_8));
    assertEquals(sha256(bytes("one")), store.stat("p/1").orElseThrow().sha256());
  }

  @Test
  void putIfAbsentRaceHasExactlyOneWinnerWhoseBytesAreStoredInFull() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        byte[] mine = pattern(256 * 1024 + t, 100 + t);
        results.add(pool.submit(() -> {
          start.await();
          return store.putIfAbsent("race/key", new ByteArrayInputStream(mine));
        }));
      }
      start.countDown();
      int winner = -1;
      for (int t = 0; t < threads; t++) {
        if (results.get(t).get(60, TimeUnit.SECONDS)) {
          assertEquals(-1, winner, "threads " + winner + " and " + t + " both won");
          winner = t;
        }
      }
      assertTrue(winner >= 0, "no thread won");
      byte[] expected = pattern(256 * 1024 + winner, 100 + winner);
      assertArrayEquals(expected, store.getBytes("race/key"));
      assertEquals(sha256(expected), store.stat("race/key").orElseThrow().sha256());
      assertEquals(1, store.list("race/").count());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- listing -------------------------------------------------------------------------------------------

  /** Keys chosen so that UTF-8 byte order differs from a per-directory walk and from UTF-16 order. */
  private static final List<String> LISTING_KEYS = List.of("a/b/c", "a.c", "a/bc", "a/b/d", "b", "a/bd/e",
      "ba", "c/x", "a-z", "\uFFFD", "\uD83D\uDE00", "é/x", "z");

  private List<String> putListingKeys() {
    for (String k : LISTING_KEYS) {
      store.putBytes(k, bytes("value of " + k));
    }
    List<String> sorted = new ArrayList<>(LISTING_KEYS);
    sorted.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(UTF_8), y.getBytes(UTF_8)));
    return sorted;
  }

  private static List<String> keys(List<BlobInfo> infos) {
    return infos.stream().map(BlobInfo::key).collect(Collectors.toList());
  }

  private static List<String> withPrefix(List<String> sorted, String prefix) {
    return sorted.stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toList());
  }

  @Test
  void listsEveryKeyInAscendingUtf8ByteOrder() {
    List<String> sorted = putListingKeys();
    BlobPage page = store.list("", null, 1000);
    assertEquals(sorted, keys(page.items()));
    assertNull(page.nextStartAfter());
    assertTrue(page.isLast());
  }

  @Test
  void listItemsCarrySizeAndSha256() {
    putListingKeys();
    for (BlobInfo info : store.list("", null, 1000).items()) {
      byte[] expected = bytes("value of " + info.key());
      assertEquals(expected.length, info.size(), info.key());
      assertEquals(sha256(expected), info.sha256(), info.key());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b/", "a/b", "a", "a/", "b", "c/", "é", "nothing", "a/bd/e", "a/.", "."})
  void listsOnlyKeysStartingWithThePrefix(String prefix) {
    List<String> sorted = putListingKeys();
    assertEquals(withPrefix(sorted, prefix), keys(store.list(prefix, null, 1000).items()), "prefix " + prefix);
    assertEquals(withPrefix(sorted, prefix), keys(store.list(prefix).collect(Collectors.toList())));
  }

  @Test
  void prefixIsNotADirectoryBoundary() {
    putListingKeys();
    assertEquals(List.of("a/b/c", "a/b/d", "a/bc", "a/bd/e"), keys(store.list("a/b", null, 10).items()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 1000})
  void paginatesThroughEveryKeyOnce(int pageSize) {
    List<String> sorted = putListingKeys();
    for (String prefix : List.of("", "a", "a/b")) {
      List<String> seen = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        BlobPage page = store.list(prefix, after, pageSize);
        assertTrue(page.items().size() <= pageSize, "page of " + page.items().size() + " > " + pageSize);
        assertTrue(page.isLast() || !page.items().isEmpty(), "a page before the last is empty");
        seen.addAll(keys(page.items()));
        after = page.nextStartAfter();
        assertTrue(++pages <= sorted.size() + 1, "too many pages");
      } while (after != null);
      assertEquals(withPrefix(sorted, prefix), seen, "prefix '" + prefix + "', page size " + pageSize);
    }
  }

  @Test
  void startAfterSkipsKeysUpToAndIncludingIt() {
    List<String> sorted = putListingKeys();
    for (String after : List.of("a/bc", "a/b", "a/b/cz", "a.c", "", "zz", "\uD83D\uDE00")) {
      List<String> expected = sorted.stream()
          .filter(k -> Arrays.compareUnsigned(k.getBytes(UTF_8), after.getBytes(UTF_8)) > 0)
          .collect(Collectors.toList());
      assertEquals(expected, keys(store.list("", after, 1000).items()), "startAfter " + after);
    }
  }

  @Test
  void listOfAnEmptyStoreIsOneEmptyLastPage() {
    BlobPage page = store.list("", null, 10);
    assertEquals(List.of(), page.items());
    assertTrue(page.isLast());
    assertEquals(0, store.list("").count());
  }

  @Test
  void aFullLastPageHasNoNextPage() {
    store.putBytes("f/1", bytes("1"));
    store.putBytes("f/2", bytes("2"));
    BlobPage page = store.list("f/", null, 2);
    assertEquals(List.of("f/1", "f/2"), keys(page.items()));
    assertNull(page.nextStartAfter());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void rejectsALimitBelowOne(int limit) {
    assertThrows(ValidationException.class, () -> store.list("", null, limit));
  }

  // ---- invalid keys --------------------------------------------------------------------------------------

  /** The invalid keys every operation must reject, each with what is wrong with it. */
  protected static Stream<Arguments> invalidKeys() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("absolute", "/etc/passwd"),
        Arguments.of("empty segment", "a//b"),
        Arguments.of("trailing slash", "a/b/"),
        Arguments.of("dot-dot segment", "a/../b"),
        Arguments.of("dot-dot alone", ".."),
        Arguments.of("leading dot-dot", "../x"),
        Arguments.of("dot segment", "a/./b"),
        Arguments.of("dot alone", "."),
        Arguments.of("backslash", "a\\b"),
        Arguments.of("NUL", "a\u0000b"),
        Arguments.of("newline", "a\nb"),
        Arguments.of("tab", "a\tb"),
        Arguments.of("DEL", "a\u007fb"),
        Arguments.of("C1 control", "a\u0085b"),
        Arguments.of("line separator", "a\u2028b"),
        Arguments.of("unpaired surrogate", "a\uD800b"),
        Arguments.of("over 1024 UTF-8 bytes", "k/" + "é".repeat(512)),
        Arguments.of("reserved segment", ".mlops/tmp/x"),
        Arguments.of("reserved segment, other case", "a/.MLOPS.b.sha256"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidKeys")
  void rejectsInvalidKeysInEveryOperationNamingTheKey(String kind, String key) {
    String shown = BlobKeys.escape(key);
    List<org.junit.jupiter.api.function.Executable> calls = List.of(
        () -> store.put(key, new ByteArrayInputStream(new byte[1])),
        () -> store.putIfAbsent(key, new ByteArrayInputStream(new byte[1])),
        () -> store.get(key),
        () -> store.stat(key),
        () -> store.delete(key),
        () -> store.exists(key),
        () -> store.moveIfAbsent(key, "valid/target"),
        () -> store.moveIfAbsent("valid/source", key));
    for (org.junit.jupiter.api.function.Executable call : calls) {
      ValidationException e = assertThrows(ValidationException.class, call, kind);
      assertTrue(e.getMessage().contains("'" + shown + "'"), e.getMessage());
      assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), "message has a raw control character");
    }
    assertEquals(0, store.list("").count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a", "a//", "a/../", "../", "./x", "a\\", "a\u0001", ".mlops/", "a/.mlops"})
  void rejectsInvalidPrefixes(String prefix) {
    assertThrows(ValidationException.class, () -> store.list(prefix, null, 10));
    assertThrows(ValidationException.class, () -> store.list(prefix));
  }

  // ---- large blobs ---------------------------------------------------------------------------------------

  @Test
  void largeBlobStreamsInAndOut() throws IOException {
    long size = largeBlobSize();
    GeneratedInputStream source = GeneratedInputStream.of(size, 42).digesting();
    BlobInfo info = store.put("large/blob.bin", source);
    String expectedSha = source.sha256();
    assertEquals(size, info.size());
    assertEquals(expectedSha, info.sha256());
    assertEquals(expectedSha, store.stat("large/blob.bin").orElseThrow().sha256());
    try (InputStream in = store.get("large/blob.bin")) {
      assertSameContent(GeneratedInputStream.of(size, 42), in);
    }
  }

  // ---- failed writes -------------------------------------------------------------------------------------

  /** A stream that emits {@code good} bytes, then throws an {@link IOException}, like a broken upload. */
  public static InputStream failingAfter(long good) {
    GeneratedInputStream data = GeneratedInputStream.of(Long.MAX_VALUE, 9);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        long left = good - data.position();
        if (left <= 0) {
          throw new IOException("simulated failure of the input after " + good + " bytes");
        }
        return data.read(b, off, (int) Math.min(len, left));
      }
    };
  }

  @Test
  void aFailedOverwriteLeavesThePreviousValueIntact() {
    BlobInfo before = store.putBytes("w/k", bytes("previous value"));
    StorageException e = assertThrows(StorageException.class, () -> store.put("w/k", failingAfter(300_000)));
    assertTrue(e.getMessage().contains("w/k"), e.getMessage());
    assertEquals("previous value", new String(store.getBytes("w/k"), UTF_8));
    assertEquals(before.sha256(), store.stat("w/k").orElseThrow().sha256());
    assertEquals(List.of("w/k"), keys(store.list("w/").collect(Collectors.toList())));
  }

  @Test
  void aFailedPutOfANewKeyLeavesNothing() {
    assertThrows(StorageException.class, () -> store.put("w/new", failingAfter(300_000)));
    assertThrows(StorageException.class, () -> store.putIfAbsent("w/new2", failingAfter(1000)));
    assertEquals(Optional.empty(), store.stat("w/new"));
    assertEquals(Optional.empty(), store.stat("w/new2"));
    assertEquals(0, store.list("").count());
  }

  // ---- concurrency ---------------------------------------------------------------------------------------

  @Test
  void readersDuringOverwritesSeeTheOldOrTheNewValueInFull() throws Exception {
    byte[] a = pattern(512 * 1024, 11);
    byte[] b = pattern(300 * 1024, 12);
    List<String> valid = List.of(sha256(a), sha256(b));
    store.putBytes("c/k", a);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int reads = 0;
          while (writing.get() || reads < 3) {
            String seen = sha256(store.getBytes("c/k"));
            assertTrue(valid.contains(seen), "a reader saw a mix or a part: " + seen);
            reads++;
          }
          return reads;
        }));
      }
      Future<?> writer = pool.submit(() -> {
        try {
          for (int i = 0; i < 40; i++) {
            store.putBytes("c/k", i % 2 == 0 ? b : a);
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      writer.get(120, TimeUnit.SECONDS);
      for (Future<Integer> r : readers) {
        assertTrue(r.get(120, TimeUnit.SECONDS) >= 3);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentPutsOfDifferentKeysAllLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 20; i++) {
            store.putBytes("many/" + id + "/" + i, bytes(id + ":" + i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(160, store.list("many/").count());
    assertEquals("3:7", new String(store.getBytes("many/3/7"), UTF_8));
  }

  // ---- moveIfAbsent --------------------------------------------------------------------------------------

  @Test
  void moveIfAbsentRenamesTheBlobKeepingItsBytesAndDigest() throws IOException {
    byte[] data = pattern(700_000, 5);
    BlobInfo staged = store.putBytes("staging/x", data);
    assertTrue(store.moveIfAbsent("staging/x", "final/deep/er/x"));
    assertEquals(Optional.empty(), store.stat("staging/x"));
    assertThrows(NotFoundException.class, () -> store.get("staging/x").close());
    BlobInfo moved = store.stat("final/deep/er/x").orElseThrow();
    assertEquals(staged.size(), moved.size());
    assertEquals(staged.sha256(), moved.sha256());
    assertEquals("final/deep/er/x", moved.key());
    assertArrayEquals(data, store.getBytes("final/deep/er/x"));
    assertEquals(List.of("final/deep/er/x"), keys(store.list("", null, 100).items()));
  }

  @Test
  void moveIfAbsentOntoAnExistingKeyChangesNothing() {
    store.putBytes("m/from", bytes("new"));
    store.putBytes("m/to", bytes("old"));
    assertFalse(store.moveIfAbsent("m/from", "m/to"));
    assertEquals("old", new String(store.getBytes("m/to"), UTF_8));
    assertEquals("new", new String(store.getBytes("m/from"), UTF_8));
    assertFalse(store.moveIfAbsent("m/from", "m/from"), "a key onto itself exists already");
    assertEquals("new", new String(store.getBytes("m/from"), UTF_8));
  }

  @Test
  void moveIfAbsentOfAMissingBlobNamesIt() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> store.moveIfAbsent("m/none", "m/to"));
    assertTrue(e.getMessage().contains("m/none"), e.getMessage());
    assertEquals(Optional.empty(), store.stat("m/to"));
  }

  @Test
  void ofManyMovesRacingOntoOneKeyExactlyOneWins() throws Exception {
    int racers = 8;
    for (int i = 0; i < racers; i++) {
      store.putBytes("race/src-" + i, bytes("value " + i));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        int id = i;
        results.add(pool.submit(() -> {
          start.await();
          return store.moveIfAbsent("race/src-" + id, "race/winner");
        }));
      }
      start.countDown();
      int won = -1;
      for (int i = 0; i < racers; i++) {
        if (results.get(i).get(60, TimeUnit.SECONDS)) {
          assertEquals(-1, won, "two moves won");
          won = i;
        }
      }
      assertTrue(won >= 0, "no move won");
      assertEquals("value " + won, new String(store.getBytes("race/winner"), UTF_8));
      for (int i = 0; i < racers; i++) {
        assertEquals(i != won, store.exists("race/src-" + i), "source " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  @Test
  void describesItself() {
    assertNotNull(store.describe());
    assertFalse(store.describe().isBlank());
    assertTrue(store.toString().contains(store.describe()), store.toString());
  }

  @Test
  void aClosedStoreRejectsEveryCall() {
    store.putBytes("k", bytes("v"));
    store.close();
    store.close(); // idempotent
    List<org.junit.jupiter.api.function.Executable> calls = List.of(
        () -> store.putBytes("k", bytes("w")),
        () -> store.putIfAbsent("k2", new ByteArrayInputStream(new byte[1])),
        () -> store.get("k"),
        () -> store.stat("k"),
        () -> store.list("", null, 10),
        () -> store.delete("k"),
        () -> store.moveIfAbsent("k", "k3"));
    for (org.junit.jupiter.api.function.Executable call : calls) {
      IllegalStateException e = assertThrows(IllegalStateException.class, call);
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
  }
}
