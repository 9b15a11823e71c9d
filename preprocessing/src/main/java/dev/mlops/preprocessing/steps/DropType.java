package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Drop}: id {@code mlops.drop}, version 1. The state is empty.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class DropType extends BuiltInType<Drop> {
  static final DropType INSTANCE = new DropType();

  /** For ServiceLoader; use {@link Drop#type()}. */
  public DropType() {
    super("mlops.drop", Drop.class);
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(Drop params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedDrop();
  }
}
