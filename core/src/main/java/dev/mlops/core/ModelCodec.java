package dev.mlops.core;

import java.io.IOException;

/**
 * Turns a model object into files and back, so a {@link ModelStore} can publish and load models of any
 * framework without Java serialization. The store calls {@link #write} with a {@link ModelFileWriter} that
 * collects the files of a new version, and {@link #read} with a {@link ModelFileReader} whose streams are
 * re-hashed against the version's manifest as they are read.
 *
 * <pre>{@code
 * ModelVersion v = store.publish("churn", model, TribuoCodec.classification(), metadata);
 * Model<Label> back = store.load(v, TribuoCodec.classification());
 * }</pre>
 *
 * <p>A codec names itself with a namespaced, versioned {@link #id()} ({@code "tribuo-protobuf@1"}), which the
 * store records in the manifest; {@code load} refuses a version written by a different codec id, so a
 * model is never decoded by a codec that does not know its format. Implementations must not use
 * {@link java.io.ObjectInputStream} unless the caller opted into it explicitly (see
 * {@link JavaSerializationCodec}).
 *
 * <p>Stability: experimental (the SPI may gain default methods).
 *
 * @param <T> the model type
 */
public interface ModelCodec<T> {

  /** The codec's type id and format version, {@code namespace-name@version}, e.g. {@code "tribuo-protobuf@1"}. */
  String id();

  /** The framework the models belong to, e.g. {@code "tribuo"}; recorded in the manifest's metadata. */
  String framework();

  /** The version of the framework the codec writes with, e.g. {@code "4.3.2"}. */
  String frameworkVersion();

  /**
   * Writes {@code model} as one or more files through {@code out}. Each file is created once, written and
   * closed by the codec.
   *
   * @throws IOException if writing fails; the store then publishes nothing
   */
  void write(T model, ModelFileWriter out) throws IOException;

  /**
   * Reads a model back from the files of a version. Streams from {@code in} fail with an
   * {@link IntegrityException} if the bytes differ from the manifest.
   *
   * @throws IOException if reading fails
   * @throws ValidationException if the files are not a model this codec can read, saying why
   */
  T read(ModelFileReader in) throws IOException;
}
