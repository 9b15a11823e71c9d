package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.BooleanColumn;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.LongColumn;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataProfileTest {

  private static Frame small() {
    return Frame.builder()
        .column("x", DoubleColumn.of(new double[] {1, 2, Double.NaN, 4, 10, 0}, new boolean[] {
            false, false, false, false, false, true}))
        .longs("n", 3, 1, 2, 2, 5, 7)
        .strings("kind", "a", "b", "a", null, "c", "a")
        .column("flag", BooleanColumn.of(true, false, true, true, true, false))
        .build();
  }

  @Test
  void numericColumnsHaveCountsMinMaxMeanAndSampleStd() {
    ColumnProfile x = DataProfile.of(small()).column("x");
    assertEquals(6, x.rows());
    assertEquals(2, x.missing(), "a null and a NaN are both missing");
    assertEquals(4, x.count());
    assertEquals(2.0 / 6, x.nullFraction());
    assertEquals(1.0, x.min());
    assertEquals(10.0, x.max());
    assertEquals(4.25, x.mean(), 1e-15);
    // ddof=1, as pandas' describe: values 1, 2, 4, 10
    assertEquals(Math.sqrt((3.25 * 3.25 + 2.25 * 2.25 + 0.25 * 0.25 + 5.75 * 5.75) / 3), x.std(), 1e-14);
    assertArrayEquals(new double[] {1, 2, 4, 10}, x.sample());
    ColumnProfile n = DataProfile.of(small()).column("n");
    assertEquals(ColumnType.LONG, n.type());
    assertEquals(0, n.missing());
    assertEquals(1.0, n.min());
    assertEquals(7.0, n.max());
  }

  @Test
  void meanAndStdMatchFrameDescribeOnBreastCancer() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    Frame d = f.describe();
    for (int i = 0; i < d.rowCount(); i++) {
      String col = d.getString(i, "column");
      if (!f.schema().field(col).type().isNumeric()) {
        continue;
      }
      ColumnProfile c = p.column(col);
      assertEquals(d.getDouble(i, "mean"), c.mean(), 1e-12 * Math.abs(c.mean()), col);
      assertEquals(d.getDouble(i, "std"), c.std(), 1e-10 * c.std(), col);
      assertEquals(d.getDouble(i, "min"), c.min(), 0.0, col);
      assertEquals(d.getDouble(i, "max"), c.max(), 0.0, col);
    }
  }

  @Test
  void categoricalColumnsKeepTopCategoriesMostFrequentFirstWithOtherCount() {
    ColumnProfile kind = DataProfile.of(small(), ProfileOptions.defaults().withTopCategories(2)).column("kind");
    assertEquals(1, kind.missing());
    assertEquals(List.of(new ColumnProfile.Category("a", 3), new ColumnProfile.Category("b", 1)),
        kind.categories(), "ties broken by value");
    assertEquals(1, kind.otherCount());
    assertEquals(3, kind.distinct());
    assertTrue(kind.distinctExact());
    ColumnProfile flag = DataProfile.of(small()).column("flag");
    assertEquals(List.of(new ColumnProfile.Category("true", 4), new ColumnProfile.Category("false", 2)),
        flag.categories());
    assertEquals(0, flag.otherCount());
  }

  @Test
  void binEdgesAreDeduplicatedDecilesOfTheSampleAsNumpyComputesThem() {
    JsonNode golden = DriftGolden.load();
    for (JsonNode c : golden.get("psi_numeric")) {
      double[] ref = DriftGolden.doubles(c.get("reference"));
      ColumnProfile p = DataProfile.of(Frame.builder().doubles("x", ref).build()).column("x");
      double[] expected = DriftGolden.doubles(c.get("edges"));
      double[] edges = p.binEdges();
      assertEquals(expected.length, edges.length, c.get("name").textValue());
      for (int i = 0; i < edges.length; i++) {
        assertEquals(expected[i], edges[i], 1e-12 * Math.max(1, Math.abs(expected[i])));
      }
      long[] counts = DriftGolden.longs(c.get("reference_counts"));
      double[] proportions = p.binProportions();
      double sum = 0;
      for (int i = 0; i < counts.length; i++) {
        assertEquals((double) counts[i] / ref.length, proportions[i], 0.0, c.get("name").textValue() + " bin " + i);
        sum += proportions[i];
      }
      assertEquals(1.0, sum, 1e-12);
    }
  }

  @Test
  void batchesGiveTheSameProfileAsOneFrameBitForBit() {
    Frame f = TestData.breastCancer();
    ProfileOptions o = ProfileOptions.defaults().withSampleSize(100); // the reservoir replaces values
    DataProfile whole = DataProfile.of(f, o);
    DataProfile batches = DataProfile.of(FrameSource.of(f, 7), o);
    assertEquals(whole, batches);
    assertEquals(whole.toJson(), batches.toJson());
    DataProfile.Builder b = DataProfile.builder(f.schema(), o);
    b.accept(f.slice(0, 1)).accept(f.slice(1, 1)).accept(f.slice(1, 300)).accept(f.slice(300, 569));
    assertEquals(whole, b.build());
    assertEquals(569, whole.rows());
  }

  @Test
  void sampleIsBoundedSeededAndRecorded() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f, ProfileOptions.defaults().withSampleSize(50).withSeed(7));
    double[] s = p.column("mean_radius").sample();
    assertEquals(50, s.length);
    double[] all = f.doubles("mean_radius").toArray();
    for (double v : s) {
      assertTrue(java.util.Arrays.stream(all).anyMatch(a -> a == v), "sampled values come from the data");
    }
    assertEquals(7, p.options().seed());
    assertArrayEquals(s, DataProfile.of(f, p.options()).column("mean_radius").sample(), "same seed, same sample");
    assertFalse(java.util.Arrays.equals(s, DataProfile.of(f, p.options().withSeed(8)).column("mean_radius")
        .sample()), "another seed, another sample");
    assertEquals(569, DataProfile.of(f).column("mean_radius").sample().length, "default 10,000 keeps all 569");
  }

  @Test
  void reservoirSampleIsUniformOverTheStream() {
    double[] v = new double[100_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Frame f = Frame.builder().doubles("i", v).build();
    double[] s = DataProfile.of(FrameSource.of(f, 4096), ProfileOptions.defaults().withSampleSize(2000))
        .column("i").sample();
    assertEquals(2000, s.length);
    assertEquals(2000, java.util.Arrays.stream(s).distinct().count(), "no value taken twice");
    int[] deciles = new int[10];
    for (double x : s) {
      deciles[(int) (x / 10_000)]++;
    }
    for (int d : deciles) {
      assertTrue(d > 140 && d < 260, "about 200 per decile: " + java.util.Arrays.toString(deciles));
    }
    double mean = java.util.Arrays.stream(s).average().orElseThrow();
    assertEquals(50_000, mean, 3 * 28_868 / Math.sqrt(2000), "mean of a uniform sample");
  }

  @Test
  void jsonRoundTripIsExactAndVersioned() {
    Frame f = Frame.concat(small(), small());
    DataProfile p = DataProfile.of(f, ProfileOptions.defaults().withTopCategories(2).withBins(4));
    String json = p.toJson();
    assertTrue(json.contains("\"format\":\"mlops.data_profile\""), json);
    assertTrue(json.contains("\"version\":1"), json);
    DataProfile back = DataProfile.fromJson(json);
    assertEquals(p, back);
    assertEquals(json, back.toJson());
    DataProfile bc = DataProfile.of(TestData.breastCancer());
    assertEquals(bc, DataProfile.fromJson(bc.toJson()));
  }

  @Test
  void fromJsonRejectsOtherFormatsAndVersionsNamingTheKey() {
    String json = DataProfile.of(small()).toJson();
    ValidationException v = assertThrows(ValidationException.class,
        () -> DataProfile.fromJson(json.replace("\"version\":1", "\"version\":2")));
    assertTrue(v.getMessage().contains("version 2"), v.getMessage());
    ValidationException f = assertThrows(ValidationException.class,
        () -> DataProfile.fromJson(json.replace("mlops.data_profile", "something_else")));
    assertTrue(f.getMessage().contains("something_else"), f.getMessage());
    ValidationException m = assertThrows(ValidationException.class,
        () -> DataProfile.fromJson(json.replace("\"binEdges\"", "\"edges\"")));
    assertTrue(m.getMessage().contains("binEdges"), m.getMessage());
  }

  @Test
  void piiColumnsLeakNoValueIntoJsonOrText() {
    Field email = Field.of("email", ColumnType.STRING).withTags("pii");
    Field salary = Field.of("salary", ColumnType.DOUBLE).withTags("pii");
    Frame f = Frame.builder()
        .column(email, StringColumn.of("ann@example.org", "bob@example.org", null, "ann@example.org"))
        .column(salary, DoubleColumn.of(51234.5, 98765.25, 70000.125, Double.NaN))
        .longs("age", 31, 45, 28, 52)
        .build();
    DataProfile p = DataProfile.of(f);
    String json = p.toJson();
    String text = p.toString() + p.constraints() + p.drift(f).toJson() + p.drift(f).toTable();
    for (String secret : List.of("ann@", "bob@", "example.org", "51234", "98765", "70000", "5123", "9876")) {
      assertFalse(json.contains(secret), "JSON leaks " + secret + ": " + json);
      assertFalse(text.contains(secret), "text leaks " + secret + ": " + text);
    }
    ColumnProfile e = p.column("email");
    assertTrue(e.categories().isEmpty());
    assertEquals(0, e.distinct());
    assertEquals(1, e.missing());
    ColumnProfile s = p.column("salary");
    assertEquals(0, s.sample().length);
    assertTrue(Double.isNaN(s.min()) && Double.isNaN(s.max()) && Double.isNaN(s.mean()));
    assertEquals(1, s.missing());
    assertEquals(p, DataProfile.fromJson(json), "pii columns round-trip as counts");
    assertEquals(List.of("pii"), List.copyOf(DataProfile.fromJson(json).column("email").field().tags()));
  }

  @Test
  void builderRejectsBatchWithMissingColumnOrOtherTypeNamingIt() {
    DataProfile.Builder b = DataProfile.builder(small().schema());
    ValidationException missing = assertThrows(ValidationException.class, () -> b.accept(small().drop("kind")));
    assertTrue(missing.getMessage().contains("'kind'"), missing.getMessage());
    Frame wrong = small().withColumn("n", DoubleColumn.of(1, 2, 3, 4, 5, 6));
    ValidationException type = assertThrows(ValidationException.class, () -> b.accept(wrong));
    assertTrue(type.getMessage().contains("'n' is DOUBLE in the batch but LONG"), type.getMessage());
  }

  @Test
  void emptyDataGivesAnEmptyProfile() {
    Schema s = small().schema();
    DataProfile p = DataProfile.builder(s).build();
    assertEquals(0, p.rows());
    assertEquals(0.0, p.column("x").nullFraction());
    assertTrue(Double.isNaN(p.column("x").mean()));
    assertEquals(0, p.column("x").binEdges().length);
    assertEquals(p, DataProfile.fromJson(p.toJson()));
    assertEquals(DataProfile.of(FrameSource.of(s, List.<Frame>of().iterator())), p);
  }

  @Test
  void unknownColumnIsNotFoundListingTheColumns() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> DataProfile.of(small()).column("nope"));
    assertTrue(e.getMessage().contains("[x, n, kind, flag]"), e.getMessage());
  }

  @Test
  void optionsOutOfRangeAreRejectedNamingTheOption() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> ProfileOptions.defaults().withSampleSize(3));
    assertTrue(e.getMessage().contains("sampleSize is 3"), e.getMessage());
    assertThrows(ValidationException.class, () -> ProfileOptions.defaults().withBins(1));
    assertThrows(ValidationException.class, () -> ProfileOptions.defaults().withTopCategories(0));
    assertNotEquals(ProfileOptions.defaults(), ProfileOptions.defaults().withSeed(1));
  }

  @Test
  void distinctValuesPastTheTrackingCapAreCountedAsOtherWhateverTheBatches() {
    int n = 10_050; // past the 10,000 tracked distinct values
    StringColumn.Builder b = StringColumn.builder(n);
    for (int i = 0; i < n; i++) {
      b.add("v" + i);
    }
    Frame f = Frame.builder().column("id", b.build()).build();
    ProfileOptions o = ProfileOptions.defaults().withTopCategories(5);
    ColumnProfile whole = DataProfile.of(f, o).column("id");
    assertFalse(whole.distinctExact());
    assertEquals(10_000, whole.distinct());
    assertEquals(n - 5, whole.otherCount());
    assertEquals(whole, DataProfile.of(FrameSource.of(f, 777), o).column("id"));
    assertEquals(LongColumn.class, LongColumn.of(1).getClass()); // keeps the import honest
  }
}
