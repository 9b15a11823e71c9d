package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Rename}: id {@code mlops.rename}, version 1. The state is empty: the mapping is a parameter.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class RenameType extends BuiltInType<Rename> {
  static final RenameType INSTANCE = new RenameType();

  /** For ServiceLoader; use {@link Rename#type()}. */
  public RenameType() {
    super("mlops.rename", Rename.class);
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(Rename params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedColumns(context, params.targets(context));
  }
}
