package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;

/**
 * How a {@link DataProfile} summarises data: the size and seed of each numeric column's reservoir sample, how many
 * reference histogram bins are cut from it, and how many categories a STRING or BOOLEAN column keeps.
 *
 * <pre>{@code
 * ProfileOptions o = ProfileOptions.defaults().withSampleSize(50_000).withSeed(7);
 * DataProfile p = DataProfile.builder(schema, o).accept(batch).build();
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param sampleSize values kept per numeric column (a uniform reservoir sample, Li's algorithm L); at least 10
 * @param seed the seed of the reservoir samples; each column's generator is derived from it and the column name,
 *     so the sample depends on the seed, the column and the values in order, never on how they were cut into
 *     batches
 * @param bins the number of quantile bins (10: deciles) of the reference histogram; 2 to 1,000. Edges that
 *     coincide (ties) are merged, so a column may have fewer bins
 * @param topCategories the most frequent categories a STRING or BOOLEAN column keeps; the rest are counted
 *     together as "other"; 1 to 1,000,000
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ProfileOptions(int sampleSize, long seed, int bins, int topCategories) {
  /** The default sample size, 10,000 values. */
  public static final int DEFAULT_SAMPLE_SIZE = 10_000;
  /** The default seed. */
  public static final long DEFAULT_SEED = 42L;
  /** The default number of bins, 10 (deciles). */
  public static final int DEFAULT_BINS = 10;
  /** The default number of categories kept, 1,000. */
  public static final int DEFAULT_TOP_CATEGORIES = 1_000;

  /** Checks the options, naming the one out of range and the range. */
  public ProfileOptions {
    check("sampleSize", sampleSize, 10, 100_000_000);
    check("bins", bins, 2, 1_000);
    check("topCategories", topCategories, 1, 1_000_000);
  }

  /** The defaults: 10,000 values, seed 42, 10 bins, 1,000 categories. */
  public static ProfileOptions defaults() {
    return new ProfileOptions(DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, DEFAULT_BINS, DEFAULT_TOP_CATEGORIES);
  }

  /** These options with another sample size. */
  public ProfileOptions withSampleSize(int sampleSize) {
    return new ProfileOptions(sampleSize, seed, bins, topCategories);
  }

  /** These options with another seed. */
  public ProfileOptions withSeed(long seed) {
    return new ProfileOptions(sampleSize, seed, bins, topCategories);
  }

  /** These options with another number of bins. */
  public ProfileOptions withBins(int bins) {
    return new ProfileOptions(sampleSize, seed, bins, topCategories);
  }

  /** These options with another number of categories kept. */
  public ProfileOptions withTopCategories(int topCategories) {
    return new ProfileOptions(sampleSize, seed, bins, topCategories);
  }

  /**
   * How many distinct values a STRING column tracks exactly while profiling: the larger of 10,000 and ten times
   * {@link #topCategories()}. Values first seen after that many distinct ones are counted as "other".
   */
  int trackedDistinct() {
    return (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(10_000L, 10L * topCategories));
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ValidationException("profile option " + name + " is " + value + "; it must be between " + min
          + " and " + max);
    }
  }
}
