package dev.mlops.benchmarking;

import dev.mlops.core.Json;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The hyper-parameter values of one trial, in the order of the {@link SearchSpace}: {@code Integer} for int
 * ranges, {@code Double} for reals, {@code String} for categorical choices. Immutable.
 *
 * <pre>{@code
 * int epochs = params.getInt("epochs");
 * double lr = params.getDouble("learningRate");
 * String opt = params.getString("optimizer");
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Params {
  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Params from a map of {@code Integer}, {@code Double} and {@code String} values, e.g. to re-run a trial. */
  public static Params of(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!(v instanceof Integer || v instanceof Double || v instanceof String)) {
        throw new ValidationException("parameter '" + k + "' is " + v + (v == null ? "" : " (" + v.getClass()
            .getSimpleName() + ")") + "; use an Integer, Double or String");
      }
      copy.put(Objects.requireNonNull(k, "name"), v);
    });
    return new Params(copy);
  }

  /** The values by name, in space order; unmodifiable. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** The value of {@code name}. */
  public Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new ValidationException("no parameter '" + name + "'; the parameters are " + values.keySet());
    }
    return v;
  }

  /** The integer value of {@code name}; an error for a real or categorical parameter. */
  public int getInt(String name) {
    Object v = get(name);
    if (v instanceof Integer i) {
      return i;
    }
    throw new ValidationException("parameter '" + name + "' is " + v + " (" + v.getClass().getSimpleName()
        + "), not an integer; declare it with intRange or read it with getDouble/getString");
  }

  /** The numeric value of {@code name} (an integer is widened); an error for a categorical parameter. */
  public double getDouble(String name) {
    Object v = get(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new ValidationException("parameter '" + name + "' is the choice '" + v + "', not a number; read it with "
        + "getString");
  }

  /** The value of {@code name} as a string: the choice, or the number as in canonical JSON ({@code "0.01"}). */
  public String getString(String name) {
    return format(get(name));
  }

  static String format(Object v) {
    return v instanceof String s ? s : Json.toCanonicalJson(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    values.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(format(v)));
    return b.append('}').toString();
  }
}
