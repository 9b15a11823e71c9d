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
 * <p>Status: experimental; reports, history and the regression gate land with the benchmarking issue.
 */
package dev.mlops.benchmarking;
