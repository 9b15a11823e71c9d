package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.Objects;

/**
 * Hashed term counts of a text column, as scikit-learn's {@code HashingVectorizer}: each term ({@link TextTokens})
 * goes to column {@code |h| mod nFeatures}, h being the signed 32-bit MurmurHash3 (seed 0) of its UTF-8 bytes, and
 * adds 1 there, or -1 when {@code alternateSign} and h is negative (so colliding terms tend to cancel); then the
 * row is scaled by {@code norm}. Nothing is learned, so fitting reads no data and the same terms land in the same
 * columns as in scikit-learn.
 *
 * <pre>{@code
 * HashingVectorize hashed = HashingVectorize.of(1024).withNgramRange(1, 2);
 * // as JSON parameters: {"nFeatures": 1024, "tokens": {"ngramMax": 2}}
 * }</pre>
 *
 * <p>Input: exactly one STRING column. Output: {@code <column>_hash_0} to {@code <column>_hash_<nFeatures-1>}
 * (scikit-learn gives no names), keeping the input's tags. Missing values are empty documents (all zeros). The
 * state holds no data values.
 *
 * <p>Differences from scikit-learn: outputs are dense DOUBLE columns, so {@code nFeatures} has no default (scikit-
 * learn's 2^20 would be a million columns) and is at most {@value #MAX_FEATURES}; no {@code binary} option.
 *
 * <p>Stability: experimental.
 *
 * @param tokens how documents are cut into terms (default {@link TextTokens#defaults()})
 * @param nFeatures the number of output columns, 1 to {@value #MAX_FEATURES}; required
 * @param alternateSign add -1 for terms with a negative hash (default true)
 * @param norm how each row is scaled (default {@link TextNorm#L2})
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record HashingVectorize(TextTokens tokens, int nFeatures, boolean alternateSign, TextNorm norm)
    implements Transform {

  /** The most output columns: 2^20, scikit-learn's default. */
  public static final int MAX_FEATURES = 1 << 20;

  /** Checks the parameters. */
  public HashingVectorize {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(norm, "norm");
    if (nFeatures < 1 || nFeatures > MAX_FEATURES) {
      throw new ValidationException(HashingVectorizeType.ID + ": nFeatures is " + nFeatures + "; it must be 1 to "
          + MAX_FEATURES + " (the number of output columns; a few hundred to a few thousand is typical)");
    }
  }

  @JsonCreator
  private static HashingVectorize fromJson(@JsonProperty("tokens") TextTokens tokens,
      @JsonProperty("nFeatures") Integer nFeatures, @JsonProperty("alternateSign") Boolean alternateSign,
      @JsonProperty("norm") TextNorm norm) {
    if (nFeatures == null) {
      throw new ValidationException(HashingVectorizeType.ID + ": nFeatures is required (the number of output"
          + " columns, e.g. 1024)");
    }
    return new HashingVectorize(tokens == null ? TextTokens.defaults() : tokens, nFeatures,
        alternateSign == null || alternateSign, norm == null ? TextNorm.L2 : norm);
  }

  /** {@code nFeatures} columns with scikit-learn's other defaults: single words, alternating signs, L2 rows. */
  public static HashingVectorize of(int nFeatures) {
    return new HashingVectorize(TextTokens.defaults(), nFeatures, true, TextNorm.L2);
  }

  /** With other tokenizer settings. */
  public HashingVectorize withTokens(TextTokens tokens) {
    return new HashingVectorize(tokens, nFeatures, alternateSign, norm);
  }

  /** With n-grams of {@code min} to {@code max} words (see {@link TextTokens#withNgramRange}). */
  public HashingVectorize withNgramRange(int min, int max) {
    return withTokens(tokens.withNgramRange(min, max));
  }

  /** Lower-casing or not (see {@link TextTokens#withLowercase}). */
  public HashingVectorize withLowercase(boolean lowercase) {
    return withTokens(tokens.withLowercase(lowercase));
  }

  /** With another number of output columns. */
  public HashingVectorize withNFeatures(int nFeatures) {
    return new HashingVectorize(tokens, nFeatures, alternateSign, norm);
  }

  /** With or without alternating signs. */
  public HashingVectorize withAlternateSign(boolean alternateSign) {
    return new HashingVectorize(tokens, nFeatures, alternateSign, norm);
  }

  /** With another row scaling. */
  public HashingVectorize withNorm(TextNorm norm) {
    return new HashingVectorize(tokens, nFeatures, alternateSign, norm);
  }

  @Override
  public TransformType<HashingVectorize> type() {
    return HashingVectorizeType.INSTANCE;
  }

  /** False: hashing learns nothing. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Fails unless the input is exactly one STRING column. */
  @Override
  public Fitter fitter(StepContext context) {
    FittedHashingVectorize fitted = new FittedHashingVectorize(context, this);
    return Fitter.of(() -> fitted);
  }
}
