package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted {@link Ordinal}: per input column the code of each category (its index, or {@code encodedMissingValue}
 * for the missing category), looked up once per dictionary code of a batch.
 */
final class FittedOrdinal implements RecordTransform, MatrixWriter {
  private final StepContext context;
  private final Ordinal params;
  private final CategoryIndex[] index;
  private final double[][] codes;
  private final List<OutputColumn> outputs;

  FittedOrdinal(StepContext context, Ordinal params, List<List<String>> categories) {
    this.context = context;
    this.params = params;
    int columns = categories.size();
    this.index = new CategoryIndex[columns];
    this.codes = new double[columns][];
    List<OutputColumn> outs = new ArrayList<>();
    List<String> clashes = new ArrayList<>();
    for (int j = 0; j < columns; j++) {
      Field in = context.inputs().field(j);
      index[j] = new CategoryIndex(categories.get(j));
      int n = index[j].size();
      codes[j] = new double[n];
      for (int k = 0; k < n; k++) {
        codes[j][k] = categories.get(j).get(k) == null ? params.encodedMissingValue() : k;
      }
      Double unknown = params.unknownValue();
      if (unknown != null && !unknown.isNaN() && unknown >= 0 && unknown < n) {
        throw new ValidationException("step '" + context.stepName() + "': unknownValue " + unknown + " is the code"
            + " of a category of column '" + in.name() + "' (" + n + " categories, codes 0 to " + (n - 1)
            + "); use a negative value such as -1, or NaN");
      }
      double missing = params.encodedMissingValue();
      int known = index[j].hasMissing() ? n - 1 : n;
      if (index[j].hasMissing() && !Double.isNaN(missing) && missing >= 0 && missing < known) {
        clashes.add(in.name());
      }
      outs.add(new OutputColumn(Field.of(in.name(), ColumnType.DOUBLE).withTags(in.tags()), List.of(in.name())));
    }
    if (!clashes.isEmpty()) {
      throw new ValidationException("step '" + context.stepName() + "': encodedMissingValue "
          + params.encodedMissingValue() + " is already the code of a category in columns " + clashes
          + "; use a negative value such as -2, or NaN");
    }
    this.outputs = List.copyOf(outs);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  /** The code of category {@code k} (or of an unknown value, k < 0) of column {@code j} at {@code row}. */
  private double code(int j, int k, int row, String value) {
    if (k >= 0) {
      return codes[j][k];
    }
    if (params.handleUnknown() == Ordinal.HandleUnknown.ERROR) {
      Field f = context.inputs().field(j);
      String what = value == null ? "a missing value, and the column had none at fit"
          : CategoryIndex.shown(f, value) + ", which was not seen at fit";
      throw new ValidationException("step '" + context.stepName() + "' (ordinal): column '" + f.name() + "' row "
          + row + " holds " + what + " (handleUnknown is error); set handleUnknown to use_encoded_value with an"
          + " unknownValue, or refit on data that holds it");
    }
    return params.unknownValue();
  }

  private double[] values(Frame inputs, int j) {
    int[] cat = index[j].encode(CategoryIndex.stringInput(context.stepName(), inputs, j));
    double[] v = new double[cat.length];
    double[] c = codes[j];
    for (int r = 0; r < cat.length; r++) {
      int k = cat[r];
      v[r] = k >= 0 ? c[k] : code(j, k, r, (String) inputs.column(j).get(r));
    }
    return v;
  }

  @Override
  public List<Column> apply(Frame inputs) {
    List<Column> out = new ArrayList<>(index.length);
    for (int j = 0; j < index.length; j++) {
      double[] v = values(inputs, j);
      boolean[] nulls = null;
      for (int r = 0; r < v.length; r++) {
        if (Double.isNaN(v[r])) {
          nulls = nulls == null ? new boolean[v.length] : nulls;
          nulls[r] = true;
        }
      }
      out.add(DoubleColumn.of(v, nulls));
    }
    return out;
  }

  @Override
  public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    for (int j = 0; j < index.length; j++) {
      double[] v = values(inputs, j);
      for (int r = 0; r < v.length; r++) {
        out[(firstRow + r) * stride + columns[j]] = v[r];
      }
    }
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    CategoryIndex.checkRecord(context.stepName(), inputs, index.length);
    Object[] out = new Object[index.length];
    for (int j = 0; j < index.length; j++) {
      String value = CategoryIndex.stringValue(context.stepName(), context.inputs().field(j), inputs[j]);
      double v = code(j, index[j].indexOf(value), 0, value);
      out[j] = Double.isNaN(v) ? null : v;
    }
    return out;
  }

  @Override
  public JsonNode state() {
    ObjectNode s = StateJson.object();
    ArrayNode columns = s.putArray("columns");
    for (CategoryIndex i : index) {
      CategoryIndex.putCategories(columns.addObject(), i.categories());
    }
    return s;
  }

  /** True: the state lists the categories, values of the data. */
  @Override
  public boolean stateHoldsValues() {
    return true;
  }

  @Override
  public String toString() {
    return "ordinal" + context.inputs().names();
  }
}
