package com.acme.geo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;

/**
 * The registered type of {@link Geohash}: id {@code acme.geohash}, version 1, found by {@link java.util.ServiceLoader}
 * through this jar's {@code META-INF/services/dev.mlops.preprocessing.TransformType}. Its fitted state is empty
 * (the parameters and the input columns say everything).
 *
 * <pre>{@code
 * TransformRegistry r = TransformRegistry.load();          // finds it when this jar is on the class path
 * TransformRegistry r2 = TransformRegistry.empty().with(new GeohashType());   // or by hand
 * }</pre>
 *
 * <p>Version 1 is the first; a change in the meaning of the parameters or in the output would make it 2, and
 * {@link #canRead} would then say whether version-1 pipelines still restore.
 */
public final class GeohashType implements TransformType<Geohash> {
  static final GeohashType INSTANCE = new GeohashType();

  /** For ServiceLoader. */
  public GeohashType() {}

  @Override
  public String id() {
    return "acme.geohash";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<Geohash> paramsType() {
    return Geohash.class;
  }

  @Override
  public FittedTransform restore(Geohash params, StepContext context, JsonNode state, int savedVersion) {
    if (state == null || !state.isObject() || state.size() != 0) {
      throw new ValidationException("fitted state of step '" + context.stepName() + "' (acme.geohash) should be {}"
          + " but is " + state + "; the saved pipeline is damaged or from another version of the plugin");
    }
    return FittedGeohash.create(params, context);
  }
}
