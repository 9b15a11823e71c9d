package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the saved pipelines kept in {@code src/test/resources/pipelines/} as files of a release, with the output
 * they gave, so {@link SavedPipelinesStillLoadTest} proves later releases load them and give the same numbers. Run
 * it only when a release adds a fixture (never to "fix" a failing compatibility test): from the module directory,
 *
 * <pre>
 * mvn -o -q test-compile &amp;&amp; java -cp "target/test-classes:target/classes:$(../examples/bin/classpath perf)" \
 *     dev.mlops.preprocessing.SavedPipelineFixtures src/test/resources/pipelines RELEASE
 * </pre>
 *
 * (or from an IDE), which writes {@code <name>-<RELEASE>.json} and {@code <name>-<RELEASE>.expected.json} for each
 * fixture. The input frame is built here, seeded, so the files need no data file.
 */
public final class SavedPipelineFixtures {
  /** Every built-in step but pseudonymize (which needs a key at load) in one pipeline over mixed data. */
  static final String MIXED = """
      {"remainder": "drop", "steps": [
        {"name": "redact", "type": "redact", "columns": ["note"], "params": {"action": "mask"}},
        {"name": "visits_double", "type": "cast", "columns": ["visits"], "params": {"to": "double"}},
        {"name": "impute", "type": "impute", "columns": ["age", "income"],
         "params": {"strategy": "median", "addIndicator": true}},
        {"name": "income_power", "type": "power_transform", "columns": ["income"]},
        {"name": "age_robust", "type": "robust_scale", "columns": ["age"]},
        {"name": "visits_log", "type": "log1p", "columns": ["visits"]},
        {"name": "combo", "type": "expression", "columns": ["age", "income"],
         "params": {"expression": "age * 2 + max(income, 0)", "output": "combo", "keepInputs": true}},
        {"name": "rename", "type": "rename", "columns": ["combo"], "params": {"mapping": {"combo": "combined"}}},
        {"name": "combined_minmax", "type": "min_max_scale", "columns": ["combined"]},
        {"name": "visits_bins", "type": "bin", "columns": ["visits"],
         "params": {"nBins": 3, "strategy": "quantile", "encode": "onehot"}},
        {"name": "city", "type": "one_hot", "columns": ["city"],
         "params": {"handleUnknown": "infrequent", "minFrequency": 3}},
        {"name": "plan", "type": "ordinal", "columns": ["plan"]},
        {"name": "note_tfidf", "type": "tfidf_vectorize", "columns": ["note"],
         "params": {"tokens": {"ngramMin": 1, "ngramMax": 2}, "minDf": 2}},
        {"name": "tags", "type": "feature_hash", "columns": ["tags"], "params": {"nFeatures": 8, "separator": "|"}},
        {"name": "signup", "type": "date_parts", "columns": ["signup"],
         "params": {"parts": ["year", "month", "day_of_week", "hour"]}},
        {"name": "keep", "type": "select", "columns": {"matching": "missingindicator_.*"}},
        {"name": "scale_all", "type": "standard_scale", "columns": {"matching": "age|income|combined"}}
      ]}
      """;

  /** Text and the remaining scalers, with passthrough and a drop. */
  static final String TEXT = """
      {"remainder": "passthrough", "steps": [
        {"name": "words", "type": "count_vectorize", "columns": ["note"], "params": {"minDf": 2, "binary": true}},
        {"name": "hashed", "type": "hashing_vectorize", "columns": ["tags"], "params": {"nFeatures": 16}},
        {"name": "absmax", "type": "max_abs_scale", "columns": ["income"]},
        {"name": "bye", "type": "drop", "columns": ["city", "plan", "signup"]},
        {"name": "plan_ids", "type": "cast", "columns": ["visits"], "params": {"to": "string"}},
        {"name": "visits_onehot", "type": "one_hot", "columns": ["visits"], "params": {"handleUnknown": "ignore"}}
      ]}
      """;

  static final List<String> FIXTURES = List.of("mixed", "text");

  private SavedPipelineFixtures() {}

  static String spec(String name) {
    return switch (name) {
      case "mixed" -> MIXED;
      case "text" -> TEXT;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The input every fixture is fitted on and applied to: 60 seeded rows of mixed types with missing values. */
  static Frame input() {
    Schema schema = Schema.of(Field.of("age", ColumnType.DOUBLE), Field.of("income", ColumnType.DOUBLE),
        Field.of("visits", ColumnType.LONG), Field.of("city", ColumnType.STRING), Field.of("plan", ColumnType.STRING),
        Field.of("note", ColumnType.STRING), Field.of("tags", ColumnType.STRING),
        Field.of("signup", ColumnType.TIMESTAMP));
    SplittableRandom rnd = new SplittableRandom(2026);
    String[] cities = {"Lyon", "Lyon", "Lyon", "Paris", "Paris", "Oslo", "Oslo", "Rome", "Zug"};
    String[] plans = {"free", "pro", "team"};
    String[] words = {"late delivery", "great support", "refund please", "call me at +33 6 12 34 56 78",
        "write to ann@example.org", "support was late", "great product, late refund"};
    String[] tags = {"a", "b", "c", "d", "e"};
    List<List<?>> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Double age = i % 11 == 4 ? null : 18 + rnd.nextInt(60) + rnd.nextDouble();
      Double income = i % 13 == 7 ? null : Math.exp(9 + 2 * rnd.nextDouble()) - 3000;
      String tagList = tags[rnd.nextInt(5)] + "|" + tags[rnd.nextInt(5)] + (i % 3 == 0 ? "|" + tags[rnd.nextInt(5)] : "");
      rows.add(Arrays.asList(age, income, (long) rnd.nextInt(40), i % 17 == 3 ? null : cities[rnd.nextInt(cities.length)],
          plans[rnd.nextInt(3)], words[rnd.nextInt(words.length)] + (i % 5 == 0 ? " again" : ""), tagList,
          Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * 7 * i + rnd.nextInt(3600))));
    }
    return Frame.fromRows(schema, rows);
  }

  /** Writes every fixture for {@code release} into {@code dir}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    String release = args[1];
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    Frame in = input();
    for (String name : FIXTURES) {
      FittedPipeline f = Pipeline.fromJson(spec(name)).toBuilder().clock(clock).build().fit(in);
      Files.writeString(dir.resolve(name + "-" + release + ".json"), f.toJson());
      Files.writeString(dir.resolve(name + "-" + release + ".expected.json"), Json.toPrettyJson(expected(f, in)));
    }
  }

  /** The output of {@code f} on {@code in}: names and rows of values (doubles exact, strings, null). */
  static ObjectNode expected(FittedPipeline f, Frame in) {
    Frame out = f.transform(in);
    ObjectNode root = StateJson.object();
    StateJson.putStrings(root, "names", out.columnNames());
    ArrayNode rows = root.putArray("rows");
    for (int r = 0; r < out.rowCount(); r++) {
      ArrayNode row = rows.addArray();
      for (int c = 0; c < out.columnCount(); c++) {
        Object v = out.column(c).get(r);
        if (v == null) {
          row.addNull();
        } else if (v instanceof Double d) {
          row.add(StateJson.number(d));
        } else if (v instanceof Long l) {
          row.add(l);
        } else {
          row.add(String.valueOf(v));
        }
      }
    }
    return root;
  }
}
