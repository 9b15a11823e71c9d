package dev.mlops.preprocessing.steps;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.List;

/**
 * A new DOUBLE column computed from numeric input columns by a small arithmetic expression, parsed when the step is
 * made (a syntax error names the position). The language: numbers ({@code 3}, {@code 0.5}, {@code 1e-3}), column
 * names ({@code income}, or any name in backticks: {@code `sepal length (cm)`}), {@code + - * / ^} (power,
 * right-associative, binding tighter than unary minus: {@code -x^2} is {@code -(x^2)}), parentheses, unary minus,
 * and the functions {@code log}, {@code log1p}, {@code exp}, {@code sqrt}, {@code abs}, {@code pow(x, y)},
 * {@code min(a, b, ...)}, {@code max(a, b, ...)}. Nothing else: no scripting engine, no reflection. Arithmetic is
 * IEEE double ({@code java.lang.Math}).
 *
 * <p>The step's input columns must be DOUBLE or LONG and must include every column the expression names. The
 * output, named {@code output}, derives from the columns named (all inputs for a constant expression) and carries
 * their tags (so a value computed from a {@code pii} column is {@code pii} too). With {@code keepInputs} the outputs
 * are the inputs unchanged followed by the new column; otherwise the new column replaces the inputs.
 *
 * <p>Missing values: if any column the expression names is missing (null or NaN) in a row, the output is missing.
 * A NaN result ({@code log(-1)}, {@code 0/0}) is missing too; infinities ({@code 1/0}) are kept. Nothing is learnt.
 * scikit-learn's nearest is a {@code FunctionTransformer} with a Python function.
 *
 * <pre>{@code
 * Expression.of("bmi", "weight / (height / 100) ^ 2")     // {"expression": "...", "output": "bmi", "keepInputs": false}
 * Expression.of("log_ratio", "log1p(a) - log1p(b)").withKeepInputs(true)
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param expression the expression; required
 * @param output the new column's name; required
 * @param keepInputs whether the inputs are kept before the new column; null means false
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Expression(String expression, String output, Boolean keepInputs) implements Transform {

  /** Parses the expression (failing with the position of a syntax error) and checks the output name. */
  public Expression {
    if (expression == null) {
      throw new ValidationException("Expression: 'expression' is missing; write e.g. \"log1p(income) / age\"");
    }
    if (output == null) {
      throw new ValidationException("Expression: 'output' is missing; name the new column");
    }
    Field.of(output, ColumnType.DOUBLE); // checks the name
    ExpressionParser.check(expression);
    keepInputs = keepInputs == null ? Boolean.FALSE : keepInputs;
  }

  /** A new column {@code output} computed by {@code expression}, replacing the inputs. */
  public static Expression of(String output, String expression) {
    return new Expression(expression, output, false);
  }

  /** This step keeping (true) or replacing (false) its inputs. */
  public Expression withKeepInputs(boolean keepInputs) {
    return new Expression(expression, output, keepInputs);
  }

  /** The column names the expression uses, in order of first appearance. */
  public List<String> columns() {
    return ExpressionParser.check(expression);
  }

  /** The {@code mlops.expression} type. */
  @Override
  public TransformType<Expression> type() {
    return ExpressionType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks the inputs are numeric, include every column named, and do not clash with the output's name. */
  @Override
  public Fitter fitter(StepContext context) {
    FittedExpression fitted = new FittedExpression(this, context);
    return Fitter.of(() -> fitted);
  }
}
