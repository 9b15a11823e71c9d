package dev.mlops.preprocessing.steps;

import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.GrowableDoubles;
import java.util.Arrays;

/** Fits {@link PowerTransform}: keeps every value (the likelihood is maximised over all of them). */
final class PowerTransformFitter implements Fitter {
  private final PowerTransform params;
  private final StepContext context;
  private final Schema inputs;
  private final GrowableDoubles[] values;
  private int rows;

  PowerTransformFitter(PowerTransform params, StepContext context) {
    this.params = params;
    this.context = context;
    this.inputs = context.inputs();
    this.values = new GrowableDoubles[inputs.size()];
    Arrays.setAll(values, c -> new GrowableDoubles());
  }

  @Override
  public void accept(Frame batch) {
    int n = batch.rowCount();
    for (int c = 0; c < inputs.size(); c++) {
      double[] v = StepValues.doubles(batch.column(c));
      for (int r = 0; r < n; r++) {
        FittedPowerTransform.check(params.method(), v[r], context.stepName(), inputs.field(c),
            "training row " + (rows + r));
      }
      values[c].addAll(v);
    }
    rows += n;
  }

  @Override
  public FittedTransform finish() {
    int k = inputs.size();
    double[] lambdas = new double[k];
    double[] mean = params.standardize() ? new double[k] : null;
    double[] scale = params.standardize() ? new double[k] : null;
    for (int c = 0; c < k; c++) {
      double[] all = values[c].toArray();
      double[] present = Arrays.stream(all).filter(x -> !Double.isNaN(x)).toArray();
      if (present.length == 0) {
        Field f = inputs.field(c);
        throw new ValidationException("step '" + context.stepName() + "' (power_transform): column '" + f.name()
            + "' has no value in the training data, so no lambda can be fitted; drop or impute the column");
      }
      lambdas[c] = params.method() == PowerTransform.Method.BOX_COX
          ? PowerMle.boxCoxLambda(present)
          : PowerMle.yeoJohnsonLambda(present);
      if (mean != null) {
        for (int r = 0; r < rows; r++) {
          all[r] = FittedPowerTransform.power(params.method(), all[r], lambdas[c]);
        }
        double[] s = PowerMle.scaler(all);
        mean[c] = s[0];
        scale[c] = s[2];
      }
    }
    return new FittedPowerTransform(params, context, lambdas, mean, scale);
  }
}
