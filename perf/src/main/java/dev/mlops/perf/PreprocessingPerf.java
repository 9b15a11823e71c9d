package dev.mlops.perf;

import dev.mlops.core.Csv;
import dev.mlops.core.Frame;
import dev.mlops.core.Matrix;
import dev.mlops.preprocessing.FittedPipeline;
import dev.mlops.preprocessing.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code perf/run preprocessing-mixed FILE.csv}: the project side of {@code ../shared/bench/compare-preprocessing}.
 * The same pipeline as {@code sklearn_mixed.py}: x0..x7 mean-imputed then standard-scaled, c0..c3 one-hot encoded
 * with unknown categories ignored, the label dropped; output a dense row-major matrix (151 columns on the shared
 * workload), as scikit-learn's dense ndarray. Measured as the peer measures: {@code load_s} one read of the file
 * into a typed Frame, {@code fit_s} one fit, {@code transform_s} the best of 3 transforms of the whole file to a
 * matrix, after a warm-up of 5 rounds on the same file (a service is warm; the first, cold round is reported too,
 * as {@code cold_*}). One JSON line on stdout.
 */
final class PreprocessingPerf {
  /** The pipeline, as a spec a user could keep in a file. */
  static final String SPEC = """
      {"remainder": "drop",
       "steps": [
         {"name": "impute", "type": "impute", "columns": {"matching": "x[0-7]"}, "params": {"strategy": "mean"}},
         {"name": "scale", "type": "standard_scale", "columns": {"matching": "x[0-7]"}},
         {"name": "onehot", "type": "one_hot", "columns": ["c0", "c1", "c2", "c3"],
          "params": {"handleUnknown": "ignore"}}]}
      """;

  private PreprocessingPerf() {}

  static String run(String[] args) {
    if (args.length != 1) {
      throw PerfRun.usage("preprocessing-mixed takes one argument, the CSV file (../shared/bench/mixed_workload.py"
          + " or perf/run gen-mixed writes it)");
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file)) {
      throw PerfRun.usage("preprocessing-mixed: no file " + file.toAbsolutePath());
    }
    Pipeline pipeline = Pipeline.fromJson(SPEC);
    double[] cold = null;
    for (int i = 0; i < 6; i++) {
      double[] t = round(pipeline, file);
      if (i == 0) {
        cold = t;
      }
      System.err.printf(Locale.ROOT, "round %d: load %.4f s, fit %.4f s, transform %.4f s%n", i + 1, t[0], t[1], t[2]);
    }
    System.gc();
    long t0 = System.nanoTime();
    Frame data = Csv.read(file);
    double load = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    FittedPipeline fitted = pipeline.fit(data);
    double fit = (System.nanoTime() - t0) / 1e9;
    double transform = Double.MAX_VALUE;
    Matrix m = null;
    for (int i = 0; i < 3; i++) {
      t0 = System.nanoTime();
      m = fitted.toMatrix(data);
      transform = Math.min(transform, (System.nanoTime() - t0) / 1e9);
    }
    return String.format(Locale.ROOT, "{\"impl\": \"mlops-commons %s\", \"rows\": %d, \"out_cols\": %d, "
        + "\"load_s\": %.4f, \"fit_s\": %.4f, \"transform_s\": %.4f, \"cold_load_s\": %.4f, \"cold_fit_s\": %.4f, "
        + "\"cold_transform_s\": %.4f}", dev.mlops.core.Provenance.currentLibraryVersion(), m.rows(), m.cols(), load, fit,
        transform, cold[0], cold[1], cold[2]);
  }

  private static double[] round(Pipeline pipeline, Path file) {
    long t = System.nanoTime();
    Frame data = Csv.read(file);
    double load = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    FittedPipeline fitted = pipeline.fit(data);
    double fit = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    Matrix m = fitted.toMatrix(data);
    double transform = (System.nanoTime() - t) / 1e9;
    if (m.cols() == 0) {
      throw new IllegalStateException("empty output");
    }
    return new double[] {load, fit, transform};
  }
}
