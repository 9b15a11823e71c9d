package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The registered type of {@link HashingVectorize}: id {@code mlops.hashing_vectorize}, version 1. Its fitted state
 * is empty ({@code {}}): the parameters say everything.
 *
 * <pre>{@code
 * TransformType<HashingVectorize> t = HashingVectorize.of(1024).type();   // mlops.hashing_vectorize@1
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class HashingVectorizeType extends BuiltInType<HashingVectorize> {
  static final String ID = "mlops.hashing_vectorize";
  static final HashingVectorizeType INSTANCE = new HashingVectorizeType();

  /** For {@link java.util.ServiceLoader}; use {@link HashingVectorize#type()} for the shared instance. */
  public HashingVectorizeType() {
    super(ID, HashingVectorize.class);
  }

  /** The step from its parameters; the state must be an (empty) object. */
  @Override
  public FittedTransform restore(HashingVectorize params, StepContext context, JsonNode state, int savedVersion) {
    if (state == null || !state.isObject()) {
      throw new ValidationException("fitted state of step '" + context.stepName() + "' (" + ID + "): expected an"
          + " object, found " + (state == null ? "nothing" : state.getNodeType()) + "; the saved pipeline is damaged");
    }
    return new FittedHashingVectorize(context, params);
  }
}
