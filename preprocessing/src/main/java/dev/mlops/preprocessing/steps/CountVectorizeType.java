package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The registered type of {@link CountVectorize}: id {@code mlops.count_vectorize}, version 1. Its fitted state is
 * {@code {"vocabulary": [terms, sorted by code point]}}.
 *
 * <pre>{@code
 * TransformType<CountVectorize> t = CountVectorize.of().type();   // mlops.count_vectorize@1
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class CountVectorizeType extends BuiltInType<CountVectorize> {
  static final String ID = "mlops.count_vectorize";
  static final CountVectorizeType INSTANCE = new CountVectorizeType();

  /** For {@link java.util.ServiceLoader}; use {@link CountVectorize#type()} for the shared instance. */
  public CountVectorizeType() {
    super(ID, CountVectorize.class);
  }

  /** Reads the vocabulary back; fails naming the problem if it is missing, empty, unsorted or repeated. */
  @Override
  public FittedTransform restore(CountVectorize params, StepContext context, JsonNode state, int savedVersion) {
    FittedTextVectorize.requireOneString(context, ID);
    return FittedTermVectorize.restore(context, ID, state, params.tokens(), params.binary(), false, false,
        TextNorm.NONE);
  }
}
