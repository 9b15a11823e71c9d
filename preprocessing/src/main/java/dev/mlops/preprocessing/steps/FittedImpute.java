package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fitted {@link Impute}: a fill value per kept input column (a {@code Double} or a {@code String}; null marks a
 * column dropped because it had no value at fit) and which columns had a missing value at fit (the indicators).
 * The matrix path exists for numeric outputs only; a pipeline never asks a STRING output for a matrix.
 */
final class FittedImpute implements RecordTransform, MatrixWriter {
  private static final String INDICATOR_PREFIX = "missingindicator_";

  private final Impute params;
  private final StepContext context;
  private final Object[] statistics;
  private final boolean[] missingAtFit;
  /** Input column of each imputed output, in order. */
  private final int[] kept;
  /** Input column of each indicator output, in order; empty without addIndicator. */
  private final int[] indicators;
  private final double[] numericFill;
  private final List<OutputColumn> outputs;

  FittedImpute(Impute params, StepContext context, Object[] statistics, boolean[] missingAtFit) {
    this.params = params;
    this.context = context;
    this.statistics = statistics.clone();
    this.missingAtFit = missingAtFit.clone();
    int n = statistics.length;
    List<OutputColumn> out = new ArrayList<>();
    int[] keep = new int[n];
    int kk = 0;
    numericFill = new double[n];
    for (int k = 0; k < n; k++) {
      Field f = context.inputs().field(k);
      if (statistics[k] != null) {
        keep[kk++] = k;
        ColumnType type = f.type() == ColumnType.STRING ? ColumnType.STRING : ColumnType.DOUBLE;
        out.add(new OutputColumn(f.withType(type).withNullable(false), List.of(f.name())));
        numericFill[k] = statistics[k] instanceof Double d ? d : Double.NaN;
      }
    }
    kept = java.util.Arrays.copyOf(keep, kk);
    int[] ind = new int[n];
    int ii = 0;
    for (int k = 0; k < n && params.addIndicator(); k++) {
      if (missingAtFit[k]) {
        ind[ii++] = k;
        Field f = context.inputs().field(k);
        Field indicator = new Field(INDICATOR_PREFIX + f.name(), ColumnType.DOUBLE, false, f.tags());
        out.add(new OutputColumn(indicator, List.of(f.name())));
      }
    }
    indicators = java.util.Arrays.copyOf(ind, ii);
    outputs = List.copyOf(out);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame inputs) {
    Numeric.checkInputs(context, inputs);
    double[][] numbers = numbers(inputs);
    List<Column> out = new ArrayList<>(outputs.size());
    for (int k : kept) {
      if (numbers[k] == null) {
        out.add(fillStrings((StringColumn) inputs.column(k), (String) statistics[k]));
      } else {
        double[] x = numbers[k].clone();
        double fill = numericFill[k];
        for (int r = 0; r < x.length; r++) {
          x[r] = x[r] != x[r] ? fill : x[r];
        }
        out.add(DoubleColumn.of(x));
      }
    }
    for (int k : indicators) {
      double[] ind = new double[inputs.rowCount()];
      Column c = inputs.column(k);
      for (int r = 0; r < ind.length; r++) {
        ind[r] = indicator(numbers[k] == null ? c.isNull(r) : numbers[k][r] != numbers[k][r]);
      }
      out.add(DoubleColumn.of(ind));
    }
    return out;
  }

  /** The numeric input columns as doubles (NaN where missing), infinities rejected; null for STRING columns. */
  private double[][] numbers(Frame inputs) {
    double[][] numbers = new double[statistics.length][];
    for (int k = 0; k < numbers.length; k++) {
      Column c = inputs.column(k);
      if (!(c instanceof StringColumn)) {
        numbers[k] = Numeric.values(c);
        Numeric.rejectInfinite(context, k, numbers[k], 0);
      }
    }
    return numbers;
  }

