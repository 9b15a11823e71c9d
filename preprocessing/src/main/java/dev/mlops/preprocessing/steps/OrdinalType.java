package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered type of {@link Ordinal}: id {@code mlops.ordinal}, version 1. Its fitted state is, per input
 * column, the categories in code order (null for the missing category):
 * {@code {"columns": [{"categories": ["L", "M", "S", null]}]}}.
 *
 * <pre>{@code
 * TransformType<Ordinal> t = new OrdinalType();   // found through ServiceLoader as well
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class OrdinalType extends BuiltInType<Ordinal> {
  static final OrdinalType INSTANCE = new OrdinalType();

  /** For ServiceLoader. */
  public OrdinalType() {
    super("mlops.ordinal", Ordinal.class);
  }

  @Override
  public FittedTransform restore(Ordinal params, StepContext context, JsonNode state, int savedVersion) {
    String what = "step '" + context.stepName() + "' (" + id() + ")";
    JsonNode columns = OneHotType.columns(state, context, what);
    List<List<String>> categories = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      categories.add(OneHotType.categories(columns.get(j), what + ".columns[" + j + "]"));
    }
    return new FittedOrdinal(context, params, categories);
  }
}
