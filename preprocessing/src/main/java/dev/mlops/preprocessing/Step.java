package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a {@link Pipeline}: a name (unique in the pipeline, used in messages and lineage), the columns it
 * works on, and the transform with its parameters.
 *
 * @param name the step's name: letters, digits, {@code _ - .}
 * @param columns which columns of the working frame (after the earlier steps) it takes
 * @param transform what it does
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public record Step(String name, Columns columns, Transform transform) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");

  /** Checks. */
  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(transform, "transform");
    if (!NAME.matcher(name).matches()) {
      throw new ValidationException("step name '" + name + "' is not allowed; use up to 64 letters, digits, '_', '-'"
          + " or '.', starting with a letter, digit or '_'");
    }
  }

  @Override
  public String toString() {
    return name + ": " + transform.type().qualifiedId() + " on " + columns;
  }
}
