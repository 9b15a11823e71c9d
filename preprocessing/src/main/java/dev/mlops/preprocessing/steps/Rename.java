package dev.mlops.preprocessing.steps;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renames input columns ({@code old -> new}); inputs not in the mapping pass through under their own names. Values,
 * types and tags are unchanged; nothing is learnt. Every old name must be one of the step's inputs, and the outputs
 * must have distinct names.
 *
 * <pre>{@code
 * Rename.of("sepal length (cm)", "sepal_length")          // {"mapping": {"sepal length (cm)": "sepal_length"}}
 * Rename.of(Map.of("a", "x", "b", "y"))
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param mapping old name to new name; not empty, new names distinct and valid column names
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Rename(Map<String, String> mapping) implements Transform {

  /** Checks and copies the mapping (keeping its order). */
  public Rename {
    if (mapping == null || mapping.isEmpty()) {
      throw new ValidationException("Rename: mapping is empty; give at least one old -> new name");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    Set<String> targets = new HashSet<>();
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      String to = e.getValue();
      if (e.getKey() == null || to == null) {
        throw new ValidationException("Rename: mapping " + mapping + " has a null name; give old and new names");
      }
      try {
        Field.of(to, ColumnType.DOUBLE);
      } catch (ValidationException ex) {
        throw new ValidationException("Rename: '" + to + "' (for '" + e.getKey() + "') is not a valid column name: "
            + ex.getMessage(), ex);
      }
      if (!targets.add(to)) {
        throw new ValidationException("Rename: two columns are renamed to '" + to + "'; give distinct new names");
      }
      copy.put(e.getKey(), to);
    }
    mapping = Collections.unmodifiableMap(copy);
  }

  /** Renames one column. */
  public static Rename of(String from, String to) {
    return new Rename(Map.of(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to")));
  }

  /** Renames several columns. */
  public static Rename of(Map<String, String> mapping) {
    return new Rename(mapping);
  }

  /** This step also renaming {@code from} to {@code to}. */
  public Rename with(String from, String to) {
    Map<String, String> m = new LinkedHashMap<>(mapping);
    m.put(from, to);
    return new Rename(m);
  }

  /** The output names for the context's inputs; fails naming a mapped column that is not an input. */
  List<String> targets(StepContext context) {
    List<String> inputs = context.inputs().names();
    for (String from : mapping.keySet()) {
      if (!inputs.contains(from)) {
        throw new ValidationException("step '" + context.stepName() + "' (rename): column '" + from + "' is not"
            + " among the step's input columns " + inputs + "; select it or remove it from the mapping");
      }
    }
    List<String> out = new ArrayList<>(inputs.size());
    for (String n : inputs) {
      out.add(mapping.getOrDefault(n, n));
    }
    return out;
  }

  /** The {@code mlops.rename} type. */
  @Override
  public TransformType<Rename> type() {
    return RenameType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks every mapped name is an input and the outputs are distinct. */
  @Override
  public Fitter fitter(StepContext context) {
    FittedColumns fitted = new FittedColumns(context, targets(context));
    return Fitter.of(() -> fitted);
  }
}
