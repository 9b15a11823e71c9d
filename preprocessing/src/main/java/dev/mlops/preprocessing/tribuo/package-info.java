/**
 * The bridge from fitted pipelines to <a href="https://tribuo.org">Tribuo</a>: training datasets and serving
 * examples whose features are a pipeline's outputs ({@link dev.mlops.preprocessing.tribuo.TribuoDatasets}).
 *
 * <p>Tribuo is an optional dependency of {@code mlops-preprocessing}: add {@code org.tribuo:tribuo-core} and
 * {@code tribuo-classification-core} (or {@code tribuo-regression-core}) to use this package; the rest of the
 * module never loads it.
 */
package dev.mlops.preprocessing.tribuo;
