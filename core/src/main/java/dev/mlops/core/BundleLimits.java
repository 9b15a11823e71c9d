package dev.mlops.core;

/**
 * How much a model bundle may expand to when it is imported: guards against damaged or hostile bundles (zip bombs,
 * endless entries, version numbers far ahead) that are checked while the bundle streams, since the sizes a ZIP
 * file declares can lie. Set them with {@link ModelStore.Builder#bundleLimits(BundleLimits)}.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.builder(blobs)
 *     .bundleLimits(BundleLimits.defaults().withMaxTotalBytes(200L << 30))   // 200 GiB models
 *     .build();
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param maxTotalBytes the most bytes all entries of a bundle may hold, uncompressed (default 64 GiB)
 * @param maxEntries the most ZIP entries a bundle may have, header and record included (default 10,000)
 * @param maxCompressionRatio the most a compressed entry may expand, uncompressed size over compressed size, checked
 *     once an entry passes 1 MiB (default 100; bundles this library writes are not compressed)
 * @param maxVersionGap the most version numbers an import may jump over (importing version 5 of a model whose
 *     versions end at 2 jumps over 2; default 10,000); each is marked as not imported
 */
public record BundleLimits(long maxTotalBytes, int maxEntries, double maxCompressionRatio, int maxVersionGap) {
  private static final BundleLimits DEFAULTS = new BundleLimits(64L << 30, 10_000, 100, 10_000);

  /** Validates: every limit positive, at least three entries (header, record, one file), ratio at least 1. */
  public BundleLimits {
    if (maxTotalBytes < 1) {
      throw new ValidationException("maxTotalBytes is " + maxTotalBytes + "; it must be at least 1");
    }
    if (maxEntries < 3) {
      throw new ValidationException("maxEntries is " + maxEntries + "; a bundle has at least 3 entries (bundle.json, "
          + "record.json and one file)");
    }
    if (!(maxCompressionRatio >= 1)) {
      throw new ValidationException("maxCompressionRatio is " + maxCompressionRatio + "; it must be at least 1");
    }
    if (maxVersionGap < 0) {
      throw new ValidationException("maxVersionGap is " + maxVersionGap + "; it must be zero or more");
    }
  }

  /** 64 GiB, 10,000 entries, ratio 100, version gap 10,000. */
  public static BundleLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another {@link #maxTotalBytes()}. */
  public BundleLimits withMaxTotalBytes(long value) {
    return new BundleLimits(value, maxEntries, maxCompressionRatio, maxVersionGap);
  }

  /** These limits with another {@link #maxEntries()}. */
  public BundleLimits withMaxEntries(int value) {
    return new BundleLimits(maxTotalBytes, value, maxCompressionRatio, maxVersionGap);
  }

  /** These limits with another {@link #maxCompressionRatio()}. */
  public BundleLimits withMaxCompressionRatio(double value) {
    return new BundleLimits(maxTotalBytes, maxEntries, value, maxVersionGap);
  }

  /** These limits with another {@link #maxVersionGap()}. */
  public BundleLimits withMaxVersionGap(int value) {
    return new BundleLimits(maxTotalBytes, maxEntries, maxCompressionRatio, value);
  }
}
