package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;

/**
 * The registered type of {@link DateParts}: id {@code mlops.date_parts}, version 1. The state is empty.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class DatePartsType extends BuiltInType<DateParts> {
  static final DatePartsType INSTANCE = new DatePartsType();

  /** For ServiceLoader; use {@link DateParts#type()}. */
  public DatePartsType() {
    super("mlops.date_parts", DateParts.class);
  }

  /** Rebuilds the step from its parameters and inputs (checked as when fitting). */
  @Override
  public FittedTransform restore(DateParts params, StepContext context, JsonNode state, int savedVersion) {
    return new FittedDateParts(params, context);
  }
}
