package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Matrix;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedPipeline;
import dev.mlops.preprocessing.Pipeline;
import dev.mlops.preprocessing.TransformRegistry;
import dev.mlops.preprocessing.steps.OneHotType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's plugin (the {@code mlops-example-plugin-geo} jar, package {@code com.acme.geo}) used the way an
 * application uses one: the jar is on the class path, a spec names its step {@code acme.geohash@1} next to
 * built-in steps, and {@link TransformRegistry#load()} finds it. This test never names a plugin class except to
 * find the jar it came from.
 */
class PluginByNameTest {
  static final String SPEC = """
      {"remainder": "passthrough",
       "steps": [
         {"name": "geo", "type": "acme.geohash@1", "columns": ["lat", "lon"], "params": {"precision": 3}},
         {"name": "cell", "type": "one_hot", "columns": ["geohash"], "params": {"handleUnknown": "ignore"}}]}
      """;
  static final Schema SCHEMA = Schema.of(Field.of("lat", ColumnType.DOUBLE), Field.of("lon", ColumnType.DOUBLE),
      Field.of("rooms", ColumnType.LONG));

  @TempDir
  Path dir;

  static Frame homes() {
    return Frame.fromRows(SCHEMA, List.of(
        List.of(48.8566, 2.3522, 3L),     // Paris: u09
        List.of(48.8600, 2.3400, 2L),     // Paris again
        List.of(51.5074, -0.1278, 4L),    // London: gcp
        List.of(40.7128, -74.0060, 1L))); // New York: dr5
  }

  @Test
  void aSpecNamesThePluginNextToBuiltInsAndTheSavedPipelineReloads() {
    Pipeline spec = Pipeline.fromJson(SPEC);   // TransformRegistry.load(): built-ins + the plugin jar
    FittedPipeline fitted = spec.fit(homes());
    assertEquals(List.of("geohash_dr5", "geohash_gcp", "geohash_u09", "rooms"), fitted.outputNames());
    assertEquals(List.of("lat", "lon"), fitted.lineage().get("geohash_u09"));
    Matrix m = fitted.toMatrix(homes());
    assertArrayEquals(new double[] {0, 0, 1, 3}, m.row(0));
    assertArrayEquals(new double[] {0, 1, 0, 4}, m.row(2));
    assertArrayEquals(new double[] {1, 0, 0, 1}, m.row(3));

    Path file = dir.resolve("pipeline.json");
    fitted.save(file);
    FittedPipeline loaded = FittedPipeline.load(file, TransformRegistry.load());
    assertEquals(m, loaded.toMatrix(homes()));
    Map<String, Object> tokyo = new HashMap<>(Map.of("lat", 35.6762, "lon", 139.6503, "rooms", 2L));
    assertArrayEquals(new double[] {0, 0, 0, 2}, loaded.transformRecord(tokyo), "an unseen cell is ignored");
    Map<String, Object> paris = new HashMap<>(Map.of("lat", 48.85, "lon", 2.35, "rooms", 5L));
    assertArrayEquals(new double[] {0, 0, 1, 5}, loaded.transformRecord(paris));
  }

  @Test
  void theSavedFormRecordsThePluginsVersionFromItsJar() throws IOException, URISyntaxException {
    FittedPipeline fitted = Pipeline.fromJson(SPEC).fit(homes());
    JsonNode step = Json.parseTree(fitted.toJson(), "saved pipeline").get("steps").get(0);
    assertEquals("acme.geohash", step.get("type").asText());
    assertEquals(1, step.get("version").asInt());
    String recorded = step.get("plugin").asText();

    // The version comes from the manifest of the jar the step type was loaded from. Under `mvn verify` (the
    // README's and CI's command) the reactor puts the packaged plugin jar on this test's class path, and its
    // manifest has Implementation-Version. Under `mvn test` the reactor stops before `package`, so Maven gives the
    // plugin's target/classes directory instead: no manifest, and the pipeline honestly records "unknown".
    Path source = Path.of(TransformRegistry.load().find("acme.geohash").getClass().getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(source)) {
      String inJar;
      try (JarFile jar = new JarFile(source.toFile())) {
        inJar = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
      }
      assertTrue(inJar != null && !inJar.isBlank(), source + " has no Implementation-Version");
      assertEquals(inJar, recorded);
      assertNotEquals("unknown", recorded);
    } else {
      assertTrue(Files.isDirectory(source.resolve("com/acme/geo")), source.toString());
      assertEquals("unknown", recorded);
    }
  }

  @Test
  void aSpecAskingForANewerVersionOfThePluginSaysToUpgradeIt() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Pipeline.fromJson(SPEC.replace("acme.geohash@1", "acme.geohash@2")));
    assertTrue(e.getMessage().contains("acme.geohash@2"), e.getMessage());
    assertTrue(e.getMessage().contains("is version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("upgrade the plugin"), e.getMessage());
  }

  @Test
  void withoutThePluginJarASpecOrASavedPipelineFailsNamingTheStepTypeAndTheFix() {
    TransformRegistry builtInsOnly = TransformRegistry.empty().with(new OneHotType());
    NotFoundException spec = assertThrows(NotFoundException.class, () -> Pipeline.fromJson(SPEC, builtInsOnly));
    assertTrue(spec.getMessage().contains("no preprocessing step type 'acme.geohash' is registered"),
        spec.getMessage());
    assertTrue(spec.getMessage().contains("add the plugin jar that provides it to the class path"), spec.getMessage());

    Path file = dir.resolve("pipeline.json");
    Pipeline.fromJson(SPEC).fit(homes()).save(file);
    NotFoundException saved = assertThrows(NotFoundException.class, () -> FittedPipeline.load(file, builtInsOnly));
    assertTrue(saved.getMessage().contains("'acme.geohash'"), saved.getMessage());
    assertTrue(saved.getMessage().contains("add the plugin jar"), saved.getMessage());
  }

  @Test
  void theSpecWritesBackTheNamesItRead() {
    String json = Pipeline.fromJson(SPEC).toJson();
    assertTrue(json.contains("\"acme.geohash@1\""), json);
    assertTrue(json.contains("\"mlops.one_hot@1\""), json);
    assertEquals(Pipeline.fromJson(SPEC), Pipeline.fromJson(json));
    assertEquals(List.of("geo", "cell"), Arrays.asList(Pipeline.fromJson(json).steps().stream()
        .map(s -> s.name()).toArray(String[]::new)));
  }
}
