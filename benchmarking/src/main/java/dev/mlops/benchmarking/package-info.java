/**
 * The benchmark harness: predictors from different frameworks compared on accuracy and speed on the
 * same data, with reports, history and a regression gate, and a hyper-parameter {@link dev.mlops.benchmarking.Tuner}.
 *
 * <p>Models: {@link dev.mlops.benchmarking.Predictor} with adapters for Tribuo ({@code tribuo.TribuoPredictor}),
 * ONNX Runtime ({@code onnx.OnnxPredictor}, optional dependency) and Java functions
 * ({@link dev.mlops.benchmarking.Predictors}). Accuracy: {@link dev.mlops.benchmarking.ClassificationMetrics},
 * {@link dev.mlops.benchmarking.RegressionMetrics} (scikit-learn's definitions), {@link dev.mlops.benchmarking.Bootstrap}
 * intervals and {@link dev.mlops.benchmarking.PairedComparison}.
 *
 * <p>Speed: {@link dev.mlops.benchmarking.PerformanceRunner} runs a {@link dev.mlops.benchmarking.Scenario}
 * (single-stream, offline, server, after MLPerf LoadGen) on a {@link dev.mlops.benchmarking.Predictor} and returns a
 * {@link dev.mlops.benchmarking.PerformanceResult} (HdrHistogram latencies, throughput, allocation, memory);
 * {@link dev.mlops.benchmarking.Environment} fingerprints the machine so that results from different ones are
 * flagged.
 *
 * <p>Reports: {@link dev.mlops.benchmarking.BenchmarkReport} renders as Markdown ({@code toMarkdown()}) and as one
 * self-contained HTML page with inline SVG charts ({@code toHtml()}); {@link dev.mlops.benchmarking.ModelBenchmarks}
 * keeps reports with the model version they measured and tags the version with their headline figures.
 *
 * <p>Reports and history: {@link dev.mlops.benchmarking.Benchmark} runs predictors on the same data into a
 * {@link dev.mlops.benchmarking.BenchmarkReport}; {@link dev.mlops.benchmarking.BenchmarkHistory} keeps reports
 * immutably in any {@code BlobStore}, numbered per benchmark, with a baseline and its history.
 *
 * <p>The regression gate: {@link dev.mlops.benchmarking.Comparison#compare} checks a report against a baseline
 * (accuracy by McNemar or bootstrap interval, latency by Mann-Whitney and a p99 ratio bootstrap on the raw
 * histograms, each with a minimum effect from {@link dev.mlops.benchmarking.CompareOptions}), and flags timings from
 * different machines as inconclusive. In CI, the launcher {@code benchmarking/bin/mlops-bench} runs
 * {@link dev.mlops.benchmarking.BenchmarkCli} on a class path built by {@code examples/bin/classpath}:
 *
 * <pre>
 * benchmarking/bin/mlops-bench compare build/report.json baseline.json --latency-threshold 0.15
 * benchmarking/bin/mlops-bench history record /srv/bench build/report.json
 * benchmarking/bin/mlops-bench history compare /srv/bench breast-cancer --markdown "$GITHUB_STEP_SUMMARY"
 * benchmarking/bin/mlops-bench run bench/iris.json --out build/report.json --history /srv/bench --record
 * </pre>
 * It exits 0 on pass or improvement, 1 on a regression, 2 on bad usage or input, 3 when inconclusive with
 * {@code --strict}. On shared CI machines use a larger latency threshold (0.2 to 0.5) or a dedicated runner: the
 * tests see the noise within a run, not the difference between two busy machines' runs.
 *
 * <p>Status: experimental.
 */
package dev.mlops.benchmarking;
