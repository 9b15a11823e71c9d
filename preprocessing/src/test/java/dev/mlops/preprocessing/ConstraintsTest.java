package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

  private static Frame training() {
    return Frame.builder()
        .doubles("income", 10, 20, 30, 40, Double.NaN, 60, 70, 80, 90, 100)
        .longs("age", 18, 25, 33, 41, 52, 60, 29, 38, 47, 65)
        .strings("plan", "basic", "pro", "basic", "basic", "pro", "team", "basic", "pro", "team", "basic")
        .build();
  }

  private static Constraints constraints() {
    return DataProfile.of(training()).constraints();
  }

  private static Violation only(ValidationReport r) {
    assertEquals(1, r.violations().size(), r.toTable());
    return r.violations().get(0);
  }

  @Test
  void inferredConstraintsAcceptTheProfiledData() {
    assertTrue(constraints().validate(training()).isValid());
    Frame bc = TestData.breastCancer();
    ValidationReport r = DataProfile.of(bc).constraints().validate(bc);
    assertTrue(r.isValid(), r.toTable());
    assertEquals("valid: 569 rows, no violations\n", r.toTable());
  }

  @Test
  void infersPresenceTypeNullLimitRangeAndSmallDomains() {
    Constraints c = constraints();
    Constraints.ColumnConstraint income = c.column("income");
    assertTrue(income.present());
    assertEquals(ColumnType.DOUBLE, income.type());
    assertEquals(0.1 + 0.05, income.maxNullFraction(), 1e-15, "profiled fraction plus the slack");
    assertEquals(10.0, income.min());
    assertEquals(100.0, income.max());
    assertNull(income.domain());
    assertEquals(0.0, c.column("age").maxNullFraction(), "no missing values profiled: none allowed");
    assertEquals(List.of("basic", "pro", "team"), c.column("plan").domain());
    Constraints wide = DataProfile.of(training()).constraints(ConstraintOptions.defaults().withRangeMargin(0.1)
        .withMaxDomainSize(2));
    assertEquals(1.0, wide.column("income").min(), 1e-12);
    assertEquals(109.0, wide.column("income").max(), 1e-12);
    assertNull(wide.column("plan").domain(), "3 distinct values > maxDomainSize 2");
  }

  @Test
  void missingColumnIsReportedOnceWithAClearMessage() {
    Violation v = only(constraints().validate(training().drop("age")));
    assertEquals(Constraints.Rule.PRESENT, v.rule());
    assertEquals("age", v.column());
    assertEquals(10, v.rowsAffected());
    assertEquals("column 'age' (present): observed no such column (the data has 2 columns: income, plan); "
        + "expected the column to be present; 10 rows", v.message());
  }

  @Test
  void wrongTypeIsReportedNamingBothTypes() {
    Frame f = training().withColumn("age", DoubleColumn.of(18, 25, 33, 41, 52, 60, 29, 38, 47, 65));
    Violation v = only(constraints().validate(f));
    assertEquals(Constraints.Rule.TYPE, v.rule());
    assertEquals("column 'age' (type): observed DOUBLE; expected LONG; 10 rows", v.message());
  }

  @Test
  void outOfRangeValuesAreCountedWithExampleRows() {
    Frame f = training().withColumn("age", LongColumn.of(18, 25, -3, 41, 52, 60, 29, 130, 47, 65));
    Violation v = only(constraints().validate(f));
    assertEquals(Constraints.Rule.RANGE, v.rule());
    assertEquals(2, v.rowsAffected());
    assertEquals(List.of(2, 7), v.exampleRows());
    assertEquals("column 'age' (range): observed 2 values out of range, smallest -3, largest 130; expected values "
        + "between 18 and 65; 2 rows, e.g. rows 2, 7", v.message());
  }

  @Test
  void unknownCategoriesAreListed() {
    Frame f = training().withColumn("plan",
        StringColumn.of("basic", "gold", "basic", "basic", "pro", "team", "gold", "pro", "platinum", "basic"));
    Violation v = only(constraints().validate(f));
    assertEquals(Constraints.Rule.DOMAIN, v.rule());
    assertEquals(3, v.rowsAffected());
    assertEquals(List.of(1, 6, 8), v.exampleRows());
    assertEquals("column 'plan' (domain): observed unknown values 'gold', 'platinum'; expected one of [basic, pro, "
        + "team]; 3 rows, e.g. rows 1, 6, 8", v.message());
  }

  @Test
  void tooManyNullsAreReportedAsAFraction() {
    Frame f = training().withColumn("income", DoubleColumn.of(new double[] {10, Double.NaN, 30, 0, 50, 60, 70, 80,
        90, 100}, new boolean[] {false, false, false, true, false, false, false, false, false, true}));
    Violation v = only(constraints().validate(f));
    assertEquals(Constraints.Rule.MAX_NULL_FRACTION, v.rule());
    assertEquals(3, v.rowsAffected());
    assertEquals("column 'income' (max_null_fraction): observed 0.3 missing (3 of 10 rows null or NaN); expected "
        + "at most 0.15 missing; 3 rows, e.g. rows 1, 3, 9", v.message());
    Frame ages = training().withColumn("age", LongColumn.of(new long[10], new boolean[] {
        false, false, false, false, false, false, false, false, false, true}).take(new int[] {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    Violation none = constraints().validate(ages).violations().get(0);
    assertTrue(none.message().contains("expected no missing values"), none.message());
  }

  @Test
  void everyProblemOfABatchIsReportedInOneReport() {
    Frame f = Frame.builder()
        .doubles("income", 10, 500)
        .strings("plan", "basic", "enterprise")
        .build();
    ValidationReport r = constraints().validate(f);
    assertFalse(r.isValid());
    assertEquals(List.of(Constraints.Rule.RANGE, Constraints.Rule.PRESENT, Constraints.Rule.DOMAIN),
        r.violations().stream().map(Violation::rule).toList());
    String table = r.toTable();
    assertTrue(table.startsWith("3 violations in 2 rows\ncolumn  rule"), table);
    List<String> lines = table.lines().toList();
    int ruleAt = lines.get(1).indexOf("rule");
    for (String line : lines.subList(3, lines.size())) {
      assertEquals(' ', line.charAt(ruleAt - 1), "aligned: " + table);
    }
    var json = Json.parseTree(r.toJson(), "report");
    assertFalse(json.get("valid").asBoolean());
    assertEquals("range", json.get("violations").get(0).get("rule").textValue());
    assertEquals(1, json.get("violations").get(0).get("exampleRows").get(0).intValue());
  }

  @Test
  void usersAdjustRangesNullLimitsDomainsAndDropRules() {
    Frame f = training().withColumn("age", LongColumn.of(18, 25, -3, 41, 52, 60, 29, 130, 47, 65))
        .withColumn("plan", StringColumn.of("basic", "gold", "basic", "basic", "pro", "team", "gold", "pro", "team",
            "basic"));
    assertEquals(2, constraints().validate(f).violations().size());
    Constraints c = constraints().withRange("age", -10, 150).withDomain("plan", List.of("basic", "pro", "team",
        "gold"));
    assertTrue(c.validate(f).isValid(), c.validate(f).toTable());
    assertTrue(constraints().without("age", Constraints.Rule.RANGE).without("plan", Constraints.Rule.DOMAIN)
        .validate(f).isValid());
    assertTrue(constraints().without("age", Constraints.Rule.PRESENT).validate(training().drop("age")).isValid());
    Frame nulls = training().withColumn("age", LongColumn.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
        new boolean[] {true, true, false, false, false, false, false, false, false, false}));
    assertFalse(constraints().without("age", Constraints.Rule.RANGE).validate(nulls).isValid());
    assertTrue(constraints().without("age", Constraints.Rule.RANGE).withMaxNullFraction("age", 0.2)
        .validate(nulls).isValid());
    assertEquals(constraints(), constraints(), "value equality");
  }

  @Test
  void badAdjustmentsAreRejectedNamingColumnAndValue() {
    NotFoundException nf = assertThrows(NotFoundException.class, () -> constraints().withRange("nope", 0, 1));
    assertTrue(nf.getMessage().contains("[income, age, plan]"), nf.getMessage());
    ValidationException lohi = assertThrows(ValidationException.class,
        () -> constraints().withRange("age", 5, 1));
    assertTrue(lohi.getMessage().contains("min 5.0 is not <= max 1.0"), lohi.getMessage());
    assertThrows(ValidationException.class, () -> constraints().withRange("plan", 0, 1));
    assertThrows(ValidationException.class, () -> constraints().withMaxNullFraction("age", 1.5));
    assertThrows(ValidationException.class, () -> constraints().withDomain("age", List.of("a")));
    assertThrows(ValidationException.class, () -> constraints().withDomain("plan", List.of()));
    assertThrows(ValidationException.class, () -> ConstraintOptions.defaults().withRangeMargin(-1));
  }

  @Test
  void violationsOfPiiColumnsShowNoValues() {
    Field name = Field.of("name", ColumnType.STRING).withTags("pii");
    Field salary = Field.of("salary", ColumnType.DOUBLE).withTags("pii");
    Frame train = Frame.builder()
        .column(name, StringColumn.of("ann", "bob", "cy"))
        .column(salary, DoubleColumn.of(1000, 2000, 3000))
        .build();
    Constraints c = DataProfile.of(train).constraints();
    assertNull(c.column("name").domain(), "no domain inferred for pii");
    assertNull(c.column("salary").min(), "no range inferred for pii");
    Constraints strict = c.withDomain("name", List.of("ann", "bob")).withRange("salary", 0, 2500);
    Frame serving = Frame.builder()
        .column(name, StringColumn.of("zoe-secret", "ann", "mallory-secret"))
        .column(salary, DoubleColumn.of(987654.321, 1000, 2000))
        .build();
    ValidationReport r = strict.validate(serving);
    assertEquals(2, r.violations().size());
    String all = r.toJson() + r.toTable() + r.violations();
    for (String secret : List.of("zoe", "mallory", "987654", "ann", "bob")) {
      assertFalse(all.contains(secret), "leaks " + secret + ": " + all);
    }
    assertTrue(r.violations().get(0).message().contains("2 unknown values (values of a pii column are not shown)"),
        r.violations().get(0).message());
  }
}
