package dev.mlops.preprocessing.steps;

import dev.mlops.core.Field;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.StepContext;

/** Fitted {@link Log1p}: stateless. */
final class FittedLog1p extends PerValueDoubles implements StatelessTransform {
  private final Log1p.Invalid invalid;

  FittedLog1p(StepContext context, Log1p.Invalid invalid) {
    super(context);
    this.invalid = invalid;
  }

  /** The one formula of all paths. */
  @Override
  double value(double x, int column, int row) {
    if (x < -1 && invalid == Log1p.Invalid.ERROR) {
      Field f = inputs.field(column);
      throw new ValidationException("step '" + step + "' (log1p): column '" + f.name() + "' row " + row + ": "
          + StepValues.show(f, x) + " is below -1, where log1p is undefined; set invalid to \"nan\" for a missing"
          + " output, or clip or filter the column first");
    }
    return Math.log1p(x); // NaN below -1 and for NaN (missing)
  }
}
