/**
 * Tribuo models in the model store: {@link dev.mlops.benchmarking.tribuo.TribuoCodec} writes and reads them in
 * Tribuo 4.3's protobuf format (never through Java serialization of its own), and
 * {@link dev.mlops.benchmarking.tribuo.TribuoModels} summarises a model's provenance as the parameters of its
 * metadata.
 *
 * <pre>{@code
 * Model<Label> model = new LogisticRegressionTrainer().train(train);
 * ModelVersion v = store.publish("iris", model, TribuoCodec.classification(), metadata);
 * Model<Label> back = store.load(v, TribuoCodec.classification());
 * }</pre>
 *
 * <p>Needs tribuo-core (a dependency of this module) and, for the output type in use, its Tribuo module
 * (tribuo-classification-core, tribuo-regression-core, ...), which this module declares optional.
 *
 * <p>Stability: experimental.
 */
package dev.mlops.benchmarking.tribuo;
