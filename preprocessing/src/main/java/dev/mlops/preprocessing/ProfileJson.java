package dev.mlops.preprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** {@link DataProfile} to and from JSON (format {@value #FORMAT}, version {@value #VERSION}). */
final class ProfileJson {
  static final String FORMAT = "mlops.data_profile";
  static final int VERSION = 1;
  private static final String WHAT = "data profile";

  private ProfileJson() {}

  static String write(DataProfile p) {
    try {
      return Json.writer().writeValueAsString(tree(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a data profile as JSON", e);
    }
  }

  /** The profile as a JSON tree (what {@link #write} prints; a saved pipeline embeds it). */
  static ObjectNode tree(DataProfile p) {
    ObjectNode root = StateJson.object();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ObjectNode o = root.putObject("options");
    o.put("sampleSize", p.options().sampleSize());
    o.put("seed", p.options().seed());
    o.put("bins", p.options().bins());
    o.put("topCategories", p.options().topCategories());
    root.put("rows", p.rows());
    ArrayNode cols = root.putArray("columns");
    for (ColumnProfile c : p.columns()) {
      ObjectNode n = cols.addObject();
      n.put("name", c.name());
      n.put("type", c.type().name());
      n.put("nullable", c.field().nullable());
      StateJson.putStrings(n, "tags", new ArrayList<>(c.field().tags()));
      n.put("rows", c.rows());
      n.put("missing", c.missing());
      if (c.isPii()) {
        continue;
      }
      if (c.isNumeric()) {
        n.set("min", StateJson.number(c.min()));
        n.set("max", StateJson.number(c.max()));
        n.set("mean", StateJson.number(c.mean()));
        n.set("std", StateJson.number(c.std()));
        StateJson.putDoubles(n, "binEdges", c.binEdgesShared());
        StateJson.putDoubles(n, "binProportions", c.binProportionsShared());
        StateJson.putDoubles(n, "sample", c.sampleShared());
      } else if (c.isCategorical()) {
        ArrayNode cats = n.putArray("categories");
        for (ColumnProfile.Category cat : c.categories()) {
          cats.addObject().put("value", cat.value()).put("count", cat.count());
        }
        n.put("other", c.otherCount());
        n.put("distinct", c.distinct());
        n.put("distinctExact", c.distinctExact());
      }
    }
    return root;
  }

  static DataProfile read(String json) {
    return read(Json.parseTree(json, WHAT));
  }

  /** Reads a profile from its JSON tree. */
  static DataProfile read(JsonNode root) {
    String format = text(root, "format", WHAT);
    if (!FORMAT.equals(format)) {
      throw new ValidationException(WHAT + ": format is '" + format + "', expected '" + FORMAT
          + "'; this is not a data profile");
    }
    long version = number(root, "version", WHAT);
    if (version != VERSION) {
      throw new ValidationException(WHAT + ": format version " + version + " is not supported (this library reads "
          + "version " + VERSION + "); upgrade the library or re-make the profile");
    }
    JsonNode o = StateJson.required(root, "options", WHAT);
    ProfileOptions options = new ProfileOptions((int) number(o, "sampleSize", WHAT + ".options"),
        number(o, "seed", WHAT + ".options"), (int) number(o, "bins", WHAT + ".options"),
        (int) number(o, "topCategories", WHAT + ".options"));
    long rows = number(root, "rows", WHAT);
    JsonNode cols = StateJson.array(root, "columns", WHAT);
    List<Field> fields = new ArrayList<>();
    List<ColumnProfile> profiles = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      JsonNode n = cols.get(i);
      String what = WHAT + ".columns[" + i + "]";
      Field field = new Field(text(n, "name", what), type(text(n, "type", what), what),
          StateJson.required(n, "nullable", what).asBoolean(), new HashSet<>(StateJson.strings(n, "tags", what)));
      what = WHAT + " column '" + field.name() + "'";
      fields.add(field);
      long colRows = number(n, "rows", what);
      long missing = number(n, "missing", what);
      double[] none = new double[0];
      ColumnProfile c;
      if (field.isPii() || !(field.type().isNumeric() || field.type() == ColumnType.STRING
          || field.type() == ColumnType.BOOLEAN)) {
        c = new ColumnProfile(field, colRows, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, none, none,
            none, List.of(), 0, 0, true);
      } else if (field.type().isNumeric()) {
        double[] edges = StateJson.doubles(n, "binEdges", what);
        double[] proportions = StateJson.doubles(n, "binProportions", what);
        double[] sample = StateJson.doubles(n, "sample", what);
        if (sample.length > 0 && proportions.length != edges.length + 1) {
          throw new ValidationException(what + ": " + edges.length + " bin edges need " + (edges.length + 1)
              + " proportions, found " + proportions.length + "; the profile is damaged");
        }
        c = new ColumnProfile(field, colRows, missing, StateJson.toDouble(n.get("min"), what + ".min"),
            StateJson.toDouble(n.get("max"), what + ".max"), StateJson.toDouble(n.get("mean"), what + ".mean"),
            StateJson.toDouble(n.get("std"), what + ".std"), sample, edges, proportions, List.of(), 0, 0, true);
      } else {
        JsonNode cats = StateJson.array(n, "categories", what);
        List<ColumnProfile.Category> list = new ArrayList<>(cats.size());
        for (int k = 0; k < cats.size(); k++) {
          list.add(new ColumnProfile.Category(text(cats.get(k), "value", what + ".categories[" + k + "]"),
              number(cats.get(k), "count", what + ".categories[" + k + "]")));
        }
        c = new ColumnProfile(field, colRows, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, none, none,
            none, list, number(n, "other", what), number(n, "distinct", what),
            StateJson.required(n, "distinctExact", what).asBoolean());
      }
      profiles.add(c);
    }
    return new DataProfile(new Schema(fields), options, rows, profiles);
  }

  private static ColumnType type(String name, String what) {
    try {
      return ColumnType.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(what + ": type '" + name + "' is not a column type (DOUBLE, LONG, BOOLEAN, "
          + "STRING, TIMESTAMP)", e);
    }
  }

  private static String text(JsonNode node, String key, String what) {
    JsonNode v = StateJson.required(node, key, what);
    if (!v.isTextual()) {
      throw new ValidationException(what + "." + key + ": expected a string, found " + v.getNodeType());
    }
    return v.textValue();
  }

  private static long number(JsonNode node, String key, String what) {
    JsonNode v = StateJson.required(node, key, what);
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new ValidationException(what + "." + key + ": expected a whole number, found " + v);
    }
    return v.longValue();
  }

}
