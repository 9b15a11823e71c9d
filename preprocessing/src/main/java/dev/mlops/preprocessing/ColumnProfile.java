package dev.mlops.preprocessing;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Stability;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link DataProfile} knows about one column. Every column has its field (name, type, tags), its row count
 * and its missing count (nulls, and NaN values in a DOUBLE column). Beyond that:
 * <ul>
 *   <li>DOUBLE and LONG: {@code min, max, mean, std} (sample standard deviation, ddof=1, as pandas' describe) over
 *       the values, a uniform reservoir {@link #sample()}, and the reference histogram cut from the sample:
 *       {@link #binEdges()} (the sample's quantiles, deduplicated) and {@link #binProportions()};
 *   <li>STRING and BOOLEAN: the most frequent {@link #categories()} with their counts, the count of all other
 *       values ({@link #otherCount()}) and the number of distinct values;
 *   <li>TIMESTAMP: counts only.
 * </ul>
 * A column tagged {@code pii} keeps no values at all: no min, max, mean, std (NaN), no sample, no categories,
 * no domain (not even hashed: a SHA-256 of a short value such as a name or a postcode is reversed by hashing the
 * candidates, so hashes would leak the values). Only its type, rows and missing count remain.
 *
 * <pre>{@code
 * ColumnProfile age = profile.column("age");
 * age.nullFraction();    // 0.02
 * age.binEdges();        // deciles of the sample
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param field the column's name, type, nullability and tags
 * @param rows rows seen
 * @param missing rows that are null, or NaN in a DOUBLE column
 * @param min smallest value (numeric, not pii), else NaN
 * @param max largest value (numeric, not pii), else NaN
 * @param mean mean of the values (numeric, not pii), else NaN
 * @param std sample standard deviation (numeric, not pii, at least two values), else NaN
 * @param sample the reservoir sample (numeric, not pii), else empty
 * @param binEdges the reference histogram's inner edges, ascending and distinct; bin 0 holds values
 *     {@code <= binEdges[0]}, bin i holds {@code binEdges[i-1] < v <= binEdges[i]}, the last bin values
 *     {@code > binEdges[last]}; so there is one bin more than edges
 * @param binProportions the share of the sample in each bin (sums to 1), one more than the edges
 * @param categories the kept categories (STRING, BOOLEAN; not pii), most frequent first, ties by value
 * @param otherCount values of a categorical column not among {@code categories}
 * @param distinct distinct values seen (categorical, not pii), else 0
 * @param distinctExact false when the column had so many distinct values that later ones were not told apart
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ColumnProfile(Field field, long rows, long missing, double min, double max, double mean, double std,
    double[] sample, double[] binEdges, double[] binProportions, List<Category> categories, long otherCount,
    long distinct, boolean distinctExact) {

  /**
   * A category and how many rows hold it.
   *
   * @param value the value as text ({@code "true"}/{@code "false"} for BOOLEAN)
   * @param count its rows
   */
  @Stability(Stability.Level.EXPERIMENTAL)
  public record Category(String value, long count) {
    /** Checks. */
    public Category {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Copies the arrays and the list. */
  public ColumnProfile {
    Objects.requireNonNull(field, "field");
    sample = sample.clone();
    binEdges = binEdges.clone();
    binProportions = binProportions.clone();
    categories = List.copyOf(categories);
  }

  /** The column name. */
  public String name() {
    return field.name();
  }

  /** The column type. */
  public ColumnType type() {
    return field.type();
  }

  /** Whether the column is tagged {@code pii} (and so keeps no values). */
  public boolean isPii() {
    return field.isPii();
  }

  /** Whether the column is DOUBLE or LONG. */
  public boolean isNumeric() {
    return field.type().isNumeric();
  }

  /** Whether the column is STRING or BOOLEAN. */
  public boolean isCategorical() {
    return field.type() == ColumnType.STRING || field.type() == ColumnType.BOOLEAN;
  }

  /** Rows with a value: {@code rows - missing}. */
  public long count() {
    return rows - missing;
  }

  /** {@code missing / rows}; 0 for no rows. */
  public double nullFraction() {
    return rows == 0 ? 0.0 : (double) missing / rows;
  }

  /** The reservoir sample (a copy). */
  @Override
  public double[] sample() {
    return sample.clone();
  }

  /** The histogram's inner edges (a copy). */
  @Override
  public double[] binEdges() {
    return binEdges.clone();
  }

  /** The histogram's proportions (a copy). */
  @Override
  public double[] binProportions() {
    return binProportions.clone();
  }

  double[] sampleShared() {
    return sample;
  }

  double[] binEdgesShared() {
    return binEdges;
  }

  double[] binProportionsShared() {
    return binProportions;
  }

  /** Equal when every component is equal, arrays by content ({@link Double#compare}, so NaN equals NaN). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnProfile c && c.field.equals(field) && c.rows == rows && c.missing == missing
        && Double.compare(c.min, min) == 0 && Double.compare(c.max, max) == 0 && Double.compare(c.mean, mean) == 0
        && Double.compare(c.std, std) == 0 && Arrays.equals(c.sample, sample) && Arrays.equals(c.binEdges, binEdges)
        && Arrays.equals(c.binProportions, binProportions) && c.categories.equals(categories)
        && c.otherCount == otherCount && c.distinct == distinct && c.distinctExact == distinctExact;
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(field, rows, missing, min, max, mean, std, Arrays.hashCode(sample),
        Arrays.hashCode(binEdges), Arrays.hashCode(binProportions), categories, otherCount, distinct, distinctExact);
  }

  /** A one-line summary, never listing values of a pii column. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ColumnProfile[").append(field).append(", rows=").append(rows)
        .append(", missing=").append(missing);
    if (isNumeric() && !isPii()) {
      s.append(", min=").append(min).append(", max=").append(max).append(", mean=").append(mean)
          .append(", std=").append(std).append(", sample=").append(sample.length).append(" values");
    }
    if (isCategorical()) {
      s.append(", distinct=").append(distinct);
      if (!isPii()) {
        s.append(", categories=").append(categories.size()).append(", other=").append(otherCount);
      }
    }
    return s.append(']').toString();
  }
}
