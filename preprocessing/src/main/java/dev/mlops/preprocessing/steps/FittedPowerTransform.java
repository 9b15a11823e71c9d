package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Field;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;

/** Fitted {@link PowerTransform}: lambdas, and mean and scale when standardizing. */
final class FittedPowerTransform extends PerValueDoubles {
  private final PowerTransform.Method method;
  private final double[] lambdas;
  private final double[] mean;
  private final double[] scale;

  FittedPowerTransform(PowerTransform params, StepContext context, double[] lambdas, double[] mean,
      double[] scale) {
    super(context);
    this.method = params.method();
    this.lambdas = lambdas.clone();
    this.mean = mean == null ? null : mean.clone();
    this.scale = scale == null ? null : scale.clone();
  }

  static double power(PowerTransform.Method method, double x, double lambda) {
    return method == PowerTransform.Method.BOX_COX ? PowerMle.boxCox(x, lambda) : PowerMle.yeoJohnson(x, lambda);
  }

  /** Fails on an infinite value, and on a value {@code <= 0} for Box-Cox, as sklearn does at fit and transform. */
  static void check(PowerTransform.Method method, double x, String step, Field f, String where) {
    if (Double.isInfinite(x)) {
      throw new ValidationException("step '" + step + "' (power_transform): column '" + f.name() + "' " + where
          + ": " + StepValues.show(f, x) + " is infinite; the transform takes finite values (as in scikit-learn);"
          + " clip the column or filter the rows first");
    }
    if (method == PowerTransform.Method.BOX_COX && x <= 0) {
      throw new ValidationException("step '" + step + "' (power_transform, box_cox): column '" + f.name() + "' "
          + where + ": " + StepValues.show(f, x) + " is not strictly positive; Box-Cox takes only values > 0 (as"
          + " in scikit-learn); use method \"yeo_johnson\", or shift the column");
    }
  }

  /** The one formula of all paths. */
  @Override
  double value(double x, int c, int row) {
    if (Double.isInfinite(x) || (method == PowerTransform.Method.BOX_COX && x <= 0)) {
      check(method, x, step, inputs.field(c), "row " + row);
    }
    double y = power(method, x, lambdas[c]);
    return mean == null ? y : (y - mean[c]) / scale[c];
  }

  /** The lambdas, for tests. */
  double[] lambdas() {
    return lambdas.clone();
  }

  /** The means (null without standardize), for tests. */
  double[] mean() {
    return mean == null ? null : mean.clone();
  }

  /** The scales (null without standardize), for tests. */
  double[] scale() {
    return scale == null ? null : scale.clone();
  }

  @Override
  public JsonNode state() {
    ObjectNode s = StateJson.object();
    StateJson.putDoubles(s, "lambdas", lambdas);
    if (mean != null) {
      StateJson.putDoubles(s, "mean", mean);
      StateJson.putDoubles(s, "scale", scale);
    }
    return s;
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }
}
