package dev.mlops.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * Jackson support for java.time values as ISO-8601 strings (their {@code toString()} and {@code parse}
 * forms), so core needs no extra Jackson module. Not API.
 */
final class JsonTime {
  private JsonTime() {}

  static Module module() {
    SimpleModule module = new SimpleModule("mlops-java-time");
    add(module, Instant.class, Instant::parse);
    add(module, LocalDate.class, LocalDate::parse);
    add(module, LocalTime.class, LocalTime::parse);
    add(module, LocalDateTime.class, LocalDateTime::parse);
    add(module, OffsetDateTime.class, OffsetDateTime::parse);
    add(module, ZonedDateTime.class, ZonedDateTime::parse);
    add(module, YearMonth.class, YearMonth::parse);
    add(module, Duration.class, Duration::parse);
    add(module, Period.class, Period::parse);
    add(module, ZoneOffset.class, ZoneOffset::of);
    add(module, ZoneId.class, ZoneId::of);
    return module;
  }

  private static <T> void add(SimpleModule module, Class<T> type, Function<String, T> parser) {
    module.addSerializer(type, ToStringSerializer.instance);
    module.addDeserializer(type, new Parsing<>(type, parser));
  }

  /** Reads a java.time value from its ISO-8601 string. */
  private static final class Parsing<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final transient Function<String, T> parser;

    Parsing(Class<T> type, Function<String, T> parser) {
      super(type);
      this.type = type;
      this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      String text = p.getText().trim();
      try {
        return parser.apply(text);
      } catch (DateTimeException e) {
        return type.cast(ctxt.handleWeirdStringValue(type, text,
            "expected an ISO-8601 %s such as %s (%s)", type.getSimpleName(), example(type), e.getMessage()));
      }
    }

    private static String example(Class<?> type) {
      if (type == Instant.class) {
        return "2026-11-27T10:15:30Z";
      } else if (type == LocalDate.class) {
        return "2026-11-27";
      } else if (type == Duration.class) {
        return "PT1M30S";
      }
      return "its toString() form";
    }
  }
}
