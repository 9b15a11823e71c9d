package dev.mlops.benchmarking;

import dev.mlops.core.BlobStore;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Sha256;
import dev.mlops.core.Stability;
import dev.mlops.core.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Benchmark reports kept with the model version they measured. {@link #attach} stores the report's JSON in the
 * store's blob store under {@code benchmarks/<model>/<version>/<sha256>.json} (content-addressed, written once)
 * and tags the version:
 * <ul>
 *   <li>{@code benchmark.<report>.report} = the report's SHA-256 (the key of its JSON);</li>
 *   <li>{@code benchmark.<report>.<predictor>.<metric>} = the estimate of each headline quality metric
 *       (classification: accuracy, balanced_accuracy, f1_macro, roc_auc or roc_auc_ovr_macro, log_loss;
 *       regression: rmse, mae, r2, mape), when defined;</li>
 *   <li>{@code benchmark.<report>.<predictor>.single_stream.p50_us} and {@code .p99_us} = single-stream latency
 *       in microseconds, when measured.</li>
 * </ul>
 * Names are made tag-safe: a report or predictor name with anything but letters, digits, '_' and '-' (or longer
 * than 60 characters) has those characters replaced by '_' and the first 8 hex digits of its SHA-256 appended
 * ({@code "lr (v2)"} becomes {@code "lr__v2_-1a2b3c4d"}), so two names never share tags. Attaching a report of
 * the same name again replaces its tags and removes those of predictors it no longer has.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.open(FileBlobStore.open(dir));
 * ModelBenchmarks.attach(store, "churn", 3, report);
 * store.get("churn", 3).tags().get("benchmark.nightly.tribuo-lr.accuracy");   // "0.9615384615384616"
 * List<BenchmarkReport> back = ModelBenchmarks.reports(store, "churn", 3);     // verified against the tag
 * }</pre>
 *
 * <p>The report blobs live beside the store's own keys: {@link ModelStore#gc()} leaves them alone, and bundles
 * and mirrors carry the tags but not the reports.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ModelBenchmarks {
  /** Every tag this class writes starts with this. */
  public static final String TAG_PREFIX = "benchmark.";
  /** The blob key prefix of stored reports. */
  public static final String KEY_PREFIX = "benchmarks/";
  private static final String REPORT_SUFFIX = ".report";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,60}");

  private ModelBenchmarks() {}

  /**
   * Stores {@code report} with version {@code version} of {@code model} and tags the version (see the class
   * comment). The version must exist. Idempotent: the same report again changes nothing.
   *
   * @return the version with its new tags
   * @throws NotFoundException if there is no such version
   */
  public static ModelVersion attach(ModelStore store, String model, int version, BenchmarkReport report) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(report, "report");
    ModelVersion current = store.get(model, version); // checks the name and that the version exists
    byte[] json = report.toJson().getBytes(StandardCharsets.UTF_8);
    String sha = Sha256.of(json);
    try (InputStream in = new ByteArrayInputStream(json)) {
      store.blobs().putIfAbsent(key(model, version, sha), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> tags = tags(report, sha);
    String prefix = TAG_PREFIX + safe(report.name()) + ".";
    List<String> stale = current.tags().keySet().stream().filter(k -> k.startsWith(prefix) && !tags.containsKey(k))
        .sorted().toList();
    return store.updateTags(model, version, tags, stale);
  }

  /**
   * The reports attached to a version, in order of their tags, each read from the blob store and checked against
   * the SHA-256 its tag records.
   *
   * @throws NotFoundException if there is no such version, or a tagged report's blob is missing
   * @throws dev.mlops.core.IntegrityException if a stored report's bytes do not match its tag
   */
  public static List<BenchmarkReport> reports(ModelStore store, String model, int version) {
    Objects.requireNonNull(store, "store");
    ModelVersion v = store.get(model, version);
    List<BenchmarkReport> out = new ArrayList<>();
    for (Map.Entry<String, String> tag : new TreeMap<>(v.tags()).entrySet()) {
      if (!tag.getKey().startsWith(TAG_PREFIX) || !tag.getKey().endsWith(REPORT_SUFFIX)) {
        continue;
      }
      String sha = Sha256.requireDigest(tag.getValue(), "tag '" + tag.getKey() + "'");
      String key = key(model, version, sha);
      byte[] bytes = read(store.blobs(), key, tag.getKey());
      Sha256.verify(sha, Sha256.of(bytes), "benchmark report '" + key + "'");
      out.add(BenchmarkReport.fromJson(new String(bytes, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** The tags {@link #attach} sets for {@code report} whose JSON has digest {@code sha256}. */
  static Map<String, String> tags(BenchmarkReport report, String sha256) {
    Map<String, String> tags = new TreeMap<>();
    String base = TAG_PREFIX + safe(report.name()) + ".";
    tags.put(base + "report", sha256);
    List<String> metrics = ReportFacts.mainMetrics(report);
    for (BenchmarkReport.PredictorResult p : report.predictors()) {
      String pre = base + safe(p.name()) + ".";
      for (String m : metrics) {
        BenchmarkReport.MetricValue v = p.metrics().get(m);
        if (v != null && Double.isFinite(v.estimate())) {
          tags.put(pre + m, Double.toString(v.estimate()));
        }
      }
      PerformanceResult single = ReportFacts.singleStream(p);
      if (single != null) {
        tags.put(pre + "single_stream.p50_us", Double.toString(single.latency().p50() / 1000.0));
        tags.put(pre + "single_stream.p99_us", Double.toString(single.latency().p99() / 1000.0));
      }
    }
    return tags;
  }

  /** {@code name} as one tag-key segment (see the class comment). */
  static String safe(String name) {
    if (SAFE.matcher(name).matches()) {
      return name;
    }
    String cleaned = name.replaceAll("[^A-Za-z0-9_-]", "_");
    if (cleaned.length() > 50) {
      cleaned = cleaned.substring(0, 50);
    }
    return cleaned + "-" + Sha256.ofUtf8(name).substring(0, 8);
  }

  static String key(String model, int version, String sha256) {
    return KEY_PREFIX + model + "/" + version + "/" + sha256 + ".json";
  }

  private static byte[] read(BlobStore blobs, String key, String tag) {
    try (InputStream in = blobs.get(key)) {
      return in.readAllBytes();
    } catch (NotFoundException e) {
      throw new NotFoundException("tag '" + tag + "' names benchmark report " + key + ", which is not in "
          + blobs.describe() + " (bundles and mirrors carry tags, not reports); attach the report again", e);
    } catch (IOException e) {
      throw new StorageException("could not read benchmark report " + key + " from " + blobs.describe()
          + ": " + e.getMessage(), e);
    }
  }
}
