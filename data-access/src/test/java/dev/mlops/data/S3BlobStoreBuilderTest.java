package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options of {@link S3BlobStore.Builder}: what each rejects, and that every message says what to do. */
class S3BlobStoreBuilderTest {
  private static String rejected(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(ValidationException.class, call).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "My_Bucket", "-bucket", "bucket-", "a..b", "UPPER"})
  void rejectsBucketNamesThatS3Rejects(String bucket) {
    String m = rejected(() -> S3BlobStore.builder(bucket));
    assertTrue(m.contains("'" + bucket + "'") && m.contains("3 to 63"), m);
  }

  @Test
  void anEndpointWithoutASchemeIsRejectedSayingToAddOne() {
    String m = rejected(() -> S3BlobStore.builder("bucket").endpoint("127.0.0.1:9000"));
    assertTrue(m.contains("'127.0.0.1:9000'") && m.contains("http://"), m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host:21", "http://", "http://host:9000/s3", "http://host:9000?x=1", " "})
  void rejectsEndpointsThatAreNotSchemeHostAndPort(String endpoint) {
    String m = rejected(() -> S3BlobStore.builder("bucket").endpoint(endpoint));
    assertTrue(m.contains("endpoint"), m);
  }

  @Test
  void anEndpointWithUserInfoIsRejectedWithoutRepeatingIt() {
    String m = rejected(() -> S3BlobStore.builder("bucket").endpoint("http://key:hunter2secret@127.0.0.1:9000"));
    assertFalse(m.contains("hunter2secret"), m);
    assertTrue(m.contains(".credentials("), m);
  }

  @Test
  void anEndpointKeepsOnlySchemeHostAndPort() {
    S3TestServer server = S3TestServer.shared();
    String bucket = server.newBucket();
    try (S3BlobStore store = S3BlobStore.builder(bucket).endpoint(server.endpoint() + "/")
        .credentials(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY).open()) {
      assertEquals("s3://" + bucket + "/ at " + server.endpoint(), store.describe());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000"})
  void virtualHostedStyleNeedsAHostName(String endpoint) {
    String m = rejected(() -> S3BlobStore.builder("bucket").endpoint(endpoint).pathStyle(false).open());
    assertTrue(m.contains("pathStyle(true)"), m);
  }

  @Test
  void aGivenClientExcludesTheOptionsThatConfigureOne() {
    try (software.amazon.awssdk.services.s3.S3Client client = S3TestServer.client(java.net.URI.create(
        "http://127.0.0.1:9"))) {
      String m = rejected(() -> S3BlobStore.builder("bucket").client(client).endpoint("http://127.0.0.1:9000")
          .region("eu-west-1").open());
      assertTrue(m.contains("[endpoint, region]") && m.contains("client(...)"), m);
    }
  }

  @Test
  void anOptionSetTwiceIsRejectedNamingIt() {
    String m = rejected(() -> S3BlobStore.builder("bucket").partSize(8 << 20).partSize(16 << 20));
    assertTrue(m.contains("partSize") && m.contains("twice"), m);
    m = rejected(() -> S3BlobStore.builder("bucket").credentials("id", "secret").credentialsProvider(() -> null));
    assertTrue(m.contains("credentials"), m);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, (5 << 20) - 1, (1L << 30) + 1})
  void rejectsPartSizesOutsideS3sAndMemorysLimits(long bytes) {
    String m = rejected(() -> S3BlobStore.builder("bucket").partSize(bytes));
    assertTrue(m.contains(Long.toString(bytes)) && m.contains("5 MiB"), m);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65})
  void rejectsConcurrencyOutsideOneTo64(int n) {
    assertTrue(rejected(() -> S3BlobStore.builder("bucket").concurrency(n)).contains("1 to 64"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/abs", "a/../b", "a//b", ".mlops", "a\\b"})
  void rejectsPrefixesThatAreNotKeyPrefixes(String prefix) {
    String m = rejected(() -> S3BlobStore.builder("bucket").prefix(prefix));
    assertTrue(m.contains("prefix") && m.contains("team-a/"), m);
  }

  @Test
  void blankCredentialsAreRejectedWithoutShowingTheSecret() {
    assertTrue(rejected(() -> S3BlobStore.builder("bucket").credentials(" ", "s3cr3t")).contains("access key id"));
    String m = rejected(() -> S3BlobStore.builder("bucket").credentials("AKIDEXAMPLE", ""));
    assertTrue(m.contains("AKIDEXAMPLE") && m.contains("secret"), m);
  }

  @Test
  void rejectsRegionsThatAreNotRegionNames() {
    assertTrue(rejected(() -> S3BlobStore.builder("bucket").region("EU West")).contains("eu-west-1"));
    assertEquals("bucket", S3Connect.checkBucket("bucket"));
  }
}
