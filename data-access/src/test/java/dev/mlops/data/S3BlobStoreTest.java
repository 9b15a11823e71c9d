package dev.mlops.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.testing.BlobTesting;
import dev.mlops.core.testing.GeneratedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What {@link S3BlobStore} does beyond the {@link dev.mlops.core.testing.BlobStoreContract}: multipart uploads and
 * server-side moves of blobs larger than a part, the S3 answers to conditional writes (412, 409, 501, injected by
 * {@link S3TestBackend} where s3proxy would not send them), objects written by other tools, read verification,
 * and the client settings. Against {@link S3TestServer}, with a fresh bucket per test.
 */
class S3BlobStoreTest {
  private static final int PART = 5 << 20;

  private final S3TestServer server = S3TestServer.shared();
  private String bucket;
  private S3BlobStore store;

  @BeforeEach
  void openStore() {
    bucket = server.newBucket();
    store = server.store(bucket).prefix("p").partSize(PART).concurrency(2).open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Every object in the bucket, as the server has it. */
  private List<String> objects() {
    return server.admin().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
  }

  private void putObject(String objectKey, String content, Map<String, String> metadata) {
    server.admin().putObject(b -> b.bucket(bucket).key(objectKey).metadata(metadata), RequestBody.fromString(content));
  }

  private S3TestBackend.Fault fault(int status, String code) {
    return new S3TestBackend.Fault(status, code);
  }

  // ---- multipart ---------------------------------------------------------------------------------------------

  @Test
  void uploadsABlobLargerThanThePartSizeInPartsAndRecordsItsDigest() throws IOException {
    long size = 3L * PART + 12_345;
    GeneratedInputStream source = GeneratedInputStream.of(size, 7).digesting();
    BlobInfo info = store.put("big/blob.bin", source);
    String sha = source.sha256();
    assertEquals(size, info.size());
    assertEquals(sha, info.sha256());
    assertEquals(Optional.of(sha), store.stat("big/blob.bin").map(BlobInfo::sha256));
    assertEquals(sha, server.admin().headObject(b -> b.bucket(bucket).key("p/big/blob.bin")).metadata().get("sha256"),
        "x-amz-meta-sha256");
    try (InputStream in = store.get("big/blob.bin")) {
      BlobTesting.assertSameContent(GeneratedInputStream.of(size, 7), in);
    }
    assertEquals(List.of("p/big/blob.bin"), objects(), "no staging object left");
    assertEquals(List.of(), server.admin().listMultipartUploads(b -> b.bucket(bucket)).uploads(), "no upload left");
  }

  @ParameterizedTest
  @ValueSource(longs = {PART - 1, PART, PART + 1, 2L * PART})
  void roundTripsBlobsAroundThePartSize(long size) throws IOException {
    GeneratedInputStream source = GeneratedInputStream.of(size, size).digesting();
    assertTrue(store.putIfAbsent("edge", source));
    assertEquals(source.sha256(), store.stat("edge").orElseThrow().sha256());
    try (InputStream in = store.get("edge")) {
      BlobTesting.assertSameContent(GeneratedInputStream.of(size, size), in);
    }
    assertEquals(List.of("p/edge"), objects());
  }

  @Test
  void aFailedLargeUploadAbortsAndLeavesNothing() {
    store.putBytes("keep", "previous".getBytes(UTF_8));
    StorageException e = assertThrows(StorageException.class,
        () -> store.put("keep", dev.mlops.core.testing.BlobStoreContract.failingAfter(3L * PART + 7)));
    assertTrue(e.getMessage().contains("'keep'"), e.getMessage());
    assertEquals("previous", new String(store.getBytes("keep"), UTF_8));
    assertEquals(List.of("p/keep"), objects());
    assertEquals(List.of(), server.admin().listMultipartUploads(b -> b.bucket(bucket)).uploads());
  }

  @Test
  void closingAStreamEarlyReleasesItsConnection() throws IOException {
    store.put("big", GeneratedInputStream.of(3L * PART, 3));
    for (int i = 0; i < 60; i++) { // more than the client's 50 connections, which a leak would exhaust
      try (InputStream in = store.get("big")) {
        assertEquals(10, in.readNBytes(10).length);
      }
    }
    store.putBytes("s", "small".getBytes(UTF_8));
    assertArrayEquals("small".getBytes(UTF_8), store.getBytes("s"));
  }

  // ---- conditional writes ------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {1000, 2 * PART})
  void aPreconditionFailedAnswerMeansTheKeyExists(int size) {
    // the key does not exist: the server's 412 alone must make putIfAbsent return false
    server.backend().failConditionalWrites(bucket, "p/k", fault(412, "PreconditionFailed"), 1);
    assertFalse(store.putIfAbsent("k", GeneratedInputStream.of(size, 1)));
    assertEquals(Optional.empty(), store.stat("k"));
    assertEquals(List.of(), objects(), "no staging object left");
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 2 * PART})
  void anExistingKeyAnswers412AndKeepsItsValue(int size) {
    store.putBytes("k", "first".getBytes(UTF_8));
    int before = server.backend().conditionalWrites();
    assertFalse(store.putIfAbsent("k", GeneratedInputStream.of(size, 1)));
    assertEquals("first", new String(store.getBytes("k"), UTF_8));
    if (size < PART) {
      assertEquals(before + 1, server.backend().conditionalWrites(), "the PutObject carried If-None-Match");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 2 * PART})
  void aConditionalRequestConflictIsRetried(int size) {
    server.backend().failConditionalWrites(bucket, "p/k", fault(409, "ConditionalRequestConflict"), 2);
    int before = server.backend().conditionalWrites();
    GeneratedInputStream source = GeneratedInputStream.of(size, 5).digesting();
    assertTrue(store.putIfAbsent("k", source));
    assertEquals(before + 3, server.backend().conditionalWrites(), "two conflicts, then the write");
    assertEquals(source.sha256(), store.stat("k").orElseThrow().sha256());
    assertEquals(List.of("p/k"), objects());
  }

