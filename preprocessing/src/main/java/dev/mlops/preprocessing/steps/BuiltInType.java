package dev.mlops.preprocessing.steps;

import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/** What every built-in step type shares: its id, version 1, and its parameter record. */
abstract class BuiltInType<T extends Transform> implements TransformType<T> {
  private final String id;
  private final Class<T> paramsType;

  BuiltInType(String id, Class<T> paramsType) {
    this.id = id;
    this.paramsType = paramsType;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final int version() {
    return 1;
  }

  @Override
  public final Class<T> paramsType() {
    return paramsType;
  }
}
