package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Frame#describe()} against pandas' {@code describe()}, whose values
 * {@code golden/make_describe_golden.py} wrote to {@code golden/describe_golden.json}.
 */
class DescribeTest {
  private static final String[] NUMERIC = {"count", "mean", "std", "min", "25%", "50%", "75%", "max"};

  private static JsonNode golden() throws IOException {
    try (InputStream in = DescribeTest.class.getResourceAsStream("/golden/describe_golden.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** iris.csv by a plain split (it has a header and no quoting); the CSV reader is tested elsewhere. */
  private static Frame iris() throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        DescribeTest.class.getResourceAsStream("/data/iris.csv"), StandardCharsets.UTF_8))) {
      String[] header = r.readLine().split(",");
      List<DoubleColumn.Builder> numbers = new ArrayList<>();
      for (int c = 0; c < header.length - 1; c++) {
        numbers.add(DoubleColumn.builder(150));
      }
      StringColumn.Builder target = StringColumn.builder(150);
      for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
        String[] cells = line.split(",");
        for (int c = 0; c < numbers.size(); c++) {
          numbers.get(c).add(Double.parseDouble(cells[c]));
        }
        target.add(cells[header.length - 1]);
      }
      Frame.Builder f = Frame.builder();
      for (int c = 0; c < numbers.size(); c++) {
        f.column(header[c], numbers.get(c).build());
      }
      return f.column(header[header.length - 1], target.build()).build();
    }
  }

  private static Frame synthetic(JsonNode input) {
    Frame.Builder f = Frame.builder();
    for (Map.Entry<String, JsonNode> col : input.properties()) {
      ColumnType type = ColumnType.valueOf(col.getValue().get("type").asText());
      List<Object> values = new ArrayList<>();
      for (JsonNode v : col.getValue().get("values")) {
        values.add(v.isNull() ? null : switch (type) {
          case DOUBLE -> v.asDouble();
          case LONG -> v.asLong();
          case BOOLEAN -> v.asBoolean();
          default -> v.asText();
        });
      }
      f.values(col.getKey(), type, values);
    }
    return f.build();
  }

  private static void assertClose(double expected, double actual, String what) {
    double tolerance = 1e-12 * Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertTrue(Math.abs(expected - actual) <= tolerance, what + ": pandas " + expected + ", ours " + actual);
  }

  private static void assertMatchesPandas(Frame frame, JsonNode expected) {
    Frame d = frame.describe();
    assertEquals(frame.columnCount(), d.rowCount());
    for (int row = 0; row < d.rowCount(); row++) {
      String name = d.getString(row, "column");
      JsonNode want = expected.get(name);
      assertEquals(want.get("count").asLong(), d.getLong(row, "count"), name + " count");
      assertEquals(frame.column(name).nullCount(), d.getLong(row, "nulls"), name + " nulls");
      if (frame.column(name).type().isNumeric()) {
        for (String stat : NUMERIC) {
          if (!stat.equals("count")) {
            assertClose(want.get(stat).asDouble(), d.getDouble(row, stat), name + " " + stat);
          }
        }
        assertTrue(d.isNull(row, "unique") && d.isNull(row, "top") && d.isNull(row, "freq"), name);
      } else {
        assertEquals(want.get("unique").asLong(), d.getLong(row, "unique"), name + " unique");
        assertEquals(want.get("top").asText(), d.getString(row, "top"), name + " top");
        assertEquals(want.get("freq").asLong(), d.getLong(row, "freq"), name + " freq");
      }
    }
  }

  @Test
  void matchesPandasOnIris() throws IOException {
    Frame iris = iris();
    assertEquals(150, iris.rowCount());
    // The target's three species tie at 50 rows each: pandas and we both pick the first seen, setosa.
    assertMatchesPandas(iris, golden().get("iris"));
  }

  @Test
  void matchesPandasOnASyntheticFrameWithNulls() throws IOException {
    JsonNode g = golden().get("synthetic");
    Frame f = synthetic(g.get("input"));
    assertTrue(f.column("x").hasNulls() && f.column("n").hasNulls() && f.column("s").hasNulls());
    assertMatchesPandas(f, g.get("describe"));
  }

  @Test
  void keepsDigitsOnBadlyConditionedData() {
    Random random = new Random(20261127L);
    int n = 200_000;
    double[] v = new double[n];
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      v[i] = 1e9 + random.nextGaussian() * 1e-3;
      sum = sum.add(new BigDecimal(v[i]));
    }
    MathContext mc = new MathContext(40);
    BigDecimal mean = sum.divide(BigDecimal.valueOf(n), mc);
    BigDecimal ss = BigDecimal.ZERO;
    for (double x : v) {
      BigDecimal d = new BigDecimal(x).subtract(mean);
      ss = ss.add(d.multiply(d));
    }
    double exactStd = ss.divide(BigDecimal.valueOf(n - 1), mc).sqrt(mc).doubleValue();
    double exactMean = mean.doubleValue();

    Frame d = Frame.builder().doubles("x", v).build().describe();
    double ourMean = d.getDouble(0, "mean");
    double ourStd = d.getDouble(0, "std");
    assertTrue(Math.abs(ourMean - exactMean) <= Math.ulp(exactMean), "mean " + ourMean + " vs " + exactMean);
    assertTrue(Math.abs(ourStd - exactStd) <= 1e-6 * exactStd, "std " + ourStd + " vs " + exactStd);
  }

  @Test
  void meanDoesNotOverflowWhenTheSumWould() {
    Frame d = Frame.builder().doubles("x", 1e308, 1e308, 1e308).build().describe();
    assertEquals(1e308, d.getDouble(0, "mean"), 1e293);
    assertEquals(0.0, d.getDouble(0, "std"));
  }

  @Test
  void skipsNanAsPandasDoesAndCountsNullsApart() {
    Frame f = Frame.builder().column("x", DoubleColumn.builder(5).add(1).add(Double.NaN).addNull().add(3).add(5)
        .build()).build();
    Frame d = f.describe();
    assertEquals(3L, d.getLong(0, "count"));
    assertEquals(1L, d.getLong(0, "nulls"));
    assertEquals(3.0, d.getDouble(0, "mean"));
    assertEquals(2.0, d.getDouble(0, "std"));
    assertEquals(5.0, d.getDouble(0, "max"));
    assertEquals(2.0, d.getDouble(0, "25%"));
  }

  @Test
  void columnsWithoutValuesHaveNullStatistics() {
    Frame f = Frame.builder().column("x", DoubleColumn.builder(2).addNull().addNull().build())
        .column("s", StringColumn.of(null, null)).doubles("one", 4, Double.NaN).build();
    Frame d = f.describe();
    assertEquals(0L, d.getLong(0, "count"));
    assertTrue(d.isNull(0, "mean") && d.isNull(0, "std") && d.isNull(0, "max"));
    assertEquals(0L, d.getLong(1, "unique"));
    assertNull(d.getString(1, "top"));
    assertTrue(d.isNull(1, "freq"));
    assertEquals(4.0, d.getDouble(2, "mean"));
    assertTrue(Double.isNaN(d.getDouble(2, "std")), "one value: sample std undefined, as pandas");
  }

  @Test
  void stringTopBreaksTiesByFirstAppearanceAndIgnoresUnusedDictionaryEntries() {
    StringColumn s = StringColumn.of("a", "a", "a", "c", "b", "b", "c");
    Frame f = Frame.builder().column("s", s.slice(3, 7)).build();
    Frame d = f.describe();
    assertEquals(2L, d.getLong(0, "unique"));
    assertEquals("c", d.getString(0, "top"));
    assertEquals(2L, d.getLong(0, "freq"));
    Frame reversed = Frame.builder().column("s", s.take(new int[] {5, 3, 4, 6})).build().describe();
    assertEquals("b", reversed.getString(0, "top"));
  }

  @Test
  void booleansGetShareOfTrueAndTop() {
    Frame d = Frame.builder().column("b", BooleanColumn.builder(5).add(false).add(true).add(true).addNull()
        .add(false).build()).build().describe();
    assertEquals(4L, d.getLong(0, "count"));
    assertEquals(0.5, d.getDouble(0, "mean"));
    assertEquals(2L, d.getLong(0, "unique"));
    assertEquals("false", d.getString(0, "top"), "tie goes to the first seen");
    assertEquals(2L, d.getLong(0, "freq"));
  }

  @Test
  void timestampsGetUniqueTopAndFreqButNoNumericStatistics() {
    Instant a = Instant.parse("2026-01-01T00:00:00Z");
    Instant b = Instant.parse("1969-07-20T20:17:40Z");
    Frame d = Frame.builder().timestamps("t", a, b, null, b, a, Instant.EPOCH).build().describe();
    assertEquals(5L, d.getLong(0, "count"));
    assertEquals(3L, d.getLong(0, "unique"));
    assertEquals(a.toString(), d.getString(0, "top"), "a and b tie; a appears first");
    assertEquals(2L, d.getLong(0, "freq"));
    assertTrue(d.isNull(0, "mean") && d.isNull(0, "min"));
  }

  @Test
  void quantilesInterpolateLinearlyAsNumpy() {
    double[] sorted = {1, 2, 4, 8, 16};
    assertEquals(1.0, Describe.quantile(sorted, 0));
    assertEquals(2.0, Describe.quantile(sorted, 0.25));
    assertEquals(4.0, Describe.quantile(sorted, 0.5));
    assertEquals(16.0, Describe.quantile(sorted, 1));
    assertEquals(7.0, Describe.quantile(new double[] {1, 4, 10}, 0.75));
    assertEquals(3.0, Describe.quantile(new double[] {3}, 0.25));
  }
}
