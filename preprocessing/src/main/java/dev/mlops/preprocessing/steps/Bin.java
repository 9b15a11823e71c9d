package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * Discretizes each numeric column into bins, as scikit-learn's {@code KBinsDiscretizer} (1.2): {@code nBins} bins of
 * equal width ({@link Strategy#UNIFORM}, edges {@code numpy.linspace(min, max, nBins + 1)}) or of equal counts
 * ({@link Strategy#QUANTILE}, edges at numpy's linear-interpolation percentiles {@code 0, 100/nBins, ..., 100}).
 * Quantile edges closer than 1e-8 to the one before are dropped, so a column may get fewer bins; a constant column
 * gets one bin. A value goes to bin {@code i} when {@code edges[i] <= x < edges[i + 1]}; values outside the fitted
 * range go to the first or last bin.
 *
 * <p>Output: {@link Encode#ORDINAL} gives one DOUBLE column per input, named as the input, holding the bin index;
 * {@link Encode#ONEHOT} gives one 0/1 DOUBLE column per bin, named {@code <column>_<bin>.0} as sklearn's
 * {@code get_feature_names_out} (e.g. {@code age_0.0}, {@code age_1.0}).
 *
 * <p>Missing values: a missing value (null or NaN) or an infinite one at fit is an error, as in sklearn. At apply, {@link Missing#ERROR}
 * (the default, as sklearn) fails naming the column and row; {@link Missing#KEEP} gives a missing output (every
 * one-hot column of that input missing).
 *
 * <p>Differences from scikit-learn: one-hot output is always dense ({@code onehot-dense}); the {@code kmeans}
 * strategy and {@code subsample} are not offered; quantile edges use every value seen at fit.
 *
 * <pre>{@code
 * Bin.quantile(4)                                  // {"nBins": 4, "strategy": "quantile", "encode": "onehot"}
 * Bin.uniform(10).withEncode(Bin.Encode.ORDINAL)
 * Bin.quantile(5).withMissing(Bin.Missing.KEEP)
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param nBins the number of bins per column, 2 or more; null means 5 (sklearn's default)
 * @param strategy how edges are placed; null means {@link Strategy#QUANTILE} (sklearn's default)
 * @param encode the output form; null means {@link Encode#ONEHOT} (sklearn's default, but dense)
 * @param missing what a missing value at apply gives; null means {@link Missing#ERROR}
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Bin(Integer nBins, Strategy strategy, Encode encode, Missing missing) implements Transform {

  /** How bin edges are placed. */
  public enum Strategy {
    /** Equal widths between the column's minimum and maximum. */
    @JsonProperty("uniform")
    UNIFORM,
    /** Equal counts: edges at percentiles. */
    @JsonProperty("quantile")
    QUANTILE
  }

  /** The output form. */
  public enum Encode {
    /** The bin index, one column per input. */
    @JsonProperty("ordinal")
    ORDINAL,
    /** One 0/1 column per bin (dense). */
    @JsonProperty("onehot")
    ONEHOT
  }

  /** What a missing value at apply gives. */
  public enum Missing {
    /** Fail, naming the column and row (the default, as sklearn). */
    @JsonProperty("error")
    ERROR,
    /** A missing output. */
    @JsonProperty("keep")
    KEEP
  }

  /** Fills defaults and checks {@code nBins}. */
  public Bin {
    nBins = nBins == null ? 5 : nBins;
    strategy = strategy == null ? Strategy.QUANTILE : strategy;
    encode = encode == null ? Encode.ONEHOT : encode;
    missing = missing == null ? Missing.ERROR : missing;
    if (nBins < 2) {
      throw new ValidationException("Bin: nBins is " + nBins + " but must be 2 or more; use at least 2 bins");
    }
  }

  /** {@code nBins} equal-width bins, one-hot encoded. */
  public static Bin uniform(int nBins) {
    return new Bin(nBins, Strategy.UNIFORM, Encode.ONEHOT, Missing.ERROR);
  }

  /** {@code nBins} equal-count bins, one-hot encoded. */
  public static Bin quantile(int nBins) {
    return new Bin(nBins, Strategy.QUANTILE, Encode.ONEHOT, Missing.ERROR);
  }

  /** This step with another number of bins. */
  public Bin withNBins(int nBins) {
    return new Bin(nBins, strategy, encode, missing);
  }

  /** This step with another strategy. */
  public Bin withStrategy(Strategy strategy) {
    return new Bin(nBins, strategy, encode, missing);
  }

  /** This step with another output form. */
  public Bin withEncode(Encode encode) {
    return new Bin(nBins, strategy, encode, missing);
  }

  /** This step with another policy for missing values at apply. */
  public Bin withMissing(Missing missing) {
    return new Bin(nBins, strategy, encode, missing);
  }

  /** The {@code mlops.bin} type. */
  @Override
  public TransformType<Bin> type() {
    return BinType.INSTANCE;
  }

  /** Checks the inputs are DOUBLE or LONG and starts collecting edges' statistics. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return new BinFitter(this, context);
  }
}
