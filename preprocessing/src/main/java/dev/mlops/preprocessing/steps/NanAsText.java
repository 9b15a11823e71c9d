package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * A {@code Double} parameter that may be NaN, in JSON: a number, or the string {@code "NaN"} (JSON has no NaN, and
 * our canonical JSON rejects it).
 */
final class NanAsText {
  private NanAsText() {}

  /** Writes NaN as {@code "NaN"}, other values as numbers. */
  static final class Writer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      if (value.isNaN()) {
        gen.writeString("NaN");
      } else {
        gen.writeNumber(value);
      }
    }
  }

  /** Reads a number or {@code "NaN"}. */
  static final class Reader extends JsonDeserializer<Double> {
    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().equals("NaN")) {
        return Double.NaN;
      }
      if (p.currentToken().isNumeric()) {
        return p.getDoubleValue();
      }
      return (Double) ctxt.handleUnexpectedToken(Double.class, p);
    }
  }
}