  @Test
  void conflictsThatDoNotStopFailNamingTheKey() {
    server.backend().failConditionalWrites(bucket, "p/k", fault(409, "ConditionalRequestConflict"), 100);
    StorageException e = assertThrows(StorageException.class,
        () -> store.putIfAbsent("k", new ByteArrayInputStream(new byte[10])));
    assertTrue(e.getMessage().contains("'k'") && e.getMessage().contains("409"), e.getMessage());
    assertEquals(Optional.empty(), store.stat("k"));
  }

  @Test
  void aServerWithoutConditionalWritesFailsSayingWhatIsNeeded() {
    server.backend().failConditionalWrites(bucket, "p/k", fault(501, "NotImplemented"), 1);
    StorageException e = assertThrows(StorageException.class,
        () -> store.putIfAbsent("k", new ByteArrayInputStream(new byte[10])));
    assertTrue(e.getMessage().contains("If-None-Match"), e.getMessage());
  }

  // ---- moves -------------------------------------------------------------------------------------------------

  @Test
  void movesALargeBlobOnTheServerWithAConditionalCompletion() throws IOException {
    long size = 2L * PART + 99;
    BlobInfo staged = store.put("staging/x", GeneratedInputStream.of(size, 11));
    int before = server.backend().conditionalWrites();
    assertTrue(store.moveIfAbsent("staging/x", "blobs/x"));
    assertEquals(before + 1, server.backend().conditionalWrites(), "one CompleteMultipartUpload with If-None-Match");
    assertEquals(Optional.empty(), store.stat("staging/x"));
    BlobInfo moved = store.stat("blobs/x").orElseThrow();
    assertEquals(staged.sha256(), moved.sha256());
    assertEquals(size, moved.size());
    try (InputStream in = store.get("blobs/x")) {
      BlobTesting.assertSameContent(GeneratedInputStream.of(size, 11), in);
    }
    assertEquals(List.of("p/blobs/x"), objects());
  }

  @Test
  void aLargeMoveOntoAKeyThatAppearsMeanwhileChangesNothing() {
    store.put("staging/x", GeneratedInputStream.of(2L * PART, 12));
    server.backend().failConditionalWrites(bucket, "p/blobs/x", fault(412, "PreconditionFailed"), 1);
    assertFalse(store.moveIfAbsent("staging/x", "blobs/x"));
    assertTrue(store.exists("staging/x"));
    assertFalse(store.exists("blobs/x"));
    assertEquals(List.of(), server.admin().listMultipartUploads(b -> b.bucket(bucket)).uploads());
  }

  @Test
  void aMoveWhoseSourceChangesMeanwhileStartsOver() {
    store.putBytes("from", "v".getBytes(UTF_8));
    server.backend().failConditionalReads(bucket, "p/from", fault(412, "PreconditionFailed"), 2);
    assertTrue(store.moveIfAbsent("from", "to"));
    assertEquals("v", new String(store.getBytes("to"), UTF_8));
    assertFalse(store.exists("from"));
  }

  @Test
  void aMoveWhoseSourceKeepsChangingGivesUpMovingNothing() {
    store.putBytes("from", "v".getBytes(UTF_8));
    server.backend().failConditionalReads(bucket, "p/from", fault(412, "PreconditionFailed"), 100);
    StorageException e = assertThrows(StorageException.class, () -> store.moveIfAbsent("from", "to"));
    assertTrue(e.getMessage().contains("'from'") && e.getMessage().contains("nothing was moved"), e.getMessage());
    assertTrue(store.exists("from"));
    assertFalse(store.exists("to"));
  }

  @Test
  void movesAnEmptyBlob() {
    store.putBytes("e", new byte[0]);
    assertTrue(store.moveIfAbsent("e", "f"));
    assertArrayEquals(new byte[0], store.getBytes("f"));
    assertFalse(store.exists("e"));
  }

