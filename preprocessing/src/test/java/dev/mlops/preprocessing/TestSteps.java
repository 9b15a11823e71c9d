package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small steps written against the SPI for the pipeline engine's tests, registered programmatically (as a team
 * would in a test): a centering step that learns means, a stateless one, and one that keeps categories.
 */
final class TestSteps {
  static final AtomicInteger BATCHES_SEEN = new AtomicInteger();

  private TestSteps() {}

  static TransformRegistry registry() {
    return TransformRegistry.empty().with(new CenterType(), new PlusType(), new CategoriesType());
  }

  /** x - mean(x) per column; nulls stay null. */
  record Center() implements Transform {
    @Override
    public TransformType<?> type() {
      return CenterType.INSTANCE;
    }

    @Override
    public Fitter fitter(StepContext context) {
      context.requireNumeric();
      int n = context.inputs().size();
      double[] sum = new double[n];
      long[] count = new long[n];
      return new Fitter() {
        @Override
        public void accept(Frame batch) {
          BATCHES_SEEN.incrementAndGet();
          for (int c = 0; c < n; c++) {
            Column col = batch.column(c);
            for (int r = 0; r < batch.rowCount(); r++) {
              if (!col.isNull(r)) {
                sum[c] += ((Number) col.get(r)).doubleValue();
                count[c]++;
              }
            }
          }
        }

        @Override
        public FittedTransform finish() {
          double[] mean = new double[n];
          for (int c = 0; c < n; c++) {
            mean[c] = sum[c] / count[c];
          }
          return new FittedCenter(context, mean);
        }
      };
    }
  }

  static final class FittedCenter implements RecordTransform, MatrixWriter {
    final StepContext context;
    final double[] mean;

    FittedCenter(StepContext context, double[] mean) {
      this.context = context;
      this.mean = mean;
    }

    @Override
    public List<OutputColumn> outputs() {
      List<OutputColumn> out = new ArrayList<>();
      for (Field f : context.inputs().fields()) {
        out.add(new OutputColumn(f.withType(ColumnType.DOUBLE), List.of(f.name())));
      }
      return out;
    }

    @Override
    public List<Column> apply(Frame inputs) {
      List<Column> out = new ArrayList<>();
      for (int c = 0; c < mean.length; c++) {
        double[] v = new double[inputs.rowCount()];
        boolean[] nulls = new boolean[v.length];
        for (int r = 0; r < v.length; r++) {
          Object x = inputs.column(c).get(r);
          nulls[r] = x == null;
          v[r] = x == null ? 0 : ((Number) x).doubleValue() - mean[c];
        }
        out.add(DoubleColumn.of(v, nulls));
      }
      return out;
    }

    @Override
    public Object[] applyRecord(Object[] inputs) {
      Object[] out = new Object[inputs.length];
      for (int c = 0; c < inputs.length; c++) {
        out[c] = inputs[c] == null ? null : ((Number) inputs[c]).doubleValue() - mean[c];
      }
      return out;
    }

    @Override
    public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
      for (int c = 0; c < mean.length; c++) {
        for (int r = 0; r < inputs.rowCount(); r++) {
          Object x = inputs.column(c).get(r);
          out[(firstRow + r) * stride + columns[c]] = x == null ? Double.NaN : ((Number) x).doubleValue() - mean[c];
        }
      }
    }

    @Override
    public JsonNode state() {
      return StateJson.putDoubles(StateJson.object(), "mean", mean);
    }

