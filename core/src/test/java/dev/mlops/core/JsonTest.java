package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  record Metric(String name, double value) {}

  record Run(String id, Map<String, Object> params, List<Metric> metrics, Instant at, String note) {}

  record Times(Instant instant, LocalDate date, Duration duration, ZoneId zone) {}

  @Test
  void sortsKeysOfMapsAndRecordsAtEveryDepth() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", 2);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("run", new Run("r1", inner, List.of(new Metric("auc", 0.5)), null, null));
    outer.put("B", true);
    assertEquals("{\"B\":true,\"run\":{\"id\":\"r1\",\"metrics\":[{\"name\":\"auc\",\"value\":0.5}],"
        + "\"params\":{\"a\":2,\"z\":1}}}", Json.toCanonicalJson(outer));
  }

  @Test
  void equalContentBuiltInDifferentOrdersIsByteIdenticalAndHashesTheSame() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("lr", 0.1);
    first.put("depth", 6L);
    first.put("tags", Map.of("team", "risk", "pii", "no"));
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("tags", new LinkedHashMap<>(Map.of("pii", "no", "team", "risk")));
    second.put("depth", 6);
    second.put("lr", new BigDecimal("0.10"));
    Instant at = Instant.parse("2026-11-27T10:15:30.123Z");
    Run a = new Run("r1", first, List.of(new Metric("auc", 1.0)), at, "n");
    Run b = new Run("r1", second, List.of(new Metric("auc", 1)), at, "n");

    assertArrayEquals(Json.canonicalBytes(a), Json.canonicalBytes(b));
    assertEquals(Json.sha256Of(a), Json.sha256Of(b));
    assertEquals(Sha256.of(Json.canonicalBytes(a)), Json.sha256Of(a));
    Run c = new Run("r1", first, List.of(new Metric("auc", 1.0000001)), at, "n");
    assertNotEquals(Json.sha256Of(a), Json.sha256Of(c));
  }

  @ParameterizedTest
  @CsvSource({
      "1.0, 1", "-0.0, 0", "0.1, 0.1", "-2.5, -2.5", "100, 100", "1e20, 100000000000000000000",
      "1e21, 1e+21", "1.5e300, 1.5e+300", "0.000001, 0.000001", "1e-7, 1e-7", "1.25e-8, 1.25e-8",
      "4.9e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
      "0.30000000000000004, 0.30000000000000004", "123456.789, 123456.789"})
  void writesDoublesByValueInTheShortestForm(double value, String expected) {
    assertEquals(expected, Json.toCanonicalJson(value));
  }

  @Test
  void writesFloatsBigDecimalsAndIntegersExactly() {
    assertEquals("0.1", Json.toCanonicalJson(0.1f));
    assertEquals("1.5", Json.toCanonicalJson(new BigDecimal("1.500")));
    assertEquals("1e+25", Json.toCanonicalJson(new BigDecimal("1E+25")));
    assertEquals("0.10000000000000000000001", Json.toCanonicalJson(new BigDecimal("0.10000000000000000000001")));
    assertEquals("9223372036854775807", Json.toCanonicalJson(Long.MAX_VALUE));
    assertEquals("123456789012345678901234567890", Json.toCanonicalJson(new BigInteger("123456789012345678901234567890")));
    assertEquals("-7", Json.toCanonicalJson((short) -7));
  }

  @Test
  void canonicalDoublesReadBackToTheSameDouble() {
    Random random = new Random(2026);
    for (int i = 0; i < 20_000; i++) {
      double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian() * 1000;
      if (Double.isFinite(d)) {
        String text = Json.toCanonicalJson(d);
        assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(text), text);
        assertEquals(text, Json.toCanonicalJson(Json.parse(text, Double.class)), "stable round trip");
      }
    }
  }

  @Test
  void rejectsNanAndInfinityNamingThePath() {
    Map<String, Object> value = Map.of("metrics", List.of(new Metric("auc", Double.NaN)));
    ValidationException e = assertThrows(ValidationException.class, () -> Json.toCanonicalJson(value));
    assertTrue(e.getMessage().contains("$.metrics[0].value") && e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(ValidationException.class, () -> Json.toCanonicalJson(Double.POSITIVE_INFINITY));
    assertThrows(ValidationException.class, () -> Json.toPrettyJson(Float.NEGATIVE_INFINITY));
  }

  @Test
  void escapesOnlyWhatJsonRequires() {
    String s = "q\" b\\ \b\f\n\r\t \u0001 / é 世 \uD83D\uDE00 \u2028";
    assertEquals("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001 / é 世 \uD83D\uDE00 \u2028\"", Json.toCanonicalJson(s));
    assertEquals(s, Json.parse(Json.toCanonicalJson(s), String.class));
  }

  @Test
  void rejectsAnUnpairedSurrogate() {
    ValidationException e = assertThrows(ValidationException.class, () -> Json.toCanonicalJson(Map.of("k", "a\uD800b")));
    assertTrue(e.getMessage().contains("$.k") && e.getMessage().contains("d800"), e.getMessage());
  }

  @Test
  void omitsNullPropertiesButKeepsNullMapValues() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("k", null);
    assertEquals("{\"id\":\"r\",\"metrics\":[],\"params\":{\"k\":null}}",
        Json.toCanonicalJson(new Run("r", params, List.of(), null, null)));
  }

  @Test
  void writesJavaTimeAsIso8601AndReadsItBack() {
    Times t = new Times(Instant.parse("2026-11-27T10:15:30.5Z"), LocalDate.of(2026, 2, 1), Duration.ofMillis(1500),
        ZoneId.of("Europe/Paris"));
    String json = Json.toCanonicalJson(t);
    assertEquals("{\"date\":\"2026-02-01\",\"duration\":\"PT1.5S\",\"instant\":\"2026-11-27T10:15:30.500Z\","
        + "\"zone\":\"Europe/Paris\"}", json);
    assertEquals(t, Json.parse(json, Times.class));
  }

  @Test
  void reportsABadTimestampWithItsProperty() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Json.parse("{\"instant\":\"yesterday\"}", Times.class, "times.json"));
    assertTrue(e.getMessage().contains("times.json") && e.getMessage().contains("instant")
        && e.getMessage().contains("ISO-8601"), e.getMessage());
  }

  @Test
  void recordsRoundTripThroughCanonicalJson() {
    Run run = new Run("r1", Map.of("depth", 6, "lr", 0.05), List.of(new Metric("auc", 0.91)),
        Instant.parse("2026-11-27T00:00:00Z"), "first");
    String json = Json.toCanonicalJson(run);
    Run back = Json.parse(json, Run.class, "run.json");
    assertEquals(run, back);
    assertEquals(json, Json.toCanonicalJson(back));
    Run fromBytes = Json.parse(json.getBytes(StandardCharsets.UTF_8), Run.class, "run.json");
    assertEquals(run, fromBytes);
    Run fromStream = Json.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Run.class, "run.json");
    assertEquals(run, fromStream);
  }

  @Test
  void reportsMalformedJsonWithSourceLineAndColumn() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Json.parse("{\n  \"name\": \"auc\",\n  \"value\": }", Metric.class, "metrics/auc.json"));
    assertTrue(e.getMessage().startsWith("cannot read metrics/auc.json as Metric: "), e.getMessage());
    assertTrue(e.getMessage().contains("line 3, column 12"), e.getMessage());
    assertTrue(e.getCause() != null);
  }

  @Test
  void reportsAWrongTypeWithThePropertyPath() {
    ValidationException e = assertThrows(ValidationException.class, () -> Json.parse(
        "{\"id\":\"r\",\"metrics\":[{\"name\":\"auc\",\"value\":\"high\"}]}", Run.class, "run.json"));
    assertTrue(e.getMessage().contains("metrics[0].value"), e.getMessage());
  }

  @Test
  void isStrictAboutUnknownPropertiesDuplicatesTrailingContentAndFractions() {
    assertThrows(ValidationException.class, () -> Json.parse("{\"name\":\"a\",\"value\":1,\"extra\":2}", Metric.class));
    ValidationException dup = assertThrows(ValidationException.class,
        () -> Json.parse("{\"name\":\"a\",\"name\":\"b\",\"value\":1}", Metric.class));
    assertTrue(dup.getMessage().toLowerCase().contains("duplicate"), dup.getMessage());
    assertThrows(ValidationException.class, () -> Json.parse("{\"name\":\"a\",\"value\":1} {}", Metric.class));
    assertThrows(ValidationException.class, () -> Json.parse("1.5", Long.class));
    assertThrows(ValidationException.class, () -> Json.parse("\"1\"", Long.class));
    assertThrows(ValidationException.class, () -> Json.parse("{\"k\":1,\"k\":2}", JsonNode.class));
  }

  @Test
  void derivedReaderCanBeLenientWithoutChangingTheSharedOne() throws Exception {
    Metric m = Json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).forType(Metric.class)
        .readValue("{\"name\":\"a\",\"value\":1,\"extra\":2}");
    assertEquals(new Metric("a", 1), m);
    assertThrows(ValidationException.class, () -> Json.parse("{\"name\":\"a\",\"value\":1,\"extra\":2}", Metric.class));
    Json.newMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    assertThrows(ValidationException.class, () -> Json.parse("{\"name\":\"a\",\"value\":1,\"extra\":2}", Metric.class));
  }

  @Test
  void parsesGenericTypes() {
    Map<String, Double> m = Json.parse("{\"a\":1,\"b\":0.5}", new TypeReference<Map<String, Double>>() {}, "m.json");
    assertEquals(Map.of("a", 1.0, "b", 0.5), m);
  }

  @Test
  void canonicalizesJsonTextKeepingDecimalDigits() {
    assertEquals("{\"a\":[1,0.5,1e+400],\"b\":0.10000000000000000000001}",
        Json.canonicalize("{ \"b\": 0.10000000000000000000001,\n \"a\": [1.0, 0.50, 1e400] }", "x.json"));
    ValidationException e = assertThrows(ValidationException.class, () -> Json.canonicalize("{\"a\":", "x.json"));
    assertTrue(e.getMessage().contains("x.json"), e.getMessage());
    assertThrows(ValidationException.class, () -> Json.canonicalize("   ", "blank.json"));
  }

  @Test
  void prettyPrintsSortedAndIndented() {
    assertEquals("{\n  \"name\": \"auc\",\n  \"value\": 1\n}\n", Json.toPrettyJson(new Metric("auc", 1.0)));
    assertEquals("[]\n", Json.toPrettyJson(List.of()));
    assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ]\n}\n", Json.toPrettyJson(Map.of("a", List.of(1, Map.of()))));
  }

  @Test
  void reportsAnUnconvertibleValueByType() {
    ValidationException e = assertThrows(ValidationException.class, () -> Json.toCanonicalJson(new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
  }
}
