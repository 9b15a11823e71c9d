package dev.mlops.data;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 API server of the S3 tests: s3proxy 4.1.0 in this JVM, on a free port of 127.0.0.1, checking AWS
 * signatures (V2 or V4) against fixed test credentials, over its in-memory "transient" backend (a Jimfs file system;
 * s3proxy 4 no longer uses jclouds). Started once per JVM on first use and stopped at exit; each test takes a fresh
 * bucket ({@link #newBucket()}).
 *
 * <p>What it checks of the store, natively: signatures, PutObject and CompleteMultipartUpload with
 * {@code If-None-Match: *} (412 if the key exists, atomically: the backend creates the key with a hard link), user
 * metadata, multipart uploads, UploadPartCopy with {@code x-amz-copy-source-if-match}, GET with {@code If-Match},
 * HEAD, DELETE, ListObjectsV2 with start-after and max-keys. What it does not have, and how the tests deal with it:
 * <ul>
 *   <li>It lists keys in UTF-16 order, not S3's UTF-8 byte order, and resolves a list prefix like a path (so
 *       {@code "a/."} matches {@code "a/b"}): {@link S3TestBackend} lists in UTF-8 order and matches prefixes as
 *       strings, as S3 does.</li>
 *   <li>It never answers 409 ConditionalRequestConflict: {@link S3TestBackend} injects it where a test asks.</li>
 *   <li>It ignores {@code If-None-Match} on CopyObject (AWS S3 honours it): the store does not use CopyObject.</li>
 * </ul>
 * {@code S3TestServerTest} shows the first and the last on a plain s3proxy, and the fixes on this one.
 */
final class S3TestServer {
  static final String ACCESS_KEY = "mlops-test-access-key";
  static final String SECRET_KEY = "mlops-test-SECRET-9f2c41d7";

  private static S3TestServer shared;

  private final S3Proxy proxy;
  private final S3TestBackend backend;
  private final URI endpoint;
  private final S3Client admin;
  private final AtomicInteger buckets = new AtomicInteger();

  private S3TestServer(S3Proxy proxy, S3TestBackend backend, URI endpoint) {
    this.proxy = proxy;
    this.backend = backend;
    this.endpoint = endpoint;
    this.admin = client(endpoint);
  }

  /** The server of this JVM, started on first use. */
  static synchronized S3TestServer shared() {
    if (shared == null) {
      S3TestBackend backend = new S3TestBackend(new TransientNio2BlobStore());
      S3Proxy proxy = start(backend);
      shared = new S3TestServer(proxy, backend, URI.create("http://127.0.0.1:" + proxy.getPort()));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3proxy-stop"));
    }
    return shared;
  }

  /** Starts s3proxy over {@code backend} on a free port of 127.0.0.1. */
  static S3Proxy start(org.gaul.s3proxy.blobstore.BlobStore backend) {
    S3Proxy proxy = S3Proxy.builder().blobStore(backend).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start: " + e, e);
    }
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("s3proxy is " + proxy.getState() + " after start()");
    }
    return proxy;
  }

  /** A client for the server at {@code endpoint}, as a user would configure one for an S3-compatible server. */
  static S3Client client(URI endpoint) {
    return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
  }

  URI endpoint() {
    return endpoint;
  }

  /** A client with the test credentials, to set up and inspect buckets behind the store's back. */
  S3Client admin() {
    return admin;
  }

  S3TestBackend backend() {
    return backend;
  }

  /** Creates a new, empty bucket. */
  String newBucket() {
    String name = "test-" + buckets.incrementAndGet();
    admin.createBucket(b -> b.bucket(name));
    return name;
  }

  /** Options for a store in {@code bucket} of this server, with the test credentials. */
  S3BlobStore.Builder store(String bucket) {
    return S3BlobStore.builder(bucket).endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY);
  }

  private void stop() {
    admin.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is exiting
    }
  }
}
