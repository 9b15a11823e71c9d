package dev.mlops.data;

import static dev.mlops.data.S3Context.blob;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobKeys;
import dev.mlops.core.BlobPage;
import dev.mlops.core.HashingInputStream;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The reading side of {@link S3BlobStore}: HEAD, GET and listing. */
final class S3Reads {
  private final S3Context c;

  S3Reads(S3Context c) {
    this.c = c;
  }

  /** HEAD of blob {@code key}'s object, or empty if there is none. */
  Optional<HeadObjectResponse> head(String key) {
    try {
      return Optional.of(c.s3.headObject(b -> b.bucket(c.bucket).key(c.object(key))));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Errors.failed("reading the metadata of " + blob(key), c.where, e);
    }
  }

  /** What stat reports for blob {@code key}, or empty if it is gone. */
  Optional<BlobInfo> stat(String key) {
    return head(key).flatMap(h -> info(key, h));
  }

  /**
   * The BlobInfo of a HEAD: its SHA-256 from the metadata, or, for an object another tool wrote without it,
   * computed by reading the object (empty if it is gone by then).
   */
  Optional<BlobInfo> info(String key, HeadObjectResponse h) {
    String sha = S3Context.recordedSha256(h.metadata());
    if (sha != null) {
      return Optional.of(new BlobInfo(key, h.contentLength(), sha, lastModified(key, h.lastModified())));
    }
    ResponseInputStream<GetObjectResponse> in = open(key, null).orElse(null);
    if (in == null) {
      return Optional.empty();
    }
    try (HashingInputStream hashing = HashingInputStream.of(new ObjectStream(in))) {
      hashing.transferTo(OutputStream.nullOutputStream());
      GetObjectResponse r = in.response();
      return Optional.of(new BlobInfo(key, hashing.byteCount(), hashing.sha256(), lastModified(key, r.lastModified())));
    } catch (IOException e) {
      throw new StorageException("reading " + blob(key) + " in " + c.where + " to compute its SHA-256 (it has no "
          + "x-amz-meta-sha256: another tool wrote it) failed", e);
    }
  }

  /** Opens blob {@code key} for {@link S3BlobStore#get}, verifying its SHA-256 at the end if so configured. */
  InputStream get(String key) {
    ResponseInputStream<GetObjectResponse> in = open(key, null)
        .orElseThrow(() -> new NotFoundException("no " + blob(key) + " in " + c.where));
    String sha = S3Context.recordedSha256(in.response().metadata());
    InputStream s = new ObjectStream(in);
    return c.verifyReads && sha != null ? HashingInputStream.verifying(s, sha, blob(key) + " in " + c.where) : s;
  }

  /**
   * GET of blob {@code key}, only if its ETag is still {@code ifMatch} (unless null); empty if it is gone.
   *
   * @throws S3Writes.SourceChangedException if the ETag changed
   */
  Optional<ResponseInputStream<GetObjectResponse>> open(String key, String ifMatch) {
    try {
      return Optional.of(c.s3.getObject(b -> b.bucket(c.bucket).key(c.object(key)).ifMatch(ifMatch)));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      if (ifMatch != null && S3Errors.isPreconditionFailed(e)) {
        throw new S3Writes.SourceChangedException(blob(key), c.where, e);
      }
      throw S3Errors.failed("reading " + blob(key), c.where, e);
    }
  }

  /**
   * One page of blobs: ListObjectsV2 from {@code startAfter}, then a HEAD per item (in parallel) for its SHA-256,
   * which a listing does not carry. Objects whose names are not valid keys (staged writes, folder markers of
   * other tools) are skipped; if a whole server page is skipped, the next one is fetched.
   */
  BlobPage list(String prefix, String startAfter, int limit) {
    String after = startAfter == null ? null : c.object(startAfter);
    while (true) {
      String from = after;
      ListObjectsV2Response r;
      try {
        r = c.s3.listObjectsV2(b -> b.bucket(c.bucket).prefix(c.object(prefix)).startAfter(from).maxKeys(limit));
      } catch (SdkException e) {
        throw S3Errors.failed("listing blobs under prefix '" + BlobKeys.escape(prefix) + "'", c.where, e);
      }
      List<Callable<Optional<BlobInfo>>> heads = new ArrayList<>();
      for (S3Object o : r.contents()) {
        String key = c.blobKey(o.key());
        if (BlobKeys.isValid(key)) {
          heads.add(() -> stat(key));
        }
      }
      List<BlobInfo> items = new ArrayList<>(heads.size());
      if (!heads.isEmpty()) {
        c.inParallel(heads, "listing blobs under prefix '" + BlobKeys.escape(prefix) + "'")
            .forEach(i -> i.ifPresent(items::add));
      }
      boolean more = Boolean.TRUE.equals(r.isTruncated()) && !r.contents().isEmpty();
      if (!more) {
        return new BlobPage(items, null);
      }
      if (!items.isEmpty()) {
        return new BlobPage(items, items.get(items.size() - 1).key());
      }
      after = r.contents().get(r.contents().size() - 1).key();
    }
  }

  private Instant lastModified(String key, Instant t) {
    if (t == null) {
      throw new StorageException(c.where + " returned no Last-Modified time for " + blob(key)
          + "; the server is not S3-compatible enough for S3BlobStore");
    }
    return t;
  }

  /** An object's content; closing it before the end aborts the connection instead of draining the rest. */
  static final class ObjectStream extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private boolean ended;

    ObjectStream(ResponseInputStream<?> response) {
      super(response);
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended) {
        response.abort();
      }
      super.close();
    }
  }
}
