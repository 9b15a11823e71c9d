/**
 * Preprocessing pipelines: a spec of steps ({@link dev.mlops.preprocessing.Pipeline}) fitted once into a
 * {@link dev.mlops.preprocessing.FittedPipeline} that is applied identically to training batches and serving
 * records, saved as versioned, hashed JSON, and extended by plugins through the
 * {@link dev.mlops.preprocessing.Transform} SPI. Validation and drift against the training data:
 * {@link dev.mlops.preprocessing.DataProfile}. Built-in steps: {@code dev.mlops.preprocessing.steps}; the Tribuo
 * bridge: {@code dev.mlops.preprocessing.tribuo}; {@code ...internal} is not API.
 *
 * <pre>{@code
 * FittedPipeline fitted = Pipeline.builder()
 *     .step("impute", Columns.numeric(), Impute.median())
 *     .step("scale", Columns.numeric(), StandardScale.of())
 *     .build()
 *     .fit(trainingFrame);
 * Matrix x = fitted.toMatrix(batch);
 * fitted.save(Path.of("pipeline.json"));
 * }</pre>
 */
package dev.mlops.preprocessing;
