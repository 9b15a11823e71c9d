package dev.mlops.data;

import dev.mlops.core.BlobKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backend of {@link S3TestServer}: s3proxy's in-memory store, with these changes.
 * <ul>
 *   <li>It lists keys in ascending order of their UTF-8 bytes, as S3 does. s3proxy 4.1.0's file-system backends
 *       sort by Java's {@code String.compareTo} (UTF-16 code units), which puts a key with a character beyond
 *       U+FFFF (a surrogate pair, e.g. an emoji) before one with a character in U+E000..U+FFFF, the reverse of S3;
 *       {@code S3TestServerTest} shows it. Its start-after and continuation token are keys in that order too.</li>
 *   <li>It matches a prefix as a string. s3proxy 4.1.0 resolves it like a path, so a prefix whose last segment is
 *       {@code .} or {@code ..} ({@code "a/."}) lists what {@code "a/"} lists; this backend asks s3proxy for the
 *       prefix up to its last {@code '/'} and keeps the keys that start with the whole prefix.</li>
 *   <li>It can fail the next conditional writes (PutObject or CompleteMultipartUpload with If-None-Match) or reads
 *       (GET with If-Match) of a key with a given S3 error, such as 409 ConditionalRequestConflict, which s3proxy
 *       never sends by itself, or the 412 of a source that changed at just the wrong moment.</li>
 *   <li>A GET and a write of one key do not overlap (see {@link #lockOf}): S3 answers a GET with one version's
 *       bytes and metadata together.</li>
 * </ul>
 * Everything else is s3proxy's own behaviour, including If-None-Match (s3proxy checks it natively and atomically
 * on this backend: it creates the key with a hard link).
 */
final class S3TestBackend extends ForwardingBlobStore {
  private static final Comparator<String> UTF8 = BlobKeys::compare;

  /** An error to answer with: HTTP status and S3 error code. */
  record Fault(int status, String code) {}

  private final Map<String, ConcurrentLinkedDeque<Fault>> faults = new ConcurrentHashMap<>();
  private final AtomicInteger conditionalWrites = new AtomicInteger();
  private final Map<String, java.util.concurrent.locks.ReadWriteLock> locks = new ConcurrentHashMap<>();

  S3TestBackend(BlobStore delegate) {
    super(delegate);
  }

  /** Answers the next {@code times} conditional writes of {@code objectKey} in {@code bucket} with {@code fault}. */
  void failConditionalWrites(String bucket, String objectKey, Fault fault, int times) {
    ConcurrentLinkedDeque<Fault> q =
        faults.computeIfAbsent(bucket + "/" + objectKey, k -> new ConcurrentLinkedDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(fault);
    }
  }

  /** Answers the next {@code times} conditional reads (GET with If-Match) of {@code objectKey} with {@code fault}. */
  void failConditionalReads(String bucket, String objectKey, Fault fault, int times) {
    failConditionalWrites(bucket, "if-match:" + objectKey, fault, times);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    if (request.ifMatch() != null) {
      Fault f = nextFault(request.bucket(), "if-match:" + request.key());
      if (f != null) {
        throw error(f);
      }
    }
    var lock = lockOf(request.bucket(), request.key()).readLock();
    lock.lock();
    try {
      return super.getBlob(request);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The lock that makes a GET's opening of one key exclusive with a PUT of it: s3proxy 4.1.0's nio2 backend reads
   * an object's data and its metadata (our recorded SHA-256) separately, so a GET racing an overwrite could return
   * the new bytes with the old metadata, which S3 never does.
   */
  private java.util.concurrent.locks.ReadWriteLock lockOf(String bucket, String key) {
    return locks.computeIfAbsent(bucket + "/" + key, k -> new java.util.concurrent.locks.ReentrantReadWriteLock());
  }

  /** How many conditional writes (If-None-Match) reached the backend, failed or not. */
  int conditionalWrites() {
    return conditionalWrites.get();
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
    if (request.ifNoneMatch() != null) {
      conditionalWrites.incrementAndGet();
      Fault f = nextFault(request.bucket(), request.key());
      if (f != null) {
        try {
          in.transferTo(OutputStream.nullOutputStream()); // read the body, so the client gets the answer, not a reset
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        throw error(f);
      }
    }
    var lock = lockOf(request.bucket(), request.key()).writeLock();
    lock.lock();
    try {
      return super.putBlob(request, in);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu,
      CompleteMultipartUploadRequest request) {
    if (request.ifNoneMatch() != null) {
      conditionalWrites.incrementAndGet();
      Fault f = nextFault(mpu.containerName(), mpu.blobName());
      if (f != null) {
        throw error(f);
      }
    }
    var lock = lockOf(mpu.containerName(), mpu.blobName()).writeLock();
    lock.lock();
    try {
      return super.completeMultipartUpload(mpu, request);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    if (request.delimiter() != null && !request.delimiter().isEmpty()) {
      return super.list(request);
    }
    String prefix = request.prefix() == null ? "" : request.prefix();
    List<S3Object> all = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Response page = super.list(ListObjectsV2Request.builder().bucket(request.bucket())
          .prefix(prefix.substring(0, prefix.lastIndexOf('/') + 1)).continuationToken(token).maxKeys(1000).build());
      page.contents().stream().filter(o -> o.key().startsWith(prefix)).forEach(all::add);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    all.sort(Comparator.comparing(S3Object::key, UTF8));
    String after = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
    int max = request.maxKeys() == null ? 1000 : request.maxKeys();
    List<S3Object> out = new ArrayList<>();
    boolean truncated = false;
    for (S3Object o : all) {
      if (after != null && UTF8.compare(o.key(), after) <= 0) {
        continue;
      }
      if (out.size() == max) {
        truncated = true;
        break;
      }
      out.add(o);
    }
    return ListObjectsV2Response.builder().name(request.bucket()).prefix(request.prefix()).maxKeys(max)
        .startAfter(request.startAfter()).contents(out).keyCount(out.size()).isTruncated(truncated)
        .nextContinuationToken(truncated ? out.get(out.size() - 1).key() : null).build();
  }

  private Fault nextFault(String bucket, String key) {
    ConcurrentLinkedDeque<Fault> q = faults.get(bucket + "/" + key);
    return q == null ? null : q.poll();
  }

  private static S3Exception error(Fault f) {
    return (S3Exception) S3Exception.builder().statusCode(f.status())
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(f.code()).errorMessage("injected by S3TestBackend")
            .build()).message("injected " + f).build();
  }
}
