package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The registered type of {@link TfidfVectorize}: id {@code mlops.tfidf_vectorize}, version 1. Its fitted state is
 * {@code {"vocabulary": [terms, sorted by code point], "idf": [one per term]}} ({@code idf} only with useIdf).
 *
 * <pre>{@code
 * TransformType<TfidfVectorize> t = TfidfVectorize.of().type();   // mlops.tfidf_vectorize@1
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class TfidfVectorizeType extends BuiltInType<TfidfVectorize> {
  static final String ID = "mlops.tfidf_vectorize";
  static final TfidfVectorizeType INSTANCE = new TfidfVectorizeType();

  /** For {@link java.util.ServiceLoader}; use {@link TfidfVectorize#type()} for the shared instance. */
  public TfidfVectorizeType() {
    super(ID, TfidfVectorize.class);
  }

  /** Reads the vocabulary and idf back; fails naming the problem if they are missing, of unequal length or bad. */
  @Override
  public FittedTransform restore(TfidfVectorize params, StepContext context, JsonNode state, int savedVersion) {
    FittedTextVectorize.requireOneString(context, ID);
    return FittedTermVectorize.restore(context, ID, state, params.tokens(), params.binary(), params.sublinearTf(),
        params.useIdf(), params.norm());
  }
}
