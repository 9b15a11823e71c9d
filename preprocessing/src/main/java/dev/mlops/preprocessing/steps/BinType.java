package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Bin}: id {@code mlops.bin}, version 1. State: {@code edges}, one array of bin edges
 * per input column.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class BinType extends BuiltInType<Bin> {
  static final BinType INSTANCE = new BinType();

  /** For ServiceLoader; use {@link Bin#type()}. */
  public BinType() {
    super("mlops.bin", Bin.class);
  }

  /** Reads the edges back, checking there is one ascending array of at least two edges per input. */
  @Override
  public FittedTransform restore(Bin params, StepContext context, JsonNode state, int savedVersion) {
    context.requireNumeric();
    String what = "step '" + context.stepName() + "' (mlops.bin)";
    JsonNode all = StateJson.array(state, "edges", what);
    StepValues.checkLength(what, "edges", all.size(), context.inputs().size());
    double[][] edges = new double[all.size()][];
    for (int c = 0; c < edges.length; c++) {
      JsonNode a = all.get(c);
      if (!a.isArray() || a.size() < 2) {
        throw new ValidationException("fitted state of " + what + ".edges[" + c + "] is not an array of at least"
            + " two edges; the saved pipeline is damaged");
      }
      edges[c] = new double[a.size()];
      for (int i = 0; i < edges[c].length; i++) {
        edges[c][i] = StateJson.toDouble(a.get(i), what + ".edges[" + c + "][" + i + "]");
        if (i > 0 && !(edges[c][i] > edges[c][i - 1])) {
          throw new ValidationException("fitted state of " + what + ".edges[" + c + "] is not strictly ascending at"
              + " " + i + "; the saved pipeline is damaged");
        }
      }
    }
    return new FittedBin(params, context, edges);
  }
}
