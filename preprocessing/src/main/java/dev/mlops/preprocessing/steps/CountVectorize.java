package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.Objects;

/**
 * Term counts of a text column, as scikit-learn's {@code CountVectorizer}: fitting learns a vocabulary of the terms
 * ({@link TextTokens}) seen in the training documents, kept by document frequency ({@code minDf}, {@code maxDf})
 * and corpus frequency ({@code maxFeatures}); applying gives one DOUBLE column per term, in the vocabulary's sorted
 * order, holding how often the term occurs in the row's document (or 1 when {@code binary}).
 *
 * <pre>{@code
 * CountVectorize words = CountVectorize.of().withNgramRange(1, 2).withMinDf(2).withMaxFeatures(1000);
 * // as JSON parameters: {"minDf": 2, "maxFeatures": 1000, "tokens": {"ngramMax": 2}}
 * }</pre>
 *
 * <p>Input: exactly one STRING column (one step per text column). Output: {@code <column>_<term>} per vocabulary
 * term (scikit-learn names them by the bare term); the outputs keep the input's tags. Missing values are empty
 * documents (all zeros); terms not in the vocabulary are ignored. The fitted vocabulary is data: a pipeline will
 * not save it for a {@code pii} column. Fitting fails, as scikit-learn does, when the documents hold no token, when
 * no term passes the limits, or when maxDf comes to fewer documents than minDf.
 *
 * <p>Differences from scikit-learn: {@code minDf} and {@code maxDf} follow Spark's rule (a value of 1 or more is a
 * number of documents, a value below 1 a fraction of them) because JSON does not tell {@code 1} from {@code 1.0};
 * so scikit-learn's {@code min_df=1.0} (every document) is not expressible, and its default {@code max_df=1.0} is
 * {@code maxDf} left out. When terms tie at the {@code maxFeatures} cut, scikit-learn's choice follows an unstable
 * sort; here the tie goes to the term that sorts first (count descending, then term by code point). Outputs are
 * dense DOUBLE columns, not a sparse matrix. No {@code stop_words}, {@code strip_accents}, {@code analyzer}
 * (char n-grams) or fixed {@code vocabulary}.
 *
 * <p>Stability: experimental.
 *
 * @param tokens how documents are cut into terms (default {@link TextTokens#defaults()})
 * @param minDf keep terms in at least this many documents (1 or more, whole) or this fraction of them ([0, 1));
 *     default 1
 * @param maxDf keep terms in at most this many documents or this fraction of them; null (the default) for no limit
 * @param maxFeatures keep only this many terms, the most frequent over the corpus (after minDf and maxDf); null
 *     (the default) for all
 * @param binary 1 for a term present in the document instead of its count (default false)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record CountVectorize(TextTokens tokens, double minDf, Double maxDf, Integer maxFeatures, boolean binary)
    implements Transform {

  private static final CountVectorize DEFAULTS = new CountVectorize(TextTokens.defaults(), 1, null, null, false);

  /** Checks the parameters. */
  public CountVectorize {
    Objects.requireNonNull(tokens, "tokens");
    TermCounter.checkLimits(CountVectorizeType.ID, minDf, maxDf, maxFeatures);
  }

  @JsonCreator
  private static CountVectorize fromJson(@JsonProperty("tokens") TextTokens tokens,
      @JsonProperty("minDf") Double minDf, @JsonProperty("maxDf") Double maxDf,
      @JsonProperty("maxFeatures") Integer maxFeatures, @JsonProperty("binary") Boolean binary) {
    return new CountVectorize(tokens == null ? TextTokens.defaults() : tokens, minDf == null ? 1 : minDf, maxDf,
        maxFeatures, binary != null && binary);
  }

  /** scikit-learn's defaults: single lower-cased words of two or more characters, every term, counts. */
  public static CountVectorize of() {
    return DEFAULTS;
  }

  /** With other tokenizer settings. */
  public CountVectorize withTokens(TextTokens tokens) {
    return new CountVectorize(tokens, minDf, maxDf, maxFeatures, binary);
  }

  /** With n-grams of {@code min} to {@code max} words (see {@link TextTokens#withNgramRange}). */
  public CountVectorize withNgramRange(int min, int max) {
    return withTokens(tokens.withNgramRange(min, max));
  }

  /** Lower-casing or not (see {@link TextTokens#withLowercase}). */
  public CountVectorize withLowercase(boolean lowercase) {
    return withTokens(tokens.withLowercase(lowercase));
  }

  /** With another minimum document frequency: a count (1 or more) or a fraction ([0, 1)). */
  public CountVectorize withMinDf(double minDf) {
    return new CountVectorize(tokens, minDf, maxDf, maxFeatures, binary);
  }

  /** With a maximum document frequency: a count (1 or more) or a fraction ([0, 1)); null for none. */
  public CountVectorize withMaxDf(Double maxDf) {
    return new CountVectorize(tokens, minDf, maxDf, maxFeatures, binary);
  }

  /** Keeping only the {@code maxFeatures} most frequent terms; null for all. */
  public CountVectorize withMaxFeatures(Integer maxFeatures) {
    return new CountVectorize(tokens, minDf, maxDf, maxFeatures, binary);
  }

  /** With presence (1) instead of counts, or not. */
  public CountVectorize withBinary(boolean binary) {
    return new CountVectorize(tokens, minDf, maxDf, maxFeatures, binary);
  }

  @Override
  public TransformType<CountVectorize> type() {
    return CountVectorizeType.INSTANCE;
  }

  /** Fails unless the input is exactly one STRING column. */
  @Override
  public Fitter fitter(StepContext context) {
    return new TermCounter(context, CountVectorizeType.ID, tokens, minDf, maxDf, maxFeatures, binary,
        (vocabulary, df, n) -> new FittedTermVectorize(context, CountVectorizeType.ID, tokens, vocabulary, binary,
            false, null, TextNorm.NONE));
  }
}
