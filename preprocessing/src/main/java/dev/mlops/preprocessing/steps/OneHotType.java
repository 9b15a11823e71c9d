package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered type of {@link OneHot}: id {@code mlops.one_hot}, version 1. Its fitted state is, per input column,
 * the categories (null for the missing category) and the indices of the infrequent ones:
 * {@code {"columns": [{"categories": ["blue", "red", null], "infrequent": [2]}]}}.
 *
 * <pre>{@code
 * TransformType<OneHot> t = new OneHotType();   // found through ServiceLoader as well
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class OneHotType extends BuiltInType<OneHot> {
  static final OneHotType INSTANCE = new OneHotType();

  /** For ServiceLoader. */
  public OneHotType() {
    super("mlops.one_hot", OneHot.class);
  }

  @Override
  public FittedTransform restore(OneHot params, StepContext context, JsonNode state, int savedVersion) {
    String what = "step '" + context.stepName() + "' (" + id() + ")";
    JsonNode columns = columns(state, context, what);
    List<List<String>> categories = new ArrayList<>();
    List<int[]> infrequent = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      String at = what + ".columns[" + j + "]";
      List<String> cats = categories(columns.get(j), at);
      categories.add(cats);
      infrequent.add(indices(columns.get(j), "infrequent", at, cats.size()));
    }
    return new FittedOneHot(context, params, categories, infrequent);
  }

  /** The "columns" array of the state: one entry per input column. */
  static JsonNode columns(JsonNode state, StepContext context, String what) {
    JsonNode columns = StateJson.array(state, "columns", what);
    if (columns.size() != context.inputs().size()) {
      throw new ValidationException("fitted state of " + what + " has " + columns.size() + " columns for "
          + context.inputs().size() + " inputs " + context.inputs().names() + "; the saved pipeline is damaged");
    }
    return columns;
  }

  /** The "categories" array: strings, null for the missing category (last only), distinct, not empty. */
  static List<String> categories(JsonNode column, String what) {
    JsonNode a = StateJson.array(column, "categories", what);
    List<String> cats = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode v = a.get(i);
      if (!v.isTextual() && !v.isNull()) {
        throw new ValidationException("fitted state of " + what + ".categories[" + i + "]: expected a string or"
            + " null, found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      cats.add(v.isNull() ? null : v.textValue());
    }
    if (cats.isEmpty()) {
      throw new ValidationException("fitted state of " + what + " has no categories; the saved pipeline is damaged");
    }
    CategoryIndex.check(cats, "fitted state of " + what);
    return cats;
  }

  /** An array of strictly increasing indices into {@code [0, size)}. */
  static int[] indices(JsonNode column, String key, String what, int size) {
    JsonNode a = StateJson.array(column, key, what);
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() >= size
          || (i > 0 && v.intValue() <= out[i - 1])) {
        throw new ValidationException("fitted state of " + what + "." + key + "[" + i + "] is " + v
            + "; expected increasing category indices from 0 to " + (size - 1) + "; the saved pipeline is damaged");
      }
      out[i] = v.intValue();
    }
    return out;
  }
}
