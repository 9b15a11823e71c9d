package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The type of {@link Impute}: id {@code mlops.impute}, version 1. Its fitted state holds {@code statistics}, the
 * fill value per input column (a number, a string, or null for a column dropped because it had no value at fit),
 * and {@code missingAtFit}, whether each input column had a missing value at fit.
 *
 * <pre>{@code
 * TransformType<Impute> t = Impute.mean().type();   // t.qualifiedId() is "mlops.impute@1"
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ImputeType extends BuiltInType<Impute> {
  static final ImputeType INSTANCE = new ImputeType();

  /** For {@link java.util.ServiceLoader}; use {@code Impute.mean().type()}. */
  public ImputeType() {
    super("mlops.impute", Impute.class);
  }

  /**
   * The fitted step from its state; checks one fill value per input column, of the column's kind, and null only
   * where the parameters allow a dropped column.
   */
  @Override
  public FittedTransform restore(Impute params, StepContext context, JsonNode state, int savedVersion) {
    params.checkInputs(context);
    String what = Numeric.what(context, id());
    int n = context.inputs().size();
    JsonNode stats = StateJson.array(state, "statistics", what);
    JsonNode missing = StateJson.array(state, "missingAtFit", what);
    if (stats.size() != n || missing.size() != n) {
      throw new ValidationException("fitted state of " + what + " has " + stats.size() + " statistics and "
          + missing.size() + " missingAtFit for " + n + " columns; the saved pipeline is damaged");
    }
    Object[] statistics = new Object[n];
    boolean[] missingAtFit = new boolean[n];
    for (int k = 0; k < n; k++) {
      Field f = context.inputs().field(k);
      String at = what + ".statistics[" + k + "] (column '" + f.name() + "')";
      JsonNode s = stats.get(k);
      if (s.isNull()) {
        if (params.strategy() == Impute.Strategy.CONSTANT || params.keepEmpty()) {
          throw new ValidationException("fitted state of " + at + " is null, but strategy "
              + Impute.name(params.strategy()) + (params.keepEmpty() ? " with keepEmpty" : "")
              + " drops no column; the saved pipeline is damaged");
        }
        statistics[k] = null;
      } else if (f.type() == ColumnType.STRING) {
        if (!s.isTextual()) {
          throw new ValidationException("fitted state of " + at + ": expected a string; the saved pipeline is"
              + " damaged");
        }
        statistics[k] = s.textValue();
      } else {
        double v = StateJson.toDouble(s, at);
        if (!Double.isFinite(v)) {
          throw new ValidationException("fitted state of " + at + " is " + v + " but must be finite; the saved"
              + " pipeline is damaged");
        }
        statistics[k] = v;
      }
      if (!missing.get(k).isBoolean()) {
        throw new ValidationException("fitted state of " + what + ".missingAtFit[" + k + "]: expected true or"
            + " false; the saved pipeline is damaged");
      }
      missingAtFit[k] = missing.get(k).booleanValue();
    }
    return new FittedImpute(params, context, statistics, missingAtFit);
  }
}
