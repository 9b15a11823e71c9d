package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Json;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftReportTest {
  private static final JsonNode GOLDEN = DriftGolden.load();
  private static final Set<String> SHIFTED = Set.of("mean_radius", "worst_area", "mean_texture");

  /** Breast cancer with three features shifted: +1 std, x1.5, +0.75 std. */
  private static Frame shifted(Frame f, DataProfile p) {
    double radiusStd = p.column("mean_radius").std();
    double textureStd = p.column("mean_texture").std();
    Frame out = TestData.mapDoubles(f, "mean_radius", v -> v + radiusStd);
    out = TestData.mapDoubles(out, "worst_area", v -> v * 1.5);
    return TestData.mapDoubles(out, "mean_texture", v -> v + 0.75 * textureStd);
  }

  @Test
  void sameDataGivesPsiZeroAndEveryFeatureOk() {
    Frame f = TestData.breastCancer();
    DriftReport r = DataProfile.of(f).drift(f);
    assertEquals(DriftStatus.OK, r.status());
    assertFalse(r.shouldRetrain());
    assertEquals(31, r.features().size());
    for (FeatureDrift d : r.features()) {
      assertEquals(0.0, d.psi(), 1e-12, d.column());
      assertEquals(DriftStatus.OK, d.status(), d.column());
      if (d.type() == ColumnType.DOUBLE) {
        assertEquals(0.0, d.ksStatistic(), d.column());
        assertEquals(1.0, d.ksPValue(), d.column());
      } else {
        assertEquals(0.0, d.linf(), d.column());
      }
    }
  }

  @Test
  void shiftedFeaturesAlertAndUntouchedOnesStayOk() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    DriftReport r = p.drift(shifted(f, p));
    assertEquals(DriftStatus.ALERT, r.status());
    assertTrue(r.shouldRetrain());
    for (FeatureDrift d : r.features()) {
      if (SHIFTED.contains(d.column())) {
        assertEquals(DriftStatus.ALERT, d.status(), d.column() + ": " + d);
        assertTrue(d.psi() >= 0.25, d.column() + " psi " + d.psi());
        assertTrue(d.ksPValue() < 0.01, d.column() + " p " + d.ksPValue());
      } else {
        assertEquals(DriftStatus.OK, d.status(), d.column());
        assertEquals(0.0, d.psi(), 1e-12, d.column());
      }
    }
    assertEquals(SHIFTED, Set.copyOf(r.withStatus(DriftStatus.ALERT).stream().map(FeatureDrift::column).toList()));
  }

  @Test
  void ksOnTheShiftedCopyMatchesTheStatisticOfTheFullColumns() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    Frame s = shifted(f, p);
    FeatureDrift d = p.drift(s).feature("worst_area");
    double[] a = f.doubles("worst_area").toArray();
    double[] b = s.doubles("worst_area").toArray();
    assertEquals(KolmogorovSmirnov.statisticUnsorted(a, b), d.ksStatistic(), 0.0);
    assertEquals(KolmogorovSmirnov.pValue(d.ksStatistic(), 569, 569), d.ksPValue(), 0.0);
  }

  @Test
  void numericPsiMatchesNumpyOnTheReferenceBins() {
    for (JsonNode c : GOLDEN.get("psi_numeric")) {
      String name = c.get("name").textValue();
      Frame ref = Frame.builder().doubles("x", DriftGolden.doubles(c.get("reference"))).build();
      Frame cur = Frame.builder().doubles("x", DriftGolden.doubles(c.get("current"))).build();
      FeatureDrift d = DataProfile.of(ref).drift(cur).feature("x");
      assertEquals(c.get("psi").doubleValue(), d.psi(), 1e-12, name);
    }
  }

  @Test
  void categoricalPsiAndLinfMatchNumpy() {
    for (JsonNode c : GOLDEN.get("psi_categorical")) {
      String name = c.get("name").textValue();
      long[] refCounts = DriftGolden.longs(c.get("reference_counts"));
      long[] curCounts = DriftGolden.longs(c.get("current_counts"));
      Frame ref = Frame.builder().column("c", categories(refCounts)).build();
      Frame cur = Frame.builder().column("c", categories(curCounts)).build();
      FeatureDrift d = DataProfile.of(ref).drift(cur).feature("c");
      assertEquals(c.get("psi").doubleValue(), d.psi(), 1e-12, name);
      assertEquals(c.get("linf").doubleValue(), d.linf(), 1e-12, name);
      assertTrue(Double.isNaN(d.ksPValue()), "no KS for categories");
    }
  }

  /** Category i repeated counts[i] times; counts must be decreasing, so the profile keeps them in this order. */
  private static StringColumn categories(long[] counts) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      for (long k = 0; k < counts[i]; k++) {
        values.add("c" + i);
      }
    }
    return StringColumn.of(values);
  }

  @Test
  void categoricalShiftAlertsOnLinf() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    Frame benign = f.filter(r -> r.getString("target").equals("benign"));
    FeatureDrift d = p.drift(benign).feature("target");
    assertEquals(DriftStatus.ALERT, d.status());
    assertEquals(212.0 / 569, d.linf(), 1e-12, "all malignant share gone");
    assertTrue(d.note().contains("L-inf >= 0.2"), d.note());
  }

  @Test
  void batchesGiveTheSameReportAsOneFrame() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f, ProfileOptions.defaults().withSampleSize(200));
    Frame s = shifted(f, p);
    assertEquals(p.drift(s).toJson(), p.drift(FrameSource.of(s, 7)).toJson());
  }

  @Test
  void thresholdsAreConfigurable() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    DriftOptions lax = DriftOptions.defaults().withPsi(100, 200).withKsAlertPValue(0);
    assertEquals(DriftStatus.OK, p.drift(shifted(f, p), lax).status());
    DriftOptions warnOnly = DriftOptions.defaults().withPsi(0.1, 100).withKsAlertPValue(0);
    DriftReport r = p.drift(shifted(f, p), warnOnly);
    assertEquals(DriftStatus.WARN, r.status());
    assertFalse(r.shouldRetrain());
    ValidationException e = assertThrows(ValidationException.class, () -> DriftOptions.defaults().withPsi(0.3, 0.2));
    assertTrue(e.getMessage().contains("psiWarn 0.3 and psiAlert 0.2"), e.getMessage());
    assertThrows(ValidationException.class, () -> DriftOptions.defaults().withKsAlertPValue(2));
    assertThrows(ValidationException.class, () -> DriftOptions.defaults().withEpsilon(0));
    assertThrows(ValidationException.class, () -> DriftOptions.defaults().withLinf(0.5, 0.1));
  }

  @Test
  void jsonAndTableCarryStatusStatisticsAndThresholds() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    DriftReport r = p.drift(shifted(f, p));
    JsonNode json = Json.parseTree(r.toJson(), "drift report");
    assertEquals("mlops.drift_report", json.get("format").textValue());
    assertEquals("alert", json.get("status").textValue());
    assertTrue(json.get("shouldRetrain").asBoolean());
    assertEquals(0.25, json.get("thresholds").get("psiAlert").doubleValue());
    JsonNode radius = json.get("features").get(0);
    assertEquals("mean_radius", radius.get("column").textValue());
    assertEquals(r.feature("mean_radius").psi(), radius.get("psi").doubleValue(), 0.0, "exact doubles");
    assertEquals("NaN", radius.get("linf").textValue());
    String table = r.toTable();
    assertTrue(table.startsWith("drift: ALERT (retrain), 569 reference rows, 569 current rows\ncolumn"), table);
    List<String> lines = table.lines().toList();
    int status = lines.get(1).indexOf("status");
    for (String line : lines.subList(3, lines.size())) {
      assertTrue(line.startsWith("OK", status) || line.startsWith("ALERT", status), "aligned: " + line);
    }
  }

  @Test
  void columnWithoutCurrentValuesAlertsAndPiiColumnsAreNotCompared() {
    Field email = Field.of("email", ColumnType.STRING).withTags("pii");
    Frame ref = Frame.builder().doubles("x", 1, 2, 3, 4).column(email, StringColumn.of("a@x", "b@x", "c@x", "d@x"))
        .build();
    Frame cur = Frame.builder().column("x", DoubleColumn.of(new double[] {0, 0}, new boolean[] {true, true}))
        .column(email, StringColumn.of("z@x", "y@x")).build();
    DriftReport r = DataProfile.of(ref).drift(cur);
    assertEquals(DriftStatus.ALERT, r.feature("x").status());
    assertEquals(1.0, r.feature("x").currentNullFraction());
    assertTrue(r.feature("x").note().contains("no values"), r.feature("x").note());
    assertEquals(DriftStatus.OK, r.feature("email").status());
    assertTrue(r.feature("email").note().contains("pii"), r.feature("email").note());
    assertTrue(Double.isNaN(r.feature("email").psi()));
  }

  @Test
  void missingOrRetypedColumnIsAnErrorNamingIt() {
    Frame f = TestData.breastCancer();
    DataProfile p = DataProfile.of(f);
    ValidationException missing = assertThrows(ValidationException.class, () -> p.drift(f.drop("mean_area")));
    assertTrue(missing.getMessage().contains("column 'mean_area'"), missing.getMessage());
    Frame retyped = f.withColumn("target", DoubleColumn.of(new double[569]));
    ValidationException type = assertThrows(ValidationException.class, () -> p.drift(retyped));
    assertTrue(type.getMessage().contains("'target' is DOUBLE in the current data but STRING"), type.getMessage());
  }

  @Test
  void newValuesOutsideTheReferenceRangeStillCount() {
    Frame ref = Frame.builder().doubles("x", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).build();
    Frame cur = Frame.builder().doubles("x", 100, 200, 300).build();
    FeatureDrift d = DataProfile.of(ref).drift(cur).feature("x");
    assertEquals(DriftStatus.ALERT, d.status());
    assertTrue(d.psi() > 5, "all mass in the open last bin: " + d.psi());
    assertEquals(1.0, d.ksStatistic());
  }
}
