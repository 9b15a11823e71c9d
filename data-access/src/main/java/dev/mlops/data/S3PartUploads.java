package dev.mlops.data;

import static dev.mlops.data.S3Context.blob;

import dev.mlops.core.StorageException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The parts of one multipart upload in flight: each part is uploaded on the store's pool while the caller reads
 * the next, with at most {@code concurrency} parts uploading at once, so a put holds at most
 * {@code concurrency + 1} parts in memory. The first failure stops the caller at its next part.
 */
final class S3PartUploads {
  private final S3Context c;
  private final String key;
  private final String objectKey;
  private final String uploadId;
  private final Semaphore slots;
  private final List<Future<CompletedPart>> futures = new ArrayList<>();
  private volatile Throwable failure;

  S3PartUploads(S3Context c, String key, String objectKey, String uploadId) {
    this.c = c;
    this.key = key;
    this.objectKey = objectKey;
    this.uploadId = uploadId;
    this.slots = new Semaphore(c.concurrency);
  }

  /** Starts uploading {@code bytes} as part {@code n}; waits while {@code concurrency} parts are uploading. */
  void submit(int n, byte[] bytes) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("writing " + blob(key) + " in " + c.where + " was interrupted", e);
    }
    if (failure != null) {
      slots.release();
      throw failed(failure);
    }
    try {
      futures.add(c.pool.submit(() -> {
        try {
          String etag = c.s3.uploadPart(b -> b.bucket(c.bucket).key(objectKey).uploadId(uploadId).partNumber(n)
                  .contentLength((long) bytes.length),
              RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length,
                  "application/octet-stream")).eTag();
          return CompletedPart.builder().partNumber(n).eTag(etag).build();
        } catch (RuntimeException | Error e) {
          failure = e;
          throw e;
        } finally {
          slots.release();
        }
      }));
    } catch (RejectedExecutionException e) {
      slots.release();
      throw new IllegalStateException(c.where + " is closed; open a new store", e);
    }
  }

  /** Waits for every part; the completed parts in order. */
  List<CompletedPart> await() {
    List<CompletedPart> parts = new ArrayList<>(futures.size());
    try {
      for (Future<CompletedPart> f : futures) {
        parts.add(f.get());
      }
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("writing " + blob(key) + " in " + c.where + " was interrupted", e);
    }
    return parts;
  }

  /** Stops the parts still uploading. */
  void cancel() {
    futures.forEach(f -> f.cancel(true));
  }

  private RuntimeException failed(Throwable cause) {
    if (cause instanceof SdkException e) {
      return S3Errors.failed("uploading a part of " + blob(key), c.where, e);
    }
    return c.unwrap(cause, "uploading a part of " + blob(key));
  }
}
