package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import java.util.Objects;

/**
 * The framework a predictor runs on, with its version, as reports show it: {@code Tribuo 4.3.2},
 * {@code ONNX Runtime 1.20.0}, {@code Java}.
 *
 * @param name the framework's name
 * @param version its version, or {@code "unknown"}
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Framework(String name, String version) {
  /** Checks. */
  public Framework {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  /** The version of the jar {@code type} was loaded from (its manifest's Implementation-Version), or "unknown". */
  public static Framework of(String name, Class<?> type) {
    return new Framework(name, dev.mlops.core.Provenance.jarVersion(type));
  }

  @Override
  public String toString() {
    return name + " " + version;
  }
}
