package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.Json;
import dev.mlops.core.Matrix;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.RowHash;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.TestSteps.Categories;
import dev.mlops.preprocessing.TestSteps.Center;
import dev.mlops.preprocessing.TestSteps.Plus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  static final Schema SCHEMA = Schema.of(Field.of("x", ColumnType.DOUBLE), Field.of("c", ColumnType.STRING),
      Field.of("y", ColumnType.DOUBLE), Field.of("label", ColumnType.LONG));
  static final TransformRegistry REG = TestSteps.registry();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path tmp;

  static Frame data() {
    List<List<?>> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(Arrays.asList(i % 7 == 3 ? null : i * 1.5, i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c", 100.0 - i,
          (long) (i % 2)));
    }
    return Frame.fromRows(SCHEMA, rows);
  }

  static Pipeline centerTwiceAndCategories() {
    return Pipeline.builder().clock(CLOCK)
        .step("center", Columns.names("x", "y"), new Center())
        .step("shift", Columns.names("x"), new Plus(10))
        .step("recenter", Columns.names("x"), new Center())
        .step("cats", Columns.names("c"), new Categories())
        .build();
  }

  /** A single-pass source over batches of {@code rows}, counting how often it is opened and read. */
  static final class OnePass implements FrameSource {
    final Iterator<Frame> it;
    int reads;

    OnePass(Frame f, int rows) {
      List<Frame> batches = new ArrayList<>();
      for (int from = 0; from < f.rowCount(); from += rows) {
        batches.add(f.slice(from, Math.min(f.rowCount(), from + rows)));
      }
      it = batches.iterator();
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public Frame next() {
      reads++;
      return it.next();
    }

    @Override
    public void close() {}
  }

  @Test
  void stepsReplaceTheirInputsInPlaceAndTheRemainderIsDropped() {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    assertEquals(List.of("x", "y", "c_a", "c_b", "c_c"), f.outputNames(), "center(x, y) outputs where x was");
    Frame out = f.transform(data());
    // x: centered, shifted by 10, centered again: the mean of the non-null values is 0 again.
    double sum = 0;
    int n = 0;
    for (int r = 0; r < out.rowCount(); r++) {
      if (!out.isNull(r, "x")) {
        sum += out.getDouble(r, "x");
        n++;
      }
    }
    assertEquals(0.0, sum / n, 1e-12);
    assertTrue(out.isNull(3, "x"), "a null stays null");
    assertEquals(1.0, out.getDouble(0, "c_a"));
    assertEquals(100.0 - 0 - 90.5, out.getDouble(0, "y"), 1e-12);
    assertEquals(Map.of("x", List.of("x"), "c_a", List.of("c"), "c_b", List.of("c"), "c_c", List.of("c"), "y",
        List.of("y")), f.lineage());
    assertEquals(List.of("x", "c", "y"), f.requiredInputs());
  }

  @Test
  void passthroughKeepsUntouchedColumnsWhereTheyWere() {
    Pipeline p = centerTwiceAndCategories().toBuilder().remainder(Remainder.PASSTHROUGH).build();
    FittedPipeline f = p.fit(data());
    assertEquals(List.of("x", "y", "c_a", "c_b", "c_c", "label"), f.outputNames());
    assertEquals(ColumnType.LONG, f.outputSchema().field("label").type());
    assertEquals(List.of("x", "c", "y", "label"), f.requiredInputs());
  }

  @Test
  void aSinglePassSourceIsReadOnceAndGivesTheSameFitAsAFrame() {
    OnePass src = new OnePass(data(), 6);
    FittedPipeline streamed = centerTwiceAndCategories().fit(src);
    assertEquals(4, src.reads, "every batch read once, later passes come from the spill");
    FittedPipeline inMemory = centerTwiceAndCategories().fit(data());
    assertEquals(inMemory.toJson(), streamed.toJson());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSpillFileIsRemovedAfterTheFit() throws Exception {
    Pipeline p = centerTwiceAndCategories().toBuilder().spillDirectory(tmp).build();
    p.fit(new OnePass(data(), 5));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void independentStepsShareAPassAndDependentOnesWait() {
    TestSteps.BATCHES_SEEN.set(0);
    // center(x,y) and categories(c) are fed in pass 1; recenter(x) waits for pass 2: 4 + 4 batches to Center.
    centerTwiceAndCategories().fit(new OnePass(data(), 6));
    assertEquals(8, TestSteps.BATCHES_SEEN.get());
  }

  @Test
  void trainingDataIsHashedLikeASnapshot() {
    FittedPipeline f = centerTwiceAndCategories().fit(new OnePass(data(), 7));
    RowHash h = new RowHash(SCHEMA);
    h.add(data());
    assertEquals(h.finish(), f.trainingData().sha256());
    assertEquals(20, f.trainingData().rows());
    assertEquals(Instant.parse("2026-12-01T10:00:00Z"), f.fittedAt());
  }

  @Test
  void recordBatchAndMatrixPathsGiveIdenticalNumbers() {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    Frame d = data();
    Frame out = f.transform(d);
    Matrix m = f.toMatrix(d);
    assertEquals(f.outputNames(), m.names());
    for (int r = 0; r < d.rowCount(); r++) {
      Map<String, Object> rec = new HashMap<>();
      for (String c : SCHEMA.names()) {
        rec.put(c, d.get(r, c));
      }
      double[] one = f.transformRecord(rec);
      for (int c = 0; c < one.length; c++) {
        double batch = out.isNull(r, out.columnNames().get(c)) ? Double.NaN : out.getDouble(r, out.columnNames().get(c));
        assertEquals(Double.doubleToLongBits(batch), Double.doubleToLongBits(one[c]), "row " + r + " col " + c);
        assertEquals(Double.doubleToLongBits(batch), Double.doubleToLongBits(m.get(r, c)), "matrix row " + r);
      }
    }
    float[] floats = m.toFloats();
    assertEquals(m.rows() * m.cols(), floats.length);
    assertEquals(m.toArray2D()[2][4], m.get(2, 4));
  }

  @Test
  void aRecordTakesAnyNumberForADoubleAndNamesAMissingOrWrongField() {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    Map<String, Object> rec = new HashMap<>(Map.of("x", 3, "c", "b", "y", 2.5f));
    double[] a = f.transformRecord(rec);
    rec.put("x", 3.0);
    rec.put("y", 2.5);
    assertArrayEquals(a, f.transformRecord(rec));
    rec.remove("c");
    ValidationException e = assertThrows(ValidationException.class, () -> f.transformRecord(rec));
    assertTrue(e.getMessage().contains("no 'c'"), e.getMessage());
    rec.put("c", 5);
    e = assertThrows(ValidationException.class, () -> f.transformRecord(rec));
    assertTrue(e.getMessage().contains("'c' is a Integer") && e.getMessage().contains("STRING"), e.getMessage());
  }

  @Test
  void transformNamesAMissingColumnAndAWrongType() {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    ValidationException e = assertThrows(ValidationException.class, () -> f.transform(data().drop("y")));
    assertTrue(e.getMessage().contains("column 'y' is missing") && e.getMessage().contains("fitted 2026-12-01"),
        e.getMessage());
    Frame wrong = data().drop("c").withColumn(Field.of("c", ColumnType.LONG),
        dev.mlops.core.LongColumn.of(new long[20]));
    e = assertThrows(ValidationException.class, () -> f.transform(wrong));
    assertTrue(e.getMessage().contains("'c' is LONG in the data but STRING in the fitted pipeline"), e.getMessage());
    // Columns the pipeline does not read may be absent.
    assertEquals(20, f.transform(data().drop("label")).rowCount());
  }

  @Test
  void aSelectionIsResolvedAtFitNotAgainstNewData() {
    Pipeline p = Pipeline.builder().step("center", Columns.matching("x|y"), new Center()).build();
    FittedPipeline f = p.fit(data());
    Frame more = data().withColumn(Field.of("xy", ColumnType.DOUBLE), dev.mlops.core.DoubleColumn.of(new double[20]));
    assertEquals(List.of("x", "y"), f.transform(more).columnNames());
  }

  @Test
  void savedFormRoundTripsBitForBitAndIsDeterministic() {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    String json = f.toJson();
    assertEquals(json, centerTwiceAndCategories().fit(data()).toJson(), "same data, same clock: same bytes");
    FittedPipeline back = FittedPipeline.fromJson(json, REG);
    assertEquals(json, back.toJson());
    assertEquals(f.toMatrix(data()), back.toMatrix(data()));
    assertEquals(f.trainingData(), back.trainingData());
    assertEquals(f.lineage(), back.lineage());
    JsonNode tree = Json.parseTree(json, "t");
    assertEquals("mlops-fitted-pipeline", tree.get("format").asText());
    assertEquals("test.center", tree.get("steps").get(0).get("type").asText());
    assertEquals(1, tree.get("steps").get(0).get("version").asInt());
    assertTrue(tree.get("library").asText().length() > 0);
  }

  @Test
  void saveAndLoadAFile() {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    Path file = tmp.resolve("sub/pipeline.json");
    f.save(file);
    assertEquals(f.toMatrix(data()), FittedPipeline.load(file, REG).toMatrix(data()));
  }

  @Test
  void anEditedFileIsRefusedNotLoaded() {
    String json = centerTwiceAndCategories().fit(data()).toJson();
    ObjectNode tree = (ObjectNode) Json.parseTree(json, "t");
    ((ObjectNode) tree.get("steps").get(0).get("state")).putArray("mean").add(0.0).add(0.0);
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> FittedPipeline.fromJson(Json.toPrettyJson(tree), REG));
    assertTrue(e.getMessage().contains("damaged or was edited"), e.getMessage());
    String truncated = json.substring(0, json.length() / 2);
    assertThrows(ValidationException.class, () -> FittedPipeline.fromJson(truncated, REG));
  }

  @Test
  void loadingNamesAMissingPluginAndAVersionItCannotRead() {
    String json = centerTwiceAndCategories().fit(data()).toJson();
    TransformRegistry without = TransformRegistry.empty().with(new TestSteps.CenterType(), new TestSteps.PlusType());
    NotFoundException nf = assertThrows(NotFoundException.class, () -> FittedPipeline.fromJson(json, without));
    assertTrue(nf.getMessage().contains("test.categories") && nf.getMessage().contains("plugin jar"), nf.getMessage());
    // A step saved as version 3 of test.plus, which this registry's version 2 cannot read.
    ObjectNode tree = (ObjectNode) Json.parseTree(json, "t");
    ((ObjectNode) tree.get("steps").get(1)).put("version", 3);
    tree.remove("contentSha256");
    tree.put("contentSha256", dev.mlops.core.Sha256.of(Json.canonicalBytes(tree)));
    ValidationException e = assertThrows(ValidationException.class,
        () -> FittedPipeline.fromJson(Json.toPrettyJson(tree), REG));
    assertTrue(e.getMessage().contains("test.plus@3") && e.getMessage().contains("upgrade the plugin"), e.getMessage());
    // Version 1 it can read.
    ((ObjectNode) tree.get("steps").get(1)).put("version", 1);
    tree.remove("contentSha256");
    tree.put("contentSha256", dev.mlops.core.Sha256.of(Json.canonicalBytes(tree)));
    assertEquals(5, FittedPipeline.fromJson(Json.toPrettyJson(tree), REG).outputNames().size());
  }

  @Test
  void aPiiColumnsValuesAreNeverSaved() {
    Schema pii = SCHEMA.with(1, SCHEMA.field("c").withTags(Field.PII));
    Frame d = Frame.of(pii, data().columns());
    FittedPipeline f = centerTwiceAndCategories().fit(d);
    ValidationException e = assertThrows(ValidationException.class, f::toJson);
    assertTrue(e.getMessage().contains("pii column 'c'") && e.getMessage().contains("pseudonymize"), e.getMessage());
    assertThrows(ValidationException.class, () -> f.save(tmp.resolve("p.json")));
    assertFalse(Files.exists(tmp.resolve("p.json")));
    // Aggregates of a pii column (a mean) may be saved.
    Schema piiX = SCHEMA.with(0, SCHEMA.field("x").withTags(Field.PII));
    Pipeline centerOnly = Pipeline.builder().step("center", Columns.names("x"), new Center()).build();
    assertTrue(centerOnly.fit(Frame.of(piiX, data().columns())).toJson().contains("\"pii\""));
  }

  @Test
  void aFailedSaveLeavesThePreviousFile() throws Exception {
    Path file = tmp.resolve("p.json");
    centerTwiceAndCategories().fit(data()).save(file);
    String before = Files.readString(file);
    Schema pii = SCHEMA.with(1, SCHEMA.field("c").withTags(Field.PII));
    FittedPipeline leaky = centerTwiceAndCategories().fit(Frame.of(pii, data().columns()));
    assertThrows(ValidationException.class, () -> leaky.save(file));
    assertEquals(before, Files.readString(file));
  }

  @Test
  void specRoundTripsThroughJsonAndYaml() {
    Pipeline p = Pipeline.builder()
        .step("center", Columns.numeric().except("label"), new Center())
        .step("plus", Columns.matching("x"), new Plus(2.5))
        .step("cats", Columns.names("c"), new Categories())
        .remainder(Remainder.PASSTHROUGH).build();
    assertEquals(p, Pipeline.fromJson(p.toJson(), REG));
    assertEquals(p, Pipeline.fromYaml(p.toYaml(), REG));
    Pipeline hand = Pipeline.fromYaml("""
        remainder: passthrough
        steps:
          - name: center
            type: test.center@1
            columns: {types: [DOUBLE, LONG], except: [label]}
          - name: plus
            type: test.plus
            columns: {matching: x}
            params: {amount: 2.5}
          - name: cats
            type: test.categories
            columns: c
        """, REG);
    assertEquals(p, hand);
  }

  @Test
  void badSpecsAreClearErrors() {
    assertMessage(() -> Pipeline.fromJson("{\"steps\": []}", REG), "non-empty list of steps");
    assertMessage(() -> Pipeline.fromJson("{\"steps\": [{\"name\": \"a\", \"type\": \"test.plus\", \"columns\": \"x\","
        + " \"params\": {\"amount\": 1, \"amout\": 1}}]}", REG), "unknown parameter 'amout'");
    assertMessage(() -> Pipeline.fromJson("{\"steps\": [{\"name\": \"a\", \"type\": \"test.plus\"}]}", REG),
        "'columns' is missing");
    assertMessage(() -> Pipeline.fromJson("{\"steps\": [{\"name\": \"a\", \"type\": \"acme.geohash@1\", \"columns\":"
        + " \"x\"}]}", REG), "no preprocessing step type 'acme.geohash'");
    assertMessage(() -> Pipeline.fromJson("{\"steps\": [{\"name\": \"a\", \"type\": \"test.center@2\", \"columns\":"
        + " \"x\"}]}", REG), "upgrade the plugin");
    assertMessage(() -> Pipeline.fromJson("{\"steps\": [{\"name\": \"a\", \"type\": \"Bad Type\", \"columns\":"
        + " \"x\"}]}", REG), "namespace.name@version");
    assertMessage(() -> Pipeline.fromJson("{\"remainder\": \"keep\", \"steps\": []}", REG), "drop or passthrough");
    assertMessage(() -> Pipeline.fromJson("{\"stepz\": []}", REG), "unknown key 'stepz'");
    assertMessage(() -> Pipeline.fromJson("{\"steps\": [{\"name\": \"a\", \"type\": \"test.center\", \"columns\":"
        + " {\"types\": [\"DOUBLE\"], \"matching\": \"x\"}}]}", REG), "exactly one of");
    assertMessage(() -> Pipeline.fromYaml("steps: [\n  - name: a\n  name: b\n", REG), "not valid YAML");
    String fitted = centerTwiceAndCategories().fit(data()).toJson();
    assertMessage(() -> Pipeline.fromJson(fitted, REG), "is a fitted pipeline, not a spec; load it with FittedPipeline.load");
  }

  @Test
  void badPipelinesAreClearErrorsAtFit() {
    assertMessage(() -> Pipeline.builder().build(), "at least one step");
    assertMessage(() -> Pipeline.builder().step("a", Columns.all(), new Center()).step("a", Columns.all(), new Center()),
        "two steps are named 'a'");
    assertMessage(() -> Pipeline.builder().step("plus", Columns.names("c"), new Plus(1)).build().fit(data()),
        "column 'c' is STRING but the step takes DOUBLE");
    assertMessage(() -> Pipeline.builder().step("center", Columns.names("nope"), new Center()).build().fit(data()),
        "nope");
    assertMessage(() -> Pipeline.builder().step("center", Columns.types(ColumnType.TIMESTAMP), new Center()).build()
        .fit(data()), "selects no column");
    assertMessage(() -> Pipeline.builder().step("center", Columns.numeric(), new Center()).build()
        .fit(Frame.empty(SCHEMA)), "no rows");
  }

  @Test
  void anOutputThatCollidesWithAnotherColumnIsAnError() {
    Schema s = Schema.of(Field.of("c", ColumnType.STRING), Field.of("c_a", ColumnType.DOUBLE));
    Frame f = Frame.fromRows(s, List.of(List.of("a", 1.0), List.of("b", 2.0)));
    assertMessage(() -> Pipeline.builder().step("cats", Columns.names("c"), new Categories()).build().fit(f),
        "outputs column 'c_a', but an earlier column has that name");
  }

  @Test
  void registryRefusesTwoTypesWithOneIdAndBadIds() {
    assertMessage(() -> REG.with(typeWithId("test.center")), "two preprocessing step types claim the id 'test.center'");
    assertMessage(() -> TransformRegistry.empty().with(typeWithId("Center")), "namespace.name");
  }

  /** A type of another class than TestSteps.CenterType, with the id given. */
  static TransformType<Center> typeWithId(String id) {
    return new TransformType<>() {
      @Override
      public String id() {
        return id;
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
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void matrixRefusesANonNumericOutput() {
    Pipeline p = Pipeline.builder().step("center", Columns.names("x"), new Center())
        .remainder(Remainder.PASSTHROUGH).build();
    FittedPipeline f = p.fit(data());
    assertMessage(() -> f.toMatrix(data()), "output column 'c' is STRING");
  }

  @Test
  void aFittedPipelineIsSharedSafelyAcrossThreads() throws Exception {
    FittedPipeline f = centerTwiceAndCategories().fit(data());
    Matrix expected = f.toMatrix(data());
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          if (!expected.equals(f.toMatrix(data()))) {
            errors.add(new AssertionError("different output"));
          }
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(List.of(), errors);
  }

  static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
    RuntimeException ex = assertThrows(RuntimeException.class, e);
    assertTrue(ex.getMessage() != null && ex.getMessage().contains(part), "expected '" + part + "' in: " + ex.getMessage());
  }
}