  // ---- objects other tools wrote, read verification ----------------------------------------------------------

  @Test
  void objectsThatAreNotBlobsAreNeverListed() {
    for (String k : List.of("p/folder/", "p/.mlops/tmp/abc", "p/a\\b", "p/.MLOPS.x/y")) {
      putObject(k, "not a blob", Map.of());
    }
    store.putBytes("folder/real", "real".getBytes(UTF_8));
    assertEquals(List.of("folder/real"), store.list("").map(BlobInfo::key).toList());
    assertEquals(List.of("folder/real"), store.list("", null, 1).items().stream().map(BlobInfo::key).toList());
  }

  @Test
  void anObjectWithoutARecordedDigestIsHashedWhenStatted() {
    putObject("p/foreign.txt", "written by another tool", Map.of());
    String sha = BlobTesting.sha256("written by another tool".getBytes(UTF_8));
    assertEquals(sha, store.stat("foreign.txt").orElseThrow().sha256());
    assertEquals(List.of(sha), store.list("").map(BlobInfo::sha256).toList());
    assertTrue(store.moveIfAbsent("foreign.txt", "moved.txt"));
    assertEquals(sha, server.admin().headObject(b -> b.bucket(bucket).key("p/moved.txt")).metadata().get("sha256"));
  }

  @Test
  void aReadWhoseBytesDoNotMatchTheRecordedDigestFailsAtTheEnd() throws IOException {
    String wrong = BlobTesting.sha256("something else".getBytes(UTF_8));
    putObject("p/tampered", "tampered content", Map.of("sha256", wrong));
    IntegrityException e = assertThrows(IntegrityException.class, () -> store.getBytes("tampered"));
    assertTrue(e.getMessage().contains("'tampered'") && e.getMessage().contains(wrong), e.getMessage());
    try (S3BlobStore unverified = server.store(bucket).prefix("p").verifyReads(false).open();
        InputStream in = unverified.get("tampered")) {
      assertEquals("tampered content", new String(in.readAllBytes(), UTF_8));
    }
  }

  // ---- client settings ---------------------------------------------------------------------------------------

  @Test
  void describesBucketPrefixAndEndpoint() {
    assertEquals("s3://" + bucket + "/p/ at " + server.endpoint(), store.describe());
    assertEquals("p/", store.prefix());
    assertEquals(bucket, store.bucket());
  }

  @Test
  void theSecretIsNeverInToStringDescribeOrErrors() {
    assertFalse(store.toString().contains(S3TestServer.SECRET_KEY), store.toString());
    assertFalse(store.describe().contains(S3TestServer.SECRET_KEY));
    String wrongSecret = "wrong-SECRET-a1b2c3d4e5";
    StorageException e = assertThrows(StorageException.class, () -> S3BlobStore.builder(bucket)
        .endpoint(server.endpoint()).credentials(S3TestServer.ACCESS_KEY, wrongSecret).open());
    assertTrue(e.getMessage().contains("403") && e.getMessage().contains("credentials"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(wrongSecret), t.toString());
      assertFalse(t.toString().contains(wrongSecret), t.toString());
    }
  }

  @Test
  void aGivenClientIsUsedAndLeftOpen() {
    S3BlobStore shared = S3BlobStore.builder(bucket).client(server.admin()).open();
    shared.putBytes("via/client", "x".getBytes(UTF_8));
    assertEquals("s3://" + bucket + "/ at " + server.endpoint(), shared.describe());
    shared.close();
    assertNotNull(server.admin().headObject(b -> b.bucket(bucket).key("via/client")), "the client still works");
  }

  @Test
  void theSdksDefaultChecksumsWorkWithTheTestServerWhenAskedFor() {
    try (S3BlobStore checked = server.store(bucket).prefix("c").partSize(PART)
        .checksums(RequestChecksumCalculation.WHEN_SUPPORTED, ResponseChecksumValidation.WHEN_SUPPORTED).open()) {
      GeneratedInputStream source = GeneratedInputStream.of(2L * PART + 1, 21).digesting();
      checked.put("big", source);
      checked.putBytes("small", "small".getBytes(UTF_8));
      assertEquals(source.sha256(), BlobTesting.sha256(checked.getBytes("big")));
      assertEquals("small", new String(checked.getBytes("small"), UTF_8));
    }
  }

  @Test
  void aMissingBucketFailsAtOpenNamingIt() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> server.store("no-such-bucket-here").open());
    assertTrue(e.getMessage().contains("'no-such-bucket-here'") && e.getMessage().contains("create it"),
        e.getMessage());
  }

  @Test
  void anUnreachableEndpointFailsAtOpenNamingIt() throws IOException {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;
    StorageException e = assertThrows(StorageException.class, () -> S3BlobStore.builder(bucket).endpoint(endpoint)
        .credentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY).open());
    assertTrue(e.getMessage().contains(endpoint) && e.getMessage().contains("check the endpoint"), e.getMessage());
  }
}
