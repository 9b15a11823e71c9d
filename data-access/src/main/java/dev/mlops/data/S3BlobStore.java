package dev.mlops.data;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobKeys;
import dev.mlops.core.BlobPage;
import dev.mlops.core.BlobStore;
import dev.mlops.core.ValidationException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link BlobStore} in an Amazon S3 bucket or on any S3-compatible server (MinIO, Ceph RGW, s3proxy), on the AWS
 * SDK for Java 2.x. Blobs are the objects under an optional key prefix, so several stores can share a bucket.
 *
 * <pre>{@code
 * // AWS S3: region and credentials from the SDK's default chain (AWS_REGION, AWS_PROFILE, a role, ...)
 * try (S3BlobStore store = S3BlobStore.builder("ml-artifacts").prefix("team-a/").open()) {
 *   store.put("data/train.csv", Files.newInputStream(csv));
 *   ModelStore models = ModelStore.builder(store).build();
 * }
 * // an S3-compatible server: path-style requests to the endpoint, explicit credentials
 * S3BlobStore minio = S3BlobStore.builder("models").endpoint("http://127.0.0.1:9000")
 *     .credentials(System.getenv("MINIO_ACCESS_KEY"), System.getenv("MINIO_SECRET_KEY")).open();
 * }</pre>
 *
 * <h2>Layout</h2>
 * Blob {@code KEY} is the object {@code PREFIX + KEY}, with its SHA-256 in the object's user metadata
 * ({@code x-amz-meta-sha256}), so {@link #stat} is one HEAD. Large writes in flight are staged under
 * {@code PREFIX.mlops/tmp/}, a name no key may have ({@link BlobKeys}); objects under the prefix whose names are not
 * valid keys are never listed. An object that another tool wrote has no SHA-256 in its metadata: stat and list read
 * it to compute one, every time, so write through the store.
 *
 * <h2>Writes</h2>
 * A put reads its input one part at a time ({@link Builder#partSize}, 8 MiB by default) and hashes it as it reads.
 * A blob of at most one part is one PutObject. A larger one is uploaded as a multipart upload, up to
 * {@link Builder#concurrency} parts at once (so at most {@code concurrency + 1} parts are in memory), to a staging
 * object, then copied into place on the server (multipart
 * UploadPartCopy) with its SHA-256: an object's metadata is fixed when its upload starts, and the digest is known only
 * at the end of the stream. The staging object is then deleted. Readers see the old blob or the new one in full; a
 * put whose input or upload fails aborts its upload and leaves the previous value. A process killed mid-put can
 * leave a staging object and the parts of an incomplete upload: give the bucket a lifecycle rule that expires
 * {@code PREFIX.mlops/tmp/} and aborts incomplete multipart uploads after a day.
 *
 * <h2>Conditional writes</h2>
 * {@link #putIfAbsent} sends {@code If-None-Match: *} with the PutObject, or with the CompleteMultipartUpload of the
 * copy into place. S3 answers 412 Precondition Failed if the key exists (the call returns false) and 409
 * ConditionalRequestConflict if a conflicting write ran at the same time, which is retried (a multipart copy starts
 * over, as S3 asks). {@link #moveIfAbsent} is server-side and just as atomic: a blob of one part is read and written
 * with a conditional PutObject, a larger one copied with UploadPartCopy (only while the source keeps its ETag) and a
 * conditional CompleteMultipartUpload; then the source is deleted. S3's CopyObject takes {@code If-None-Match} too,
 * but servers that predate it ignore the header and overwrite (s3proxy 4.1.0 does), so the store does not rely on it.
 * The server must implement conditional writes, as AWS S3 (since August 2024) and s3proxy do (check the version of
 * MinIO, Ceph RGW or another server): one that answers 501 fails with a StorageException saying so; one that
 * ignores the header cannot give put-if-absent.
 *
 * <h2>Reads and listing</h2>
 * {@link #get} streams one GET, which reads one version of the object even if it is overwritten meanwhile; closing the
 * stream early aborts the connection. With {@link Builder#verifyReads} (the default) the stream checks the SHA-256
 * at its end and throws an {@code IntegrityException} on a mismatch. {@link #list(String, String, int)} is one
 * ListObjectsV2 (S3 orders keys by their UTF-8 bytes, as BlobStore promises; a page holds at most 1,000) plus one
 * HEAD per item for its SHA-256, which a listing does not carry, {@code concurrency} at a time. {@link #delete} is a
 * HEAD and a DELETE (S3's DELETE does not tell whether there was an object), so two racing deletes of one key may
 * both return true.
 *
 * <h2>Checksums</h2>
 * Without an endpoint (AWS S3) the client keeps the SDK's defaults: it sends a CRC checksum with each upload, which
 * S3 checks, and checks the checksums S3 returns. Some S3-compatible servers reject or mishandle those (trailing
 * checksums in aws-chunked bodies), so with an endpoint the store sets the SDK's {@code requestChecksumCalculation}
 * and {@code responseChecksumValidation} to {@code WHEN_REQUIRED}; {@link Builder#checksums} overrides both. The
 * store's own SHA-256 check of reads works with every server.
 *
 * <h2>Errors</h2>
 * A missing key is a {@code NotFoundException} naming the key and the store; a missing bucket fails {@link
 * Builder#open()}; every other failure is a {@code StorageException} with the SDK's exception as its cause and a
 * hint (credentials, bucket, region, endpoint). Secret keys never appear in messages, logs or {@link #toString()}.
 *
 * <p>Thread-safe. {@link #close()} closes the client the store built (not one passed to {@link Builder#client}) and
 * stops its threads. The tests run the BlobStore and ModelStore contract suites against s3proxy 4.1.0 in-process;
 * AWS S3, MinIO and Ceph RGW are not tested in this project's build.
 *
 * <p>Stability: experimental.
 */
public final class S3BlobStore implements BlobStore {
  /** The default part size of uploads: 8 MiB. */
  public static final int DEFAULT_PART_SIZE = 8 << 20;
  /** The largest part size: parts are held in memory while they upload. */
  public static final int MAX_PART_SIZE = 1 << 30;

  private final S3Context c;
  private final S3Reads reads;
  private final S3Writes writes;
  private volatile boolean closed;

  private S3BlobStore(S3Context c) {
    this.c = c;
    this.reads = new S3Reads(c);
    this.writes = new S3Writes(c, reads);
  }

  /**
   * Options for a store in {@code bucket}; finish with {@link Builder#open()}.
   *
   * <pre>{@code
   * S3BlobStore store = S3BlobStore.builder("ml-artifacts").prefix("team-a/").region("eu-west-1").open();
   * }</pre>
   */
  public static Builder builder(String bucket) {
    return new Builder(S3Connect.checkBucket(bucket));
  }

  /** The bucket. */
  public String bucket() {
    return c.bucket;
  }

  /** The key prefix inside the bucket: empty, or ending with {@code '/'}. */
  public String prefix() {
    return c.prefix;
  }

  @Override
  public BlobInfo put(String key, InputStream data) {
    BlobKeys.check(key);
    Objects.requireNonNull(data, "data");
    ensureOpen();
    return writes.write(key, data, false);
  }

  @Override
  public boolean putIfAbsent(String key, InputStream data) {
    BlobKeys.check(key);
    Objects.requireNonNull(data, "data");
    ensureOpen();
    return writes.write(key, data, true) != null;
  }

  @Override
  public InputStream get(String key) {
    BlobKeys.check(key);
    ensureOpen();
    return reads.get(key);
  }

  @Override
  public Optional<BlobInfo> stat(String key) {
    BlobKeys.check(key);
    ensureOpen();
    return reads.stat(key);
  }

  /** One HEAD, without computing a missing SHA-256. */
  @Override
  public boolean exists(String key) {
    BlobKeys.check(key);
    ensureOpen();
    return reads.head(key).isPresent();
  }

  @Override
  public BlobPage list(String prefix, String startAfter, int limit) {
    BlobKeys.checkPrefix(prefix);
    if (limit < 1) {
      throw new ValidationException("list limit is " + limit + "; it must be at least 1");
    }
    ensureOpen();
    return reads.list(prefix, startAfter, limit);
  }

  @Override
  public boolean delete(String key) {
    BlobKeys.check(key);
    ensureOpen();
    return writes.delete(key);
  }

  /** Moves on the server, as atomically as {@link #putIfAbsent}: see the class description. */
  @Override
  public boolean moveIfAbsent(String from, String to) {
    BlobKeys.check(from);
    BlobKeys.check(to);
    ensureOpen();
    return writes.move(from, to);
  }

  /** {@code s3://BUCKET/PREFIX}, followed by {@code at ENDPOINT} for a server other than AWS S3. */
  @Override
  public String describe() {
    return c.where;
  }

  @Override
  public String toString() {
    return "S3BlobStore(" + describe() + ", part size " + c.partSize + ", concurrency " + c.concurrency
        + (closed ? ", closed)" : ")");
  }

  /** Stops the store's threads and closes the client it built; later calls throw IllegalStateException. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    c.pool.shutdown();
    if (c.ownsClient) {
      c.s3.close();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(describe() + " is closed; open a new store");
    }
  }

  /**
   * Options for an {@link S3BlobStore}. Each option may be set once; {@link #client} excludes the options that
   * configure a client (region, endpoint, path style, credentials, checksums). Stability: experimental.
   */
  public static final class Builder {
    private final String bucket;
    private final Set<String> set = new LinkedHashSet<>();
    private String prefix = "";
    private String region;
    private URI endpoint;
    private Boolean pathStyle;
    private AwsCredentialsProvider credentials;
    private S3Client client;
    private int partSize = DEFAULT_PART_SIZE;
    private int concurrency = 8;
    private boolean verifyReads = true;
    private RequestChecksumCalculation requestChecksums;
    private ResponseChecksumValidation responseChecksums;

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    /** Keeps the blobs under {@code prefix} in the bucket, e.g. {@code "team-a/"} ({@code '/'} is added if missing). */
    public Builder prefix(String prefix) {
      once("prefix");
      this.prefix = S3Connect.normalizePrefix(prefix);
      return this;
    }

    /** The bucket's AWS region, e.g. {@code "eu-west-1"}; by default the SDK's chain, or us-east-1 with an endpoint. */
    public Builder region(String region) {
      once("region");
      this.region = S3Connect.checkRegion(region);
      return this;
    }

    /**
     * Talks to an S3-compatible server at {@code endpoint} (scheme, host and port: {@code "http://127.0.0.1:9000"})
     * instead of AWS S3, with path-style requests unless {@link #pathStyle(boolean) pathStyle(false)}.
     */
    public Builder endpoint(String endpoint) {
      once("endpoint");
      this.endpoint = S3Connect.checkEndpoint(endpoint);
      return this;
    }

    /** {@link #endpoint(String)} from a URI. */
    public Builder endpoint(URI endpoint) {
      return endpoint(Objects.requireNonNull(endpoint, "endpoint").toString());
    }

    /** Path-style requests ({@code http://host/bucket/key}); the default with an endpoint, not without. */
    public Builder pathStyle(boolean pathStyle) {
      once("pathStyle");
      this.pathStyle = pathStyle;
      return this;
    }

    /**
     * Signs with this access key instead of the SDK's default chain. The secret is kept only inside the SDK's
     * credentials (whose toString hides it): read it from the environment or a file, never from code.
     *
     * <pre>{@code
     * builder.credentials(System.getenv("S3_ACCESS_KEY"), System.getenv("S3_SECRET_KEY"))
     * }</pre>
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      once("credentials");
      if (accessKeyId == null || accessKeyId.isBlank()) {
        throw new ValidationException("S3 access key id is " + (accessKeyId == null ? "null" : "blank")
            + "; pass the access key id, or leave credentials unset to use the SDK's default chain");
      }
      if (secretAccessKey == null || secretAccessKey.isBlank()) {
        throw new ValidationException("S3 secret access key for access key id '" + accessKeyId + "' is "
            + (secretAccessKey == null ? "null" : "blank") + "; pass the secret (from the environment or a file)");
      }
      this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
      return this;
    }

    /** Signs with credentials from {@code provider} (a profile, STS, a container role...). */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      once("credentials");
      this.credentials = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Uses {@code client}, configured by the caller, who also closes it (the store does not). */
    public Builder client(S3Client client) {
      once("client");
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The size of upload parts, from 5 MiB (S3's least) to {@link #MAX_PART_SIZE}; 8 MiB by default. */
    public Builder partSize(long bytes) {
      once("partSize");
      if (bytes < S3Context.MIN_PART || bytes > MAX_PART_SIZE) {
        throw new ValidationException("S3 part size is " + bytes + " bytes; it must be from " + S3Context.MIN_PART
            + " (5 MiB, S3's least) to " + MAX_PART_SIZE + " (1 GiB: parts are held in memory)");
      }
      this.partSize = (int) bytes;
      return this;
    }

    /** How many parts one put uploads, and HEADs one list sends, at once: 1 to 64, 8 by default. */
    public Builder concurrency(int n) {
      once("concurrency");
      if (n < 1 || n > 64) {
        throw new ValidationException("S3 concurrency is " + n + "; it must be from 1 to 64");
      }
      this.concurrency = n;
      return this;
    }

    /** Whether {@link S3BlobStore#get} checks the SHA-256 of what it streams (on by default). */
    public Builder verifyReads(boolean verify) {
      once("verifyReads");
      this.verifyReads = verify;
      return this;
    }

    /**
     * The SDK's checksum settings, instead of its defaults (without an endpoint) or {@code WHEN_REQUIRED} for both
     * (with one), e.g. {@code checksums(WHEN_SUPPORTED, WHEN_SUPPORTED)} for a server known to handle them.
     */
    public Builder checksums(RequestChecksumCalculation request, ResponseChecksumValidation response) {
      once("checksums");
      this.requestChecksums = Objects.requireNonNull(request, "request");
      this.responseChecksums = Objects.requireNonNull(response, "response");
      return this;
    }

    /**
     * Opens the store: builds the client (unless one was given) and checks with a HEAD that the bucket exists and
     * the credentials may use it.
     *
     * @throws dev.mlops.core.NotFoundException if the bucket does not exist
     * @throws dev.mlops.core.StorageException if the server cannot be reached or refuses the credentials
     */
    public S3BlobStore open() {
      if (client != null) {
        List<String> clientOptions = new ArrayList<>(set);
        clientOptions.retainAll(List.of("region", "endpoint", "pathStyle", "credentials", "checksums"));
        if (!clientOptions.isEmpty()) {
          throw new ValidationException("S3BlobStore options " + clientOptions + " configure a client, but a client "
              + "was given with client(...); configure that client instead, or drop client(...)");
        }
      }
      boolean paths = pathStyle != null ? pathStyle : endpoint != null;
      if (endpoint != null) {
        S3Connect.checkPathStyle(endpoint, paths);
      }
      S3Client s3 = client != null ? client
          : S3Connect.newClient(region, endpoint, paths, credentials, requestChecksums, responseChecksums);
      URI shown = client != null ? client.serviceClientConfiguration().endpointOverride().orElse(null) : endpoint;
      String where = "s3://" + bucket + "/" + prefix + (shown == null ? "" : " at " + shown);
      try {
        S3Connect.checkBucketExists(s3, bucket, where);
      } catch (RuntimeException e) {
        if (client == null) {
          s3.close();
        }
        throw e;
      }
      AtomicInteger threads = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "mlops-s3-" + bucket + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      return new S3BlobStore(new S3Context(s3, client == null, bucket, prefix, where, partSize, concurrency,
          verifyReads, pool));
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new ValidationException("S3BlobStore option " + option + " is set twice; set it once");
      }
    }
  }
}
