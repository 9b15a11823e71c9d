package dev.mlops.preprocessing;

import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A summary of a data set made in one streaming pass, kept with a model as the reference its training data set:
 * per column the type, row and missing counts, and for numeric columns min, max, mean, std, a seeded reservoir
 * sample and a decile histogram, for STRING and BOOLEAN columns the most frequent categories (see
 * {@link ColumnProfile}). From it come {@linkplain #constraints() constraints} to validate new data (like TFDV's
 * inferred schema or Deequ's suggested constraints) and {@linkplain #drift(Frame) drift reports} that compare new
 * data with it (PSI, Kolmogorov-Smirnov, L-infinity).
 *
 * <pre>{@code
 * DataProfile reference = DataProfile.of(Csv.read(Path.of("train.csv")));
 * Files.writeString(Path.of("profile.json"), reference.toJson());
 *
 * // later, on a batch of serving data
 * ValidationReport problems = reference.constraints().validate(batch);
 * DriftReport drift = DataProfile.fromJson(json).drift(batch);
 * if (drift.shouldRetrain()) { ... }
 *
 * // inside a pipeline's fit pass
 * DataProfile.Builder b = DataProfile.builder(source.schema());
 * while (source.hasNext()) {
 *   b.accept(source.next());
 * }
 * DataProfile p = b.build();
 * }</pre>
 *
 * <p>Columns tagged {@code pii} keep no values (see {@link ColumnProfile}), so a profile can be stored and shared
 * where the training data cannot. The profile is deterministic: the same rows in the same order give the same
 * profile, bit for bit, however they are cut into batches.
 *
 * <p>Immutable and thread-safe. Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class DataProfile {
  private final Schema schema;
  private final ProfileOptions options;
  private final long rows;
  private final List<ColumnProfile> columns;

  DataProfile(Schema schema, ProfileOptions options, long rows, List<ColumnProfile> columns) {
    this.schema = schema;
    this.options = options;
    this.rows = rows;
    this.columns = List.copyOf(columns);
  }

  /** The profile of {@code frame} with the default options. */
  public static DataProfile of(Frame frame) {
    return of(frame, ProfileOptions.defaults());
  }

  /** The profile of {@code frame}. */
  public static DataProfile of(Frame frame, ProfileOptions options) {
    return builder(frame.schema(), options).accept(frame).build();
  }

  /** The profile of every remaining batch of {@code source}, with the default options; the source is not closed. */
  public static DataProfile of(FrameSource source) {
    return of(source, ProfileOptions.defaults());
  }

  /** The profile of every remaining batch of {@code source}; the source is not closed. */
  public static DataProfile of(FrameSource source, ProfileOptions options) {
    Builder b = builder(source.schema(), options);
    while (source.hasNext()) {
      b.accept(source.next());
    }
    return b.build();
  }

  /** A builder for data with {@code schema}, with the default options. */
  public static Builder builder(Schema schema) {
    return builder(schema, ProfileOptions.defaults());
  }

  /**
   * A builder for data with {@code schema}: feed it batches, then {@link Builder#build()}.
   *
   * <pre>{@code
   * DataProfile.Builder b = DataProfile.builder(schema, ProfileOptions.defaults().withSeed(1));
   * b.accept(batch1).accept(batch2);
   * DataProfile p = b.build();
   * }</pre>
   */
  public static Builder builder(Schema schema, ProfileOptions options) {
    return new Builder(schema, options);
  }

  /**
   * Reads a profile written by {@link #toJson()}; a {@link ValidationException} naming the key if the text is not
   * one, or is of another format version.
   */
  public static DataProfile fromJson(String json) {
    return ProfileJson.read(json);
  }

  /**
   * The profile as JSON: {@code {"format": "mlops.data_profile", "version": 1, "options": {...}, "rows": n,
   * "columns": [...]}}, doubles written exactly (shortest round-trip decimal; NaN and infinities as strings).
   * Columns tagged {@code pii} carry only name, type, nullability, tags, rows and missing.
   */
  public String toJson() {
    return ProfileJson.write(this);
  }

  /** The schema of the profiled data. */
  public Schema schema() {
    return schema;
  }

  /** The options the profile was made with. */
  public ProfileOptions options() {
    return options;
  }

  /** Rows profiled. */
  public long rows() {
    return rows;
  }

  /** One profile per column, in schema order. */
  public List<ColumnProfile> columns() {
    return columns;
  }

  /** The profile of column {@code name}; a {@link NotFoundException} listing the columns if none. */
  public ColumnProfile column(String name) {
    for (ColumnProfile c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new NotFoundException("the profile has no column '" + name + "'; its columns are " + schema.names());
  }

  /** Constraints inferred with the default {@link ConstraintOptions}; see {@link #constraints(ConstraintOptions)}. */
  public Constraints constraints() {
    return constraints(ConstraintOptions.defaults());
  }

  /**
   * Constraints inferred from this profile, to check new data with: every column present with its type, a
   * missing-value limit, numeric ranges and small categorical domains (see {@link ConstraintOptions}). Adjust them
   * with {@link Constraints#withRange} and friends.
   *
   * <pre>{@code
   * Constraints c = profile.constraints().withRange("age", 0, 120).without("zip", Constraints.Rule.DOMAIN);
   * }</pre>
   */
  public Constraints constraints(ConstraintOptions options) {
    return Constraints.infer(this, options);
  }

  /** {@link #drift(Frame, DriftOptions)} with the default thresholds. */
  public DriftReport drift(Frame current) {
    return drift(current, DriftOptions.defaults());
  }

  /**
   * Compares {@code current} with this profile, column by column (see {@link DriftReport} for the statistics and
   * thresholds). Every column of the profile that is not tagged {@code pii} must be in {@code current} with the
   * same type; extra columns are ignored.
   */
  public DriftReport drift(Frame current, DriftOptions options) {
    return new DriftCalculator(this, current.schema(), options).accept(current).report();
  }

  /** {@link #drift(FrameSource, DriftOptions)} with the default thresholds. */
  public DriftReport drift(FrameSource current) {
    return drift(current, DriftOptions.defaults());
  }

  /** Compares every remaining batch of {@code current} with this profile in one pass; the source is not closed. */
  public DriftReport drift(FrameSource current, DriftOptions options) {
    DriftCalculator calc = new DriftCalculator(this, current.schema(), options);
    while (current.hasNext()) {
      calc.accept(current.next());
    }
    return calc.report();
  }

  /** Equal when schema, options, rows and every column profile are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DataProfile p && p.schema.equals(schema) && p.options.equals(options) && p.rows == rows
        && p.columns.equals(columns);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(schema, options, rows, columns);
  }

  /** Rows and one line per column; never values of pii columns. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("DataProfile[rows=").append(rows).append(", ").append(options);
    for (ColumnProfile c : columns) {
      s.append("\n  ").append(c);
    }
    return s.append(']').toString();
  }

  /**
   * Builds a {@link DataProfile} from batches, as a pipeline's fit pass streams them. Each batch must hold every
   * column of the schema with its type (extra columns are ignored). Used by one thread.
   *
   * <p>Stability: experimental.
   */
  @Stability(Stability.Level.EXPERIMENTAL)
  public static final class Builder {
    private final Schema schema;
    private final ProfileOptions options;
    private final ColumnAccumulator[] accumulators;
    private long rows;

    private Builder(Schema schema, ProfileOptions options) {
      this.schema = Objects.requireNonNull(schema, "schema");
      this.options = Objects.requireNonNull(options, "options");
      this.accumulators = new ColumnAccumulator[schema.size()];
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i] = new ColumnAccumulator(schema.field(i), options);
      }
    }

    /** Adds one batch; a {@link ValidationException} naming the column if one is missing or of another type. */
    public Builder accept(Frame batch) {
      List<Field> fields = schema.fields();
      Schema got = batch.schema();
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        if (!got.contains(f.name())) {
          throw new ValidationException("profiling: the batch has no column '" + f.name() + "' of the profile's "
              + "schema; its columns are " + got.names() + "; give every batch the same columns");
        }
        if (got.field(f.name()).type() != f.type()) {
          throw new ValidationException("profiling: column '" + f.name() + "' is " + got.field(f.name()).type()
              + " in the batch but " + f.type() + " in the profile's schema; cast it or start a new profile");
        }
      }
      for (int i = 0; i < fields.size(); i++) {
        accumulators[i].accept(batch.column(fields.get(i).name()));
      }
      rows += batch.rowCount();
      return this;
    }

    /** The profile of the batches so far (the builder may go on accepting batches). */
    public DataProfile build() {
      List<ColumnProfile> cols = new ArrayList<>(accumulators.length);
      for (ColumnAccumulator a : accumulators) {
        cols.add(a.build());
      }
      return new DataProfile(schema, options, rows, cols);
    }
  }
}
