package dev.mlops.preprocessing.steps;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * Hashes string tokens into {@code nFeatures} DOUBLE columns, as scikit-learn 1.2's {@code
 * FeatureHasher(input_type="string")}: a token's column is {@code abs(h) % nFeatures} where {@code h} is the signed
 * MurmurHash3 (x86, 32-bit, seed 0) of its UTF-8 bytes, and it adds 1 there, or -1 when {@code alternateSign} and
 * {@code h < 0}; repeated tokens add up. Nothing is learned.
 *
 * <pre>{@code
 * FeatureHash.of(64)                                  // each value of the input columns is one token
 * FeatureHash.of(1024).withSeparator(" ")             // a value "red big" is the tokens "red" and "big"
 * FeatureHash.of(16).withAlternateSign(false).withPrefix("tags")   // outputs tags_0 ... tags_15
 * // in a spec: {"type": "feature_hash", "nFeatures": 64, "separator": "|"}
 * }</pre>
 *
 * <p>A record's tokens come from all the step's STRING columns together (one sum over all of them, as scikit-learn
 * hashes one list of strings per sample). Without a {@code separator} each value is one token; with one, a value is
 * split at every occurrence of it (literally, not a regular expression), keeping empty tokens: {@code "a||b"} with
 * {@code "|"} is {@code "a"}, {@code ""}, {@code "b"}, and {@code ""} is one empty token. A missing value gives no
 * token. Outputs are named {@code <prefix>_0} to {@code <prefix>_<nFeatures-1>} (scikit-learn gives FeatureHasher
 * no feature names); {@code prefix} defaults to {@code hash}. They carry the union of the inputs' tags.
 *
 * <p>Differences from scikit-learn: there is no default {@code nFeatures} (scikit-learn's 2^20 is meant for sparse
 * output; here outputs are dense columns), and it is at most 2^20; the tokens come from STRING columns, not lists or
 * dicts; a hash of -2^31 (whose abs overflows in scikit-learn's C code) goes to column {@code 2^31 % nFeatures}.
 *
 * <p>Stability: experimental.
 *
 * @param nFeatures the number of output columns, 1 to 2^20; required
 * @param alternateSign whether a token with a negative hash subtracts 1 (default true, as in scikit-learn)
 * @param separator splits a value into tokens; null (default) for one token per value
 * @param prefix the output name prefix; default {@code hash}
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record FeatureHash(Integer nFeatures, Boolean alternateSign, String separator, String prefix)
    implements Transform {
  /** The largest {@code nFeatures}. */
  public static final int MAX_FEATURES = 1 << 20;

  /** Checks the parameters and fills in the defaults. */
  public FeatureHash {
    if (nFeatures == null) {
      throw new ValidationException("feature_hash: nFeatures is not set; set the number of output columns, e.g."
          + " 1024 (there is no default: outputs are dense columns)");
    }
    if (nFeatures < 1 || nFeatures > MAX_FEATURES) {
      throw new ValidationException("feature_hash: nFeatures is " + nFeatures + "; it must be 1 to " + MAX_FEATURES);
    }
    alternateSign = alternateSign == null ? Boolean.TRUE : alternateSign;
    if (separator != null && separator.isEmpty()) {
      throw new ValidationException("feature_hash: separator is empty; give a separator such as \" \" or \"|\","
          + " or leave it out for one token per value");
    }
    prefix = prefix == null ? "hash" : prefix;
    if (prefix.isBlank()) {
      throw new ValidationException("feature_hash: prefix is blank; give a name prefix such as \"hash\"");
    }
  }

  /** {@code nFeatures} outputs, alternate signs, one token per value, prefix {@code hash}. */
  public static FeatureHash of(int nFeatures) {
    return new FeatureHash(nFeatures, null, null, null);
  }

  /** This step with or without alternating signs. */
  public FeatureHash withAlternateSign(boolean alternateSign) {
    return new FeatureHash(nFeatures, alternateSign, separator, prefix);
  }

  /** This step splitting values at {@code separator} (null: one token per value). */
  public FeatureHash withSeparator(String separator) {
    return new FeatureHash(nFeatures, alternateSign, separator, prefix);
  }

  /** This step naming its outputs {@code <prefix>_<i>}. */
  public FeatureHash withPrefix(String prefix) {
    return new FeatureHash(nFeatures, alternateSign, separator, prefix);
  }

  @Override
  public TransformType<FeatureHash> type() {
    return FeatureHashType.INSTANCE;
  }

  /** False: hashing learns nothing. */
  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Fitter fitter(StepContext context) {
    context.requireInputs();
    context.requireTypes(ColumnType.STRING);
    return Fitter.of(() -> new FittedFeatureHash(context, this));
  }
}
