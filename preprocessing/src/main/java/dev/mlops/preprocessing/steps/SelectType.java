package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Select}: id {@code mlops.select}, version 1. The state is empty.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class SelectType extends BuiltInType<Select> {
  static final SelectType INSTANCE = new SelectType();

  /** For ServiceLoader; use {@link Select#type()}. */
  public SelectType() {
    super("mlops.select", Select.class);
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(Select params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedColumns(context, context.inputs().names());
  }
}