  /** Nulls become {@code fill}, mapped once per dictionary entry rather than per row. */
  private static StringColumn fillStrings(StringColumn s, String fill) {
    if (!s.hasNulls()) {
      return s;
    }
    List<String> dictionary = new ArrayList<>(s.dictionary());
    int fillCode = dictionary.indexOf(fill);
    if (fillCode < 0) {
      fillCode = dictionary.size();
      dictionary.add(fill);
    }
    int[] codes = new int[s.size()];
    for (int r = 0; r < codes.length; r++) {
      int code = s.code(r);
      codes[r] = code < 0 ? fillCode : code;
    }
    return StringColumn.ofCodes(codes, dictionary);
  }

  private static double indicator(boolean missing) {
    return missing ? 1.0 : 0.0;
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    Numeric.checkRecord(context, inputs);
    boolean[] missing = new boolean[inputs.length];
    double[] x = new double[inputs.length];
    for (int k = 0; k < inputs.length; k++) {
      if (context.inputs().field(k).type() == ColumnType.STRING) {
        if (inputs[k] != null && !(inputs[k] instanceof String)) {
          throw new ValidationException("step '" + context.stepName() + "': column '"
              + context.inputs().field(k).name() + "' is STRING but the record holds a "
              + inputs[k].getClass().getSimpleName() + "; pass a String or null");
        }
        missing[k] = inputs[k] == null;
      } else {
        x[k] = Numeric.value(context, k, inputs[k]);
        if (Double.isInfinite(x[k])) {
          throw Numeric.infinite(context, k, x[k], -1);
        }
        missing[k] = x[k] != x[k];
      }
    }
    Object[] out = new Object[kept.length + indicators.length];
    int o = 0;
    for (int k : kept) {
      if (statistics[k] instanceof String fill) {
        out[o++] = missing[k] ? fill : inputs[k];
      } else {
        out[o++] = missing[k] ? numericFill[k] : x[k];
      }
    }
    for (int k : indicators) {
      out[o++] = indicator(missing[k]);
    }
    return out;
  }

  @Override
  public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    Numeric.checkInputs(context, inputs);
    double[][] numbers = numbers(inputs);
    int o = 0;
    for (int k : kept) {
      if (numbers[k] == null) {
        throw new IllegalStateException("step '" + context.stepName() + "': output '" + outputs.get(o).name()
            + "' is STRING and cannot be written to a numeric matrix");
      }
      double fill = numericFill[k];
      double[] x = numbers[k];
      int at = firstRow * stride + columns[o++];
      for (int r = 0; r < x.length; r++, at += stride) {
        out[at] = x[r] != x[r] ? fill : x[r];
      }
    }
    for (int k : indicators) {
      Column c = inputs.column(k);
      int at = firstRow * stride + columns[o++];
      for (int r = 0; r < inputs.rowCount(); r++, at += stride) {
        out[at] = indicator(numbers[k] == null ? c.isNull(r) : numbers[k][r] != numbers[k][r]);
      }
    }
  }

  /**
   * {@code {"statistics": [fill per input column, null where dropped], "missingAtFit": [boolean per input
   * column]}}.
   */
  @Override
  public JsonNode state() {
    ObjectNode state = StateJson.object();
    ArrayNode stats = state.putArray("statistics");
    for (Object s : statistics) {
      if (s == null) {
        stats.addNull();
      } else if (s instanceof String text) {
        stats.add(text);
      } else {
        stats.add(StateJson.number((Double) s));
      }
    }
    ArrayNode missing = state.putArray("missingAtFit");
    for (boolean m : missingAtFit) {
      missing.add(m);
    }
    return state;
  }

  /** Most frequent values are values of the data; means, medians and constants are not. */
  @Override
  public boolean stateHoldsValues() {
    return params.strategy() == Impute.Strategy.MOST_FREQUENT;
  }

  @Override
  public String toString() {
    return "FittedImpute[" + context.stepName() + ", " + Impute.name(params.strategy()) + ", "
        + context.inputs().names() + "]";
  }
}
