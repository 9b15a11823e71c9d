package dev.mlops.benchmarking.tribuo;

import dev.mlops.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds every class name a Tribuo protobuf names, at any depth, without deserializing anything. Not API.
 *
 * <p>Tribuo 4.3 writes each polymorphic object (a model, its output domain, feature domain, output factory,
 * the members of an ensemble or the inner model of a {@code TransformedModel}) as a redirect message
 * {@code {int32 version = 1; string class_name = 2; google.protobuf.Any serialized_data = 3}}, and
 * {@code ProtoUtil.deserialize} loads {@code class_name} with {@code Class.forName} (which runs the class's
 * static initializer) before it checks the class. This scan walks the protobuf wire format of the whole
 * file, descending into every length-delimited field that parses as a message (including the payloads of
 * {@code Any}s, whose types a wire-level walk need not know), and reports each message of the redirect
 * shape: field 2 a class name and field 3 an {@code Any} with a {@code type.googleapis.com/} type URL. It
 * reads the wire format at least as leniently as protobuf-java does, so a message Tribuo will parse is also
 * walked here. Nesting deeper than {@value #MAX_DEPTH} levels is refused rather than skipped.
 */
final class ProtoScan {
  /** Deeper nesting than this is refused: protobuf-java's own recursion limit is 100 per parse. */
  static final int MAX_DEPTH = 200;

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LEN = 2;
  private static final int START_GROUP = 3;
  private static final int END_GROUP = 4;
  private static final int FIXED32 = 5;
  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";
  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");

  /**
   * A class named by a redirect message.
   *
   * @param className the class name
   * @param enclosing the class names of the redirect messages around it, outermost first
   */
  record Named(String className, List<String> enclosing) {
    /** Where it was found, for messages: {@code "model.pb"} or {@code "model.pb inside a X inside a Y"}. */
    String where() {
      StringBuilder sb = new StringBuilder(TribuoCodec.MODEL_FILE);
      for (int i = enclosing.size() - 1; i >= 0; i--) {
        sb.append(" inside a ").append(enclosing.get(i));
      }
      return sb.toString();
    }
  }

  private final byte[] b;
  private final List<Named> found = new ArrayList<>();

  private ProtoScan(byte[] bytes) {
    this.b = bytes;
  }

  /**
   * The class names of all redirect messages in {@code bytes}, outer before inner.
   *
   * @throws ValidationException if the bytes are not a protobuf message, or nest too deeply
   */
  static List<Named> classNames(byte[] bytes) {
    ProtoScan scan = new ProtoScan(bytes);
    if (!scan.message(0, bytes.length, 0, List.of())) {
      throw new ValidationException(TribuoCodec.MODEL_FILE + " is not a protobuf message; it is corrupt or was"
          + " not written by " + TribuoCodec.ID);
    }
    return List.copyOf(scan.found);
  }

  /** A field read from the wire: its number, wire type and, for a length-delimited one or a group, its body. */
  private record Field(int number, int wireType, int from, int to) {}

  /**
   * Walks the message in {@code [from, to)}: returns {@code false}, having recorded nothing, if it is not a
   * well-formed message; else records what it and its fields name and returns {@code true}.
   */
  private boolean message(int from, int to, int depth, List<String> enclosing) {
    List<Field> fields = fields(from, to);
    if (fields == null) {
      return false;
    }
    if (depth > MAX_DEPTH) {
      throw new ValidationException(TribuoCodec.MODEL_FILE + " nests messages more than " + MAX_DEPTH
          + " levels deep; no model Tribuo writes is that deep, so it is corrupt or crafted");
    }
    String className = redirectClassName(fields);
    List<String> inner = enclosing;
    if (className != null) {
      found.add(new Named(className, enclosing));
      inner = new ArrayList<>(enclosing);
      inner.add(className);
      inner = List.copyOf(inner);
    }
    for (Field f : fields) {
      if ((f.wireType() == LEN || f.wireType() == START_GROUP) && !(className != null && f.number() == 2)) {
        message(f.from(), f.to(), depth + 1, inner);   // a string or bytes leaf is simply not a message
      }
    }
    return true;
  }

  /** The class name if {@code fields} are a redirect message, else {@code null}. */
  private String redirectClassName(List<Field> fields) {
    Field name = null;
    Field data = null;
    for (Field f : fields) {
      if (f.number() == 2 && f.wireType() == LEN) {
        name = f;
      } else if (f.number() == 3 && f.wireType() == LEN) {
        data = f;
      }
    }
    if (name == null || data == null || name.to() - name.from() > 1024) {
      return null;
    }
    List<Field> any = fields(data.from(), data.to());
    if (any == null) {
      return null;
    }
    boolean typed = false;
    for (Field f : any) {
      if (f.number() == 1 && f.wireType() == LEN) {
        typed = string(f).startsWith(TYPE_URL_PREFIX);
      }
    }
    String className = string(name);
    return typed && CLASS_NAME.matcher(className).matches() ? className : null;
  }

  private String string(Field f) {
    return new String(b, f.from(), f.to() - f.from(), StandardCharsets.UTF_8);
  }

  /** The fields of the message in {@code [from, to)}, or {@code null} if it is not well-formed. */
  private List<Field> fields(int from, int to) {
    List<Field> fields = new ArrayList<>();
    int[] pos = {from};
    while (pos[0] < to) {
      Field f = field(pos, to, 0);
      if (f == null || f.wireType() == END_GROUP) {
        return null;
      }
      fields.add(f);
    }
    return fields;
  }

  /**
   * Reads one field at {@code pos[0]}, advancing it; {@code null} if malformed or if groups nest more than
   * {@link #MAX_DEPTH} deep. An end-group tag is returned as is.
   */
  private Field field(int[] pos, int to, int groups) {
    long tag = varint(pos, to);
    if (tag < 0) {
      return null;
    }
    int number = (int) (tag >>> 3) & 0x1FFFFFFF;
    int wireType = (int) (tag & 7);
    if (number == 0) {
      return null;
    }
    switch (wireType) {
      case VARINT:
        return varint(pos, to) < 0 ? null : new Field(number, wireType, pos[0], pos[0]);
      case FIXED64:
        return skip(pos, to, 8) ? new Field(number, wireType, pos[0], pos[0]) : null;
      case FIXED32:
        return skip(pos, to, 4) ? new Field(number, wireType, pos[0], pos[0]) : null;
      case LEN: {
        long len = varint(pos, to);
        int start = pos[0];
        if (len < 0 || len > to - start) {
          return null;
        }
        pos[0] = start + (int) len;
        return new Field(number, wireType, start, pos[0]);
      }
      case START_GROUP: {
        if (groups > MAX_DEPTH) {
          return null;
        }
        int start = pos[0];
        while (true) {
          int end = pos[0];
          if (end >= to) {
            return null;
          }
          Field inner = field(pos, to, groups + 1);
          if (inner == null) {
            return null;
          }
          if (inner.wireType() == END_GROUP) {
            return inner.number() == number ? new Field(number, wireType, start, end) : null;
          }
        }
      }
      case END_GROUP:
        return new Field(number, wireType, pos[0], pos[0]);
      default:
        return null;
    }
  }

  private static boolean skip(int[] pos, int to, int n) {
    if (to - pos[0] < n) {
      return false;
    }
    pos[0] += n;
    return true;
  }

  /** A varint of up to 10 bytes at {@code pos[0]}, advancing it, as an unsigned value in 63 bits; -1 if malformed. */
  private long varint(int[] pos, int to) {
    long value = 0;
    for (int shift = 0, i = 0; i < 10; i++, shift += 7) {
      if (pos[0] >= to) {
        return -1;
      }
      byte x = b[pos[0]++];
      if (shift < 63) {
        value |= (long) (x & 0x7F) << shift;
      }
      if (x >= 0) {
        return value & Long.MAX_VALUE;
      }
    }
    return -1;
  }
}
