/**
 * The benchmark harness: predictors from different frameworks compared on accuracy and speed on the
 * same data, with reports, history and a regression gate.
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
 * <p>Status: experimental; reports, history and the regression gate land with the benchmarking issue.
 */
package dev.mlops.benchmarking;
