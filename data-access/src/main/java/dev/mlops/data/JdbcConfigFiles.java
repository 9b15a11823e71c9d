package dev.mlops.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link JdbcConfig}s from YAML or JSON (YAML is a superset). Not API. */
final class JdbcConfigFiles {
  private static final Set<String> KEYS = Set.of("url", "user", "password", "poolSize", "connectionTimeout",
      "queryTimeout", "readOnly", "batchRows", "auditUser", "purpose", "properties", "pii");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private JdbcConfigFiles() {}

  static JdbcConfig load(Path file, String name, Function<String, String> env) {
    Map<String, JdbcConfig> all = loadAll(file, env);
    JdbcConfig c = all.get(name);
    if (c == null) {
      throw new NotFoundException("no source '" + name + "' in " + file + "; it has " + all.keySet());
    }
    return c;
  }

  static Map<String, JdbcConfig> loadAll(Path file, Function<String, String> env) {
    JsonNode root;
    try {
      // two sources (or two settings) with one name are an error, not "the last one wins"
      root = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new NotFoundException("source config file " + file + " does not exist", e);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the offending line, which may hold a literal password: we keep its problem
      // and position, and leave the exception that quotes the line out of the chain.
      throw new ValidationException("source config file " + file + " is not valid YAML or JSON: " + problem(e)
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr()) + "; fix the file there");
    } catch (IOException e) {
      throw new StorageException("cannot read source config file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("sources") || !root.get("sources").isObject()) {
      throw new ValidationException("source config file " + file + " has no 'sources' map; write "
          + "'sources: { NAME: { url: jdbc:..., ... } }'");
    }
    Map<String, JdbcConfig> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.get("sources").properties()) {
      out.put(e.getKey(), source(file, e.getKey(), e.getValue(), env));
    }
    if (out.isEmpty()) {
      throw new ValidationException("source config file " + file + " names no sources under 'sources'");
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The parser's problem without the lines of the file it quotes (those are indented under it). */
  private static String problem(JsonProcessingException e) {
    StringBuilder out = new StringBuilder();
    for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        out.append(out.length() == 0 ? "" : ": ").append(line.strip());
      }
    }
    return out.toString();
  }

  private static JdbcConfig source(Path file, String name, JsonNode node, Function<String, String> env) {
    String where = "source '" + name + "' in " + file;
    if (!node.isObject()) {
      throw new ValidationException(where + " is not a map of settings");
    }
    node.fieldNames().forEachRemaining(k -> {
      if (!KEYS.contains(k)) {
        throw new ValidationException(where + " has unknown setting '" + k + "'; known: " + new java.util.TreeSet<>(KEYS));
      }
    });
    JdbcConfig.Builder b = JdbcConfig.builder(name);
    b.url(text(node, "url", where));
    if (node.has("user")) {
      b.user(text(node, "user", where));
    }
    if (node.has("password")) {
      try {
        b.password(Secret.parse(text(node, "password", where), env));
      } catch (ValidationException e) {
        throw new ValidationException(where + ": password: " + e.getMessage(), e);
      }
    }
    if (node.has("poolSize")) {
      b.poolSize(integer(node, "poolSize", where));
    }
    if (node.has("connectionTimeout")) {
      b.connectionTimeout(duration(text(node, "connectionTimeout", where), "connectionTimeout", where));
    }
    if (node.has("queryTimeout")) {
      b.queryTimeout(duration(text(node, "queryTimeout", where), "queryTimeout", where));
    }
    if (node.has("readOnly")) {
      JsonNode v = node.get("readOnly");
      if (!v.isBoolean()) {
        throw new ValidationException(where + ": readOnly is '" + v.asText() + "'; write true or false");
      }
      b.readOnly(v.booleanValue());
    }
    if (node.has("batchRows")) {
      b.batchRows(integer(node, "batchRows", where));
    }
    if (node.has("auditUser")) {
      b.auditUser(text(node, "auditUser", where));
    }
    if (node.has("purpose")) {
      b.purpose(text(node, "purpose", where));
    }
    if (node.has("properties")) {
      JsonNode props = node.get("properties");
      if (!props.isObject()) {
        throw new ValidationException(where + ": properties is not a map");
      }
      props.properties().forEach(p -> b.property(p.getKey(), p.getValue().asText()));
    }
    if (node.has("pii")) {
      JsonNode pii = node.get("pii");
      if (!pii.isObject()) {
        throw new ValidationException(where + ": pii is not a map of table to columns, e.g. pii: { customers: [email] }");
      }
      pii.properties().forEach(t -> {
        List<String> cols = new ArrayList<>();
        if (t.getValue().isArray()) {
          t.getValue().forEach(c -> cols.add(c.asText()));
        } else {
          cols.add(t.getValue().asText());
        }
        if (t.getKey().isBlank() || cols.isEmpty() || cols.stream().anyMatch(String::isBlank)) {
          throw new ValidationException(where + ": pii entry '" + t.getKey() + "' needs a table name and at least "
              + "one column name, e.g. pii: { customers: [email, phone] }");
        }
        b.pii(t.getKey(), cols.toArray(new String[0]));
      });
    }
    try {
      return b.build();
    } catch (ValidationException e) {
      throw new ValidationException(e.getMessage() + " (in " + file + ")", e);
    }
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new ValidationException(where + ": '" + key + "' is " + (v == null ? "missing" : "empty or not a value"));
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new ValidationException(where + ": " + key + " is '" + v.asText() + "'; write a whole number");
    }
    return v.intValue();
  }

  /** {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 0}, or ISO-8601 ({@code PT5S}). */
  static Duration duration(String text, String key, String where) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(t);
    try {
      Duration d = m.matches() ? Duration.of(Long.parseLong(m.group(1)), unit(m.group(2))) : Duration.parse(t);
      d.toMillis(); // the checks and the pool count in milliseconds: a longer duration is refused here
      return d;
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new ValidationException(where + ": " + key + " is '" + text + "'; write a duration such as 250ms, 5s, "
          + "10m, 1h or PT5S", e);
    }
  }

  private static ChronoUnit unit(String suffix) {
    switch (suffix) {
      case "ms":
        return ChronoUnit.MILLIS;
      case "s":
        return ChronoUnit.SECONDS;
      case "m":
        return ChronoUnit.MINUTES;
      case "h":
        return ChronoUnit.HOURS;
      default:
        return ChronoUnit.DAYS;
    }
  }
}
