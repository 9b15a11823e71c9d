package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Stability;

/**
 * A registered kind of step: its namespaced id, the version of its parameters and fitted state, the class its
 * parameters bind to, and how to read a saved fitted state back. Registered through {@link java.util.ServiceLoader}
 * (a line with the class name in {@code META-INF/services/dev.mlops.preprocessing.TransformType}) or
 * programmatically ({@link TransformRegistry#with}); the class needs a public no-argument constructor for
 * ServiceLoader.
 *
 * <p>Ids are {@code namespace.name} in lower case ({@code acme.geohash}); the {@code mlops} namespace is ours. A
 * spec names a step as {@code acme.geohash@1} (or without the version, meaning the current one; built-ins also
 * without the namespace). {@link #version()} goes up whenever the meaning of the parameters or the layout of
 * the fitted state changes; a type that still reads older saved states says so in {@link #canRead}.
 *
 * <pre>{@code
 * public final class GeohashType implements TransformType<Geohash> {
 *   public String id() { return "acme.geohash"; }
 *   public int version() { return 1; }
 *   public Class<Geohash> paramsType() { return Geohash.class; }
 *   public FittedTransform restore(Geohash params, StepContext context, JsonNode state, int savedVersion) {
 *     return new FittedGeohash(context.inputs(), params.precision());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the transform (parameter) class
 *
 * <p>Stability: stable (plugin SPI).
 */
@Stability(Stability.Level.STABLE)
public interface TransformType<T extends Transform> {

  /** The namespaced id, {@code namespace.name}: lower-case letters, digits, {@code _} and one or more dots. */
  String id();

  /** The version written now; 1 or more. */
  int version();

  /** The class a spec's parameters bind to through Jackson (unknown parameters are errors). */
  Class<T> paramsType();

  /** Whether saved states of {@code savedVersion} can be restored; by default only the current version. */
  default boolean canRead(int savedVersion) {
    return savedVersion == version();
  }

  /**
   * The fitted step from its saved state, equal to the one that was saved.
   *
   * @param params the step's parameters, as saved
   * @param context the step's name and input columns, as fitted
   * @param state what {@link FittedTransform#state()} returned
   * @param savedVersion the version the state was written with (one {@link #canRead} accepted)
   * @throws dev.mlops.core.ValidationException if the state is malformed, naming what is wrong
   */
  FittedTransform restore(T params, StepContext context, JsonNode state, int savedVersion);

  /** {@code id@version}, as a spec names this type. */
  default String qualifiedId() {
    return id() + "@" + version();
  }
}
