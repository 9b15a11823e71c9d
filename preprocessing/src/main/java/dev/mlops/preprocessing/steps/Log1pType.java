package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Log1p}: id {@code mlops.log1p}, version 1.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Log1pType extends BuiltInType<Log1p> {
  static final Log1pType INSTANCE = new Log1pType();

  /** For ServiceLoader; use {@link Log1p#type()}. */
  public Log1pType() {
    super("mlops.log1p", Log1p.class);
  }

  /** The state is empty; the inputs must still be numeric. */
  @Override
  public FittedTransform restore(Log1p params, StepContext context, JsonNode state, int savedVersion) {
    context.requireNumeric();
    return new FittedLog1p(context, params.invalid());
  }
}
