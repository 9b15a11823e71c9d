package dev.mlops.benchmarking.tribuo;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.ModelCodec;
import dev.mlops.core.ModelFileReader;
import dev.mlops.core.ModelFileWriter;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.protos.ProtoSerializable;
import org.tribuo.protos.ProtoUtil;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

/**
 * Stores Tribuo models in Tribuo 4.3's own protobuf format: {@link Model#serialize()} written as one file,
 * {@value #MODEL_FILE}, and read back with {@link Model#deserialize(ModelProto)}, never with an
 * {@link java.io.ObjectInputStream} of its own.
 *
 * <pre>{@code
 * Model<Label> model = new LogisticRegressionTrainer().train(dataset);
 * ModelVersion v = store.publish("iris", model, TribuoCodec.classification(), metadata);
 * Model<Label> back = store.load(v, TribuoCodec.classification());
 * }</pre>
 *
 * <h2>Output type</h2>
 * A codec is for one output type: {@link #classification()} for {@link Label}, {@link #regression()} for
 * {@link Regressor}, {@link #of(Class)} for any other. Writing and reading refuse a model of another output
 * type with a {@link ValidationException} naming it and the codec to use. The check is
 * {@link Model#validate(Class)} over the model's output domain, after deserialization (an empty domain is
 * refused, as it cannot be checked). All share the codec id {@value #ID}. Using {@code classification()} or
 * {@code regression()} needs tribuo-classification-core or tribuo-regression-core on the class path, which
 * any program holding such a model has; this module declares them optional.
 *
 * <h2>Models that hold Java-serialized bytes</h2>
 * In Tribuo 4.3 the protobuf form of the LibLinear models
 * ({@link #javaSerializedModelClasses()}) wraps the native LibLinear model as Java-serialized bytes, which
 * Tribuo's {@code deserializeFromProto} reads with a plain {@code new ObjectInputStream(...)} and no
 * {@link java.io.ObjectInputFilter} (only a JVM-wide one, if configured, applies). Such models are refused on
 * write and on read, found by the {@code class_name} of the top-level {@link ModelProto} and of every nested
 * model (an ensemble or {@code TransformedModel} wrapping one is refused too), before anything is
 * deserialized, unless the codec is made with {@link #allowingJavaSerializedPayloads()}. Other 4.3 models
 * that carry foreign bytes (XGBoost, ONNX, TensorFlow) hand them to those libraries' native parsers, not to
 * Java deserialization, and are not refused.
 *
 * <h2>What else is checked before Tribuo deserializes</h2>
 * Tribuo resolves each {@code class_name} in the file with {@code Class.forName}, which runs the class's
 * static initializer before Tribuo checks the class. This codec first resolves each one itself without
 * initializing it, and refuses the file if a name is not on the class path (naming the Tribuo module to add)
 * or is not a Tribuo serializable class (the top-level one must be a {@link Model}). Every Java serialization
 * stream in the file is read through a filter that allows only LibLinear's classes (see
 * {@link #allowingJavaSerializedPayloads()}). The file is read in full before it is parsed, so a store has
 * checked its digest first. What is not checked: class names inside the model's provenance, which OLCUT
 * resolves with {@code Class.forName} too, and the native libraries' parsing of their own bytes. Load models
 * only from a store whose integrity you trust.
 *
 * <p>Stability: experimental.
 *
 * @param <T> the output type of the models
 */
public final class TribuoCodec<T extends Output<T>> implements ModelCodec<Model<T>> {
  /** The codec id recorded in a version's manifest. */
  public static final String ID = "tribuo-protobuf@1";
  /** The one file the codec writes: a {@link ModelProto} in protobuf's binary form. */
  public static final String MODEL_FILE = "model.pb";

  private static final Set<String> JAVA_SERIALIZED_MODELS = Set.of(
      "org.tribuo.classification.liblinear.LibLinearClassificationModel",
      "org.tribuo.regression.liblinear.LibLinearRegressionModel",
      "org.tribuo.anomaly.liblinear.LibLinearAnomalyModel");
  private static final String TRIBUO_VERSION = tribuoVersion();

