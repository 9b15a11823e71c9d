package dev.mlops.benchmarking.onnx;

import static dev.mlops.benchmarking.onnx.OnnxGraph.checked;
import static dev.mlops.benchmarking.onnx.OnnxGraph.describe;
import static dev.mlops.benchmarking.onnx.OnnxGraph.find;
import static dev.mlops.benchmarking.onnx.OnnxGraph.indexes;
import static dev.mlops.benchmarking.onnx.OnnxGraph.isProbabilities;
import static dev.mlops.benchmarking.onnx.OnnxGraph.strings;
import static dev.mlops.benchmarking.onnx.OnnxGraph.tensor;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.mlops.benchmarking.Framework;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Predictor;
import dev.mlops.benchmarking.Task;
import dev.mlops.benchmarking.internal.FeatureColumns;
import dev.mlops.core.Matrix;
import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** The ONNX Runtime session behind {@link OnnxPredictor}: the only class here that touches ONNX Runtime's API. */
final class OrtPredictor implements Predictor {
  private final OnnxOptions options;
  private final Path file;
  private final long size;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final Framework framework;
  private final String input;
  private final boolean doubleInput;
  private final long width;
  private final FeatureColumns features;
  private final String labelOutput;
  private final String probabilitiesOutput;
  private final String valueOutput;
  private final Set<String> requested;
  private final Map<String, Integer> labelIndex = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OrtPredictor(Path file, OnnxOptions options, OrtEnvironment env, OrtSession.SessionOptions so,
      OrtSession session) throws IOException, OrtException {
    this.file = file;
    this.options = options;
    this.env = env;
    this.sessionOptions = so;
    this.session = session;
    this.size = Files.size(file);
    this.framework = new Framework("ONNX Runtime", env.getVersion());
    String who = who(options);
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (options.input() != null) {
      input = options.input();
      if (!inputs.containsKey(input)) {
        throw new ValidationException(who + " has no input '" + input + "'; its inputs are " + describe(inputs));
      }
    } else if (inputs.size() == 1) {
      input = inputs.keySet().iterator().next();
    } else {
      throw new ValidationException(who + " has " + inputs.size() + " inputs " + describe(inputs)
          + "; name the one that takes the feature matrix with OnnxOptions.withInput");
    }
    TensorInfo in = tensor(inputs.get(input));
    if (in == null || (in.type != OnnxJavaType.FLOAT && in.type != OnnxJavaType.DOUBLE) || in.getShape().length != 2) {
      throw new ValidationException(who + " input " + describe(inputs.get(input)) + " is not a FLOAT or DOUBLE"
          + " [rows, features] tensor, the only input a feature matrix can feed");
    }
    doubleInput = in.type == OnnxJavaType.DOUBLE;
    width = in.getShape()[1];
    List<String> names = options.featureNames();
    if (!names.isEmpty() && width >= 0 && names.size() != width) {
      throw new ValidationException(who + " input '" + input + "' takes " + width + " features but the options name "
          + names.size() + ": " + names);
    }
    features = names.isEmpty() ? null : new FeatureColumns(who, names);
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    int k = options.labels().size();
    if (options.task() == Task.CLASSIFICATION) {
      probabilitiesOutput = options.probabilitiesOutput() != null
          ? checked(who, outputs, options.probabilitiesOutput(), "class probabilities", i -> isProbabilities(i, k))
          : find(who, outputs, i -> isProbabilities(i, k), "class probabilities");
      labelOutput = options.labelOutput() != null
          ? checked(who, outputs, options.labelOutput(), "predicted classes", OnnxGraph::isLabels)
          : find(who, outputs, OnnxGraph::isLabels, "predicted classes");
      if (probabilitiesOutput == null && labelOutput == null) {
        throw new ValidationException(who + " has no output of class probabilities (FLOAT [rows, " + k + "]) or of"
            + " predicted classes (INT64 or STRING [rows]); its outputs are " + describe(outputs)
            + "; check the labels (" + k + ") or name the outputs with OnnxOptions.withProbabilitiesOutput /"
            + " withLabelOutput (ZipMap outputs are not supported: export without ZipMap)");
      }
      valueOutput = null;
      for (int c = 0; c < k; c++) {
        labelIndex.put(options.labels().get(c), c);
      }
    } else {
      probabilitiesOutput = null;
      labelOutput = null;
      valueOutput = options.valueOutput() != null
          ? checked(who, outputs, options.valueOutput(), "regression values", OnnxGraph::isValues)
          : find(who, outputs, OnnxGraph::isValues, "regression values");
      if (valueOutput == null) {
        throw new ValidationException(who + " has no output of one value per row (FLOAT or DOUBLE [rows] or [rows, 1]);"
            + " its outputs are " + describe(outputs) + "; name it with OnnxOptions.withValueOutput");
      }
    }
    Set<String> r = new LinkedHashSet<>();
    for (String s : new String[] {labelOutput, probabilitiesOutput, valueOutput}) {
      if (s != null) {
        r.add(s);
      }
    }
    requested = Set.copyOf(r);
  }

