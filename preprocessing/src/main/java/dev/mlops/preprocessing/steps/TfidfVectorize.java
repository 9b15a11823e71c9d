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
 * TF-IDF weights of a text column, as scikit-learn's {@code TfidfVectorizer}: the vocabulary of
 * {@link CountVectorize} (same tokens and limits), then per document and term {@code tf * idf}, the row scaled to
 * unit length. {@code tf} is the term's count in the document (1 when {@code binary}; {@code 1 + ln(count)} when
 * {@code sublinearTf}); {@code idf = ln((1 + n) / (1 + df)) + 1} with {@code smoothIdf} (the default) or
 * {@code ln(n / df) + 1} without, where n is the number of training documents (missing values count, as empty
 * documents) and df the number holding the term.
 *
 * <pre>{@code
 * TfidfVectorize tfidf = TfidfVectorize.of().withMinDf(2).withSublinearTf(true);
 * // as JSON parameters: {"minDf": 2, "sublinearTf": true}
 * }</pre>
 *
 * <p>Input: exactly one STRING column. Output: {@code <column>_<term>} per vocabulary term, sorted by term
 * (scikit-learn names them by the bare term), keeping the input's tags. Missing values are empty documents and
 * unknown terms are ignored: a row with no known term is all zeros. The fitted state (vocabulary and idf) holds
 * data values. Fitting fails as {@link CountVectorize}'s does.
 *
 * <p>Differences from scikit-learn: those of {@link CountVectorize} (Spark's rule for minDf and maxDf; ties at the
 * maxFeatures cut go to the term that sorts first; dense outputs); {@code norm} is {@link TextNorm#NONE} where
 * scikit-learn says {@code None}.
 *
 * <p>Stability: experimental.
 *
 * @param tokens how documents are cut into terms (default {@link TextTokens#defaults()})
 * @param minDf keep terms in at least this many documents (1 or more, whole) or this fraction of them ([0, 1));
 *     default 1
 * @param maxDf keep terms in at most this many documents or this fraction of them; null (the default) for no limit
 * @param maxFeatures keep only this many terms, the most frequent over the corpus; null (the default) for all
 * @param binary tf is 1 for a term present instead of its count (default false)
 * @param norm how each row is scaled (default {@link TextNorm#L2})
 * @param useIdf weight by idf (default true); without it the outputs are the (scaled) tf
 * @param smoothIdf add one to n and to every df, as if one more document held every term (default true)
 * @param sublinearTf tf = 1 + ln(count) (default false)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record TfidfVectorize(TextTokens tokens, double minDf, Double maxDf, Integer maxFeatures, boolean binary,
    TextNorm norm, boolean useIdf, boolean smoothIdf, boolean sublinearTf) implements Transform {

  private static final TfidfVectorize DEFAULTS =
      new TfidfVectorize(TextTokens.defaults(), 1, null, null, false, TextNorm.L2, true, true, false);

  /** Checks the parameters. */
  public TfidfVectorize {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(norm, "norm");
    TermCounter.checkLimits(TfidfVectorizeType.ID, minDf, maxDf, maxFeatures);
  }

  @JsonCreator
  private static TfidfVectorize fromJson(@JsonProperty("tokens") TextTokens tokens,
      @JsonProperty("minDf") Double minDf, @JsonProperty("maxDf") Double maxDf,
      @JsonProperty("maxFeatures") Integer maxFeatures, @JsonProperty("binary") Boolean binary,
      @JsonProperty("norm") TextNorm norm, @JsonProperty("useIdf") Boolean useIdf,
      @JsonProperty("smoothIdf") Boolean smoothIdf, @JsonProperty("sublinearTf") Boolean sublinearTf) {
    return new TfidfVectorize(tokens == null ? TextTokens.defaults() : tokens, minDf == null ? 1 : minDf, maxDf,
        maxFeatures, binary != null && binary, norm == null ? TextNorm.L2 : norm, useIdf == null || useIdf,
        smoothIdf == null || smoothIdf, sublinearTf != null && sublinearTf);
  }

  /** scikit-learn's defaults: single words, every term, smoothed idf, L2 rows. */
  public static TfidfVectorize of() {
    return DEFAULTS;
  }

  /** With other tokenizer settings. */
  public TfidfVectorize withTokens(TextTokens tokens) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** With n-grams of {@code min} to {@code max} words (see {@link TextTokens#withNgramRange}). */
  public TfidfVectorize withNgramRange(int min, int max) {
    return withTokens(tokens.withNgramRange(min, max));
  }

  /** Lower-casing or not (see {@link TextTokens#withLowercase}). */
  public TfidfVectorize withLowercase(boolean lowercase) {
    return withTokens(tokens.withLowercase(lowercase));
  }

  /** With another minimum document frequency: a count (1 or more) or a fraction ([0, 1)). */
  public TfidfVectorize withMinDf(double minDf) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** With a maximum document frequency: a count (1 or more) or a fraction ([0, 1)); null for none. */
  public TfidfVectorize withMaxDf(Double maxDf) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** Keeping only the {@code maxFeatures} most frequent terms; null for all. */
  public TfidfVectorize withMaxFeatures(Integer maxFeatures) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** With tf 1 for a present term instead of its count, or not. */
  public TfidfVectorize withBinary(boolean binary) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** With another row scaling. */
  public TfidfVectorize withNorm(TextNorm norm) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** Weighting by idf or not. */
  public TfidfVectorize withUseIdf(boolean useIdf) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** Smoothing the idf or not. */
  public TfidfVectorize withSmoothIdf(boolean smoothIdf) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  /** With tf = 1 + ln(count), or the raw count. */
  public TfidfVectorize withSublinearTf(boolean sublinearTf) {
    return new TfidfVectorize(tokens, minDf, maxDf, maxFeatures, binary, norm, useIdf, smoothIdf, sublinearTf);
  }

  @Override
  public TransformType<TfidfVectorize> type() {
    return TfidfVectorizeType.INSTANCE;
  }

  /** Fails unless the input is exactly one STRING column. */
  @Override
  public Fitter fitter(StepContext context) {
    return new TermCounter(context, TfidfVectorizeType.ID, tokens, minDf, maxDf, maxFeatures, binary,
        (vocabulary, df, n) -> new FittedTermVectorize(context, TfidfVectorizeType.ID, tokens, vocabulary, binary,
            sublinearTf, useIdf ? idf(df, n, smoothIdf) : null, norm));
  }

  /** scikit-learn's idf: {@code ln((n + s) / (df + s)) + 1}, s = 1 when smoothing, else 0. */
  static double[] idf(long[] df, long documents, boolean smooth) {
    int s = smooth ? 1 : 0;
    double n = documents + s;
    double[] idf = new double[df.length];
    for (int i = 0; i < df.length; i++) {
      idf[i] = Math.log(n / (double) (df[i] + s)) + 1;
    }
    return idf;
  }
}