  private final Class<T> outputType;
  private final String factory;
  private final boolean javaSerializedAllowed;

  private TribuoCodec(Class<T> outputType, String factory, boolean javaSerializedAllowed) {
    this.outputType = outputType;
    this.factory = factory;
    this.javaSerializedAllowed = javaSerializedAllowed;
  }

  /**
   * The codec for classification models ({@code Model<Label>}).
   *
   * <pre>{@code
   * Model<Label> back = TribuoCodec.classification().read(files);
   * }</pre>
   */
  public static TribuoCodec<Label> classification() {
    return new TribuoCodec<>(Label.class, "TribuoCodec.classification()", false);
  }

  /**
   * The codec for regression models ({@code Model<Regressor>}).
   *
   * <pre>{@code
   * Model<Regressor> back = TribuoCodec.regression().read(files);
   * }</pre>
   */
  public static TribuoCodec<Regressor> regression() {
    return new TribuoCodec<>(Regressor.class, "TribuoCodec.regression()", false);
  }

  /**
   * The codec for models of {@code outputType}, e.g. {@code Event.class} (anomaly detection),
   * {@code ClusterID.class} or {@code MultiLabel.class}.
   *
   * <pre>{@code
   * TribuoCodec<ClusterID> codec = TribuoCodec.of(ClusterID.class);
   * }</pre>
   */
  public static <T extends Output<T>> TribuoCodec<T> of(Class<T> outputType) {
    Objects.requireNonNull(outputType, "outputType");
    return new TribuoCodec<>(outputType, "TribuoCodec.of(" + outputType.getSimpleName() + ".class)", false);
  }

  /**
   * This codec, but also writing and reading the models of {@link #javaSerializedModelClasses()}
   * (Tribuo's LibLinear models, alone or inside an ensemble).
   *
   * <p><b>The risk:</b> Tribuo 4.3 reads these models' LibLinear payload with an
   * {@link java.io.ObjectInputStream} that has no filter of its own, so a crafted file could make it
   * instantiate any serializable class on the class path, the classic route to running code on the
   * reader's machine. This codec cannot give Tribuo's stream a filter (and sets no JVM-wide one), so before
   * Tribuo runs it reads every Java serialization stream in the file itself, through a per-stream filter that
   * allows only {@code de.bwaldvogel.liblinear.Model} and {@code de.bwaldvogel.liblinear.SolverType} with
   * their primitive arrays, at most 8 levels deep and 1,000 references, and no array larger than the file,
   * and refuses the file if any stream breaks that. Tribuo then deserializes the same bytes, which can name
   * only those classes. That check is the guard; use this opt-in only for models from a source you trust,
   * through a store that verifies their digests, and prefer a trainer whose model has a pure protobuf form
   * (SGD linear models, trees, LibSVM, XGBoost) for new models.
   *
   * <pre>{@code
   * TribuoCodec<Label> codec = TribuoCodec.classification().allowingJavaSerializedPayloads();
   * Model<Label> svm = codec.read(files);   // a LibLinearClassificationModel
   * }</pre>
   */
  public TribuoCodec<T> allowingJavaSerializedPayloads() {
    return new TribuoCodec<>(outputType, factory + ".allowingJavaSerializedPayloads()", true);
  }

  /**
   * The Tribuo 4.3 model classes whose protobuf form wraps Java-serialized bytes: the classification,
   * regression and anomaly-detection LibLinear models. Refused unless {@link #allowingJavaSerializedPayloads()}.
   */
  public static Set<String> javaSerializedModelClasses() {
    return JAVA_SERIALIZED_MODELS;
  }

  /** The output type of the models this codec writes and reads. */
  public Class<T> outputType() {
    return outputType;
  }

