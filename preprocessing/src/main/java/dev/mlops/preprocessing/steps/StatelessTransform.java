package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;

/** A fitted step that learned nothing: its saved state is the empty object, which holds no data values. */
interface StatelessTransform extends RecordTransform {
  @Override
  default JsonNode state() {
    return StateJson.object();
  }

  @Override
  default boolean stateHoldsValues() {
    return false;
  }
}
