package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Json;
import dev.mlops.core.Stability;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A preprocessing pipeline spec: steps over named columns, built in Java or read from JSON or YAML, fitted once
 * ({@link #fit}) into a {@link FittedPipeline} that applies identically in training and serving.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.builder()
 *     .step("impute", Columns.numeric(), Impute.mean())
 *     .step("scale", Columns.numeric(), StandardScale.of())
 *     .step("onehot", Columns.names("city", "plan"), OneHot.of().withHandleUnknown(OneHot.HandleUnknown.IGNORE))
 *     .remainder(Remainder.DROP)
 *     .build();
 * FittedPipeline fitted = p.fit(trainingFrame);       // or p.fit(frameSource): streams, spills if it must
 * }</pre>
 *
 * The same spec as JSON (YAML has the same shape); built-in types may leave out the {@code mlops.} namespace and
 * the version, plugins are named {@code namespace.name@version}:
 *
 * <pre>{@code
 * {"remainder": "drop",
 *  "steps": [
 *    {"name": "impute", "type": "impute", "columns": {"numeric": true}, "params": {"strategy": "mean"}},
 *    {"name": "scale", "type": "standard_scale@1", "columns": {"numeric": true}},
 *    {"name": "geo", "type": "acme.geohash@1", "columns": ["lat", "lon"], "params": {"precision": 6}}]}
 * }</pre>
 *
 * <p><b>Semantics.</b> Steps run in order over a working frame that starts as the input. A step takes the
 * columns its selection picks at that point (after the earlier steps) and replaces them with its outputs, placed
 * where its first input was; other columns stay. Columns no step took are dropped from the output or passed
 * through ({@link Remainder}). Which columns a selection picks is decided at fit and saved: a fitted pipeline
 * never re-resolves a pattern against new data.
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public final class Pipeline {
  private final List<Step> steps;
  private final Remainder remainder;
  private final Clock clock;
  private final Path spillDirectory;
  private final ProfileOptions profileOptions;

  private Pipeline(Builder b) {
    this.profileOptions = b.profileOptions;
    this.steps = List.copyOf(b.steps);
    this.remainder = b.remainder;
    this.clock = b.clock;
    this.spillDirectory = b.spillDirectory;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.steps.addAll(steps);
    b.remainder = remainder;
    b.clock = clock;
    b.spillDirectory = spillDirectory;
    b.profileOptions = profileOptions;
    return b;
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** What happens to columns no step takes. */
  public Remainder remainder() {
    return remainder;
  }

  Clock clock() {
    return clock;
  }

  Path spillDirectory() {
    return spillDirectory;
  }

  /** How the training data is profiled while fitting, or null when it is not. */
  ProfileOptions profileOptions() {
    return profileOptions;
  }

  /** Fits on an in-memory frame. */
  public FittedPipeline fit(Frame data) {
    Objects.requireNonNull(data, "data");
    return PipelineFit.fit(this, data);
  }

  /**
   * Fits on a stream of batches that need not fit in memory, in as few passes as the steps need (see
   * {@link PipelineFit}); when more than one pass is needed the batches are spilled to a temporary file during the
   * first (see {@link Builder#spillDirectory}). The source is read to its end but not closed.
   */
  public FittedPipeline fit(FrameSource source) {
    Objects.requireNonNull(source, "source");
    return PipelineFit.fit(this, source);
  }

  // ---------------------------------------------------------------------------------------------- spec forms

  /** The spec as JSON (pretty-printed, stable key order). */
  public String toJson() {
    return Json.toPrettyJson(SpecJson.write(this));
  }

  /** The spec as YAML. */
  public String toYaml() {
    try {
      return YAML.writeValueAsString(SpecJson.write(this));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a JSON spec, resolving step types with {@link TransformRegistry#load()}. */
  public static Pipeline fromJson(String json) {
    return fromJson(json, TransformRegistry.load());
  }

  /** Reads a JSON spec with the step types of {@code registry}. */
  public static Pipeline fromJson(String json, TransformRegistry registry) {
    return SpecJson.read(Json.parseTree(json, "pipeline spec"), registry, "pipeline spec");
  }

  /** Reads a YAML spec, resolving step types with {@link TransformRegistry#load()}. */
  public static Pipeline fromYaml(String yaml) {
    return fromYaml(yaml, TransformRegistry.load());
  }

  /** Reads a YAML spec with the step types of {@code registry}. */
  public static Pipeline fromYaml(String yaml, TransformRegistry registry) {
    return SpecJson.read(parseYaml(yaml, "pipeline spec"), registry, "pipeline spec (YAML)");
  }

  /** Reads a spec file: YAML for {@code .yaml}/{@code .yml}, JSON otherwise. */
  public static Pipeline load(Path file) {
    return load(file, TransformRegistry.load());
  }

  /** Reads a spec file with the step types of {@code registry}. */
  public static Pipeline load(Path file, TransformRegistry registry) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new StorageException("cannot read the pipeline spec " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    JsonNode tree = name.endsWith(".yaml") || name.endsWith(".yml") ? parseYaml(text, file.toString())
        : Json.parseTree(text, file.toString());
    return SpecJson.read(tree, registry, file.toString());
  }

  private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private static JsonNode parseYaml(String yaml, String source) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
          + (j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ")") : e.getMessage();
      throw new ValidationException(source + ": not valid YAML: " + msg, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pipeline p && p.steps.equals(steps) && p.remainder == remainder;
  }

  @Override
  public int hashCode() {
    return Objects.hash(steps, remainder);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Pipeline[remainder=").append(remainder.name().toLowerCase(Locale.ROOT));
    for (Step s : steps) {
      b.append("\n  ").append(s);
    }
    return b.append(']').toString();
  }

  /**
   * Builds a {@link Pipeline}. Step names must be distinct; a pipeline has at least one step.
   *
   * <p>Stability: stable.
   */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();
    private Remainder remainder = Remainder.DROP;
    private boolean remainderSet;
    private Clock clock = Clock.systemUTC();
    private Path spillDirectory;
    private ProfileOptions profileOptions = ProfileOptions.defaults();

    private Builder() {}

    /** Adds a step. */
    public Builder step(String name, Columns columns, Transform transform) {
      return step(new Step(name, columns, transform));
    }

    /** Adds a step. */
    public Builder step(Step step) {
      Objects.requireNonNull(step, "step");
      for (Step s : steps) {
        if (s.name().equals(step.name())) {
          throw new ValidationException("two steps are named '" + step.name() + "'; step names must be distinct");
        }
      }
      steps.add(step);
      return this;
    }

    /** What happens to columns no step takes (default {@link Remainder#DROP}, as scikit-learn). */
    public Builder remainder(Remainder remainder) {
      Objects.requireNonNull(remainder, "remainder");
      if (remainderSet && this.remainder != remainder) {
        throw new ValidationException("remainder is set twice (" + this.remainder + ", then " + remainder + ")");
      }
      this.remainder = remainder;
      this.remainderSet = true;
      return this;
    }

    /** The clock that stamps the fit time (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where a multi-pass fit of a single-pass source spills its batches (default: java.io.tmpdir). */
    public Builder spillDirectory(Path dir) {
      this.spillDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Whether fitting also profiles the training data ({@link DataProfile}: ranges, null fractions, categories,
     * reference histograms and samples), kept with the fitted pipeline for validation and drift reports. On by
     * default; it costs a little fit time. {@code null} turns it off.
     */
    public Builder profile(ProfileOptions options) {
      this.profileOptions = options;
      return this;
    }

    /** The spec. */
    public Pipeline build() {
      if (steps.isEmpty()) {
        throw new ValidationException("a pipeline needs at least one step; add one with step(name, columns, transform)");
      }
      return new Pipeline(this);
    }
  }
}
