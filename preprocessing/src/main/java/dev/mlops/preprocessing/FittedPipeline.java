package dev.mlops.preprocessing;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Matrix;
import dev.mlops.core.Schema;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A fitted {@link Pipeline}: immutable and thread-safe, applied the same way to a training batch, a stream of
 * batches and a single serving record, with output feature names and the lineage of each output back to the input
 * columns. Saved as versioned JSON ({@link #save}, {@link #load}), never with Java serialization.
 *
 * <pre>{@code
 * FittedPipeline fitted = pipeline.fit(train);
 * Frame out = fitted.transform(test);                      // a Frame with fitted.outputNames()
 * Matrix x = fitted.toMatrix(test);                         // dense row-major doubles for a model
 * double[] one = fitted.transformRecord(Map.of("age", 41.0, "city", "Lyon"));   // serving: same numbers
 * fitted.save(Path.of("pipeline.json"));
 * FittedPipeline again = FittedPipeline.load(Path.of("pipeline.json"));       // checks hash, types, versions
 * }</pre>
 *
 * <p>Input columns the pipeline does not read may be present or not; a column it reads that is missing or of
 * another type than at fit is an error naming the column, both types, when and on what data it was fitted.
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public final class FittedPipeline {
  private final Pipeline spec;
  private final Schema input;
  private final List<FittedStep> steps;
  private final Plan plan;
  private final TrainingData training;
  private final Instant fittedAt;
  private final String library;
  private final DataProfile profile;

  FittedPipeline(Pipeline spec, Schema input, List<FittedStep> steps, TrainingData training, Instant fittedAt,
      String library, DataProfile profile) {
    this.profile = profile;
    this.spec = spec;
    this.input = input;
    this.steps = List.copyOf(steps);
    this.plan = new Plan(input, this.steps, spec.remainder());
    this.training = training;
    this.fittedAt = fittedAt;
    this.library = library;
  }

  /** The spec this was fitted from. */
  public Pipeline spec() {
    return spec;
  }

  /** The schema of the training data (every column, including those no step reads). */
  public Schema inputSchema() {
    return input;
  }

  /** The input columns the pipeline reads, in input order; data to transform must have these. */
  public List<String> requiredInputs() {
    return plan.requiredInputs;
  }

  /** The output columns: names, types, tags. */
  public Schema outputSchema() {
    return plan.output;
  }

  /** The output column names, in order (the feature names a model sees). */
  public List<String> outputNames() {
    return plan.output.names();
  }

  /** For each output column, the input columns it is computed from. */
  public Map<String, List<String>> lineage() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < plan.output.size(); i++) {
      m.put(plan.output.field(i).name(), plan.lineage.get(i));
    }
    return m;
  }

  /** The training data's row count and content hash. */
  public TrainingData trainingData() {
    return training;
  }

  /** When it was fitted. */
  public Instant fittedAt() {
    return fittedAt;
  }

  /** The library version that fitted it. */
  public String libraryVersion() {
    return library;
  }

  /**
   * The profile of the training data taken while fitting (unless the pipeline was built with
   * {@code profile(null)}): the reference for {@link #validate} and {@link #drift}.
   */
  public java.util.Optional<DataProfile> profile() {
    return java.util.Optional.ofNullable(profile);
  }

  /**
   * Checks {@code data} against the constraints inferred from the training data (types, ranges, null fractions,
   * domains).
   *
   * <pre>{@code
   * ValidationReport r = fitted.validate(batch);
   * if (!r.isValid()) System.out.println(r.toTable());
   * }</pre>
   */
  public ValidationReport validate(Frame data) {
    return requireProfile().constraints().validate(data);
  }

  /**
   * Drift of {@code data} from the training data, per input column (PSI, KS, L-infinity), with the default
   * thresholds; {@code profile().get().drift(data, options)} takes others.
   *
   * <pre>{@code
   * DriftReport d = fitted.drift(lastWeek);
   * if (d.shouldRetrain()) retrain();
   * }</pre>
   */
  public DriftReport drift(Frame data) {
    return requireProfile().drift(data);
  }

  private DataProfile requireProfile() {
    if (profile == null) {
      throw new ValidationException("this pipeline was fitted without a profile of its training data (profile(null));"
          + " refit with profiling on, or profile a reference frame with DataProfile.of(frame)");
    }
    return profile;
  }

  /** The fitted step named {@code name}, to inspect its state or outputs. */
  public FittedTransform step(String name) {
    for (FittedStep s : steps) {
      if (s.name().equals(name)) {
        return s.fitted();
      }
    }
    throw new ValidationException("the pipeline has no step '" + name + "'; its steps are "
        + steps.stream().map(FittedStep::name).toList());
  }

  List<FittedStep> fittedSteps() {
    return steps;
  }

  // ---------------------------------------------------------------------------------------------- batches

  /** The pipeline's output for a batch. */
  public Frame transform(Frame data) {
    Column[] cols = Execution.run(steps, plan, inputColumns(data), data.rowCount(), null, 0);
    Column[] out = new Column[plan.outputIndex.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = cols[plan.outputIndex[i]];
    }
    return Frame.of(plan.output, Arrays.asList(out));
  }

  /** The pipeline's output for each batch of {@code source}, lazily; closing the result closes the source. */
  public FrameSource transform(FrameSource source) {
    return new FrameSource() {
      @Override
      public Schema schema() {
        return plan.output;
      }

      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Frame next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return transform(source.next());
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }

  /**
   * The pipeline's output for a batch as a dense row-major matrix. Every output column must be numeric (DOUBLE,
   * LONG, BOOLEAN as 0/1); nulls become NaN. Steps whose outputs go straight to the output write into the matrix
   * without building columns first.
   */
  public Matrix toMatrix(Frame data) {
    for (Field f : plan.output.fields()) {
      if (!f.type().isNumeric() && f.type() != ColumnType.BOOLEAN) {
        throw new ValidationException("output column '" + f.name() + "' is " + f.type() + ", which a matrix cannot"
            + " hold; encode it (one_hot, ordinal, hashing) or drop it in the pipeline, or use transform() for a Frame");
      }
    }
    int rows = data.rowCount();
    int width = plan.output.size();
    double[] out = new double[Math.multiplyExact(rows, width)];
    Column[] cols = Execution.run(steps, plan, inputColumns(data), rows, out, width);
    for (int i = 0; i < width; i++) {
      Column c = cols[plan.outputIndex[i]];
      if (c != null) {
        Execution.copy(c, out, i, width, rows);
      }
    }
    return new Matrix(rows, width, out, plan.output.names());
  }

  /** The batch's columns in input-schema order; columns the pipeline does not read are null. */
  private Column[] inputColumns(Frame data) {
    Column[] cols = new Column[input.size()];
    for (int i : plan.requiredIndex) {
      Field want = input.field(i);
      String name = want.name();
      var found = data.schema().find(name);
      if (found.isEmpty()) {
        throw new ValidationException("column '" + name + "' is missing from the data; the pipeline reads it ("
            + fittedOn() + "); the data has " + data.schema().names());
      }
      if (found.get().type() != want.type()) {
        throw new ValidationException("column '" + name + "' is " + found.get().type() + " in the data but "
            + want.type() + " in the fitted pipeline (" + fittedOn() + "); cast it or refit");
      }
      cols[i] = data.column(name);
    }
    return cols;
  }

  String fittedOn() {
    return "fitted " + fittedAt + " on " + training.rows() + " rows, data " + training.sha256().substring(0, 12);
  }

  // ---------------------------------------------------------------------------------------------- records

  /**
   * The output for one record, as numbers (the same as {@link #toMatrix} on a one-row batch, bit for bit). Values
   * as a frame holds them: any {@code Number} for DOUBLE, an integral number for LONG, {@code Boolean},
   * {@code String}, {@code java.time.Instant}; null for a missing value. Every column the pipeline reads
   * ({@link #requiredInputs()}) must be a key; other keys are ignored.
   */
  public double[] transformRecord(Map<String, ?> record) {
    Object[] values = transformRecordArray(record);
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      Object v = values[i];
      if (v == null) {
        out[i] = Double.NaN;
      } else if (v instanceof Number n) {
        out[i] = n.doubleValue();
      } else if (v instanceof Boolean b) {
        out[i] = b ? 1 : 0;
      } else {
        throw new ValidationException("output column '" + plan.output.field(i).name() + "' is "
            + plan.output.field(i).type() + "; use transformRecordValues for non-numeric outputs, or encode it");
      }
    }
    return out;
  }

  /**
   * The output for one record, by output column name, values boxed as {@link Frame#get} gives them. A column the
   * pipeline reads must be a key of {@code record} (its value may be null, a missing value).
   */
  public Map<String, Object> transformRecordValues(Map<String, ?> record) {
    Object[] values = transformRecordArray(record);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(plan.output.field(i).name(), values[i]);
    }
    return m;
  }

  private Object[] transformRecordArray(Map<String, ?> record) {
    Object[] vals = new Object[input.size()];
    for (int i : plan.requiredIndex) {
      Field f = input.field(i);
      if (!record.containsKey(f.name())) {
        throw new ValidationException("the record has no '" + f.name() + "'; the pipeline reads it (" + fittedOn()
            + "); give it (null for a missing value)");
      }
      vals[i] = Records.coerce(f.name(), f.type(), record.get(f.name()));
    }
    for (int k = 0; k < steps.size(); k++) {
      FittedStep fs = steps.get(k);
      int[] in = plan.inputIndex.get(k);
      Object[] inVals = new Object[in.length];
      for (int i = 0; i < in.length; i++) {
        inVals[i] = vals[in[i]];
      }
      Object[] outs = Records.apply(fs, inVals);
      int[] map = plan.next.get(k);
      Object[] next = new Object[map.length];
      for (int c = 0; c < map.length; c++) {
        next[c] = map[c] >= 0 ? vals[map[c]] : outs[-map[c] - 1];
      }
      vals = next;
    }
    Object[] out = new Object[plan.outputIndex.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = vals[plan.outputIndex[i]];
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- saved form

  /**
   * The saved form: versioned JSON with the spec, each step's type id, version and fitted state, the input schema,
   * the outputs with lineage, library and plugin versions, the training data's hash, and a hash of all of it.
   *
   * @throws ValidationException if a step keeps values of a {@code pii} column in its fitted state
   */
  public String toJson() {
    return PipelineFile.write(this);
  }

  /** Writes {@link #toJson()} to {@code file} atomically (a failed write leaves any previous file intact). */
  public void save(Path file) {
    PipelineFile.save(this, file);
  }

  /** Reads a saved pipeline, resolving step types with {@link TransformRegistry#load()}. */
  public static FittedPipeline load(Path file) {
    return PipelineFile.load(file, TransformRegistry.load());
  }

  /** Reads a saved pipeline with the step types of {@code registry}. */
  public static FittedPipeline load(Path file, TransformRegistry registry) {
    return PipelineFile.load(file, registry);
  }

  /** Reads a saved pipeline from its JSON text. */
  public static FittedPipeline fromJson(String json) {
    return PipelineFile.read(json, TransformRegistry.load(), "pipeline JSON");
  }

  /** Reads a saved pipeline from its JSON text with the step types of {@code registry}. */
  public static FittedPipeline fromJson(String json, TransformRegistry registry) {
    return PipelineFile.read(json, registry, "pipeline JSON");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("FittedPipeline[").append(fittedOn()).append("]\n");
    for (FittedStep s : steps) {
      b.append("  ").append(s.name()).append(": ").append(s.step().transform().type().qualifiedId())
          .append(' ').append(s.inputs()).append(" -> ")
          .append(s.fitted().outputs().stream().map(OutputColumn::name).toList()).append('\n');
    }
    return b.append("  output: ").append(plan.output.size()).append(" columns").toString();
  }
}
