/**
 * The benchmark harness: predictors from different frameworks compared on accuracy and speed on the
 * same data, with reports, history and a regression gate.
 *
 * <p>Status: the module is laid out; its API lands with the benchmarking issue.
 */
package dev.mlops.benchmarking;
