package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Fitted {@link Expression}: the compiled expression over the step's inputs. */
final class FittedExpression implements StatelessTransform, MatrixWriter {
  private final String step;
  private final Schema inputs;
  private final boolean keepInputs;
  private final ExpressionParser.Node node;
  private final int[] used; // indexes of the inputs the expression names
  private final List<OutputColumn> outputs;

  FittedExpression(Expression params, StepContext context) {
    this.step = context.stepName();
    this.inputs = context.inputs();
    this.keepInputs = params.keepInputs();
    context.requireInputs();
    context.requireNumeric();
    List<String> names = inputs.names();
    try {
      this.node = ExpressionParser.compile(params.expression(), names);
    } catch (ValidationException e) {
      throw new ValidationException("step '" + step + "' (expression): " + e.getMessage(), e);
    }
    List<String> columns = params.columns();
    this.used = columns.stream().mapToInt(names::indexOf).toArray();
    List<String> from = columns.isEmpty() ? names : columns;
    Set<String> tags = new TreeSet<>();
    for (String n : from) {
      tags.addAll(inputs.field(n).tags());
    }
    List<OutputColumn> out = new ArrayList<>();
    if (keepInputs) {
      if (inputs.contains(params.output())) {
        throw new ValidationException("step '" + step + "' (expression): output '" + params.output() + "' is also an"
            + " input column, which keepInputs keeps; choose another output name");
      }
      for (Field f : inputs.fields()) {
        out.add(new OutputColumn(f, List.of(f.name())));
      }
    }
    out.add(new OutputColumn(Field.of(params.output(), ColumnType.DOUBLE).withTags(tags), from));
    this.outputs = List.copyOf(out);
  }

  /** The one formula of both paths: missing if any named column is missing. */
  private double value(double[] row) {
    for (int i : used) {
      if (Double.isNaN(row[i])) {
        return Double.NaN;
      }
    }
    return node.eval(row);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  private double[] values(Frame batch) {
    int n = batch.rowCount();
    double[][] cols = new double[inputs.size()][];
    for (int i : used) {
      cols[i] = StepValues.doubles(batch.column(i));
    }
    double[] row = new double[inputs.size()];
    double[] out = new double[n];
    for (int r = 0; r < n; r++) {
      for (int i : used) {
        row[i] = cols[i][r];
      }
      out[r] = value(row);
    }
    return out;
  }

  @Override
  public List<Column> apply(Frame batch) {
    List<Column> out = new ArrayList<>(outputs.size());
    if (keepInputs) {
      out.addAll(batch.columns());
    }
    out.add(StepValues.column(values(batch)));
    return out;
  }

  @Override
  public void writeTo(Frame batch, double[] out, int firstRow, int stride, int[] columns) {
    int n = batch.rowCount();
    int k = 0;
    if (keepInputs) {
      for (int c = 0; c < inputs.size(); c++, k++) {
        double[] v = StepValues.doubles(batch.column(c));
        for (int r = 0; r < n; r++) {
          out[(firstRow + r) * stride + columns[k]] = v[r];
        }
      }
    }
    double[] v = values(batch);
    for (int r = 0; r < n; r++) {
      out[(firstRow + r) * stride + columns[k]] = v[r];
    }
  }

  @Override
  public Object[] applyRecord(Object[] record) {
    StepValues.checkRecord(step, record, inputs.size());
    double[] row = new double[record.length];
    for (int i : used) {
      row[i] = StepValues.doubleOf(record[i]);
    }
    Double result = StepValues.boxed(value(row));
    if (!keepInputs) {
      return new Object[] {result};
    }
    Object[] out = new Object[record.length + 1];
    System.arraycopy(record, 0, out, 0, record.length);
    out[record.length] = result;
    return out;
  }
}
