package dev.mlops.preprocessing;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a step is fitted (or restored) with: its name in the pipeline and the schema of its input columns, in the
 * order its fitter and fitted form receive them.
 *
 * @param stepName the step's name, for messages
 * @param inputs the input columns (names, types, tags)
 *
 * <p>Stability: stable (plugin SPI).
 */
@Stability(Stability.Level.STABLE)
public record StepContext(String stepName, Schema inputs) {
  /** Checks. */
  public StepContext {
    Objects.requireNonNull(stepName, "stepName");
    Objects.requireNonNull(inputs, "inputs");
  }

  /**
   * Checks every input column is of one of {@code allowed}, or fails naming the step, the column, what was
   * expected and what was found.
   */
  public void requireTypes(ColumnType first, ColumnType... more) {
    Set<ColumnType> allowed = EnumSet.of(first, more);
    for (Field f : inputs.fields()) {
      if (!allowed.contains(f.type())) {
        throw new ValidationException("step '" + stepName + "': column '" + f.name() + "' is " + f.type()
            + " but the step takes " + allowed.stream().map(Enum::name).collect(Collectors.joining(" or "))
            + "; select other columns, or cast or encode this one in an earlier step");
      }
    }
  }

  /** Checks every input column is DOUBLE or LONG (see {@link #requireTypes}). */
  public void requireNumeric() {
    requireTypes(ColumnType.DOUBLE, ColumnType.LONG);
  }

  /** Checks the step has at least one input column. */
  public void requireInputs() {
    if (inputs.size() == 0) {
      throw new ValidationException("step '" + stepName + "' selects no column; check its column selection");
    }
  }
}
