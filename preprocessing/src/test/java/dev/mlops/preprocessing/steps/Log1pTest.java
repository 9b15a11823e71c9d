package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Log1pTest {

  @ParameterizedTest
  @ValueSource(strings = {"function_transformer_log1p_breast_cancer", "function_transformer_log1p_synthetic"})
  void matchesNumpyLog1p(String name) {
    Golden g = Golden.load(name);
    Frame fit = g.fitInput();
    Log1p t = Log1p.of();
    assertFalse(t.needsData());
    FittedTransform ft = NumericCases.fitWithoutData(t, fit);
    for (String which : List.of("fit_input", "unseen")) {
      if (!g.hasTransform(which)) {
        continue;
      }
      Frame in = g.input(which);
      // Java's log1p (fdlibm) and glibc's may each be up to an ulp off, so up to two ulps apart
      Golden.assertClose(name + " " + which, g.expected(which), NumericCases.apply(ft, in), 5e-16, 0);
      assertEquals(g.expectedNames(which), NumericCases.names(ft));
      Golden.assertRecordPathIdentical(ft, in);
      Golden.assertRoundTrip(t, ft, fit.schema(), in);
      NumericCases.assertMatrixSameAsApply(ft, in);
    }
    assertFalse(ft.stateHoldsValues());
  }

  @Test
  void minusOneIsMinusInfinityAndBelowIsMissingByDefault() {
    Frame f = Frame.builder().doubles("x", -1, -2, 0).build();
    RecordTransform ft = (RecordTransform) NumericCases.fitWithoutData(Log1p.of(), f);
    assertEquals(Double.NEGATIVE_INFINITY, ft.applyRecord(new Object[] {-1.0})[0]);
    assertNull(ft.applyRecord(new Object[] {-2.0})[0]);
    assertTrue(ft.apply(f).get(0).isNull(1));
    assertEquals(0.0, ft.applyRecord(new Object[] {0L})[0]);
  }

  @Test
  void valueBelowMinusOneIsAnErrorUnderErrorPolicyNamingColumnAndRow() {
    Frame f = Frame.builder().doubles("debt", 3, -5).build();
    FittedTransform ft = NumericCases.fitWithoutData(Log1p.of().withInvalid(Log1p.Invalid.ERROR), f);
    ValidationException e = assertThrows(ValidationException.class, () -> ft.apply(f));
    assertTrue(e.getMessage().contains("column 'debt' row 1: value -5.0 is below -1"), e.getMessage());
    assertThrows(ValidationException.class, () -> ((RecordTransform) ft).applyRecord(new Object[] {-5.0}));
  }

  @Test
  void keepsNamesAndTagsAndTurnsLongIntoDouble() {
    Schema s = Schema.of(Field.of("n", ColumnType.LONG).withTags(Field.PII));
    FittedTransform ft = Log1p.of().fitter(new StepContext("l", s)).finish();
    assertEquals(ColumnType.DOUBLE, ft.outputs().get(0).field().type());
    assertTrue(ft.outputs().get(0).field().hasTag(Field.PII));
    assertEquals(List.of("n"), ft.outputs().get(0).from());
  }

  @Test
  void rejectsStringColumns() {
    Frame f = Frame.of(Schema.of(Field.of("s", ColumnType.STRING)), List.of(StringColumn.of("a")));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Log1p.of().fitter(new StepContext("l", f.schema())));
    assertTrue(e.getMessage().contains("'s' is STRING"), e.getMessage());
  }

  @Test
  void parametersBindFromJson() {
    assertEquals(Log1p.of(), Json.parse("{}", Log1p.class));
    assertEquals(Log1p.of().withInvalid(Log1p.Invalid.ERROR), Json.parse("{\"invalid\": \"error\"}", Log1p.class));
    assertEquals("mlops.log1p", Log1p.of().type().id());
  }
}
