package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.function.Function;

/**
 * The type of {@link Pseudonymize}: id {@code mlops.pseudonymize}, version 1. Restoring reads the key again and
 * checks it against the saved check value.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class PseudonymizeType extends BuiltInType<Pseudonymize> {
  static final PseudonymizeType INSTANCE = new PseudonymizeType();

  /** For ServiceLoader; use {@link Pseudonymize#type()}. */
  public PseudonymizeType() {
    super("mlops.pseudonymize", Pseudonymize.class);
  }

  @Override
  public FittedTransform restore(Pseudonymize params, StepContext context, JsonNode state, int savedVersion) {
    return restore(params, context, state, System::getenv);
  }

  FittedTransform restore(Pseudonymize params, StepContext context, JsonNode state, Function<String, String> env) {
    context.requireTypes(ColumnType.STRING, ColumnType.LONG);
    return new FittedPseudonymize(params, context,
        PiiKeys.restore(context.stepName(), params.keyId(), params.keySource(), state, env));
  }
}
