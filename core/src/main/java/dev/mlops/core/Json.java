package dev.mlops.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON for everything MLOps Commons stores: one consistently configured Jackson setup, canonical JSON
 * for content hashes and signatures, strict parsing with errors that say where, and a pretty printer.
 *
 * <pre>{@code
 * record Metric(String name, double value) {}
 * Json.toCanonicalJson(new Metric("auc", 1.0));   // {"name":"auc","value":1}
 * Json.sha256Of(new Metric("auc", 1.0));          // the same for the same content, on every JVM
 * Metric m = Json.parse("{\"name\":\"auc\",\"value\":1}", Metric.class, "metric.json");
 * System.out.println(Json.toPrettyJson(m));
 * }</pre>
 *
 * <h2>Canonical JSON</h2>
 *
 * <p>{@link #toCanonicalJson} first converts the value to a JSON tree with the shared configuration
 * (records by component, beans by property, java.time values as ISO-8601 strings, {@code byte[]} as
 * base64, {@code null} record and bean properties omitted, {@code null} map values kept), then writes
 * the tree by these rules, which follow RFC 8785 (JSON Canonicalization Scheme) except where noted:
 * <ul>
 *   <li>object members sorted by key, by UTF-16 code units ({@link String#compareTo}), at every depth,
 *       whether they came from a record, a bean or a map;
 *   <li>no whitespace outside strings;
 *   <li>strings: only {@code "} and {@code \} and control characters are escaped, as {@code \b \f \n \r
 *       \t} or lower-case <code>&#92;u00xx</code>; everything else is written as itself, in UTF-8; an unpaired
 *       surrogate is rejected;
 *   <li>floating-point numbers ({@code double}, {@code float}, {@link java.math.BigDecimal}) are
 *       written by their value, not their type: the shortest decimal that reads back to the same
 *       {@code double} (or {@code float}; a {@code BigDecimal} keeps all its digits), laid out as
 *       ECMAScript does: {@code 1.0 -> 1}, {@code -0.0 -> 0}, {@code 0.1 -> 0.1},
 *       {@code 1e21 -> 1e+21}, {@code 1e-7 -> 1e-7}; so {@code 1.0} and {@code 1} are the same number;
 *       the digits are computed with {@code BigDecimal}, so they do not depend on the JDK;
 *   <li>integers ({@code int}, {@code long}, {@code BigInteger}) are written in plain digits, exactly
 *       (RFC 8785 would round integers beyond 2^53 through a {@code double}; we do not);
 *   <li>NaN and infinities are rejected with a {@link ValidationException} naming their path
 *       ({@code $.metrics.auc}), since JSON cannot hold them.
 * </ul>
 *
 * <h2>Parsing</h2>
 *
 * <p>Parsing is strict: unknown properties, duplicate keys, trailing content, {@code null} for a
 * primitive, a number with a fraction for an integer, and a string for a number are errors, reported as
 * {@link ValidationException}s naming the source, line, column and property path. A caller that needs
 * leniency derives its own reader: {@code Json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)}.
 * Streams passed in are never closed here.
 *
 * <p>Thread-safe; the shared configuration cannot be changed ({@link #reader()} and {@link #writer()}
 * are immutable Jackson objects, {@link #newMapper()} is a private copy).
 *
 * <p>Stability: stable (the canonical form is a stored format and changes only with a new format version).
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(JsonTime.module())
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // never echo (possibly sensitive) input
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
      .build();

  private static final ObjectReader READER = MAPPER.reader();
  private static final ObjectReader EXACT_TREE_READER = MAPPER.reader()
      .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final ObjectWriter WRITER = MAPPER.writer();

  private Json() {}

  /**
   * The shared reader (immutable; derive variants with its {@code with}/{@code without}/{@code forType}).
   *
   * <pre>{@code
   * Map<String, Object> m = Json.reader().forType(Map.class).readValue(text);
   * }</pre>
   */
  public static ObjectReader reader() {
    return READER;
  }

  /**
   * The shared writer (immutable): compact, properties and map keys sorted. It streams, but it is not the
   * canonical form (numbers keep Jackson's layout); use {@link #toCanonicalJson} for hashing.
   *
   * <pre>{@code
   * Json.writer().writeValue(outputStream, report);
   * }</pre>
   */
  public static ObjectWriter writer() {
    return WRITER;
  }

  /**
   * A new mapper with the shared configuration, for callers that need to register their own modules. It
   * is a copy: changing it changes nothing here.
   *
   * <pre>{@code
   * ObjectMapper m = Json.newMapper().registerModule(myModule);
   * }</pre>
   */
  public static ObjectMapper newMapper() {
    return MAPPER.copy();
  }

  /** Parses {@code json} to a tree keeping every number exact (BigDecimal), for canonical re-encoding. Not API. */
  static JsonNode parseExactTree(byte[] json, String source) {
    Objects.requireNonNull(json, "json");
    return read(source, "JSON", () -> EXACT_TREE_READER.readTree(json));
  }

  /** The canonical JSON of a tree. Not API. */
  static String canonical(JsonNode tree) {
    return CanonicalJsonWriter.canonical(tree);
  }

  /**
   * {@code value} as a JSON tree, converted with the shared configuration.
   *
   * <pre>{@code
   * JsonNode tree = Json.toTree(provenance);
   * tree.get("producer").asText();
   * }</pre>
   *
   * @throws ValidationException if the value cannot be converted; the message names its type
   */
  public static JsonNode toTree(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cannot convert a " + value.getClass().getName() + " to JSON: "
          + e.getMessage() + "; make it a record, a bean with getters, or a map", e);
    }
  }

  /**
   * The canonical JSON of {@code value}: the same text for the same content, whatever the order it was
   * built in and whatever the JVM. See the class documentation for the rules.
   *
   * <pre>{@code
   * Json.toCanonicalJson(Map.of("b", 1, "a", List.of(1.0, -0.0)));   // {"a":[1,0],"b":1}
   * }</pre>
   *
   * @throws ValidationException on NaN, infinities, unpaired surrogates or an unconvertible value
   */
  public static String toCanonicalJson(Object value) {
    return CanonicalJsonWriter.canonical(toTree(value));
  }

  /**
   * The UTF-8 bytes of {@link #toCanonicalJson}: what is hashed and signed.
   *
   * <pre>{@code
   * byte[] signed = Json.canonicalBytes(manifest);
   * }</pre>
   */
  public static byte[] canonicalBytes(Object value) {
    return toCanonicalJson(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The SHA-256 (lower-case hex) of {@link #canonicalBytes}: a content id for {@code value}.
   *
   * <pre>{@code
   * String id = Json.sha256Of(spec);
   * }</pre>
   */
  public static String sha256Of(Object value) {
    return Sha256.of(canonicalBytes(value));
  }

  /**
   * Re-writes JSON text in canonical form. Fractional numbers are read as exact decimals, so no digits
   * are lost on the way.
   *
   * <pre>{@code
   * Json.canonicalize("{ \"b\": 2.50, \"a\": true }");   // {"a":true,"b":2.5}
   * }</pre>
   *
   * @throws ValidationException if {@code json} is not valid JSON; the message names {@code source} and
   *     the position
   */
  public static String canonicalize(String json, String source) {
    Objects.requireNonNull(json, "json");
    JsonNode tree = read(source, "JSON", () -> EXACT_TREE_READER.readTree(json));
    if (tree == null || tree.isMissingNode()) {
      throw new ValidationException("cannot read " + source + " as JSON: it is empty; expected a JSON value");
    }
    return CanonicalJsonWriter.canonical(tree);
  }

  /**
   * {@code value} as indented JSON for people to read: keys sorted, two-space indent, numbers as in the
   * canonical form. Not for hashing.
   *
   * <pre>{@code
   * System.out.println(Json.toPrettyJson(provenance));
   * }</pre>
   */
  public static String toPrettyJson(Object value) {
    return CanonicalJsonWriter.pretty(toTree(value));
  }

  /**
   * Parses {@code json} as a {@code type}; errors name it "JSON text".
   *
   * <pre>{@code
   * Metric m = Json.parse("{\"name\":\"auc\",\"value\":0.91}", Metric.class);
   * }</pre>
   */
  public static <T> T parse(String json, Class<T> type) {
    return parse(json, type, "JSON text");
  }

  /**
   * Parses {@code json} as a {@code type}.
   *
   * <pre>{@code
   * Manifest m = Json.parse(text, Manifest.class, "models/churn/versions/3.json");
   * }</pre>
   *
   * @param source names where the text came from (a file, a key); it appears in error messages
   * @throws ValidationException if the text is malformed or does not fit the type; the message names
   *     {@code source}, the line, column and property path, and what was wrong
   */
  public static <T> T parse(String json, Class<T> type, String source) {
    Objects.requireNonNull(json, "json");
    return read(source, type.getSimpleName(), () -> READER.forType(type).readValue(json));
  }

  /**
   * Parses UTF-8 (or UTF-16/32, detected) {@code json} bytes as a {@code type}; see
   * {@link #parse(String, Class, String)}.
   *
   * <pre>{@code
   * Provenance p = Json.parse(Files.readAllBytes(file), Provenance.class, file.toString());
   * }</pre>
   */
  public static <T> T parse(byte[] json, Class<T> type, String source) {
    Objects.requireNonNull(json, "json");
    return read(source, type.getSimpleName(), () -> READER.forType(type).readValue(json));
  }

  /**
   * Parses the JSON in {@code json} as a {@code type}, reading the stream to the end of the value; the
   * stream is not closed. See {@link #parse(String, Class, String)}.
   *
   * <pre>{@code
   * try (InputStream in = store.get(key)) {
   *   Manifest m = Json.parse(in, Manifest.class, key);
   * }
   * }</pre>
   */
  public static <T> T parse(InputStream json, Class<T> type, String source) {
    Objects.requireNonNull(json, "json");
    return read(source, type.getSimpleName(), () -> READER.forType(type).readValue(json));
  }

  /**
   * Parses {@code json} as a generic type; see {@link #parse(String, Class, String)}.
   *
   * <pre>{@code
   * Map<String, Double> m = Json.parse(text, new TypeReference<Map<String, Double>>() {}, "metrics.json");
   * }</pre>
   */
  public static <T> T parse(String json, TypeReference<T> type, String source) {
    Objects.requireNonNull(json, "json");
    return read(source, type.getType().getTypeName(), () -> READER.forType(type).readValue(json));
  }

  /**
   * Parses {@code json} as a tree.
   *
   * <pre>{@code
   * JsonNode n = Json.parseTree(text, "report.json");
   * }</pre>
   */
  public static JsonNode parseTree(String json, String source) {
    Objects.requireNonNull(json, "json");
    return read(source, "JSON", () -> READER.readTree(json));
  }

  /** A read that may fail in Jackson. */
  private interface Read<T> {
    T run() throws IOException;
  }

  private static <T> T read(String source, String target, Read<T> read) {
    Objects.requireNonNull(source, "source");
    try {
      return read.run();
    } catch (JsonProcessingException e) {
      throw new ValidationException("cannot read " + source + " as " + target + ": " + describe(e), e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static String describe(JsonProcessingException e) {
    StringBuilder s = new StringBuilder(firstLine(e.getOriginalMessage()));
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      s.append(" (at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
      if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        s.append(", property ").append(path(m));
      }
      s.append(')');
    }
    return s.toString();
  }

  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.length() == 0 ? "$" : s.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
