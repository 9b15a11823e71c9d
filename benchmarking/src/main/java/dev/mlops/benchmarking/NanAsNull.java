package dev.mlops.benchmarking;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/** Writes a NaN figure ("not known here") as JSON null, which {@code dev.mlops.core.Json} requires. */
final class NanAsNull extends JsonSerializer<Double> {
  @Override
  public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    if (value == null || value.isNaN()) {
      gen.writeNull();
    } else {
      gen.writeNumber(value);
    }
  }
}
