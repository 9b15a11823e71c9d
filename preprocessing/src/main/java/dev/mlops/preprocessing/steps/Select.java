package dev.mlops.preprocessing.steps;

import dev.mlops.core.Stability;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * Keeps its input columns as they are: a step whose column selection is the point (in a spec, the columns to
 * keep). Any type; nothing is learnt. scikit-learn's nearest is a {@code ColumnTransformer} entry with
 * {@code "passthrough"}.
 *
 * <pre>{@code
 * Select.of()      // {}
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Select() implements Transform {

  /** The step. */
  public static Select of() {
    return new Select();
  }

  /** The {@code mlops.select} type. */
  @Override
  public TransformType<Select> type() {
    return SelectType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Fitter fitter(StepContext context) {
    return Fitter.of(() -> new FittedColumns(context, context.inputs().names()));
  }
}
