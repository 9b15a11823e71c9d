package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for fitted state as JSON, exact for doubles: a finite double is written as its shortest decimal that
 * reads back to the same bits, NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}. Readers fail with a {@link ValidationException} naming the step and the key.
 *
 * <pre>{@code
 * ObjectNode s = StateJson.object();
 * StateJson.putDoubles(s, "mean", mean);
 * double[] back = StateJson.doubles(s, "mean", "scale");
 * }</pre>
 *
 * <p>Stability: stable (plugin SPI).
 */
@Stability(Stability.Level.STABLE)
public final class StateJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateJson() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A new empty array node. */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** {@code value} as a JSON node, exact (see the class comment). */
  public static JsonNode number(double value) {
    if (Double.isNaN(value)) {
      return NODES.textNode("NaN");
    }
    if (Double.isInfinite(value)) {
      return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
    }
    return NODES.numberNode(value);
  }

  /** Puts {@code values} under {@code key}. */
  public static ObjectNode putDoubles(ObjectNode node, String key, double[] values) {
    ArrayNode a = node.putArray(key);
    for (double v : values) {
      a.add(number(v));
    }
    return node;
  }

  /** Puts {@code values} under {@code key}. */
  public static ObjectNode putStrings(ObjectNode node, String key, List<String> values) {
    ArrayNode a = node.putArray(key);
    for (String v : values) {
      a.add(v);
    }
    return node;
  }

  /** A double node written by {@link #number}. */
  public static double toDouble(JsonNode node, String what) {
    if (node != null && node.isNumber()) {
      return node.doubleValue();
    }
    if (node != null && node.isTextual()) {
      switch (node.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new ValidationException("fitted state of " + what + ": expected a number, found " + describe(node));
  }

  /** The member {@code key} of {@code node}, which must be present. */
  public static JsonNode required(JsonNode node, String key, String what) {
    JsonNode v = node == null ? null : node.get(key);
    if (v == null || v.isNull()) {
      throw new ValidationException("fitted state of " + what + " has no '" + key + "'; the saved pipeline is"
          + " damaged or from another version of the step");
    }
    return v;
  }

  /** The array of doubles under {@code key}. */
  public static double[] doubles(JsonNode node, String key, String what) {
    JsonNode a = array(node, key, what);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDouble(a.get(i), what + "." + key + "[" + i + "]");
    }
    return out;
  }

  /** The array of strings under {@code key}. */
  public static List<String> strings(JsonNode node, String key, String what) {
    JsonNode a = array(node, key, what);
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode v = a.get(i);
      if (!v.isTextual()) {
        throw new ValidationException("fitted state of " + what + "." + key + "[" + i + "]: expected a string,"
            + " found " + describe(v));
      }
      out.add(v.textValue());
    }
    return out;
  }

  /** The array under {@code key}. */
  public static JsonNode array(JsonNode node, String key, String what) {
    JsonNode a = required(node, key, what);
    if (!a.isArray()) {
      throw new ValidationException("fitted state of " + what + "." + key + ": expected an array, found "
          + describe(a));
    }
    return a;
  }

  /** The array under {@code key}, of exactly {@code length} doubles. */
  public static double[] doubles(JsonNode node, String key, String what, int length) {
    double[] d = doubles(node, key, what);
    if (d.length != length) {
      throw new ValidationException("fitted state of " + what + "." + key + " has " + d.length
          + " values for " + length + " columns; the saved pipeline is damaged");
    }
    return d;
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