  /** Whether this codec was made with {@link #allowingJavaSerializedPayloads()}. */
  public boolean allowsJavaSerializedPayloads() {
    return javaSerializedAllowed;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String framework() {
    return "tribuo";
  }

  /** The version of Tribuo on the class path, e.g. {@code "4.3.2"}. */
  @Override
  public String frameworkVersion() {
    return TRIBUO_VERSION;
  }

  /**
   * Writes {@code model} to {@value #MODEL_FILE}.
   *
   * @throws ValidationException if the model has another output type, has no protobuf form, or is (or holds)
   *     a model of {@link #javaSerializedModelClasses()} without {@link #allowingJavaSerializedPayloads()}
   */
  @Override
  public void write(Model<T> model, ModelFileWriter out) throws IOException {
    Objects.requireNonNull(model, "model");
    checkOutputType(model, "the model to write");
    ModelProto proto;
    try {
      proto = model.serialize();
    } catch (UnsupportedOperationException e) {
      throw new ValidationException(model.getClass().getName() + " has no protobuf form in Tribuo "
          + TRIBUO_VERSION + " (" + e.getMessage() + "); it cannot be stored with " + ID, e);
    }
    byte[] bytes = proto.toByteArray();
    for (ProtoScan.Named named : ProtoScan.classNames(bytes)) {
      if (JAVA_SERIALIZED_MODELS.contains(named.className()) && !javaSerializedAllowed) {
        throw new ValidationException("the model to write " + describe(named, model.getClass().getName())
            + javaSerializedRisk() + " Storing it would need the same opt-in to load it back; write it with "
            + factory + ".allowingJavaSerializedPayloads() if you accept that, or train with a trainer whose"
            + " model has a pure protobuf form (SGD linear models, trees, LibSVM, XGBoost)");
      }
    }
    try (OutputStream file = out.create(MODEL_FILE)) {
      file.write(bytes);
    }
  }

  /**
   * Reads the model from {@value #MODEL_FILE}, after the checks described on the class.
   *
   * @throws ValidationException if the file is missing, corrupt, names a class that is refused or missing,
   *     or holds a model of another output type, saying which and what to do
   */
  @Override
  public Model<T> read(ModelFileReader in) throws IOException {
    if (!in.paths().contains(MODEL_FILE)) {
      throw new ValidationException("no " + MODEL_FILE + " among the model's files " + in.paths()
          + "; this version was not written by " + ID);
    }
    long size = in.size(MODEL_FILE);
    if (size > Integer.MAX_VALUE - 8) {
      throw new ValidationException(MODEL_FILE + " is " + size + " bytes; a Tribuo protobuf model is at most 2 GiB,"
          + " so this is not one");
    }
    byte[] bytes;
    try (InputStream file = in.open(MODEL_FILE)) {
      bytes = file.readAllBytes();
    }
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ValidationException(MODEL_FILE + " is not a Tribuo ModelProto (" + e.getMessage() + "); it is"
          + " truncated or corrupt, or was not written by " + ID + ": publish the model again", e);
    }
    String top = proto.getClassName();
    if (top.isEmpty() || !proto.hasSerializedData()) {
      throw new ValidationException(MODEL_FILE + " is a ModelProto without a class name or data; it is truncated"
          + " or corrupt, or was not written by " + ID + ": publish the model again");
    }
    List<ProtoScan.Named> names = ProtoScan.classNames(bytes);
    checkClass(new ProtoScan.Named(top, List.of()), top, true);
    for (ProtoScan.Named named : names) {
      if (!(named.enclosing().isEmpty() && named.className().equals(top))) {
        checkClass(named, top, false);
      }
    }
    JavaPayloadGuard.check(bytes, top);
    Model<?> model;
    try {
      model = Model.deserialize(proto);
    } catch (RuntimeException e) {
      if (e instanceof MlopsException) {
        throw e;
      }
      throw new ValidationException("Tribuo could not deserialize " + MODEL_FILE + " (a " + top + "): " + e
          + (e.getCause() == null ? "" : ", caused by " + e.getCause()) + "; it is corrupt or was written by an"
          + " incompatible Tribuo (this is " + TRIBUO_VERSION + ")", e);
    }
    checkOutputType(model, MODEL_FILE);
    return model.castModel(outputType);
  }

