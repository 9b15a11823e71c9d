package dev.mlops.benchmarking;

import dev.mlops.core.ModelMetadata;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Publishing the outcome of a {@link Study}: the best trial's model, with its parameters and value in the version's
 * metadata.
 *
 * <pre>{@code
 * ModelVersion v = TunerResults.publishBest(store, "iris-logistic", Path.of("best/model.pb"), study);
 * v.metadata().parameters();   // {epochs=12, learningRate=0.31}
 * v.metadata().metrics();      // {accuracy=0.96}
 * }</pre>
 *
 * <p>The metadata holds: each best parameter as a string ({@link Params#getString}), the best value as a metric named
 * {@link Study#objectiveName()}, and tags {@code tuner.trial} (its number), {@code tuner.trials} (trials run),
 * {@code tuner.sampler} and {@code tuner.direction}. Start from {@link #metadata(Study)} to add the framework and
 * the rest of the model card, then publish with {@link ModelStore#publish(String)}.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class TunerResults {
  private TunerResults() {}

  /**
   * Metadata describing the best trial of {@code study}.
   *
   * @throws IllegalStateException if no trial completed
   */
  public static ModelMetadata.Builder metadata(Study study) {
    TrialResult best = study.best();
    ModelMetadata.Builder b = ModelMetadata.builder();
    for (String name : best.params().asMap().keySet()) {
      b.param(name, best.params().getString(name));
    }
    return b.metric(study.objectiveName(), best.value())
        .tag("tuner.trial", Integer.toString(best.number()))
        .tag("tuner.trials", Integer.toString(study.trials().size()))
        .tag("tuner.sampler", study.sampler().toString())
        .tag("tuner.direction", study.direction().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Publishes {@code modelFile} (stored under its file name) as a new version of {@code name}. */
  public static ModelVersion publishBest(ModelStore store, String name, Path modelFile, Study study) {
    Objects.requireNonNull(modelFile, "modelFile");
    Path fileName = modelFile.getFileName();
    if (fileName == null) {
      throw new ValidationException("publishBest: '" + modelFile + "' has no file name; pass the model file");
    }
    ModelMetadata meta = metadata(study).build();
    return Objects.requireNonNull(store, "store").publish(name).file(fileName.toString(), modelFile).metadata(meta)
        .commit();
  }

  /** Publishes {@code model} as the file {@code path} of a new version of {@code name}. */
  public static ModelVersion publishBest(ModelStore store, String name, String path, byte[] model, Study study) {
    Objects.requireNonNull(model, "model");
    ModelMetadata meta = metadata(study).build();
    return Objects.requireNonNull(store, "store").publish(name).file(path, model).metadata(meta).commit();
  }
}
