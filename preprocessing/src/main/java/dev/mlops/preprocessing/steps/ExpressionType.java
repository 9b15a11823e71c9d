package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link Expression}: id {@code mlops.expression}, version 1. The state is empty: the expression is a parameter.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ExpressionType extends BuiltInType<Expression> {
  static final ExpressionType INSTANCE = new ExpressionType();

  /** For ServiceLoader; use {@link Expression#type()}. */
  public ExpressionType() {
    super("mlops.expression", Expression.class);
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(Expression params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedExpression(params, context);
  }
}
