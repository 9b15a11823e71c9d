package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * Fills missing values, as scikit-learn's {@code SimpleImputer}: with each column's mean, median or most frequent
 * value at fit, or a constant; optionally adds a 0/1 indicator per column that had missing values at fit. Spec:
 * {@code {"step": "impute", "strategy": "most_frequent", "addIndicator": true}}.
 *
 * <pre>{@code
 * Impute byMedian = Impute.median().withAddIndicator(true);
 * Impute unknown = Impute.constant("unknown");        // for STRING columns
 * Impute zero = Impute.constant(0);                   // for numeric columns
 * }</pre>
 *
 * <p>Inputs: DOUBLE and LONG columns (mean, median, most_frequent, constant), STRING columns (most_frequent and
 * constant; mean or median on a STRING column is an error, as in scikit-learn). Outputs, in order: one column per
 * input (numeric inputs give DOUBLE, STRING stay STRING; same name and tags), then with {@code addIndicator} one
 * DOUBLE 0/1 column {@code missingindicator_<col>} for each input column that had a missing value at fit (a missing
 * value at transform in another column gets no indicator, as scikit-learn's {@code error_on_new=False}).
 *
 * <p>Missing values are nulls, and NaN in a DOUBLE column. An infinite value is an error, as in scikit-learn.
 * Definitions, as scikit-learn 1.2.1: the median of an even count is the mean of the two middle values; ties for
 * most frequent go to the smallest number, or the first string in code point order; constant defaults to 0 for
 * numeric columns and {@code "missing_value"} for STRING columns.
 *
 * <p><b>A column with no value at fit is dropped from the output</b> under mean, median and most_frequent (its
 * indicator, if any, stays), as scikit-learn does silently; with {@code keepEmpty} it is kept and filled with 0
 * (numeric) as scikit-learn's {@code keep_empty_features}, or, where we differ, {@code "missing_value"} (STRING: a
 * string column cannot hold scikit-learn's 0). Under constant every column is kept. Also different: a numeric
 * {@code fillValue} with a STRING column is an error here (scikit-learn would put a number among strings), and
 * {@code fillValue} with a strategy other than constant is an error (scikit-learn ignores it); indicators are DOUBLE
 * 0/1 for every column type (scikit-learn gives booleans for string data).
 *
 * <p>Fitting streams: mean keeps a count and a compensated sum of numpy-style pairwise batch sums (one batch gives
 * scikit-learn's bits); median and most_frequent on numbers keep each column's values (8 bytes a value);
 * most_frequent on strings keeps a count per distinct value.
 *
 * <p>Stability: experimental.
 *
 * @param strategy how to compute the fill value (default mean)
 * @param fillValue for constant: a {@code Double} for numeric columns or a {@code String} for STRING columns; null
 *     for the defaults 0 and {@code "missing_value"}
 * @param addIndicator add the missing indicators (default false)
 * @param keepEmpty keep, filled with 0, a column that had no value at fit (default false: drop it)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Impute(Strategy strategy, Object fillValue, boolean addIndicator, boolean keepEmpty)
    implements Transform {

  /** The fill value of constant for STRING columns when {@code fillValue} is null, as scikit-learn's. */
  public static final String DEFAULT_STRING_FILL = "missing_value";

  /**
   * How the fill value is computed. Written in specs in lower case: {@code mean}, {@code median},
   * {@code most_frequent}, {@code constant}.
   *
   * <p>Stability: experimental.
   */
  @Stability(Stability.Level.EXPERIMENTAL)
  public enum Strategy {
    /** The mean of the column's values at fit (numeric columns only). */
    @JsonProperty("mean")
    MEAN,
    /** The median of the column's values at fit (numeric columns only). */
    @JsonProperty("median")
    MEDIAN,
    /** The most frequent value at fit; ties go to the smallest. */
    @JsonProperty("most_frequent")
    MOST_FREQUENT,
    /** {@code fillValue}, or 0 / {@code "missing_value"}. */
    @JsonProperty("constant")
    CONSTANT
  }

  /** Checks the parameters: a known strategy, and a fill value (a finite number or a string) only for constant. */
  public Impute {
    if (strategy == null) {
      throw new ValidationException("impute: strategy is missing; use mean, median, most_frequent or constant");
    }
    if (fillValue instanceof Number n && !(fillValue instanceof Double)) {
      fillValue = n.doubleValue();
    }
    if (fillValue != null) {
      if (strategy != Strategy.CONSTANT) {
        throw new ValidationException("impute: fillValue " + fillValue + " is only used by strategy constant, not "
            + name(strategy) + "; remove fillValue or set strategy constant");
      }
      if (!(fillValue instanceof String) && !(fillValue instanceof Double)) {
        throw new ValidationException("impute: fillValue must be a number or a string, not a "
            + fillValue.getClass().getSimpleName() + "; for example -1 or \"unknown\"");
      }
      if (fillValue instanceof Double d && !Double.isFinite(d)) {
        throw new ValidationException("impute: fillValue " + d + " must be finite; use a number such as -1");
      }
    }
  }

  @JsonCreator
  static Impute fromJson(@JsonProperty("strategy") Strategy strategy, @JsonProperty("fillValue") Object fillValue,
      @JsonProperty("addIndicator") Boolean addIndicator, @JsonProperty("keepEmpty") Boolean keepEmpty) {
    return new Impute(strategy == null ? Strategy.MEAN : strategy, fillValue, addIndicator != null && addIndicator,
        keepEmpty != null && keepEmpty);
  }

  /** Fills with the column's mean at fit. */
  public static Impute mean() {
    return new Impute(Strategy.MEAN, null, false, false);
  }

  /** Fills with the column's median at fit. */
  public static Impute median() {
    return new Impute(Strategy.MEDIAN, null, false, false);
  }

  /** Fills with the column's most frequent value at fit (numbers or strings). */
  public static Impute mostFrequent() {
    return new Impute(Strategy.MOST_FREQUENT, null, false, false);
  }

  /** Fills with 0 (numeric columns) or {@code "missing_value"} (STRING columns). */
  public static Impute constant() {
    return new Impute(Strategy.CONSTANT, null, false, false);
  }

  /** Fills numeric columns with {@code value}: {@code Impute.constant(-1)}. */
  public static Impute constant(double value) {
    return new Impute(Strategy.CONSTANT, value, false, false);
  }

  /** Fills STRING columns with {@code value}: {@code Impute.constant("unknown")}. */
  public static Impute constant(String value) {
    return new Impute(Strategy.CONSTANT, value, false, false);
  }

  /** A copy that adds missing indicators or not: {@code Impute.mean().withAddIndicator(true)}. */
  public Impute withAddIndicator(boolean addIndicator) {
    return new Impute(strategy, fillValue, addIndicator, keepEmpty);
  }

  /** A copy that keeps columns with no value at fit (filled with 0) or drops them. */
  public Impute withKeepEmpty(boolean keepEmpty) {
    return new Impute(strategy, fillValue, addIndicator, keepEmpty);
  }

  /** {@link ImputeType}, id {@code mlops.impute}. */
  @Override
  public TransformType<Impute> type() {
    return ImputeType.INSTANCE;
  }

  /**
   * Checks the inputs (DOUBLE, LONG or STRING; STRING only with most_frequent or constant; a fill value of the
   * column's kind) and starts fitting.
   */
  @Override
  public Fitter fitter(StepContext context) {
    checkInputs(context);
    return new ImputeFitter(this, context);
  }

  void checkInputs(StepContext context) {
    context.requireTypes(ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING);
    for (Field f : context.inputs().fields()) {
      boolean text = f.type() == ColumnType.STRING;
      if (text && (strategy == Strategy.MEAN || strategy == Strategy.MEDIAN)) {
        throw new ValidationException("step '" + context.stepName() + "': strategy " + name(strategy)
            + " needs numeric columns but column '" + f.name() + "' is STRING (scikit-learn: \"Cannot use "
            + name(strategy) + " strategy with non-numeric data\"); use most_frequent or constant, or impute it in"
            + " a separate step");
      }
      if (text && fillValue instanceof Double) {
        throw new ValidationException("step '" + context.stepName() + "': fillValue " + fillValue + " is a number"
            + " but column '" + f.name() + "' is STRING; give a string fillValue, or impute STRING columns in a"
            + " separate step");
      }
      if (!text && fillValue instanceof String) {
        throw new ValidationException("step '" + context.stepName() + "': fillValue \"" + fillValue + "\" is a"
            + " string but column '" + f.name() + "' is " + f.type() + "; give a numeric fillValue, or impute"
            + " numeric columns in a separate step");
      }
    }
  }

  /** The numeric fill of constant. */
  double numericFill() {
    return fillValue instanceof Double d ? d : 0.0;
  }

  /** The STRING fill of constant. */
  String stringFill() {
    return fillValue instanceof String s ? s : DEFAULT_STRING_FILL;
  }

  static String name(Strategy s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }
}
