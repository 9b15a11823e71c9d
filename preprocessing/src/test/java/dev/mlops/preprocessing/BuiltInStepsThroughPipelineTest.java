package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Matrix;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in step, named as users name it in a spec ({@code "standard_scale"}: no namespace, no version), run
 * through the whole pipeline: the spec round-trips through JSON and YAML; fitting on a frame and on a single-pass
 * source of 3-row batches gives the same saved form; batch, matrix and record paths give the same values bit for
 * bit; a saved pipeline loads and gives the same values, and never holds a value of a pii column (steps whose state
 * holds values refuse to save one); a column of the wrong type is an error naming the column and both types.
 *
 * <p>{@link #CASES} has an entry per built-in type id; {@link #everyRegisteredBuiltInHasACase} fails when a new
 * built-in is registered without one.
 */
class BuiltInStepsThroughPipelineTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  /** Stands for the {@code file:} key source in specs; replaced with a temporary key file in each test. */
  static final String KEY = "${KEY}";

  /** One spec to run: a label and the JSON spec with the step named by its short built-in name. */
  record Spec(String label, String json) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Spec spec(String label, String steps) {
    return new Spec(label, "{\"steps\": [" + steps + "]}");
  }

  static Spec passthrough(String label, String steps) {
    return new Spec(label, "{\"remainder\": \"passthrough\", \"steps\": [" + steps + "]}");
  }

  /**
   * Steps whose fitted numbers legitimately depend on how the data is cut into batches in the last bits: their
   * saved forms and outputs are compared with a relative tolerance of {@value #BATCH_TOLERANCE} instead of exactly.
   * standard_scale merges per-batch (count, mean, M2) with Chan's parallel formula.
   */
  static final Set<String> BATCH_DEPENDENT = Set.of("mlops.standard_scale");
  static final double BATCH_TOLERANCE = 1e-12;

  /** Built-in id -> its specs: the defaults (fewest params) first, then ones with params. */
  static final Map<String, List<Spec>> CASES = new LinkedHashMap<>();

  static {
    CASES.put("mlops.one_hot", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"one_hot\", \"columns\": [\"city\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"one_hot\", \"columns\": [\"city\", \"plan\"], \"params\":"
            + " {\"handleUnknown\": \"infrequent\", \"minFrequency\": 3, \"drop\": \"if_binary\"}}"),
        spec("explicit categories", "{\"name\": \"s\", \"type\": \"one_hot\", \"columns\": [\"city\"], \"params\":"
            + " {\"categories\": [[\"Paris\", \"Lyon\", \"Nice\"]], \"handleUnknown\": \"ignore\", \"drop\": \"first\"}}"),
        spec("pii refused", "{\"name\": \"s\", \"type\": \"one_hot\", \"columns\": [\"email\"]}")));
    CASES.put("mlops.ordinal", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"ordinal\", \"columns\": [\"city\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"ordinal\", \"columns\": [\"city\", \"plan\"], \"params\":"
            + " {\"categories\": [[\"Lyon\", \"Nice\", \"Paris\"], [\"free\", \"pro\"]], \"handleUnknown\":"
            + " \"use_encoded_value\", \"unknownValue\": -1, \"encodedMissingValue\": -2}}"),
        spec("NaN for unknown", "{\"name\": \"s\", \"type\": \"ordinal\", \"columns\": [\"plan\"], \"params\":"
            + " {\"handleUnknown\": \"use_encoded_value\", \"unknownValue\": \"NaN\"}}"),
        spec("pii refused", "{\"name\": \"s\", \"type\": \"ordinal\", \"columns\": [\"email\"]}")));
    CASES.put("mlops.feature_hash", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"feature_hash\", \"columns\": [\"city\"], \"params\":"
            + " {\"nFeatures\": 8}}"),
        spec("params on pii", "{\"name\": \"s\", \"type\": \"feature_hash\", \"columns\": [\"email\", \"plan\"],"
            + " \"params\": {\"nFeatures\": 16, \"alternateSign\": false, \"prefix\": \"h\"}}")));
    CASES.put("mlops.count_vectorize", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"count_vectorize\", \"columns\": [\"review\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"count_vectorize\", \"columns\": [\"review\"], \"params\":"
            + " {\"tokens\": {\"ngramMax\": 2}, \"minDf\": 2, \"maxFeatures\": 6, \"binary\": true}}"),
        spec("pii refused", "{\"name\": \"s\", \"type\": \"count_vectorize\", \"columns\": [\"note\"]}")));
    CASES.put("mlops.tfidf_vectorize", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"tfidf_vectorize\", \"columns\": [\"review\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"tfidf_vectorize\", \"columns\": [\"review\"], \"params\":"
            + " {\"tokens\": {\"lowercase\": false}, \"norm\": \"l1\", \"sublinearTf\": true, \"smoothIdf\": false}}"),
        spec("pii refused", "{\"name\": \"s\", \"type\": \"tfidf_vectorize\", \"columns\": [\"note\"]}")));
    CASES.put("mlops.hashing_vectorize", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"hashing_vectorize\", \"columns\": [\"review\"], \"params\":"
            + " {\"nFeatures\": 16}}"),
        spec("params on pii", "{\"name\": \"s\", \"type\": \"hashing_vectorize\", \"columns\": [\"note\"],"
            + " \"params\": {\"nFeatures\": 8, \"alternateSign\": false, \"norm\": \"l1\", \"tokens\":"
            + " {\"ngramMin\": 1, \"ngramMax\": 2}}}")));
    CASES.put("mlops.redact", List.of(
        spec("defaults on pii", "{\"name\": \"s\", \"type\": \"redact\", \"columns\": [\"note\"]}"),
        spec("mask", "{\"name\": \"s\", \"type\": \"redact\", \"columns\": [\"note\"], \"params\":"
            + " {\"action\": \"mask\", \"kinds\": [\"email\", \"phone\"]}}"),
        spec("pseudonymize then tfidf", "{\"name\": \"s\", \"type\": \"redact\", \"columns\": [\"note\"], \"params\":"
            + " {\"action\": \"pseudonymize\", \"keyId\": \"k1\", \"keySource\": \"file:" + KEY + "\"}},"
            + " {\"name\": \"t\", \"type\": \"tfidf_vectorize\", \"columns\": [\"note\"]}")));
    CASES.put("mlops.pseudonymize", List.of(
        spec("defaults on pii", "{\"name\": \"s\", \"type\": \"pseudonymize\", \"columns\": [\"email\"], \"params\":"
            + " {\"keyId\": \"k1\", \"keySource\": \"file:" + KEY + "\"}}"),
        spec("params then one_hot", "{\"name\": \"s\", \"type\": \"pseudonymize\", \"columns\": [\"email\", \"n\"],"
            + " \"params\": {\"keyId\": \"k1\", \"keySource\": \"file:" + KEY + "\", \"length\": 12}},"
            + " {\"name\": \"o\", \"type\": \"one_hot\", \"columns\": [\"email\"]}")));
    CASES.put("mlops.impute", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"impute\", \"columns\": [\"age\", \"income\", \"n\"]}"),
        spec("median with indicator", "{\"name\": \"s\", \"type\": \"impute\", \"columns\": [\"age\", \"n\"],"
            + " \"params\": {\"strategy\": \"median\", \"addIndicator\": true}}"),
        spec("most_frequent strings", "{\"name\": \"s\", \"type\": \"impute\", \"columns\": [\"city\"], \"params\":"
            + " {\"strategy\": \"most_frequent\"}}"),
        spec("constant string", "{\"name\": \"s\", \"type\": \"impute\", \"columns\": [\"city\", \"plan\"],"
            + " \"params\": {\"strategy\": \"constant\", \"fillValue\": \"unknown\"}}"),
        spec("most_frequent pii refused", "{\"name\": \"s\", \"type\": \"impute\", \"columns\": [\"email\"],"
            + " \"params\": {\"strategy\": \"most_frequent\"}}")));
    CASES.put("mlops.standard_scale", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"standard_scale\", \"columns\": [\"age\", \"income\", \"n\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"standard_scale\", \"columns\": {\"numeric\": true}, \"params\":"
            + " {\"withMean\": false}}")));
    CASES.put("mlops.min_max_scale", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"min_max_scale\", \"columns\": [\"age\", \"income\", \"n\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"min_max_scale\", \"columns\": [\"age\", \"n\"], \"params\":"
            + " {\"featureRange\": [-1, 1], \"clip\": true}}")));
    CASES.put("mlops.max_abs_scale", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"max_abs_scale\", \"columns\": [\"age\", \"income\", \"n\"]}")));
    CASES.put("mlops.robust_scale", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"robust_scale\", \"columns\": [\"age\", \"income\", \"n\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"robust_scale\", \"columns\": [\"age\", \"n\"], \"params\":"
            + " {\"withCentering\": false, \"quantileRange\": [10, 90]}}")));
    CASES.put("mlops.bin", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"bin\", \"columns\": [\"income\"]}"),
        // bin cannot be fitted on missing values (as scikit-learn): impute first; missing: keep is for serving.
        spec("params after impute", "{\"name\": \"i\", \"type\": \"impute\", \"columns\": [\"age\", \"n\"],"
            + " \"params\": {\"strategy\": \"median\"}}, {\"name\": \"s\", \"type\": \"bin\", \"columns\":"
            + " [\"age\", \"n\"], \"params\": {\"nBins\": 3, \"strategy\": \"uniform\", \"encode\": \"ordinal\","
            + " \"missing\": \"keep\"}}")));
    CASES.put("mlops.log1p", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"log1p\", \"columns\": [\"age\", \"income\", \"n\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"log1p\", \"columns\": [\"income\"], \"params\":"
            + " {\"invalid\": \"error\"}}")));
    CASES.put("mlops.power_transform", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"power_transform\", \"columns\": [\"age\", \"income\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"power_transform\", \"columns\": [\"income\"], \"params\":"
            + " {\"method\": \"box_cox\", \"standardize\": false}}")));
    CASES.put("mlops.select", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"select\", \"columns\": [\"age\", \"city\", \"at\"]}")));
    CASES.put("mlops.drop", List.of(
        passthrough("defaults", "{\"name\": \"s\", \"type\": \"drop\", \"columns\": [\"email\", \"note\"]}")));
    CASES.put("mlops.rename", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"rename\", \"columns\": [\"age\", \"city\"], \"params\":"
            + " {\"mapping\": {\"age\": \"age_years\"}}}")));
    CASES.put("mlops.cast", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"cast\", \"columns\": [\"n\"], \"params\": {\"to\": \"double\"}}"),
        spec("params", "{\"name\": \"s\", \"type\": \"cast\", \"columns\": [\"zip\"], \"params\":"
            + " {\"to\": \"long\", \"unparseable\": \"null\"}}"),
        spec("to string", "{\"name\": \"s\", \"type\": \"cast\", \"columns\": [\"age\", \"n\", \"at\"], \"params\":"
            + " {\"to\": \"string\"}}")));
    CASES.put("mlops.date_parts", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"date_parts\", \"columns\": [\"at\"]}"),
        spec("params", "{\"name\": \"s\", \"type\": \"date_parts\", \"columns\": [\"at\"], \"params\":"
            + " {\"parts\": [\"hour\", \"minute\", \"day_of_year\", \"epoch_seconds\"], \"zone\": \"Europe/Paris\"}}")));
    CASES.put("mlops.expression", List.of(
        spec("defaults", "{\"name\": \"s\", \"type\": \"expression\", \"columns\": [\"age\", \"income\"], \"params\":"
            + " {\"expression\": \"log1p(income) / age\", \"output\": \"ratio\"}}"),
        spec("params", "{\"name\": \"s\", \"type\": \"expression\", \"columns\": [\"age\", \"n\"], \"params\":"
            + " {\"expression\": \"max(age, n) ^ 2 - sqrt(n)\", \"output\": \"q\", \"keepInputs\": true}}")));
  }

  static final Schema SCHEMA = Schema.of(
      Field.of("age", ColumnType.DOUBLE),
      Field.of("income", ColumnType.DOUBLE),
      Field.of("n", ColumnType.LONG),
      Field.of("city", ColumnType.STRING),
      Field.of("plan", ColumnType.STRING),
      Field.of("zip", ColumnType.STRING),
      Field.of("review", ColumnType.STRING),
      Field.of("note", ColumnType.STRING).withTags(Field.PII),
      Field.of("email", ColumnType.STRING).withTags(Field.PII),
      Field.of("at", ColumnType.TIMESTAMP));

  static final String[] CITIES = {"Paris", "Lyon", null, "Paris", "Nice", "Lyon", "Paris", "Nice", "Paris", "Lyon",
      "Paris", null, "Lyon", "Paris", "Nice", "Paris", "Lyon"};
  static final String[] REVIEWS = {"great value, fast delivery", "slow delivery and poor value", null,
      "Great support", "the support was great", "", "value for money", "delivery was fast fast fast",
      "poor packaging", "Great VALUE", "ok", "support never answered", null, "fast and great", "money back",
      "great great", "delivery delivery value"};
  static final String[] NOTES = {"mail ann@example.com today", "call +44 20 7946 0958", null,
      "card 4111 1111 1111 1111 on file", "from 192.168.1.20", "nothing here", "bob@mail.org or +33 1 23 45 67 89",
      "iban GB82 WEST 1234 5698 7654 32", "ann@example.com again", "", "ip 10.0.0.1 and eve@x.io", null,
      "no pii", "call +1 (415) 555-2671", "ann@example.com", "late payment", "eve@x.io"};

  /** 17 rows: numbers with nulls (and a NaN), strings with nulls, text, pii text, pii e-mails, timestamps. */
  static Frame data() {
    List<List<?>> rows = new ArrayList<>();
    for (int i = 0; i < CITIES.length; i++) {
      Double age = i % 6 == 2 ? null : i == 9 ? Double.NaN : 18.5 + (i * 7919 % 53) * 0.75;
      double income = 1200.0 + (i * 104729 % 97) * 37.25;
      Long n = i % 5 == 4 ? null : (long) (i * 31 % 11);
      String plan = i % 7 == 6 ? null : i % 3 == 0 ? "pro" : "free";
      String zip = i % 4 == 3 ? "n/a" : i % 8 == 5 ? null : String.valueOf(75000 + i * 3);
      String email = i % 5 == 3 ? null : "user" + (i % 6) + "@corp.example";
      Instant at = i % 7 == 4 ? null : Instant.parse("2026-03-28T21:15:30.250Z").plusSeconds(i * 86_400L * 3 + i * 3_541L);
      rows.add(Arrays.asList(age, income, n, CITIES[i], plan, zip, REVIEWS[i], NOTES[i], email, at));
    }
    return Frame.fromRows(SCHEMA, rows);
  }

  /** Serving rows unlike the training rows: unseen categories and words, out-of-range and invalid numbers. */
  static Frame serving() {
    List<List<?>> rows = List.of(
        Arrays.asList(-5.0, 0.5, -3L, "Rome", "enterprise", "abc", "unheard words only", "write to zed@new.org",
            "zed@new.org", Instant.parse("1969-12-31T23:59:59.999Z")),
        Arrays.asList(1e9, 1e12, 1_000_000L, "Paris", "pro", "75001", "great value", null, null,
            Instant.parse("2099-02-28T00:00:00Z")),
        Arrays.asList(null, 1200.0, null, null, null, null, null, "", "", null),
        Arrays.asList(Double.NaN, 1e-300, 0L, "", "free", "", "", "call +49 30 901820", "user1@corp.example",
            Instant.parse("2026-10-25T01:30:00Z")),
        Arrays.asList(-0.0, 3000.0, 7L, "Lyon", "free", "-12", "GREAT great Great", "no pii", "user9@corp.example",
            Instant.parse("2026-03-29T01:30:00Z")));
    return Frame.fromRows(SCHEMA, rows);
  }

  @TempDir
  Path tmp;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    CASES.forEach((id, specs) -> specs.forEach(s -> out.add(Arguments.of(id, s))));
    return out.stream();
  }

  @Test
  void everyRegisteredBuiltInHasACase() {
    Set<String> builtIns = TransformRegistry.load().types().keySet().stream()
        .filter(id -> id.startsWith(TransformRegistry.BUILT_IN_NAMESPACE + ".")).collect(Collectors.toSet());
    assertEquals(new TreeSet<>(builtIns), new TreeSet<>(CASES.keySet()),
        "add a case to CASES for every registered built-in (and remove cases of removed ones)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void specRoundTripsThroughJsonAndYaml(String id, Spec spec) {
    Pipeline p = pipeline(spec);
    assertTrue(p.steps().stream().anyMatch(st -> st.transform().type().id().equals(id)),
        "the short name resolves to the built-in");
    assertEquals(p, Pipeline.fromJson(p.toJson()), "JSON round trip");
    assertEquals(p, Pipeline.fromYaml(p.toYaml()), "YAML round trip");
    assertEquals(p.toJson(), Pipeline.fromJson(p.toJson()).toJson(), "JSON is stable");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void fittingAFrameAndASinglePassSourceOfThreeRowBatchesGivesTheSameFit(String id, Spec spec) {
    Pipeline p = pipeline(spec);
    Frame data = data();
    FittedPipeline whole = p.fit(data);
    FittedPipeline batched;
    try (FrameSource src = FrameSource.of(data, 3)) {
      batched = p.fit(src);
    }
    if (BATCH_DEPENDENT.contains(id)) {
      // Chan's merge of per-batch (count, mean, M2) rounds differently from one batch in the last bits.
      assertEqualWithin(Json.parseTree(whole.toJson(), "whole"), Json.parseTree(batched.toJson(), "batched"), "$");
      assertSameOutputsWithin(whole.transform(data), batched.transform(data));
      return;
    }
    if (refusesToSave(whole)) {
      // Cannot compare saved forms: compare each step's state instead.
      for (int k = 0; k < whole.fittedSteps().size(); k++) {
        assertEquals(whole.fittedSteps().get(k).fitted().state(), batched.fittedSteps().get(k).fitted().state());
      }
    } else {
      assertEquals(whole.toJson(), batched.toJson());
    }
    assertSameOutputs(whole.transform(data), batched.transform(data));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void batchMatrixAndRecordPathsGiveTheSameValuesBitForBit(String id, Spec spec) {
    FittedPipeline f = pipeline(spec).fit(data());
    assertRecordAndMatrixPathsMatchTransform(f, data());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void servingRowsUnlikeTheTrainingDataGiveTheSameResultOnTheBatchAndRecordPaths(String id, Spec spec) {
    FittedPipeline f = pipeline(spec).fit(data());
    Frame serving = serving();
    for (int r = 0; r < serving.rowCount(); r++) {
      Frame one = serving.slice(r, r + 1);
      Map<String, Object> record = record(serving, r);
      Object batch;
      Object single;
      try {
        batch = f.transform(one);
      } catch (ValidationException e) {
        batch = e;
      }
      try {
        single = f.transformRecordValues(record);
      } catch (ValidationException e) {
        single = e;
      }
      if (batch instanceof ValidationException e) {
        assertTrue(single instanceof ValidationException, "row " + r + ": the batch path fails (" + e.getMessage()
            + ") but the record path gives " + single);
        assertEquals(e.getMessage(), ((ValidationException) single).getMessage(), "row " + r + ": the same error");
        continue;
      }
      assertFalse(single instanceof ValidationException, () -> "row " + one + ": the batch path gives a value"
          + " but the record path fails");
      Frame out = (Frame) batch;
      @SuppressWarnings("unchecked")
      Map<String, Object> values = (Map<String, Object>) single;
      for (String name : f.outputNames()) {
        assertEquals(out.isNull(0, name) ? null : out.get(0, name), values.get(name),
            "serving row " + r + " column " + name + ": record vs batch");
      }
      if (allNumeric(f.outputSchema())) {
        double[] m = f.toMatrix(one).row(0);
        double[] numbers = f.transformRecord(record);
        for (int c = 0; c < m.length; c++) {
          long want = Double.doubleToLongBits(asDouble(values.get(f.outputNames().get(c))));
          assertEquals(want, Double.doubleToLongBits(m[c]), "serving row " + r + " column " + c + ": matrix");
          assertEquals(want, Double.doubleToLongBits(numbers[c]), "serving row " + r + " column " + c + ": record");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void savedPipelineLoadsWithTheSameOutputsAndHoldsNoPiiValue(String id, Spec spec) {
    Frame data = data();
    FittedPipeline f = pipeline(spec).fit(data);
    Path file = tmp.resolve("fitted.json");
    List<String> refusing = stepsKeepingPiiValues(f);
    assertEquals(spec.label().contains("refused"), !refusing.isEmpty(),
        "the case's label says whether the step keeps values of a pii column: " + refusing);
    if (spec.label().contains("pii")) {
      assertTrue(f.fittedSteps().stream().anyMatch(fs -> fs.context().inputs().fields().stream()
          .anyMatch(Field::isPii)), "a pii case reads a pii column");
    }
    if (!refusing.isEmpty()) {
      ValidationException e = assertThrows(ValidationException.class, () -> f.save(file));
      assertTrue(e.getMessage().contains("pii column '" + refusing.get(0) + "'"), e.getMessage());
      assertFalse(Files.exists(file), "nothing is written");
      return;
    }
    f.save(file);
    String text = read(file);
    for (String value : piiValues(data)) {
      assertFalse(text.contains(value), () -> "the saved pipeline holds the pii value '" + value + "'");
    }
    FittedPipeline loaded = FittedPipeline.load(file);
    assertEquals(text, loaded.toJson(), "a loaded pipeline saves the same text");
    assertEquals(f.outputSchema(), loaded.outputSchema());
    assertSameOutputs(f.transform(data), loaded.transform(data));
    assertRecordAndMatrixPathsMatchTransform(loaded, data);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aColumnOfTheWrongTypeIsAnErrorNamingItAndBothTypes(String id, Spec spec) {
    Frame data = data();
    FittedPipeline f = pipeline(spec).fit(data);
    String col = f.requiredInputs().get(0);
    ColumnType fitted = f.inputSchema().field(col).type();
    ColumnType wrong = fitted == ColumnType.STRING ? ColumnType.DOUBLE : ColumnType.STRING;
    List<Object> values = new ArrayList<>();
    for (int r = 0; r < data.rowCount(); r++) {
      values.add(wrong == ColumnType.STRING ? "x" + r : (Object) (double) r);
    }
    Frame bad = data.drop(col).withColumn(Field.of(col, wrong),
        Frame.builder().values(col, wrong, values).build().column(col));
    ValidationException e = assertThrows(ValidationException.class, () -> f.transform(bad));
    assertTrue(e.getMessage().contains("'" + col + "'") && e.getMessage().contains(fitted.name())
        && e.getMessage().contains(wrong.name()), e.getMessage());
    Map<String, Object> record = record(data, 0);
    record.put(col, values.get(0));
    ValidationException r = assertThrows(ValidationException.class, () -> f.transformRecordValues(record));
    assertTrue(r.getMessage().contains("'" + col + "'") && r.getMessage().contains(fitted.name()), r.getMessage());
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private Pipeline pipeline(Spec spec) {
    String json = spec.json().replace(KEY, keyFile().toString().replace("\\", "\\\\"));
    return Pipeline.fromJson(json).toBuilder().clock(CLOCK).build();
  }

  /** A base64 key file of 32 seeded random bytes. */
  private Path keyFile() {
    Path file = tmp.resolve("pii.key");
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new Random(20261201L).nextBytes(key);
      try {
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pii input columns of steps whose fitted state holds data values (a saved form would hold pii). */
  private static List<String> stepsKeepingPiiValues(FittedPipeline f) {
    List<String> out = new ArrayList<>();
    for (FittedStep fs : f.fittedSteps()) {
      if (fs.fitted().stateHoldsValues()) {
        fs.context().inputs().fields().stream().filter(Field::isPii).forEach(x -> out.add(x.name()));
      }
    }
    return out;
  }

  private static boolean refusesToSave(FittedPipeline f) {
    return !stepsKeepingPiiValues(f).isEmpty();
  }

  /** Every non-empty value of a pii column, and every e-mail address in one. */
  private static Set<String> piiValues(Frame data) {
    Set<String> out = new TreeSet<>();
    for (Field field : data.schema().fields()) {
      if (!field.isPii()) {
        continue;
      }
      for (int r = 0; r < data.rowCount(); r++) {
        String v = data.isNull(r, field.name()) ? null : data.getString(r, field.name());
        if (v != null && !v.isEmpty()) {
          out.add(v);
          for (String word : v.split(" ")) {
            if (word.contains("@")) {
              out.add(word);
            }
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> record(Frame data, int row) {
    Map<String, Object> m = new HashMap<>();
    for (String name : data.columnNames()) {
      m.put(name, data.isNull(row, name) ? null : data.get(row, name));
    }
    return m;
  }

  private static boolean allNumeric(Schema s) {
    return s.fields().stream().allMatch(x -> x.type().isNumeric() || x.type() == ColumnType.BOOLEAN);
  }

  /** The value of an output cell as a number the matrix would hold (null: NaN). */
  private static double asDouble(Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).doubleValue();
  }

  private static void assertRecordAndMatrixPathsMatchTransform(FittedPipeline f, Frame data) {
    Frame out = f.transform(data);
    assertEquals(f.outputSchema(), out.schema());
    List<String> names = f.outputNames();
    boolean numeric = allNumeric(f.outputSchema());
    Matrix m = numeric ? f.toMatrix(data) : null;
    if (!numeric) {
      assertThrows(ValidationException.class, () -> f.toMatrix(data), "a matrix cannot hold non-numeric outputs");
    }
    for (int r = 0; r < data.rowCount(); r++) {
      Map<String, Object> record = record(data, r);
      Map<String, Object> values = f.transformRecordValues(record);
      assertEquals(names, new ArrayList<>(values.keySet()));
      double[] numbers = numeric ? f.transformRecord(record) : null;
      for (int c = 0; c < names.size(); c++) {
        String name = names.get(c);
        Object batch = out.isNull(r, name) ? null : out.get(r, name);
        Object one = values.get(name);
        // Double.equals compares the bits (0.0 and -0.0 differ); null is a missing value on both paths.
        assertEquals(batch, one, "row " + r + " column " + name + ": record vs batch");
        if (numeric) {
          long want = Double.doubleToLongBits(asDouble(batch));
          assertEquals(want, Double.doubleToLongBits(m.get(r, c)), "row " + r + " column " + name
              + ": matrix " + m.get(r, c) + " vs batch " + batch);
          assertEquals(want, Double.doubleToLongBits(numbers[c]), "row " + r + " column " + name
              + ": transformRecord " + numbers[c] + " vs batch " + batch);
        }
      }
    }
  }

  /** Equal JSON trees, except numbers (equal within the batch tolerance) and the content hash. */
  private static void assertEqualWithin(JsonNode a, JsonNode b, String path) {
    if (a.isNumber() && b.isNumber()) {
      assertClose(a.doubleValue(), b.doubleValue(), path);
    } else if (a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      Set<String> otherKeys = new TreeSet<>();
      b.fieldNames().forEachRemaining(otherKeys::add);
      assertEquals(keys, otherKeys, path);
      keys.remove("contentSha256");
      for (String k : keys) {
        assertEqualWithin(a.get(k), b.get(k), path + "." + k);
      }
    } else if (a.isArray() && b.isArray()) {
      assertEquals(a.size(), b.size(), path);
      for (int i = 0; i < a.size(); i++) {
        assertEqualWithin(a.get(i), b.get(i), path + "[" + i + "]");
      }
    } else {
      assertEquals(a, b, path);
    }
  }

  private static void assertClose(double a, double b, String where) {
    if (Double.doubleToLongBits(a) == Double.doubleToLongBits(b)) {
      return;
    }
    assertTrue(Math.abs(a - b) <= BATCH_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)),
        where + ": " + a + " vs " + b + " differ by more than " + BATCH_TOLERANCE + " relative");
  }

  private static void assertSameOutputsWithin(Frame expected, Frame actual) {
    assertEquals(expected.schema(), actual.schema());
    for (String name : expected.columnNames()) {
      for (int r = 0; r < expected.rowCount(); r++) {
        assertEquals(expected.isNull(r, name), actual.isNull(r, name), "row " + r + " column " + name);
        if (!expected.isNull(r, name)) {
          assertClose(asDouble(expected.get(r, name)), asDouble(actual.get(r, name)), "row " + r + " column " + name);
        }
      }
    }
  }

  private static void assertSameOutputs(Frame expected, Frame actual) {
    assertEquals(expected.schema(), actual.schema());
    assertEquals(expected.rowCount(), actual.rowCount());
    for (String name : expected.columnNames()) {
      for (int r = 0; r < expected.rowCount(); r++) {
        Object a = expected.isNull(r, name) ? null : expected.get(r, name);
        Object b = actual.isNull(r, name) ? null : actual.get(r, name);
        if (!java.util.Objects.equals(a, b)) {
          fail("row " + r + " column " + name + ": " + a + " vs " + b);
        }
      }
    }
  }
}
