package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.Sha256;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import dev.mlops.core.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The saved form of a fitted pipeline, format {@value #FORMAT} version {@value #VERSION}: canonical JSON with
 *
 * <pre>
 * format, formatVersion, library (the version that wrote it), fittedAt,
 * training {rows, sha256, encoding}, spec (the pipeline spec), input [fields],
 * steps [{name, type, version, plugin (the jar's version), inputs [names], outputs [{field, from}], state}],
 * output [{name, type, tags, lineage}], contentSha256
 * </pre>
 *
 * {@code contentSha256} is the SHA-256 of the canonical JSON of everything else, so a damaged or edited file is
 * refused, not loaded. Loading also checks every step type is registered and can read the saved version, restores
 * each step, and checks the restored outputs and the whole output schema equal what was saved.
 */
final class PipelineFile {
  static final String FORMAT = "mlops-fitted-pipeline";
  static final int VERSION = 1;

  private PipelineFile() {}

  static String write(FittedPipeline p) {
    ObjectNode root = StateJson.object();
    root.put("format", FORMAT);
    root.put("formatVersion", VERSION);
    root.put("library", p.libraryVersion());
    root.put("fittedAt", p.fittedAt().toString());
    ObjectNode t = root.putObject("training");
    t.put("rows", p.trainingData().rows());
    t.put("sha256", p.trainingData().sha256());
    t.put("encoding", p.trainingData().encoding());
    root.set("spec", SpecJson.write(p.spec()));
    root.set("input", fields(p.inputSchema().fields()));
    ArrayNode steps = root.putArray("steps");
    for (FittedStep fs : p.fittedSteps()) {
      refusePii(fs);
      ObjectNode s = steps.addObject();
      TransformType<?> type = fs.step().transform().type();
      s.put("name", fs.name());
      s.put("type", type.id());
      s.put("version", type.version());
      s.put("plugin", TransformRegistry.versionOf(type));
      StateJson.putStrings(s, "inputs", fs.inputs());
      s.set("inputSchema", fields(fs.context().inputs().fields()));
      ArrayNode outs = s.putArray("outputs");
      for (OutputColumn o : fs.fitted().outputs()) {
        ObjectNode on = outs.addObject();
        on.set("field", field(o.field()));
        StateJson.putStrings(on, "from", o.from());
      }
      JsonNode state = fs.fitted().state();
      s.set("state", state == null ? StateJson.object() : state);
    }
    ArrayNode out = root.putArray("output");
    var lineage = p.lineage();
    for (Field f : p.outputSchema().fields()) {
      ObjectNode o = field(f);
      StateJson.putStrings(o, "lineage", lineage.get(f.name()));
      out.add(o);
    }
    p.profile().ifPresent(prof -> root.set("profile", ProfileJson.tree(prof)));
    root.put("contentSha256", Sha256.of(Json.canonicalBytes(root)));
    return Json.toPrettyJson(root);
  }

  private static void refusePii(FittedStep fs) {
    if (!fs.fitted().stateHoldsValues()) {
      return;
    }
    for (Field f : fs.context().inputs().fields()) {
      if (f.isPii()) {
        throw new ValidationException("step '" + fs.name() + "' (" + fs.step().transform().type().id() + ") keeps"
            + " values of the pii column '" + f.name() + "' in its fitted state (categories or a vocabulary), so the"
            + " saved pipeline would hold personal data; pseudonymize or redact the column in an earlier step"
            + " (pseudonymize, redact), use a step that keeps no values (feature_hash), or drop the column");
      }
    }
  }

  static void save(FittedPipeline p, Path file) {
    byte[] json = write(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AtomicFiles.replace(file, "the pipeline to", out -> out.write(json));
  }

  static FittedPipeline load(Path file, TransformRegistry registry) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new StorageException("cannot read the saved pipeline " + file + ": " + e.getMessage(), e);
    }
    return read(text, registry, file.toString());
  }

  static FittedPipeline read(String text, TransformRegistry registry, String source) {
    JsonNode root = Json.parseTree(text, source);
    if (!root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new ValidationException(source + " is not a saved pipeline (its format is '" + root.path("format").asText()
          + "', expected '" + FORMAT + "'); a pipeline spec is read with Pipeline.fromJson");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version != VERSION) {
      throw new ValidationException(source + " is a saved pipeline of format version " + root.path("formatVersion")
          + ", this library reads version " + VERSION + "; use a library that reads it");
    }
    ObjectNode body = ((ObjectNode) root).deepCopy();
    JsonNode claimed = body.remove("contentSha256");
    String actual = Sha256.of(Json.canonicalBytes(body));
    if (claimed == null || !actual.equals(claimed.asText())) {
      throw new IntegrityException(source + " is damaged or was edited: its content hashes to " + actual
          + " but it records " + (claimed == null ? "no hash" : claimed.asText()) + "; refit or restore the file");
    }
    String where = source;
    Pipeline spec = SpecJson.read(root.get("spec"), registry, where + " spec");
    Schema input = new Schema(readFields(root.get("input"), where + " input"));
    JsonNode steps = root.get("steps");
    if (steps == null || !steps.isArray() || steps.size() != spec.steps().size()) {
      throw new ValidationException(where + ": the fitted steps do not match the spec's steps");
    }
    List<FittedStep> fitted = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      fitted.add(restore(spec.steps().get(k), steps.get(k), registry, where + " steps[" + k + "]"));
    }
    JsonNode t = root.get("training");
    TrainingData training = new TrainingData(t.path("rows").asLong(), t.path("sha256").asText(),
        t.path("encoding").asText());
    Instant at;
    try {
      at = Instant.parse(root.path("fittedAt").asText());
    } catch (DateTimeParseException e) {
      throw new ValidationException(where + ": fittedAt is not an instant", e);
    }
    DataProfile profile = root.has("profile") ? ProfileJson.read(root.get("profile")) : null;
    FittedPipeline p = new FittedPipeline(spec, input, fitted, training, at, root.path("library").asText(), profile);
    List<Field> savedOut = readFields(root.get("output"), where + " output");
    if (!savedOut.equals(p.outputSchema().fields())) {
      throw new ValidationException(where + ": the restored pipeline outputs " + p.outputNames() + " but the file"
          + " records " + savedOut.stream().map(Field::name).toList() + "; the file is inconsistent");
    }
    return p;
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // the type's parameter class is the spec's transform class
  private static FittedStep restore(Step step, JsonNode s, TransformRegistry registry, String where) {
    String name = SpecJson.text(s, "name", where);
    String typeId = SpecJson.text(s, "type", where);
    int version = s.path("version").asInt(-1);
    if (!name.equals(step.name()) || !typeId.equals(step.transform().type().id())) {
      throw new ValidationException(where + ": fitted step '" + name + "' (" + typeId + ") does not match the spec's"
          + " step '" + step.name() + "' (" + step.transform().type().id() + ")");
    }
    TransformType type = registry.find(typeId);
    if (!type.canRead(version)) {
      throw new ValidationException(where + ": step '" + name + "' was saved by " + typeId + "@" + version
          + " (plugin version " + s.path("plugin").asText() + "); the registered type is version " + type.version()
          + " (" + TransformRegistry.versionOf(type) + ") and cannot read it; "
          + (version > type.version() ? "upgrade the plugin" : "refit the pipeline"));
    }
    List<String> inputs = SpecJson.strings(StateJson.required(s, "inputs", where), where + " inputs");
    List<Field> inFields = readFields(StateJson.required(s, "inputSchema", where), where + " inputSchema");
    StepContext ctx = new StepContext(name, new Schema(inFields));
    if (!ctx.inputs().names().equals(inputs)) {
      throw new ValidationException(where + ": step '" + name + "' input names and schema disagree");
    }
    FittedTransform ft;
    try {
      ft = type.restore(step.transform(), ctx, StateJson.required(s, "state", where), version);
    } catch (ValidationException e) {
      throw new ValidationException(where + ": step '" + name + "': " + e.getMessage(), e);
    }
    List<OutputColumn> saved = new ArrayList<>();
    for (JsonNode o : StateJson.required(s, "outputs", where)) {
      saved.add(new OutputColumn(readField(o.get("field"), where + " outputs"),
          SpecJson.strings(o.get("from"), where + " outputs.from")));
    }
    if (!saved.equals(ft.outputs())) {
      throw new ValidationException(where + ": step '" + name + "' restored with outputs "
          + ft.outputs().stream().map(OutputColumn::name).toList() + " but the file records "
          + saved.stream().map(OutputColumn::name).toList() + "; the plugin or the file changed");
    }
    return new FittedStep(step, ctx, ft);
  }

  static ArrayNode fields(List<Field> fields) {
    ArrayNode a = StateJson.array();
    fields.forEach(f -> a.add(field(f)));
    return a;
  }

  static ObjectNode field(Field f) {
    ObjectNode o = StateJson.object();
    o.put("name", f.name());
    o.put("type", f.type().name());
    o.put("nullable", f.nullable());
    StateJson.putStrings(o, "tags", new ArrayList<>(new java.util.TreeSet<>(f.tags())));
    return o;
  }

  static List<Field> readFields(JsonNode a, String where) {
    if (a == null || !a.isArray()) {
      throw new ValidationException(where + ": expected a list of fields");
    }
    List<Field> out = new ArrayList<>();
    for (JsonNode f : a) {
      out.add(readField(f, where));
    }
    return out;
  }

  static Field readField(JsonNode f, String where) {
    if (f == null || !f.isObject()) {
      throw new ValidationException(where + ": expected a field {name, type, nullable, tags}");
    }
    ColumnType type;
    try {
      type = ColumnType.valueOf(f.path("type").asText());
    } catch (IllegalArgumentException e) {
      throw new ValidationException(where + ": unknown column type '" + f.path("type").asText() + "'", e);
    }
    Set<String> tags = new LinkedHashSet<>(SpecJson.strings(f.path("tags"), where + " tags"));
    return new Field(SpecJson.text(f, "name", where), type, f.path("nullable").asBoolean(true), tags);
  }
}
