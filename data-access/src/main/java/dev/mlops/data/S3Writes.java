package dev.mlops.data;

import static dev.mlops.data.S3Context.blob;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobKeys;
import dev.mlops.core.Hex;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Sha256;
import dev.mlops.core.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The writing side of {@link S3BlobStore}: single PutObjects, multipart uploads staged under the reserved
 * prefix, conditional server-side copies (multipart UploadPartCopy, then CompleteMultipartUpload with
 * {@code If-None-Match: *}), moves and deletes. Every conditional request that S3 answers with 409 is retried.
 */
final class S3Writes {
  private static final Logger LOG = LoggerFactory.getLogger(S3Writes.class);
  /** How often a request answered with 409 ConditionalRequestConflict is tried again. */
  static final int CONFLICT_RETRIES = 6;
  /** How often a move starts over because its source changed under it. */
  private static final int SOURCE_RETRIES = 4;
  /** The size of a part of a server-side copy (S3 allows up to 5 GiB). */
  private static final long COPY_PART = 512L << 20;
  private static final String OCTETS = "application/octet-stream";

  private final S3Context c;
  private final S3Reads reads;

  S3Writes(S3Context c, S3Reads reads) {
    this.c = c;
    this.reads = reads;
  }

  /** A source object changed (its ETag) while it was being copied; the operation starts over. */
  static final class SourceChangedException extends StorageException {
    private static final long serialVersionUID = 1L;

    SourceChangedException(String what, String where, Throwable cause) {
      super(what + " in " + where + " changed while it was being read; try again", cause);
    }
  }

  /**
   * Stores {@code data} under {@code key}; with {@code ifAbsent}, only if the key does not exist. A blob of at most
   * one part is one PutObject; a larger one is uploaded in parts to a staging object, then copied into place on
   * the server with its SHA-256 in the metadata (known only at the end of the stream), and the staging object is
   * deleted.
   *
   * @return what was stored, or null if {@code ifAbsent} and the key exists
   */
  BlobInfo write(String key, InputStream data, boolean ifAbsent) {
    MessageDigest md = Sha256.newDigest();
    long[] read = {0};
    byte[] first = readPart(key, data, md, read);
    byte[] second = first.length == c.partSize ? readPart(key, data, md, read) : new byte[0];
    if (second.length == 0) {
      return putSmall(key, first, Hex.encode(md.digest()), ifAbsent);
    }
    if (ifAbsent && reads.head(key).isPresent()) {
      return null; // a fast path only, before uploading much: the conditional copy decides
    }
    String temp = c.tempObject();
    try {
      long size = stage(key, temp, data, md, read, first, second);
      String sha = Hex.encode(md.digest());
      CompleteMultipartUploadResponse r = copy("the staged upload of " + blob(key), temp, null, size, sha, key,
          ifAbsent);
      return r == null ? null : new BlobInfo(key, size, sha, S3Context.serverTime(r));
    } finally {
      deleteQuietly(temp);
    }
  }