  private void checkClass(ProtoScan.Named named, String top, boolean isTop) {
    String name = named.className();
    if (JAVA_SERIALIZED_MODELS.contains(name) && !javaSerializedAllowed) {
      throw new ValidationException(MODEL_FILE + " " + describe(named, top) + javaSerializedRisk()
          + " It was not read. If you trust where this model came from, read it with " + factory
          + ".allowingJavaSerializedPayloads(), which first checks that those bytes hold only LibLinear's classes");
    }
    Class<?> c;
    try {
      c = Class.forName(name, false, ProtoUtil.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ValidationException(MODEL_FILE + " needs class '" + name + "'" + where(named) + ", which is not"
          + " on the class path; add the Tribuo module that provides it" + module(name), e);
    }
    Class<?> expected = isTop ? Model.class : ProtoSerializable.class;
    if (!expected.isAssignableFrom(c)) {
      throw new ValidationException(MODEL_FILE + " names class '" + name + "'" + where(named) + ", which is not a "
          + expected.getName() + "; Tribuo would initialize it before checking, so the file was refused: it was"
          + " not written by Tribuo");
    }
  }

  private void checkOutputType(Model<?> model, String what) {
    Set<?> domain = model.getOutputIDInfo().getDomain();
    if (!domain.isEmpty() && model.validate(outputType)) {
      return;
    }
    Iterator<?> it = domain.iterator();
    String actual = it.hasNext() ? outputClass(it.next().getClass()).getName() : null;
    throw new ValidationException(what + " is a " + model.getClass().getName() + (actual == null
        ? " with an empty output domain, so its output type cannot be checked against " + outputType.getName()
        : " predicting " + actual + ", not " + outputType.getName() + "; use " + codecFor(actual)));
  }

  /** The output class an element of a domain belongs to: Regressor, not its inner DimensionTuple. */
  private static Class<?> outputClass(Class<?> c) {
    Class<?> top = c;
    while (top.getSuperclass() != null && Output.class.isAssignableFrom(top.getSuperclass())) {
      top = top.getSuperclass();
    }
    return top;
  }

  private static String codecFor(String outputClass) {
    switch (outputClass) {
      case "org.tribuo.classification.Label":
        return "TribuoCodec.classification()";
      case "org.tribuo.regression.Regressor":
        return "TribuoCodec.regression()";
      default:
        return "TribuoCodec.of(" + outputClass.substring(outputClass.lastIndexOf('.') + 1) + ".class)";
    }
  }

  private static String describe(ProtoScan.Named named, String top) {
    return named.enclosing().isEmpty() && named.className().equals(top)
        ? "is a " + named.className() + ","
        : "holds a " + named.className() + where(named) + ",";
  }

  private static String where(ProtoScan.Named named) {
    return named.enclosing().isEmpty() ? "" : " (" + named.where().substring(MODEL_FILE.length() + 1) + ")";
  }

  private static String javaSerializedRisk() {
    return " whose Tribuo 4.3 protobuf form wraps the LibLinear model as Java-serialized bytes, which Tribuo"
        + " reads with an ObjectInputStream that has no filter.";
  }

  private static String module(String className) {
    String[] parts = className.split("\\.");
    return parts.length > 3 && parts[0].equals("org") && parts[1].equals("tribuo")
        ? " (for " + parts[2] + "." + parts[3] + " classes, look for tribuo-" + parts[2] + "-" + parts[3]
            + " or tribuo-" + parts[2] + "-core)"
        : "";
  }

  private static String tribuoVersion() {
    try {
      // Read at run time: Tribuo.VERSION is a compile-time constant, which javac would copy into this class.
      return String.valueOf(Tribuo.class.getField("VERSION").get(null));
    } catch (ReflectiveOperationException e) {
      return Tribuo.VERSION;
    }
  }

  @Override
  public String toString() {
    return factory;
  }
}
