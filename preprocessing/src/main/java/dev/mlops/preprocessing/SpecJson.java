package dev.mlops.preprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Json;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Reading and writing pipeline specs as JSON trees (shared by the JSON and YAML forms and the saved form). */
final class SpecJson {
  static final String FORMAT = "mlops-pipeline-spec";
  static final int VERSION = 1;

  private SpecJson() {}

  static ObjectNode write(Pipeline p) {
    ObjectNode root = StateJson.object();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("remainder", p.remainder().name().toLowerCase(Locale.ROOT));
    ArrayNode steps = root.putArray("steps");
    for (Step s : p.steps()) {
      ObjectNode n = steps.addObject();
      n.put("name", s.name());
      n.put("type", s.transform().type().qualifiedId());
      n.set("columns", columns(s.columns()));
      JsonNode params = Json.toTree(s.transform());
      if (params.size() > 0) {
        n.set("params", params);
      }
    }
    return root;
  }

  static Pipeline read(JsonNode root, TransformRegistry registry, String source) {
    if (root == null || !root.isObject()) {
      throw new ValidationException(source + ": a pipeline spec is an object with 'steps' (and optionally"
          + " 'remainder': drop or passthrough)");
    }
    if (PipelineFile.FORMAT.equals(root.path("format").asText())) {
      throw new ValidationException(source + " is a fitted pipeline, not a spec; load it with FittedPipeline.load or"
          + " FittedPipeline.fromJson (its spec is FittedPipeline.spec())");
    }
    allowOnly(root, source, Set.of("format", "version", "remainder", "steps"));
    if (root.has("format") && !FORMAT.equals(root.get("format").asText())) {
      throw new ValidationException(source + ": format is '" + root.get("format").asText() + "', expected '" + FORMAT
          + "'");
    }
    if (root.has("version") && root.get("version").asInt(-1) != VERSION) {
      throw new ValidationException(source + ": spec version " + root.get("version") + " is not supported (this"
          + " library reads version " + VERSION + "); upgrade the library");
    }
    Pipeline.Builder b = Pipeline.builder();
    if (root.has("remainder")) {
      String r = root.get("remainder").asText();
      switch (r) {
        case "drop" -> b.remainder(Remainder.DROP);
        case "passthrough" -> b.remainder(Remainder.PASSTHROUGH);
        default -> throw new ValidationException(source + ": remainder is '" + r + "'; use drop or passthrough");
      }
    }
    JsonNode steps = root.get("steps");
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      throw new ValidationException(source + ": 'steps' must be a non-empty list of steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      b.step(step(steps.get(i), registry, source + " steps[" + i + "]"));
    }
    return b.build();
  }

  static Step step(JsonNode n, TransformRegistry registry, String where) {
    if (!n.isObject()) {
      throw new ValidationException(where + ": a step is an object with name, type, columns and params");
    }
    allowOnly(n, where, Set.of("name", "type", "columns", "params"));
    String name = text(n, "name", where);
    String typeRef = text(n, "type", where);
    where = where + " ('" + name + "', " + typeRef + ")";
    TransformType<?> type = registry.find(typeRef);
    JsonNode cols = n.get("columns");
    if (cols == null) {
      throw new ValidationException(where + ": 'columns' is missing; name the columns (\"columns\": [\"a\", \"b\"])"
          + " or select them ({\"types\": [\"DOUBLE\"]}, {\"matching\": \"x.*\"}, {\"tagged\": \"pii\"}, {\"all\": true})");
    }
    Columns columns = columns(cols, where);
    JsonNode params = n.has("params") ? n.get("params") : StateJson.object();
    Transform t;
    try {
      t = Json.reader().forType(type.paramsType()).readValue(params);
    } catch (java.io.IOException | RuntimeException e) {
      throw new ValidationException(where + ": bad parameters: " + paramsProblem(e, type), e);
    }
    if (t == null) {
      throw new ValidationException(where + ": 'params' is null; leave it out for the defaults");
    }
    return new Step(name, columns, t);
  }

