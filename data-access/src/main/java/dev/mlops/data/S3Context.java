package dev.mlops.data;

import dev.mlops.core.BlobKeys;
import dev.mlops.core.MlopsException;
import dev.mlops.core.Sha256;
import dev.mlops.core.StorageException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the parts of an {@link S3BlobStore} share: the client, the bucket and key prefix, the settings, and the
 * thread pool for parts and HEADs in parallel. Maps blob keys to object keys and back.
 */
final class S3Context {
  /** The user-metadata name of a blob's SHA-256 (sent as {@code x-amz-meta-sha256}). */
  static final String SHA256 = "sha256";
  /** Where, under the prefix, large writes are staged; keys cannot start so (see {@link BlobKeys}). */
  static final String TMP = BlobKeys.RESERVED_PREFIX + "/tmp/";
  /** S3's limits for multipart uploads. */
  static final long MIN_PART = 5L << 20;
  static final int MAX_PARTS = 10_000;

  final S3Client s3;
  final boolean ownsClient;
  final String bucket;
  final String prefix;
  final String where;
  final int partSize;
  final int concurrency;
  final boolean verifyReads;
  final ExecutorService pool;

  S3Context(S3Client s3, boolean ownsClient, String bucket, String prefix, String where, int partSize,
      int concurrency, boolean verifyReads, ExecutorService pool) {
    this.s3 = s3;
    this.ownsClient = ownsClient;
    this.bucket = bucket;
    this.prefix = prefix;
    this.where = where;
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.verifyReads = verifyReads;
    this.pool = pool;
  }

  /** The object key of blob {@code key}. */
  String object(String key) {
    return prefix + key;
  }

  /** The blob key of object {@code objectKey}, which starts with the prefix. */
  String blobKey(String objectKey) {
    return objectKey.substring(prefix.length());
  }

  /** A fresh object key to stage a large write under, unique to this call. */
  String tempObject() {
    return prefix + TMP + UUID.randomUUID();
  }

  /** {@code blob 'KEY'}, with the key escaped, for messages. */
  static String blob(String key) {
    return "blob '" + BlobKeys.escape(key) + "'";
  }

  /** The SHA-256 recorded in an object's user metadata, or null if none (or not a digest). */
  static String recordedSha256(Map<String, String> metadata) {
    String v = metadata == null ? null : metadata.get(SHA256);
    return Sha256.isDigest(v) ? v : null;
  }

  /** The server's time of a response (its Date header), or now if it has none: a write's lastModified. */
  static Instant serverTime(SdkResponse response) {
    return response.sdkHttpResponse().firstMatchingHeader("Date").map(d -> {
      try {
        return ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }).orElseGet(Instant::now);
  }

  /**
   * Runs {@code tasks} on the pool and returns their results in order. The first failure cancels the rest and is
   * thrown: an {@link SdkException} or {@link MlopsException} as it was, anything else as a StorageException.
   */
  <T> List<T> inParallel(List<Callable<T>> tasks, String what) {
    if (tasks.size() == 1) {
      try {
        return List.of(tasks.get(0).call());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new StorageException(what + " in " + where + " failed: " + e, e);
      }
    }
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    try {
      for (Callable<T> t : tasks) {
        futures.add(pool.submit(t));
      }
      List<T> out = new ArrayList<>(tasks.size());
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw unwrap(e.getCause(), what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what + " in " + where + " was interrupted", e);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException(where + " is closed; open a new store", e);
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }

  RuntimeException unwrap(Throwable cause, String what) {
    if (cause instanceof SdkException || cause instanceof MlopsException) {
      return (RuntimeException) cause;
    }
    return new StorageException(what + " in " + where + " failed: " + cause, cause);
  }
}
