package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The registered type of {@link FeatureHash}: id {@code mlops.feature_hash}, version 1. Its fitted state is the
 * empty object (the parameters say everything).
 *
 * <pre>{@code
 * TransformType<FeatureHash> t = new FeatureHashType();   // found through ServiceLoader as well
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class FeatureHashType extends BuiltInType<FeatureHash> {
  static final FeatureHashType INSTANCE = new FeatureHashType();

  /** For ServiceLoader. */
  public FeatureHashType() {
    super("mlops.feature_hash", FeatureHash.class);
  }

  @Override
  public FittedTransform restore(FeatureHash params, StepContext context, JsonNode state, int savedVersion) {
    if (state == null || !state.isObject() || state.size() != 0) {
      throw new ValidationException("fitted state of step '" + context.stepName() + "' (" + id() + ") should be"
          + " the empty object; the saved pipeline is damaged or from another version of the step");
    }
    context.requireInputs();
    context.requireTypes(ColumnType.STRING);
    return new FittedFeatureHash(context, params);
  }
}
