package dev.mlops.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.internal.ShortestDecimal;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a Jackson tree as canonical JSON (the rules are documented on {@link Json}), or the same
 * sorted form indented for people. Not API.
 */
final class CanonicalJsonWriter {
  private final StringBuilder out = new StringBuilder();
  private final boolean pretty;
  /** Object keys and array indexes from the root to the value being written, for error messages. */
  private final Deque<Object> path = new ArrayDeque<>();

  private CanonicalJsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  static String canonical(JsonNode node) {
    CanonicalJsonWriter w = new CanonicalJsonWriter(false);
    w.value(node, 0);
    return w.out.toString();
  }

  static String pretty(JsonNode node) {
    CanonicalJsonWriter w = new CanonicalJsonWriter(true);
    w.value(node, 0);
    return w.out.append('\n').toString();
  }

  private void value(JsonNode node, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> object(node, depth);
      case ARRAY -> array(node, depth);
      case STRING -> string(node.textValue());
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      case BINARY -> string(node.asText()); // base64, as Jackson writes byte[]
      default -> throw new ValidationException("cannot write a " + node.getNodeType() + " node at " + path()
          + " as JSON; convert it to plain values (maps, lists, strings, numbers, booleans) first");
    }
  }

  private void object(JsonNode node, int depth) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    Collections.sort(names); // String order is UTF-16 code-unit order, as RFC 8785 requires
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(depth + 1);
      path.addLast(names.get(i));
      string(names.get(i));
      out.append(pretty ? ": " : ":");
      value(node.get(names.get(i)), depth + 1);
      path.removeLast();
    }
    if (!names.isEmpty()) {
      newline(depth);
    }
    out.append('}');
  }

  private void array(JsonNode node, int depth) {
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(depth + 1);
      path.addLast(i);
      value(node.get(i), depth + 1);
      path.removeLast();
    }
    if (node.size() > 0) {
      newline(depth);
    }
    out.append(']');
  }

  private void newline(int depth) {
    if (pretty) {
      out.append('\n').append("  ".repeat(depth));
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new ValidationException("the string at " + path() + " has an unpaired UTF-16 surrogate \\u"
                + String.format("%04x", (int) c) + " at index " + i
                + ", which UTF-8 cannot encode; fix the text where it was produced");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal value;
    if (node.isDouble()) {
      value = shortest(node.doubleValue(), false);
    } else if (node.isFloat()) {
      value = shortest(node.floatValue(), true);
    } else {
      value = node.decimalValue();
    }
    return format(value);
  }

  /** The shortest decimal that parses back to {@code d}; see {@link ShortestDecimal#of}. */
  private BigDecimal shortest(double d, boolean isFloat) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new ValidationException("the number at " + path() + " is " + d
          + ", which JSON cannot represent; replace it with null or a finite value before writing");
    }
    return ShortestDecimal.of(d, isFloat);
  }

  /** ECMAScript Number::toString layout of an exact decimal, as RFC 8785 prescribes for doubles. */
  static String format(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal v = value.stripTrailingZeros();
    String digits = v.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - v.scale(); // value = 0.digits * 10^n
    StringBuilder s = new StringBuilder(v.signum() < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      s.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      s.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      s.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      s.append(digits.charAt(0));
      if (k > 1) {
        s.append('.').append(digits, 1, k);
      }
      int e = n - 1;
      s.append('e').append(e > 0 ? '+' : '-').append(Math.abs(e));
    }
    return s.toString();
  }

  private String path() {
    StringBuilder s = new StringBuilder("$");
    for (Object p : path) {
      if (p instanceof Integer) {
        s.append('[').append(p).append(']');
      } else {
        s.append('.').append(p);
      }
    }
    return s.toString();
  }
}