  /**
   * Loads the model in {@code file} into an ONNX Runtime session.
   *
   * @throws ValidationException when ONNX Runtime cannot load it, or its inputs and outputs do not fit the options
   */
  static OrtPredictor open(Path file, OnnxOptions options) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    OrtSession session = null;
    try {
      if (options.threads() > 0) {
        so.setIntraOpNumThreads(options.threads());
      }
      try {
        session = env.createSession(file.toString(), so);
      } catch (OrtException e) {
        throw new ValidationException("ONNX Runtime " + env.getVersion() + " cannot load '" + file + "' for '"
            + options.name() + "': " + e.getMessage() + "; is it an ONNX model of a supported opset?", e);
      }
      return new OrtPredictor(file, options, env, so, session);
    } catch (IOException e) {
      closeQuietly(session, so);
      throw new StorageException("cannot read the size of '" + file + "'", e);
    } catch (OrtException e) {
      closeQuietly(session, so);
      throw new ValidationException("ONNX Runtime cannot describe '" + file + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(session, so);
      throw e;
    }
  }

  private static void closeQuietly(OrtSession session, OrtSession.SessionOptions so) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException ignored) {
      // already failing; the first error is the one to report
    }
    so.close();
  }

  private static String who(OnnxOptions options) {
    return "ONNX model '" + options.name() + "'";
  }


  @Override
  public String name() {
    return options.name();
  }

  @Override
  public Framework framework() {
    return framework;
  }

  @Override
  public Task task() {
    return options.task();
  }

  @Override
  public List<String> labels() {
    return options.labels();
  }

  @Override
  public List<String> featureNames() {
    return options.featureNames();
  }

  /** The size of the model file. */
  @Override
  public OptionalLong sizeBytes() {
    return OptionalLong.of(size);
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  /** The options it was opened with, with the input and outputs it found filled in. */
  public OnnxOptions options() {
    return new OnnxOptions(options.name(), options.task(), options.labels(), options.featureNames(), input,
        labelOutput, probabilitiesOutput, options.scores(), valueOutput, options.threads());
  }

  @Override
  public Predictions predict(Matrix x) {
    int[] columns = features == null ? null : features.columns(x);
    int cols = columns == null ? x.cols() : columns.length;
    if (columns == null && width >= 0 && cols != width) {
      throw new ValidationException(who(options) + " input '" + input + "' takes " + width + " features; the matrix"
          + " has " + cols + " columns " + x.names() + "; build it with the model's features (or set"
          + " OnnxOptions.withFeatureNames to match columns by name)");
    }
    if (columns != null && FeatureColumns.isIdentity(columns, x.cols())) {
      columns = null;
    }
    int rows = x.rows();
    long[] shape = {rows, cols};
    lock.readLock().lock();
    try {
      if (closed) {
        throw new MlopsException(who(options) + " is closed; open it again to predict");
      }
      try (OnnxTensor tensor = inputTensor(x, columns, rows, cols, shape);
          OrtSession.Result result = session.run(Map.of(input, tensor), requested)) {
        return options.task() == Task.CLASSIFICATION ? classes(result, rows) : values(result, rows);
      } catch (OrtException e) {
        throw new MlopsException("ONNX Runtime failed to run " + who(options) + " on " + rows + " rows: "
            + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private OnnxTensor inputTensor(Matrix x, int[] columns, int rows, int cols, long[] shape) throws OrtException {
    double[] data = x.data();
    int stride = x.cols();
    long length = (long) rows * cols * (doubleInput ? 8 : 4);
    if (length > Integer.MAX_VALUE) {
      throw new ValidationException(who(options) + ": a batch of " + rows + " rows x " + cols + " features is "
          + length + " bytes, over the 2 GiB one input buffer can hold; predict it in smaller batches");
    }
    ByteBuffer bytes = ByteBuffer.allocateDirect((int) length).order(ByteOrder.nativeOrder());
    if (doubleInput) {
      var b = bytes.asDoubleBuffer();
      if (columns == null) {
        b.put(data, 0, rows * cols);
      } else {
        for (int r = 0; r < rows; r++) {
          for (int c : columns) {
            b.put(data[r * stride + c]);
          }
        }
      }
      return OnnxTensor.createTensor(env, b.rewind(), shape);
    }
    var b = bytes.asFloatBuffer();
    for (int r = 0; r < rows; r++) {
      int base = r * stride;
      if (columns == null) {
        for (int c = 0; c < cols; c++) {
          b.put((float) data[base + c]);
        }
      } else {
        for (int c : columns) {
          b.put((float) data[base + c]);
        }
      }
    }
    return OnnxTensor.createTensor(env, b.rewind(), shape);
  }

  private Predictions classes(OrtSession.Result result, int rows) throws OrtException {
    int k = options.labels().size();
    double[] p = null;
    if (probabilitiesOutput != null) {
      p = numbers(result, probabilitiesOutput);
      if (p.length != (long) rows * k) {
        throw new MlopsException(who(options) + " output '" + probabilitiesOutput + "' holds " + p.length
            + " values for " + rows + " rows x " + k + " labels; check the labels in the options");
      }
    }
    int[] classes = new int[rows];
    if (labelOutput != null) {
      OnnxTensor t = tensorOf(result, labelOutput);
      if (t.getInfo().type == OnnxJavaType.STRING) {
        String[] s = strings(t.getValue());
        check(s.length, rows, labelOutput);
        for (int r = 0; r < rows; r++) {
          Integer c = labelIndex.get(s[r]);
          if (c == null) {
            throw new MlopsException(who(options) + " predicted label '" + s[r] + "' at row " + r + ", not one of "
                + options.labels() + "; list every class in the options");
          }
          classes[r] = c;
        }
      } else {
        long[] ids = indexes(t);
        check(ids.length, rows, labelOutput);
        for (int r = 0; r < rows; r++) {
          if (ids[r] < 0 || ids[r] >= k) {
            throw new MlopsException(who(options) + " predicted class index " + ids[r] + " at row " + r + ", outside"
                + " the " + k + " labels " + options.labels() + "; list every class in the options");
          }
          classes[r] = (int) ids[r];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (p[r * k + c] > p[r * k + best]) {
            best = c;
          }
        }
        classes[r] = best;
      }
    }
    return Predictions.classes(options.labels(), classes, options.scores() ? null : p);
  }

  private Predictions values(OrtSession.Result result, int rows) {
    double[] v = numbers(result, valueOutput);
    check(v.length, rows, valueOutput);
    return Predictions.values(v);
  }

  private void check(int length, int rows, String output) {
    if (length != rows) {
      throw new MlopsException(who(options) + " output '" + output + "' holds " + length + " values for " + rows
          + " rows");
    }
  }

  private OnnxTensor tensorOf(OrtSession.Result result, String output) {
    OnnxValue v = result.get(output).orElseThrow(() -> new MlopsException(who(options) + " returned no '" + output
        + "'"));
    if (!(v instanceof OnnxTensor t)) {
      throw new MlopsException(who(options) + " output '" + output + "' is a " + v.getType() + ", not a tensor");
    }
    return t;
  }

  private double[] numbers(OrtSession.Result result, String output) {
    OnnxTensor t = tensorOf(result, output);
    if (t.getInfo().type == OnnxJavaType.DOUBLE) {
      var b = t.getDoubleBuffer();
      double[] out = new double[b.remaining()];
      b.get(out);
      return out;
    }
    var b = t.getFloatBuffer();
    double[] out = new double[b.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }


  /** Waits for running predictions, then releases the session; idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        session.close();
      } catch (OrtException e) {
        throw new MlopsException("ONNX Runtime failed to close " + who(options) + ": " + e.getMessage(), e);
      } finally {
        sessionOptions.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "OnnxPredictor[" + options.name() + ", " + file.getFileName() + ", " + options.task() + ", input '" + input
        + "']";
  }
}
