package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * {@code log(1 + x)} of each numeric input column, as scikit-learn's {@code FunctionTransformer(numpy.log1p)}: the
 * outputs keep the inputs' names (sklearn's {@code feature_names_out="one-to-one"}) and are DOUBLE. Nothing is
 * learnt, so fitting reads no data.
 *
 * <p>Values: a missing value (null or NaN) stays missing; {@code -1} gives {@code -Infinity}, as numpy does. A value
 * below {@code -1} has no logarithm: with {@link Invalid#NAN} (the default, numpy's behaviour) the output is missing;
 * with {@link Invalid#ERROR} applying fails, naming the column and row. Where numpy gives a NaN value we write a
 * missing value (null), which reads as NaN.
 *
 * <pre>{@code
 * Log1p.of()                                  // {"invalid": "nan"}
 * Log1p.of().withInvalid(Log1p.Invalid.ERROR)
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param invalid what a value below -1 gives; null means {@link Invalid#NAN}
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Log1p(Invalid invalid) implements Transform {

  /** What a value below -1 gives. */
  public enum Invalid {
    /** A missing output, as numpy's NaN (the default). */
    @JsonProperty("nan")
    NAN,
    /** Fail, naming the column and row. */
    @JsonProperty("error")
    ERROR
  }

  /** Fills the default. */
  public Log1p {
    invalid = invalid == null ? Invalid.NAN : invalid;
  }

  /** {@code log1p} with the defaults: values below -1 give a missing value. */
  public static Log1p of() {
    return new Log1p(Invalid.NAN);
  }

  /** This step with another policy for values below -1. */
  public Log1p withInvalid(Invalid invalid) {
    return new Log1p(invalid);
  }

  /** The {@code mlops.log1p} type. */
  @Override
  public TransformType<Log1p> type() {
    return Log1pType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks the inputs are DOUBLE or LONG. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return Fitter.of(() -> new FittedLog1p(context, invalid));
  }
}
