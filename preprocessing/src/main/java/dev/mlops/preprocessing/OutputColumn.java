package dev.mlops.preprocessing;

import dev.mlops.core.Field;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * An output column of a fitted step: its field (name, type, tags) and the step's input columns it derives from,
 * which the pipeline composes into lineage from each pipeline output back to the input columns.
 *
 * <pre>{@code
 * new OutputColumn(Field.of("color_red", ColumnType.DOUBLE), List.of("color"))
 * }</pre>
 *
 * @param field the output's name, type and tags
 * @param from the input columns (of this step) it is computed from; not empty
 */
@Stability(Stability.Level.STABLE)
public record OutputColumn(Field field, List<String> from) {
  /** Checks and copies. */
  public OutputColumn {
    Objects.requireNonNull(field, "field");
    from = List.copyOf(from);
    if (from.isEmpty()) {
      throw new ValidationException("output column '" + field.name() + "' names no input column it derives from");
    }
  }

  /** The output's name. */
  public String name() {
    return field.name();
  }
}