  /** One PutObject of {@code bytes}, retried on 409; null if {@code ifAbsent} and the key exists (412). */
  BlobInfo putSmall(String key, byte[] bytes, String sha256, boolean ifAbsent) {
    for (int attempt = 0; ; attempt++) {
      try {
        PutObjectResponse r = c.s3.putObject(b -> b.bucket(c.bucket).key(c.object(key))
                .contentLength((long) bytes.length).metadata(Map.of(S3Context.SHA256, sha256))
                .ifNoneMatch(ifAbsent ? "*" : null),
            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, OCTETS));
        return new BlobInfo(key, bytes.length, sha256, S3Context.serverTime(r));
      } catch (SdkException e) {
        if (ifAbsent && S3Errors.isPreconditionFailed(e)) {
          return null;
        }
        if (!S3Errors.isConflict(e) || attempt == CONFLICT_RETRIES) {
          throw S3Errors.failed("writing " + blob(key), c.where, e);
        }
        backOff(attempt, key);
      }
    }
  }

  /**
   * Renames {@code from} to {@code to} if {@code to} does not exist: a blob of at most one part is read and
   * written with a conditional PutObject, a larger one copied on the server (conditional multipart copy); then
   * {@code from} is deleted. Starts over if {@code from} changes meanwhile (its ETag is checked by the copy).
   */
  boolean move(String from, String to) {
    for (int attempt = 0; attempt < SOURCE_RETRIES; attempt++) {
      HeadObjectResponse src = reads.head(from)
          .orElseThrow(() -> new NotFoundException("no " + blob(from) + " in " + c.where + " to move"));
      if (from.equals(to)) {
        return false;
      }
      try {
        boolean moved = src.contentLength() <= c.partSize ? moveSmall(from, to, src) : moveLarge(from, to, src);
        if (moved) {
          delete(from);
        }
        return moved;
      } catch (SourceChangedException e) {
        LOG.debug("{} changed while moving it to {}; starting over", blob(from), blob(to), e);
      }
    }
    throw new StorageException(blob(from) + " in " + c.where + " changed " + SOURCE_RETRIES + " times while being "
        + "moved to '" + BlobKeys.escape(to) + "'; nothing was moved: move it again when its writers are done");
  }

  private boolean moveSmall(String from, String to, HeadObjectResponse src) {
    byte[] bytes;
    String recorded;
    try (ResponseInputStream<GetObjectResponse> in = reads.open(from, src.eTag())
        .orElseThrow(() -> new NotFoundException("no " + blob(from) + " in " + c.where + " to move"))) {
      bytes = in.readAllBytes();
      recorded = S3Context.recordedSha256(in.response().metadata());
    } catch (IOException e) {
      throw new StorageException("reading " + blob(from) + " in " + c.where + " to move it failed", e);
    }
    String sha = Sha256.of(bytes);
    if (recorded != null) {
      Sha256.verify(recorded, sha, blob(from) + " in " + c.where);
    }
    return putSmall(to, bytes, sha, true) != null;
  }

  private boolean moveLarge(String from, String to, HeadObjectResponse src) {
    if (reads.head(to).isPresent()) {
      return false; // a fast path only: the conditional copy decides
    }
    String sha = S3Context.recordedSha256(src.metadata());
    if (sha == null) {
      sha = reads.info(from, src).orElseThrow(() -> new NotFoundException("no " + blob(from) + " in " + c.where
          + " to move")).sha256();
    }
    return copy(blob(from), c.object(from), src.eTag(), src.contentLength(), sha, to, true) != null;
  }

  /** Deletes blob {@code key}: a HEAD (S3's DELETE does not say whether there was an object), then a DELETE. */
  boolean delete(String key) {
    if (reads.head(key).isEmpty()) {
      return false;
    }
    try {
      c.s3.deleteObject(b -> b.bucket(c.bucket).key(c.object(key)));
      return true;
    } catch (SdkException e) {
      throw S3Errors.failed("deleting " + blob(key), c.where, e);
    }
  }

  /**
   * Copies object {@code source} ({@code size} bytes, more than one part) on the server to blob {@code to}, with
   * {@code sha256} in its metadata: a multipart upload whose parts are UploadPartCopy ranges of the source (only
   * while its ETag is {@code sourceETag}, unless null), completed with {@code If-None-Match: *} if
   * {@code ifAbsent}. On 409 it starts the upload over.
   *
   * @param what what the source is, for messages, e.g. {@code blob 'a/b'}
   * @return the completion, or null if {@code ifAbsent} and {@code to} exists
   */
  private CompleteMultipartUploadResponse copy(String what, String source, String sourceETag, long size,
      String sha256, String to, boolean ifAbsent) {
    long partBytes = Math.max(COPY_PART, (size + S3Context.MAX_PARTS - 1) / S3Context.MAX_PARTS);
    String target = c.object(to);
    for (int attempt = 0; ; attempt++) {
      String uploadId = createUpload(to, target, Map.of(S3Context.SHA256, sha256));
      boolean completed = false;
      try {
        List<Callable<CompletedPart>> parts = new ArrayList<>();
        for (long off = 0; off < size; off += partBytes) {
          int n = parts.size() + 1;
          String range = "bytes=" + off + "-" + (Math.min(off + partBytes, size) - 1);
          parts.add(() -> CompletedPart.builder().partNumber(n).eTag(c.s3.uploadPartCopy(b -> b
              .sourceBucket(c.bucket).sourceKey(source).destinationBucket(c.bucket).destinationKey(target)
              .uploadId(uploadId).partNumber(n).copySourceRange(range).copySourceIfMatch(sourceETag))
              .copyPartResult().eTag()).build());
        }
        List<CompletedPart> done;
        try {
          done = c.inParallel(parts, "copying to " + blob(to));
        } catch (SdkException e) {
          if (sourceETag != null && S3Errors.isPreconditionFailed(e)) {
            throw new SourceChangedException(what, c.where, e);
          }
          if (S3Errors.isNotFound(e)) {
            throw new NotFoundException("no " + what + " in " + c.where + " to copy to " + blob(to), e);
          }
          throw S3Errors.failed("copying " + what + " to " + blob(to), c.where, e);
        }
        try {
          CompleteMultipartUploadResponse r = c.s3.completeMultipartUpload(b -> b.bucket(c.bucket).key(target)
              .uploadId(uploadId).multipartUpload(m -> m.parts(done)).ifNoneMatch(ifAbsent ? "*" : null));
          completed = true;
          return r;
        } catch (SdkException e) {
          if (ifAbsent && S3Errors.isPreconditionFailed(e)) {
            return null;
          }
          if (!S3Errors.isConflict(e) || attempt == CONFLICT_RETRIES) {
            throw S3Errors.failed("completing the write of " + blob(to), c.where, e);
          }
        }
      } finally {
        if (!completed) {
          abortQuietly(target, uploadId);
        }
      }
      backOff(attempt, to);
    }
  }

  /** Uploads the rest of {@code data} in parts to object {@code temp}; returns the size. Aborts on failure. */
  private long stage(String key, String temp, InputStream data, MessageDigest md, long[] read, byte[] first,
      byte[] second) {
    String uploadId = createUpload(key, temp, Map.of());
    S3PartUploads parts = new S3PartUploads(c, key, temp, uploadId);
    boolean completed = false;
    try {
      byte[] part = first;
      for (int n = 1; part.length > 0; n++) {
        if (n > S3Context.MAX_PARTS) {
          throw new StorageException(blob(key) + " is larger than " + S3Context.MAX_PARTS + " parts of " + c.partSize
              + " bytes, S3's limit for one upload; nothing was stored in " + c.where + ": raise "
              + "S3BlobStore.builder(...).partSize(...)");
        }
        parts.submit(n, part);
        part = n == 1 ? second : readPart(key, data, md, read);
      }
      List<CompletedPart> done = parts.await();
      try {
        c.s3.completeMultipartUpload(b -> b.bucket(c.bucket).key(temp).uploadId(uploadId)
            .multipartUpload(m -> m.parts(done)));
      } catch (SdkException e) {
        throw S3Errors.failed("completing the upload of " + blob(key), c.where, e);
      }
      completed = true;
      return read[0];
    } finally {
      if (!completed) {
        parts.cancel();
        abortQuietly(temp, uploadId);
      }
    }
  }

  /** Reads the next part (up to the part size; empty at the end), hashing it. */
  private byte[] readPart(String key, InputStream data, MessageDigest md, long[] read) {
    try {
      byte[] b = data.readNBytes(c.partSize);
      md.update(b);
      read[0] += b.length;
      return b;
    } catch (IOException e) {
      throw new StorageException("reading the data for " + blob(key) + " failed after " + read[0]
          + " bytes; nothing was stored in " + c.where, e);
    }
  }

  private String createUpload(String key, String objectKey, Map<String, String> metadata) {
    try {
      return c.s3.createMultipartUpload(b -> b.bucket(c.bucket).key(objectKey).metadata(metadata)
          .contentType(OCTETS)).uploadId();
    } catch (SdkException e) {
      throw S3Errors.failed("starting the upload of " + blob(key), c.where, e);
    }
  }

  private void abortQuietly(String objectKey, String uploadId) {
    try {
      c.s3.abortMultipartUpload(b -> b.bucket(c.bucket).key(objectKey).uploadId(uploadId));
    } catch (SdkException e) {
      LOG.warn("could not abort multipart upload {} of '{}' in {}; a lifecycle rule "
          + "(AbortIncompleteMultipartUpload) removes its parts", uploadId, objectKey, c.where, e);
    }
  }

  private void deleteQuietly(String objectKey) {
    try {
      c.s3.deleteObject(b -> b.bucket(c.bucket).key(objectKey));
    } catch (SdkException e) {
      LOG.warn("could not delete staging object '{}' in {}; delete it by hand or with a lifecycle rule on '{}'",
          objectKey, c.where, c.prefix + S3Context.TMP, e);
    }
  }

  private void backOff(int attempt, String key) {
    long millis = ThreadLocalRandom.current().nextLong(10L << attempt, 20L << attempt);
    LOG.debug("conflicting write of {} in {}; retrying in {} ms", blob(key), c.where, millis);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("writing " + blob(key) + " in " + c.where + " was interrupted", e);
    }
  }
}
