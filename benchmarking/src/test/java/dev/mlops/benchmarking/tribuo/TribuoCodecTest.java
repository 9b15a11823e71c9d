package dev.mlops.benchmarking.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.mlops.core.ValidationException;
import dev.mlops.core.testing.DirectoryModelFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.liblinear.protos.LibLinearModelProto;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

class TribuoCodecTest {
  private static final String LIBLINEAR = LibLinearClassificationModel.class.getName();

  @TempDir Path dir;

  static Dataset<Label> iris;
  static Dataset<Regressor> petalWidth;
  static Model<Label> logistic;
  static Model<Regressor> linear;
  static Model<Label> liblinear;

  /** Stands for a gadget: a class whose readObject does something. It counts the times it ran. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READS.incrementAndGet();
    }
  }

  /** A class whose static initializer counts the times it ran. */
  static final class Initialized {
    static final AtomicInteger RUNS = new AtomicInteger();

    static {
      RUNS.incrementAndGet();
    }
  }

  @BeforeAll
  static void train() throws IOException {
    List<String[]> rows;
    try (InputStream in = TribuoCodecTest.class.getResourceAsStream("/data/iris.csv")) {
      rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",")).toList();
    }
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> classes = new MutableDataset<>(new SimpleDataSourceProvenance("iris", labels), labels);
    RegressionFactory regressors = new RegressionFactory();
    MutableDataset<Regressor> widths =
        new MutableDataset<>(new SimpleDataSourceProvenance("iris petal width", regressors), regressors);
    String[] names = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
    for (String[] r : rows) {
      double[] x = Arrays.stream(r, 0, 4).mapToDouble(Double::parseDouble).toArray();
      classes.add(new ArrayExample<>(new Label(r[4]), names, x));
      widths.add(new ArrayExample<>(new Regressor("petal_width", x[3]), Arrays.copyOf(names, 3),
          Arrays.copyOf(x, 3)));
    }
    iris = classes;
    petalWidth = widths;
    logistic = new LogisticRegressionTrainer().train(iris);
    linear = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 10, 1L).train(petalWidth);
    liblinear = new LibLinearClassificationTrainer().train(iris);
  }

  private DirectoryModelFiles files(String name) {
    return DirectoryModelFiles.in(dir.resolve(name));
  }

  private static void assertSameLabels(Model<Label> expected, Model<Label> actual) {
    List<Prediction<Label>> a = expected.predict(iris);
    List<Prediction<Label>> b = actual.predict(iris);
    assertEquals(150, b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getOutput(), b.get(i).getOutput(), "row " + i);
      Map<String, Label> sa = a.get(i).getOutputScores();
      Map<String, Label> sb = b.get(i).getOutputScores();
      assertEquals(sa.keySet(), sb.keySet(), "row " + i);
      for (String k : sa.keySet()) {
        assertEquals(Double.doubleToRawLongBits(sa.get(k).getScore()), Double.doubleToRawLongBits(sb.get(k).getScore()),
            "row " + i + " score of " + k);
      }
    }
  }

  /** The model.pb of {@code model}, with its LibLinear payload replaced by {@code payload}, Java-serialized. */
  private static byte[] withPayload(Model<Label> model, Object payload) throws IOException {
    ModelProto proto = model.serialize();
    LibLinearModelProto data = proto.getSerializedData().unpack(LibLinearModelProto.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
      oos.writeObject(payload);
    }
    LibLinearModelProto forged = data.toBuilder().setModels(0, ByteString.copyFrom(bytes.toByteArray())).build();
    return proto.toBuilder().setSerializedData(Any.pack(forged)).build().toByteArray();
  }

  private DirectoryModelFiles modelFile(String name, byte[] bytes) throws IOException {
    DirectoryModelFiles files = files(name);
    Files.write(files.file(TribuoCodec.MODEL_FILE), bytes);
    return files;
  }

  @Test
  void roundTripsAClassifierWithBitIdenticalScores() throws IOException {
    DirectoryModelFiles files = files("logistic");
    TribuoCodec.classification().write(logistic, files);

    assertEquals(Set.of("model.pb"), files.paths());
    Model<Label> back = TribuoCodec.classification().read(files);
    assertEquals(logistic.getClass(), back.getClass());
    assertEquals(logistic.getProvenance(), back.getProvenance());
    assertSameLabels(logistic, back);
  }

  @Test
  void roundTripsARegressionModelWithBitIdenticalValues() throws IOException {
    DirectoryModelFiles files = files("linear");
    TribuoCodec.regression().write(linear, files);

    Model<Regressor> back = TribuoCodec.regression().read(files);
    List<Prediction<Regressor>> a = linear.predict(petalWidth);
    List<Prediction<Regressor>> b = back.predict(petalWidth);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(Arrays.toString(a.get(i).getOutput().getNames()), Arrays.toString(b.get(i).getOutput().getNames()));
      assertEquals(Double.doubleToRawLongBits(a.get(i).getOutput().getValues()[0]),
          Double.doubleToRawLongBits(b.get(i).getOutput().getValues()[0]), "row " + i);
    }
  }

  @Test
  void namesItsFormatAndTribuoVersion() {
    TribuoCodec<Label> codec = TribuoCodec.classification();
    assertEquals("tribuo-protobuf@1", codec.id());
    assertEquals("tribuo", codec.framework());
    assertEquals(Tribuo.VERSION, codec.frameworkVersion());
    assertEquals("4.3.2", codec.frameworkVersion());
    assertEquals(Label.class, codec.outputType());
    assertEquals(Regressor.class, TribuoCodec.of(Regressor.class).outputType());
    assertFalse(codec.allowsJavaSerializedPayloads());
    assertTrue(codec.allowingJavaSerializedPayloads().allowsJavaSerializedPayloads());
    assertEquals("TribuoCodec.classification().allowingJavaSerializedPayloads()",
        codec.allowingJavaSerializedPayloads().toString());
  }

  @Test
  void refusesToReadAModelOfAnotherOutputType() throws IOException {
    DirectoryModelFiles files = files("linear");
    TribuoCodec.regression().write(linear, files);

    ValidationException e = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertTrue(e.getMessage().contains("predicting org.tribuo.regression.Regressor, not"
        + " org.tribuo.classification.Label; use TribuoCodec.regression()"), e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void refusesToWriteAModelOfAnotherOutputType() {
    Model<Label> mistyped = (Model<Label>) (Model<?>) linear;
    ValidationException e = assertThrows(ValidationException.class,
        () -> TribuoCodec.classification().write(mistyped, files("m")));
    assertTrue(e.getMessage().startsWith("the model to write is a org.tribuo.regression.sgd.linear.LinearSGDModel"
        + " predicting org.tribuo.regression.Regressor, not org.tribuo.classification.Label"), e.getMessage());
  }

  @Test
  void refusesToWriteALibLinearModelWithoutTheOptIn() {
    DirectoryModelFiles files = files("liblinear");
    ValidationException e = assertThrows(ValidationException.class,
        () -> TribuoCodec.classification().write(liblinear, files));
    assertTrue(e.getMessage().startsWith("the model to write is a " + LIBLINEAR + ", whose Tribuo 4.3 protobuf form"
        + " wraps the LibLinear model as Java-serialized bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("TribuoCodec.classification().allowingJavaSerializedPayloads()"),
        e.getMessage());
    assertEquals(Set.of(), files.paths());
  }

  @Test
  void refusesToReadALibLinearModelWithoutTheOptInAndReadsItWithIt() throws IOException {
    DirectoryModelFiles files = files("liblinear");
    TribuoCodec<Label> optIn = TribuoCodec.classification().allowingJavaSerializedPayloads();
    optIn.write(liblinear, files);

    ValidationException e = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertTrue(e.getMessage().startsWith("model.pb is a " + LIBLINEAR + ","), e.getMessage());
    assertTrue(e.getMessage().contains("It was not read. If you trust where this model came from, read it with"
        + " TribuoCodec.classification().allowingJavaSerializedPayloads()"), e.getMessage());

    Model<Label> back = optIn.read(files);
    assertInstanceOf(LibLinearClassificationModel.class, back);
    assertSameLabels(liblinear, back);
  }

  @Test
  void findsALibLinearModelInsideAnEnsemble() throws IOException {
    Model<Label> ensemble = new BaggingTrainer<>(new LibLinearClassificationTrainer(), new VotingCombiner(), 3)
        .train(iris);
    ValidationException write = assertThrows(ValidationException.class,
        () -> TribuoCodec.classification().write(ensemble, files("refused")));
    assertTrue(write.getMessage().contains("holds a " + LIBLINEAR
        + " (inside a org.tribuo.ensemble.WeightedEnsembleModel)"), write.getMessage());

    DirectoryModelFiles files = files("ensemble");
    TribuoCodec<Label> optIn = TribuoCodec.classification().allowingJavaSerializedPayloads();
    optIn.write(ensemble, files);
    ValidationException read = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertTrue(read.getMessage().startsWith("model.pb holds a " + LIBLINEAR
        + " (inside a org.tribuo.ensemble.WeightedEnsembleModel),"), read.getMessage());
    assertSameLabels(ensemble, optIn.read(files));
  }

  @Test
  void refusesAForeignJavaPayloadBeforeTribuoDeserializesIt() throws IOException {
    DirectoryModelFiles files = modelFile("forged", withPayload(liblinear, new Gadget()));
    int before = Gadget.READS.get();

    ValidationException byName = assertThrows(ValidationException.class,
        () -> TribuoCodec.classification().read(files));
    assertTrue(byName.getMessage().startsWith("model.pb is a " + LIBLINEAR), byName.getMessage());

    ValidationException byGuard = assertThrows(ValidationException.class,
        () -> TribuoCodec.classification().allowingJavaSerializedPayloads().read(files));
    assertTrue(byGuard.getMessage().contains("holds a Java-serialized payload at byte"), byGuard.getMessage());
    assertTrue(byGuard.getMessage().contains("with class '" + Gadget.class.getName() + "', which is not one of"
        + " LibLinear's [de.bwaldvogel.liblinear.Model, de.bwaldvogel.liblinear.SolverType]"), byGuard.getMessage());
    assertEquals(before, Gadget.READS.get(), "the gadget's readObject ran");
  }

  @Test
  void refusesAClassNameThatIsNotATribuoClassWithoutInitializingIt() throws IOException {
    byte[] forged = logistic.serialize().toBuilder().setClassName(Initialized.class.getName()).build().toByteArray();
    DirectoryModelFiles files = modelFile("forged", forged);
    int before = Initialized.RUNS.get();

    ValidationException e = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertTrue(e.getMessage().contains("names class '" + Initialized.class.getName() + "', which is not a"
        + " org.tribuo.Model"), e.getMessage());
    assertEquals(before, Initialized.RUNS.get(), "the class was initialized");
  }

  @Test
  void refusesAModelWhoseClassIsNotOnTheClassPathNamingTheModule() throws IOException {
    byte[] forged = logistic.serialize().toBuilder()
        .setClassName("org.tribuo.classification.xgboost.XGBoostClassificationModel").build().toByteArray();
    DirectoryModelFiles files = modelFile("forged", forged);

    ValidationException e = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertTrue(e.getMessage().contains("needs class 'org.tribuo.classification.xgboost.XGBoostClassificationModel',"
        + " which is not on the class path; add the Tribuo module that provides it (for classification.xgboost"
        + " classes, look for tribuo-classification-xgboost"), e.getMessage());
  }

  @Test
  void refusesATruncatedModelFile() throws IOException {
    DirectoryModelFiles files = files("logistic");
    TribuoCodec.classification().write(logistic, files);
    Path file = files.file("model.pb");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    ValidationException e = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertTrue(e.getMessage().startsWith("model.pb is not a Tribuo ModelProto ("), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
  }

  @Test
  void refusesAVersionWithoutModelPb() throws IOException {
    DirectoryModelFiles files = files("other");
    files.create("weights.bin").close();

    ValidationException e = assertThrows(ValidationException.class, () -> TribuoCodec.classification().read(files));
    assertEquals("no model.pb among the model's files [weights.bin]; this version was not written by"
        + " tribuo-protobuf@1", e.getMessage());
  }

  @Test
  void summarisesTheTrainerAsParameters() {
    SortedMap<String, String> p = TribuoModels.parameters(logistic);
    assertEquals(LogisticRegressionTrainer.class.getName(), p.get("trainer"));
    assertEquals("5", p.get("epochs"));
    assertEquals("12345", p.get("seed"));
    assertEquals("org.tribuo.math.optimisers.AdaGrad", p.get("optimiser"));
    assertEquals("1.0", p.get("optimiser.initialLearningRate"));
    assertFalse(p.containsKey("tribuo-version"), p.toString());
    assertFalse(p.containsKey("train-invocation-count"), p.toString());
  }
}
