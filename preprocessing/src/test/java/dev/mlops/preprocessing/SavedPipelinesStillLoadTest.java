package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pipelines saved by earlier releases (kept in {@code src/test/resources/pipelines/}, written by
 * {@link SavedPipelineFixtures}) still load and give exactly the output they gave when they were saved.
 */
class SavedPipelinesStillLoadTest {

  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({"mixed, 0.1.0", "text, 0.1.0"})
  void loadsAndGivesTheSameOutput(String name, String release) throws IOException {
    String saved = resource(name + "-" + release + ".json");
    JsonNode expected = Json.parseTree(resource(name + "-" + release + ".expected.json"), "expected");
    FittedPipeline f = FittedPipeline.fromJson(saved);
    assertEquals("0.1.0-SNAPSHOT", f.libraryVersion(), "a file of release " + release);
    Frame in = SavedPipelineFixtures.input();
    assertEquals(in.rowCount(), f.trainingData().rows());
    Frame out = f.transform(in);
    List<String> names = StateJson.strings(expected, "names", "expected");
    assertEquals(names, out.columnNames());
    JsonNode rows = expected.get("rows");
    assertEquals(in.rowCount(), rows.size());
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < names.size(); c++) {
        JsonNode e = rows.get(r).get(c);
        Object v = out.column(c).get(r);
        String where = name + " row " + r + " column " + names.get(c);
        if (e.isNull()) {
          assertEquals(null, v, where);
        } else if (v instanceof Double d) {
          assertEquals(Double.doubleToLongBits(StateJson.toDouble(e, where)), Double.doubleToLongBits(d), where);
        } else if (v instanceof Long l) {
          assertEquals(e.asLong(), l, where);
        } else {
          assertEquals(e.asText(), String.valueOf(v), where);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({"mixed, 0.1.0", "text, 0.1.0"})
  void theFilesSpecIsTheFixturesSpec(String name, String release) throws IOException {
    FittedPipeline f = FittedPipeline.fromJson(resource(name + "-" + release + ".json"));
    assertEquals(Pipeline.fromJson(SavedPipelineFixtures.spec(name)), f.spec());
    assertFalse(f.toJson().isEmpty());
    assertTrue(f.profile().isPresent());
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = SavedPipelinesStillLoadTest.class.getResourceAsStream("/pipelines/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no test resource /pipelines/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
