package dev.mlops.preprocessing.steps;

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
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

  private static final Frame ONE_ROW = Frame.builder().doubles("a", 2).doubles("b", 3).longs("c", 4).build();

  /** The value of {@code text} on a = 2, b = 3, c = 4 (LONG). */
  private static double eval(String text) {
    FittedTransform ft = NumericCases.fitWithoutData(Expression.of("y", text), ONE_ROW);
    Object v = ((RecordTransform) ft).applyRecord(new Object[] {2.0, 3.0, 4L})[0];
    return v == null ? Double.NaN : (Double) v;
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "1 + 2 * 3; 7", "(1 + 2) * 3; 9", "a - b - c; -5", "c / a / a; 1", "2 ^ 3 ^ 2; 512", "-a ^ 2; -4",
      "(-a) ^ 2; 4", "a ^ -1; 0.5", "-(-a); 2", "+a; 2", "a * -b; -6", "1e3 + .5; 1000.5", "2.5E-1; 0.25",
      "10 - 2 - 3; 5", "a + b * c - 1; 13", "c / (a + 2); 1"})
  void precedenceAndAssociativityFollowArithmetic(String text, double expected) {
    assertEquals(expected, eval(text), 0, text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "log(exp(a)); 2", "log1p(0); 0", "sqrt(c); 2", "abs(-b); 3", "pow(a, b); 8", "min(a, b, c); 2",
      "max(a, b, c); 4", "max(-a, -b); -2", "exp(0) + log(1); 1", "sqrt(pow(b, 2) + pow(c, 2)); 5"})
  void functions(String text, double expected) {
    assertEquals(expected, eval(text), 1e-15, text);
  }

  @Test
  void log1pIsJavasLog1p() {
    assertEquals(Math.log1p(2.0), eval("log1p(a)"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "a + * b; 5; expected a number, a column, a function or '(' but found '*'",
      "a +; 4; the expression ends where",
      "(a + b; 7; expected ')' to close the '(' at position 1 but found the end",
      "a b; 3; unexpected 'b' after a complete expression",
      "foo(a); 1; unknown function 'foo'",
      "pow(a); 1; pow() takes 2 arguments but was given 1",
      "log(a, b); 1; log() takes 1 argument but was given 2",
      "min(a); 1; min() takes at least 2 arguments",
      "1e+; 2; the exponent of the number '1e+' has no digits",
      "a $ b; 3; unexpected '$'",
      "`a; 1; no closing '`'",
      "max(a, b; 9; expected ')' to close the '(' of max at position 4",
      "'  '; 1; the expression is empty"})
  void syntaxErrorsNameThePosition(String text, int position, String message) {
    ValidationException e = assertThrows(ValidationException.class, () -> Expression.of("y", text));
    assertTrue(e.getMessage().contains("at position " + position + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("\n  " + " ".repeat(position - 1) + "^"), "caret under the position: "
        + e.getMessage());
  }

  @Test
  void missingInputGivesMissingOutputAndNanResultIsMissing() {
    Frame f = Frame.of(Schema.of(Field.of("a", ColumnType.DOUBLE), Field.of("b", ColumnType.LONG)),
        List.of(DoubleColumn.of(new double[] {1, 0, Double.NaN, -1, 1}, new boolean[] {false, true, false, false,
            false}), LongColumn.of(new long[] {2, 2, 2, 2, 0}, new boolean[] {false, false, false, false, false})));
    Expression e = Expression.of("y", "pow(a, 0) + log(a) + b / a");
    FittedTransform ft = NumericCases.fitWithoutData(e, f);
    double[][] out = Golden.matrix(ft.apply(f));
    assertEquals(3.0, out[0][0]);
    assertTrue(ft.apply(f).get(0).isNull(1), "null input");
    assertTrue(ft.apply(f).get(0).isNull(2), "NaN input");
    assertTrue(ft.apply(f).get(0).isNull(3), "log(-1) is NaN, so missing");
    assertEquals(1.0, out[4][0]);
    assertNull(((RecordTransform) ft).applyRecord(new Object[] {null, 2L})[0]);
    Golden.assertRecordPathIdentical(ft, f);
    Golden.assertRoundTrip(e, ft, f.schema(), f);
    NumericCases.assertMatrixSameAsApply(ft, f);
    assertEquals(Double.POSITIVE_INFINITY, ((RecordTransform) NumericCases.fitWithoutData(
        Expression.of("y", "a / 0"), f)).applyRecord(new Object[] {1.0, 1L})[0]);
  }

  @Test
  void outputsReplaceOrFollowTheInputsWithLineageAndTags() {
    Schema s = Schema.of(Field.of("w", ColumnType.DOUBLE).withTags(Field.PII), Field.of("h", ColumnType.DOUBLE),
        Field.of("unused", ColumnType.LONG));
    Frame f = Frame.of(s, List.of(DoubleColumn.of(80, 60), DoubleColumn.of(200, 150), LongColumn.of(1, 2)));
    Expression bmi = Expression.of("bmi", "w / (h / 100) ^ 2");
    FittedTransform replace = NumericCases.fitWithoutData(bmi, f);
    assertEquals(List.of("bmi"), NumericCases.names(replace));
    assertEquals(List.of("w", "h"), replace.outputs().get(0).from());
    assertTrue(replace.outputs().get(0).field().hasTag(Field.PII));
    assertEquals(20.0, Golden.matrix(replace.apply(f))[0][0], 1e-12);

    FittedTransform keep = NumericCases.fitWithoutData(bmi.withKeepInputs(true), f);
    assertEquals(List.of("w", "h", "unused", "bmi"), NumericCases.names(keep));
    assertEquals(List.of(80.0, 200.0, 1L), List.of(keep.apply(f).get(0).get(0), keep.apply(f).get(1).get(0),
        keep.apply(f).get(2).get(0)));
    Golden.assertRecordPathIdentical(keep, f);
    Golden.assertRoundTrip(bmi.withKeepInputs(true), keep, s, f);
    NumericCases.assertMatrixSameAsApply(keep, f);
    assertFalse(keep.stateHoldsValues());

    FittedTransform constant = NumericCases.fitWithoutData(Expression.of("one", "1"), f);
    assertEquals(List.of("w", "h", "unused"), constant.outputs().get(0).from());
  }

  @Test
  void quotedColumnNames() {
    Frame f = Frame.builder().doubles("sepal length (cm)", 5).doubles("x.y", 2).build();
    FittedTransform ft = NumericCases.fitWithoutData(Expression.of("r", "`sepal length (cm)` / x.y"), f);
    assertEquals(2.5, Golden.matrix(ft.apply(f))[0][0]);
  }

  @Test
  void rejectsColumnsNotAmongTheInputsNonNumericInputsAndAnOutputClash() {
    ValidationException unknown = assertThrows(ValidationException.class,
        () -> Expression.of("y", "a + zz").fitter(new StepContext("e", ONE_ROW.schema())));
    assertTrue(unknown.getMessage().contains("column 'zz' is not among the step's input columns [a, b, c]")
        && unknown.getMessage().contains("at position 5"), unknown.getMessage());
    Schema strings = Schema.of(Field.of("s", ColumnType.STRING));
    ValidationException type = assertThrows(ValidationException.class,
        () -> Expression.of("y", "1").fitter(new StepContext("e", strings)));
    assertTrue(type.getMessage().contains("'s' is STRING"), type.getMessage());
    ValidationException clash = assertThrows(ValidationException.class,
        () -> Expression.of("a", "b").withKeepInputs(true).fitter(new StepContext("e", ONE_ROW.schema())));
    assertTrue(clash.getMessage().contains("output 'a' is also an input column"), clash.getMessage());
    assertThrows(ValidationException.class, () -> new Expression("a", null, null));
    assertThrows(ValidationException.class, () -> new Expression(null, "y", null));
  }

  @Test
  void parametersBindFromJson() {
    Expression e = Json.parse("{\"expression\": \"a * 2\", \"output\": \"y\"}", Expression.class);
    assertEquals(Expression.of("y", "a * 2"), e);
    assertEquals(List.of("a"), e.columns());
    ValidationException bad = assertThrows(ValidationException.class,
        () -> Json.parse("{\"expression\": \"a *\", \"output\": \"y\"}", Expression.class));
    assertTrue(bad.getMessage().contains("at position"), bad.getMessage());
  }
}
