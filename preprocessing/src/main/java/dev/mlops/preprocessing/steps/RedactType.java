package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.function.Function;

/**
 * The type of {@link Redact}: id {@code mlops.redact}, version 1. Restoring a {@code pseudonymize} step reads the key
 * again and checks it against the saved check value.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class RedactType extends BuiltInType<Redact> {
  static final RedactType INSTANCE = new RedactType();

  /** For ServiceLoader; use {@link Redact#type()}. */
  public RedactType() {
    super("mlops.redact", Redact.class);
  }

  @Override
  public FittedTransform restore(Redact params, StepContext context, JsonNode state, int savedVersion) {
    return restore(params, context, state, System::getenv);
  }

  FittedTransform restore(Redact params, StepContext context, JsonNode state, Function<String, String> env) {
    return FittedRedact.restore(params, context, state, env);
  }
}
