package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared apply paths of the fitted text vectorizers: one STRING input, one DOUBLE output per term or hash
 * column, computed once per distinct document of a batch ({@link #row}) and spread over the rows with that
 * document. The batch, record and matrix paths all take their numbers from {@link #row}, so they are identical.
 */
abstract class FittedTextVectorize implements RecordTransform, MatrixWriter {
  private static final Double ZERO = 0.0;

  final String stepName;
  final String what;
  final Field input;
  private final List<OutputColumn> outputs;

  FittedTextVectorize(StepContext context, String what, List<String> suffixes) {
    this.stepName = context.stepName();
    this.what = what;
    requireOneString(context, what);
    this.input = context.inputs().field(0);
    List<OutputColumn> out = new ArrayList<>(suffixes.size());
    List<String> from = List.of(input.name());
    for (String s : suffixes) {
      Field f = new Field(input.name() + "_" + s, ColumnType.DOUBLE, false, input.tags());
      out.add(new OutputColumn(f, from));
    }
    this.outputs = List.copyOf(out);
  }

  /**
   * Checks the step has exactly one input column and that it is STRING, or fails naming the step and the fix.
   */
  static void requireOneString(StepContext context, String what) {
    if (context.inputs().size() != 1) {
      throw new ValidationException("step '" + context.stepName() + "' (" + what + ") takes exactly one STRING"
          + " column but selects " + context.inputs().size() + " " + context.inputs().names()
          + "; use one " + what + " step per text column");
    }
    context.requireTypes(ColumnType.STRING);
  }

  /** The outputs of one document; {@link SparseRow#EMPTY} when it has no known term. */
  abstract SparseRow row(String document);

  @Override
  public final List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public final List<Column> apply(Frame inputs) {
    StringColumn s = strings(inputs);
    int n = s.size();
    double[][] cols = new double[outputs.size()][n];
    SparseRow[] rows = rowsByCode(s);
    for (int r = 0; r < n; r++) {
      int code = s.code(r);
      if (code < 0) {
        continue;
      }
      SparseRow row = rows[code];
      int[] idx = row.idx();
      double[] val = row.val();
      for (int j = 0; j < idx.length; j++) {
        cols[idx[j]][r] = val[j];
      }
    }
    List<Column> out = new ArrayList<>(cols.length);
    for (double[] c : cols) {
      out.add(DoubleColumn.of(c));
    }
    return out;
  }

  @Override
  public final Object[] applyRecord(Object[] inputs) {
    if (inputs.length != 1) {
      throw new ValidationException("step '" + stepName + "' (" + what + ") takes 1 input value, got "
          + inputs.length);
    }
    Object v = inputs[0];
    if (v != null && !(v instanceof String)) {
      throw new ValidationException("step '" + stepName + "' (" + what + "): column '" + input.name()
          + "' must hold text (String) but the record holds a " + v.getClass().getSimpleName()
          + "; pass the column's text, or null for a missing value");
    }
    Object[] out = new Object[outputs.size()];
    Arrays.fill(out, ZERO);
    SparseRow row = v == null ? SparseRow.EMPTY : row((String) v);
    int[] idx = row.idx();
    double[] val = row.val();
    for (int j = 0; j < idx.length; j++) {
      out[idx[j]] = val[j];
    }
    return out;
  }

  @Override
  public final void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    StringColumn s = strings(inputs);
    SparseRow[] rows = rowsByCode(s);
    for (int r = 0; r < s.size(); r++) {
      int code = s.code(r);
      if (code < 0) {
        continue;
      }
      SparseRow row = rows[code];
      int[] idx = row.idx();
      double[] val = row.val();
      long base = (long) (firstRow + r) * stride;
      for (int j = 0; j < idx.length; j++) {
        out[(int) (base + columns[idx[j]])] = val[j];
      }
    }
  }

  /** The row of every dictionary code some row uses (null for unused codes): one tokenization per distinct text. */
  private SparseRow[] rowsByCode(StringColumn s) {
    SparseRow[] rows = new SparseRow[s.dictionarySize()];
    List<String> dictionary = null;
    for (int r = 0; r < s.size(); r++) {
      int code = s.code(r);
      if (code >= 0 && rows[code] == null) {
        dictionary = dictionary == null ? s.dictionary() : dictionary;
        rows[code] = row(dictionary.get(code));
      }
    }
    return rows;
  }

  private StringColumn strings(Frame inputs) {
    if (inputs.columnCount() != 1) {
      throw new ValidationException("step '" + stepName + "' (" + what + ") takes 1 input column, got "
          + inputs.columnCount() + " " + inputs.columnNames());
    }
    Column c = inputs.column(0);
    if (!(c instanceof StringColumn s)) {
      throw new ValidationException("step '" + stepName + "' (" + what + "): column '" + input.name()
          + "' is " + c.type() + " but the step takes STRING; cast it to text in an earlier step or refit");
    }
    return s;
  }
}