    @Override
    public boolean stateHoldsValues() {
      return false;
    }
  }

  public static final class CenterType implements TransformType<Center> {
    static final CenterType INSTANCE = new CenterType();

    @Override
    public String id() {
      return "test.center";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Class<Center> paramsType() {
      return Center.class;
    }

    @Override
    public FittedTransform restore(Center params, StepContext context, JsonNode state, int savedVersion) {
      return new FittedCenter(context, StateJson.doubles(state, "mean", "test.center", context.inputs().size()));
    }
  }

  /** x + amount, learning nothing; no record path of its own (the pipeline uses a one-row frame). */
  record Plus(double amount) implements Transform {
    @Override
    public TransformType<?> type() {
      return PlusType.INSTANCE;
    }

    @Override
    public boolean needsData() {
      return false;
    }

    @Override
    public Fitter fitter(StepContext context) {
      context.requireTypes(ColumnType.DOUBLE);
      return Fitter.of(() -> new FittedPlus(context, amount));
    }
  }

  record FittedPlus(StepContext context, double amount) implements FittedTransform {
    @Override
    public List<OutputColumn> outputs() {
      return context.inputs().fields().stream().map(f -> new OutputColumn(f, List.of(f.name()))).toList();
    }

    @Override
    public List<Column> apply(Frame inputs) {
      List<Column> out = new ArrayList<>();
      for (int c = 0; c < inputs.columnCount(); c++) {
        DoubleColumn d = inputs.doubles(context.inputs().field(c).name());
        double[] v = d.toArray();
        boolean[] nulls = new boolean[v.length];
        for (int r = 0; r < v.length; r++) {
          nulls[r] = d.isNull(r);
          v[r] += amount;
        }
        out.add(DoubleColumn.of(v, nulls));
      }
      return out;
    }

    @Override
    public JsonNode state() {
      return StateJson.object();
    }

    @Override
    public boolean stateHoldsValues() {
      return false;
    }
  }

  public static final class PlusType implements TransformType<Plus> {
    static final PlusType INSTANCE = new PlusType();

    @Override
    public String id() {
      return "test.plus";
    }

    @Override
    public int version() {
      return 2;
    }

    @Override
    public boolean canRead(int savedVersion) {
      return savedVersion == 1 || savedVersion == 2;
    }

    @Override
    public Class<Plus> paramsType() {
      return Plus.class;
    }

    @Override
    public FittedTransform restore(Plus params, StepContext context, JsonNode state, int savedVersion) {
      return new FittedPlus(context, params.amount());
    }
  }

  /** One 0/1 column per category seen (sorted); keeps the categories, i.e. data values, in its state. */
  record Categories() implements Transform {
    @Override
    public TransformType<?> type() {
      return CategoriesType.INSTANCE;
    }

    @Override
    public Fitter fitter(StepContext context) {
      context.requireTypes(ColumnType.STRING);
      if (context.inputs().size() != 1) {
        throw new ValidationException("test.categories takes one column");
      }
      TreeSet<String> seen = new TreeSet<>();
      return new Fitter() {
        @Override
        public void accept(Frame batch) {
          StringColumn s = (StringColumn) batch.column(0);
          for (int r = 0; r < s.size(); r++) {
            if (!s.isNull(r)) {
              seen.add(s.getString(r));
            }
          }
        }

        @Override
        public FittedTransform finish() {
          return new FittedCategories(context, List.copyOf(seen));
        }
      };
    }
  }

  record FittedCategories(StepContext context, List<String> categories) implements RecordTransform {
    @Override
    public List<OutputColumn> outputs() {
      Field in = context.inputs().field(0);
      return categories.stream().map(c -> new OutputColumn(Field.of(in.name() + "_" + c, ColumnType.DOUBLE)
          .withTags(in.tags()), List.of(in.name()))).toList();
    }

    @Override
    public List<Column> apply(Frame inputs) {
      StringColumn s = (StringColumn) inputs.column(0);
      List<Column> out = new ArrayList<>();
      for (String c : categories) {
        double[] v = new double[s.size()];
        for (int r = 0; r < v.length; r++) {
          v[r] = c.equals(s.getString(r)) ? 1 : 0;
        }
        out.add(DoubleColumn.of(v));
      }
      return out;
    }

    @Override
    public Object[] applyRecord(Object[] inputs) {
      Object[] out = new Object[categories.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = categories.get(i).equals(inputs[0]) ? 1.0 : 0.0;
      }
      return out;
    }

    @Override
    public JsonNode state() {
      return StateJson.putStrings(StateJson.object(), "categories", categories);
    }
  }

  public static final class CategoriesType implements TransformType<Categories> {
    static final CategoriesType INSTANCE = new CategoriesType();

    @Override
    public String id() {
      return "test.categories";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Class<Categories> paramsType() {
      return Categories.class;
    }

    @Override
    public FittedTransform restore(Categories params, StepContext context, JsonNode state, int savedVersion) {
      return new FittedCategories(context, StateJson.strings(state, "categories", "test.categories"));
    }
  }
}
