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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fitted {@link OneHot}. For each input column it holds the output index of every category (after grouping the
 * infrequent ones and dropping, -1 for none) and of an unknown value; a batch is mapped through each column's
 * dictionary once ({@link CategoryIndex#encode}), then every row is one array read and one write of 1.0.
 */
final class FittedOneHot implements RecordTransform, MatrixWriter {
  private static final Double ZERO = 0.0;
  private static final Double ONE = 1.0;

  private final StepContext context;
  private final OneHot params;
  private final List<List<String>> categories;
  private final List<int[]> infrequent;
  private final CategoryIndex[] index;
  private final int[][] categoryOut;
  private final int[] unknownOut;
  private final List<OutputColumn> outputs;

  FittedOneHot(StepContext context, OneHot params, List<List<String>> categories, List<int[]> infrequent) {
    this.context = context;
    this.params = params;
    this.categories = categories.stream().map(c -> new CategoryIndex(c).categories()).toList();
    this.infrequent = List.copyOf(infrequent.stream().map(int[]::clone).toList());
    int columns = categories.size();
    this.index = new CategoryIndex[columns];
    this.categoryOut = new int[columns][];
    this.unknownOut = new int[columns];
    List<OutputColumn> outs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int j = 0; j < columns; j++) {
      Field in = context.inputs().field(j);
      index[j] = new CategoryIndex(categories.get(j));
      int n = index[j].size();
      boolean[] isInfrequent = new boolean[n];
      for (int k : infrequent.get(j)) {
        isInfrequent[k] = true;
      }
      int infrequentCount = infrequent.get(j).length;
      int frequent = n - infrequentCount;
      int grouped = frequent + (infrequentCount > 0 ? 1 : 0);
      int[] groupOf = new int[n];
      String[] groupName = new String[grouped];
      for (int k = 0, g = 0; k < n; k++) {
        if (isInfrequent[k]) {
          groupOf[k] = frequent;
        } else {
          groupOf[k] = g;
          String c = categories.get(j).get(k);
          groupName[g++] = in.name() + "_" + (c == null ? "nan" : c);
        }
      }
      if (infrequentCount > 0) {
        groupName[frequent] = in.name() + "_infrequent_sklearn";
      }
      int drop = switch (params.drop()) {
        case NONE -> -1;
        case FIRST -> grouped > 0 ? 0 : -1;
        case IF_BINARY -> grouped == 2 ? 0 : -1;
      };
      int[] groupOut = new int[grouped];
      for (int g = 0; g < grouped; g++) {
        if (g == drop) {
          groupOut[g] = -1;
          continue;
        }
        groupOut[g] = outs.size();
        if (!names.add(groupName[g])) {
          throw new ValidationException("step '" + context.stepName() + "': two outputs would be named '"
              + (in.isPii() ? in.name() + "_..." : groupName[g]) + "' (column '" + in.name() + "'); rename the"
              + " column or category, or impute missing values first (a missing value is named '_nan')");
        }
        outs.add(new OutputColumn(Field.of(groupName[g], ColumnType.DOUBLE).withNullable(false)
            .withTags(in.tags()), List.of(in.name())));
      }
      categoryOut[j] = new int[n];
      for (int k = 0; k < n; k++) {
        categoryOut[j][k] = groupOut[groupOf[k]];
      }
      unknownOut[j] = params.handleUnknown() == OneHot.HandleUnknown.INFREQUENT && infrequentCount > 0
          ? groupOut[frequent] : -1;
    }
    this.outputs = List.copyOf(outs);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  /** The output index of each row of column {@code j}, -1 for none; unknown values are handled by the policy. */
  private int[] outputsOf(Frame inputs, int j) {
    int[] cat = index[j].encode(CategoryIndex.stringInput(context.stepName(), inputs, j));
    int[] out = categoryOut[j];
    int unknown = unknownOut[j];
    for (int r = 0; r < cat.length; r++) {
      int k = cat[r];
      if (k >= 0) {
        cat[r] = out[k];
      } else {
        if (params.handleUnknown() == OneHot.HandleUnknown.ERROR) {
          throw unknown(j, r, inputs.column(j).isNull(r) ? null : (String) inputs.column(j).get(r));
        }
        cat[r] = unknown;
      }
    }
    return cat;
  }

  /** The output index of {@code value} in column {@code j}, -1 for none (the scalar form of outputsOf). */
  private int outputOf(int j, String value) {
    int k = index[j].indexOf(value);
    if (k >= 0) {
      return categoryOut[j][k];
    }
    if (params.handleUnknown() == OneHot.HandleUnknown.ERROR) {
      throw unknown(j, 0, value);
    }
    return unknownOut[j];
  }

  private ValidationException unknown(int j, int row, String value) {
    Field f = context.inputs().field(j);
    String what = value == null ? "a missing value, and the column had none at fit"
        : CategoryIndex.shown(f, value) + ", which was not seen at fit";
    return new ValidationException("step '" + context.stepName() + "' (one_hot): column '" + f.name() + "' row "
        + row + " holds " + what + " (handleUnknown is error); set handleUnknown to ignore or infrequent, or refit"
        + " on data that holds it");
  }

  @Override
  public List<Column> apply(Frame inputs) {
    int rows = inputs.rowCount();
    double[][] values = new double[outputs.size()][];
    for (int o = 0; o < values.length; o++) {
      values[o] = new double[rows];
    }
    for (int j = 0; j < index.length; j++) {
      int[] out = outputsOf(inputs, j);
      for (int r = 0; r < rows; r++) {
        int o = out[r];
        if (o >= 0) {
          values[o][r] = 1.0;
        }
      }
    }
    List<Column> columns = new ArrayList<>(values.length);
    for (double[] v : values) {
      columns.add(DoubleColumn.of(v));
    }
    return columns;
  }

  @Override
  public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    int rows = inputs.rowCount();
    for (int j = 0; j < index.length; j++) {
      int[] o = outputsOf(inputs, j);
      for (int r = 0; r < rows; r++) {
        if (o[r] >= 0) {
          out[(firstRow + r) * stride + columns[o[r]]] = 1.0;
        }
      }
    }
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    CategoryIndex.checkRecord(context.stepName(), inputs, index.length);
    Object[] out = new Object[outputs.size()];
    Arrays.fill(out, ZERO);
    for (int j = 0; j < index.length; j++) {
      int o = outputOf(j, CategoryIndex.stringValue(context.stepName(), context.inputs().field(j), inputs[j]));
      if (o >= 0) {
        out[o] = ONE;
      }
    }
    return out;
  }

  @Override
  public JsonNode state() {
    ObjectNode s = StateJson.object();
    ArrayNode columns = s.putArray("columns");
    for (int j = 0; j < categories.size(); j++) {
      ObjectNode c = columns.addObject();
      CategoryIndex.putCategories(c, categories.get(j));
      ArrayNode inf = c.putArray("infrequent");
      for (int k : infrequent.get(j)) {
        inf.add(k);
      }
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
    return "one_hot" + context.inputs().names() + " -> " + outputs.size() + " columns";
  }
}
