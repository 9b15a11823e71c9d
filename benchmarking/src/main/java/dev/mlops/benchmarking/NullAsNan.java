package dev.mlops.benchmarking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/** Reads what {@link NanAsNull} wrote: a JSON null back to NaN (a figure unknown on the platform that measured it). */
final class NullAsNan extends JsonDeserializer<Double> {
  @Override
  public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return p.getDoubleValue();
  }

  @Override
  public Double getNullValue(DeserializationContext ctxt) {
    return Double.NaN;
  }
}