  /** The most useful message in a Jackson binding failure: our own validation's, else Jackson's without location. */
  private static String paramsProblem(Throwable e, TransformType<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValidationException) {
        return t.getMessage();
      }
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      return "unknown parameter '" + u.getPropertyName() + "' for " + type.id() + "; known: " + u.getKnownPropertyIds();
    }
    if (e instanceof JsonProcessingException j) {
      String path = j instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : "";
      return j.getOriginalMessage() + (path.isEmpty() ? "" : " (at " + path + ")");
    }
    return String.valueOf(e.getMessage());
  }

  static JsonNode columns(Columns c) {
    if (c instanceof Columns.Names n) {
      ArrayNode a = StateJson.array();
      n.names().forEach(a::add);
      return a;
    }
    ObjectNode o = StateJson.object();
    Columns base = c;
    if (c instanceof Columns.Except e) {
      base = e.base();
      ArrayNode ex = o.putArray("except");
      new TreeSet<>(e.without()).forEach(ex::add);
      if (base instanceof Columns.Names n) {
        ArrayNode a = o.putArray("names");
        n.names().forEach(a::add);
        return o;
      }
    }
    if (base instanceof Columns.Names n) {
      ArrayNode a = o.putArray("names");
      n.names().forEach(a::add);
    } else if (base instanceof Columns.Types t) {
      ArrayNode a = o.putArray("types");
      new TreeSet<>(t.types()).forEach(x -> a.add(x.name()));
    } else if (base instanceof Columns.Matching m) {
      o.put("matching", m.regex());
    } else if (base instanceof Columns.Tagged t) {
      o.put("tagged", t.tag());
    } else if (base == Columns.all()) {
      o.put("all", true);
    } else {
      throw new ValidationException("a selection of a selection (" + c + ") has no JSON form; use one selector and"
          + " 'except'");
    }
    return o;
  }

  static Columns columns(JsonNode n, String where) {
    if (n.isTextual()) {
      return Columns.names(n.textValue());
    }
    if (n.isArray()) {
      return Columns.names(strings(n, where + " columns"));
    }
    if (!n.isObject()) {
      throw new ValidationException(where + ": 'columns' is a name, a list of names or an object selecting columns");
    }
    allowOnly(n, where + " columns", Set.of("names", "types", "numeric", "matching", "tagged", "all", "except"));
    List<Columns> picked = new ArrayList<>();
    if (n.has("names")) {
      picked.add(Columns.names(strings(n.get("names"), where + " columns.names")));
    }
    if (n.has("types")) {
      Set<ColumnType> types = EnumSet.noneOf(ColumnType.class);
      for (String t : strings(n.get("types"), where + " columns.types")) {
        try {
          types.add(ColumnType.valueOf(t.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ValidationException(where + ": column type '" + t + "' is not one of "
              + java.util.Arrays.toString(ColumnType.values()), e);
        }
      }
      if (types.isEmpty()) {
        throw new ValidationException(where + ": 'types' is empty");
      }
      picked.add(new Columns.Types(types));
    }
    if (n.has("numeric")) {
      requireTrue(n, "numeric", where);
      picked.add(Columns.numeric());
    }
    if (n.has("matching")) {
      picked.add(Columns.matching(text(n, "matching", where)));
    }
    if (n.has("tagged")) {
      picked.add(Columns.tagged(text(n, "tagged", where)));
    }
    if (n.has("all")) {
      requireTrue(n, "all", where);
      picked.add(Columns.all());
    }
    if (picked.size() != 1) {
      throw new ValidationException(where + ": 'columns' must use exactly one of names, types, numeric, matching,"
          + " tagged or all (plus an optional except); found " + picked.size());
    }
    Columns c = picked.get(0);
    if (n.has("except")) {
      c = c.except(strings(n.get("except"), where + " columns.except").toArray(new String[0]));
    }
    return c;
  }

  static void allowOnly(JsonNode n, String where, Set<String> keys) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw new ValidationException(where + ": unknown key '" + k + "'; expected one of " + new TreeSet<>(keys));
      }
    }
  }

  private static void requireTrue(JsonNode n, String key, String where) {
    if (!n.get(key).isBoolean() || !n.get(key).booleanValue()) {
      throw new ValidationException(where + ": '" + key + "' can only be true");
    }
  }

  static String text(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new ValidationException(where + ": '" + key + "' must be a non-empty string");
    }
    return v.textValue();
  }

  static List<String> strings(JsonNode n, String where) {
    if (n.isTextual()) {
      return List.of(n.textValue());
    }
    if (!n.isArray()) {
      throw new ValidationException(where + ": expected a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw new ValidationException(where + ": expected a list of strings, found " + x.getNodeType());
      }
      out.add(x.textValue());
    }
    return out;
  }
}
