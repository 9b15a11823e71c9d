package dev.mlops.preprocessing.steps;

import dev.mlops.core.Stability;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * Removes its input columns: the fitted step has no output. Any type; nothing is learnt. scikit-learn's nearest is
 * a {@code ColumnTransformer} entry with {@code "drop"}.
 *
 * <pre>{@code
 * Drop.of()        // {}
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Drop() implements Transform {

  /** The step. */
  public static Drop of() {
    return new Drop();
  }

  /** The {@code mlops.drop} type. */
  @Override
  public TransformType<Drop> type() {
    return DropType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Fitter fitter(StepContext context) {
    return Fitter.of(FittedDrop::new);
  }
}
