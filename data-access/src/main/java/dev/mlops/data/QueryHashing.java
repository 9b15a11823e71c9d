package dev.mlops.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Hex;
import dev.mlops.core.Json;
import dev.mlops.core.Sha256;
import dev.mlops.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The typed canonical encoding behind {@link AuditEntry#queryHash}; the rules are documented there. Not API. */
final class QueryHashing {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String SUPPORTED = "null, String, Character, Boolean, Byte, Short, Integer, Long, BigInteger, "
      + "Float, Double, BigDecimal, byte[], LocalDate, LocalTime, LocalDateTime, OffsetTime, OffsetDateTime, "
      + "Instant, UUID, java.sql.Date, java.sql.Time, java.sql.Timestamp";

  private QueryHashing() {}

  static String hash(String sql, List<?> params) {
    return Sha256.ofUtf8(canonical(sql, params));
  }

  static String canonical(String sql, List<?> params) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params (use List.of() for none)");
    if (sql.isBlank()) {
      throw new ValidationException("the SQL of a query to hash is blank; pass the statement exactly as it is run");
    }
    ArrayNode encoded = NODES.arrayNode();
    for (int i = 0; i < params.size(); i++) {
      encoded.add(param(params.get(i), i + 1));
    }
    ObjectNode root = NODES.objectNode();
    root.put("sql", sql);
    root.set("params", encoded);
    return Json.toCanonicalJson(root);
  }

  private static ObjectNode param(Object value, int position) {
    ObjectNode p = NODES.objectNode();
    if (value == null) {
      return p.put("type", "null");
    } else if (value instanceof String || value instanceof Character) {
      return typed(p, "string").put("value", value.toString());
    } else if (value instanceof Boolean b) {
      return typed(p, "boolean").put("value", b);
    } else if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return typed(p, "integer").put("value", ((Number) value).longValue());
    } else if (value instanceof BigInteger b) {
      return typed(p, "integer").put("value", b);
    } else if (value instanceof Float f) {
      return Float.isFinite(f) ? typed(p, "float").put("value", f) : typed(p, "float").put("value", f.toString());
    } else if (value instanceof Double d) {
      return Double.isFinite(d) ? typed(p, "double").put("value", d) : typed(p, "double").put("value", d.toString());
    } else if (value instanceof BigDecimal d) {
      return typed(p, "decimal").put("value", d.toString());
    } else if (value instanceof byte[] b) {
      return typed(p, "bytes").put("value", Hex.encode(b));
    } else if (value instanceof java.sql.Date d) { // before LocalDate checks: these are java.util.Date subclasses
      return typed(p, "date").put("value", d.toLocalDate().toString());
    } else if (value instanceof java.sql.Time t) {
      return typed(p, "time").put("value", t.toLocalTime().toString());
    } else if (value instanceof java.sql.Timestamp t) {
      return typed(p, "timestamp").put("value", t.toLocalDateTime().toString());
    } else if (value instanceof LocalDate d) {
      return typed(p, "date").put("value", d.toString());
    } else if (value instanceof LocalTime t) {
      return typed(p, "time").put("value", t.toString());
    } else if (value instanceof LocalDateTime t) {
      return typed(p, "timestamp").put("value", t.toString());
    } else if (value instanceof OffsetTime t) {
      return typed(p, "timetz").put("value", t.toString());
    } else if (value instanceof OffsetDateTime t) {
      return typed(p, "timestamptz").put("value", t.toString());
    } else if (value instanceof Instant t) {
      return typed(p, "instant").put("value", t.toString());
    } else if (value instanceof UUID u) {
      return typed(p, "uuid").put("value", u.toString());
    }
    throw new ValidationException("parameter " + position + " of the query is a " + value.getClass().getName()
        + ", which has no defined audit encoding; expected one of " + SUPPORTED + "; convert it to the value the "
        + "driver binds (e.g. zoned.toOffsetDateTime(), anEnum.name(), date.toInstant())");
  }

  private static ObjectNode typed(ObjectNode p, String type) {
    return p.put("type", type);
  }
}
