package dev.mlops.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link BlobStore} knows about one stored blob: its key, its size in bytes, the SHA-256 of its
 * content (64 lower-case hex digits) and when it was last written.
 *
 * <pre>{@code
 * BlobInfo info = store.put("data/train.csv", in);
 * System.out.println(info.size() + " bytes, sha256 " + info.sha256());
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param key the blob's key, valid by {@link BlobKeys#check(String)}
 * @param size the content's length in bytes, zero or more
 * @param sha256 the SHA-256 of the content as 64 lower-case hex digits
 * @param lastModified when the content was last written, as the store records it
 */
public record BlobInfo(String key, long size, String sha256, Instant lastModified) {

  /** Checks the fields: a non-null key, a size of zero or more, a well-formed digest and a time. */
  public BlobInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new ValidationException("blob '" + key + "' has size " + size + "; a size is zero or more");
    }
    if (!Sha256.isDigest(sha256)) {
      throw new ValidationException("blob '" + key + "' has sha256 '" + sha256
          + "'; expected 64 lower-case hex digits");
    }
  }
}
