package dev.mlops.benchmarking.tribuo;

import dev.mlops.core.JavaSerializationCodec;
import dev.mlops.core.ModelFileReader;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Checks the Java-serialized payloads inside a Tribuo protobuf before Tribuo deserializes them without a
 * filter. Not API.
 *
 * <p>Tribuo 4.3's LibLinear models read their payload with a plain {@code new ObjectInputStream(bytes)}
 * and no {@link java.io.ObjectInputFilter} (so only a JVM-wide filter, if any, applies), and setting a
 * JVM-wide filter is not ours to do. Instead, every place in the file where a Java serialization stream
 * could start (the stream magic {@code AC ED 00 05}; any stream Tribuo reads successfully starts so) is first
 * read here through {@link JavaSerializationCodec}'s per-stream filter, which allows only LibLinear's
 * {@code de.bwaldvogel.liblinear.Model} and {@code SolverType} (with their primitive arrays) and bounds depth,
 * references and array sizes. Deserialization is deterministic in the bytes and the class names, and the
 * filter refuses names before loading them, so a stream that passes here names only those classes when
 * Tribuo reads the same bytes. A match that is not a stream at all (random bytes) fails here for reasons
 * other than the filter and would fail in Tribuo too; it is ignored.
 */
final class JavaPayloadGuard {
  /**
   * The classes a LibLinear payload holds. (The guard's codec is for {@code Object}, so {@code Object[]}
   * arrays of these would pass too; a LibLinear payload has none, and they run no code of their own.)
   */
  static final List<String> LIBLINEAR_CLASSES = List.of("de.bwaldvogel.liblinear.Model",
      "de.bwaldvogel.liblinear.SolverType");
  /** More candidate payloads than this are refused: no Tribuo model holds that many. */
  static final int MAX_PAYLOADS = 10_000;

  private static final String SLICE = "payload.ser";

  private JavaPayloadGuard() {}

  /**
   * Checks every Java serialization stream in {@code bytes}, the model file of a {@code modelClass}.
   *
   * @return how many candidate streams were checked
   * @throws ValidationException naming the offset and the class or limit, if one holds anything but LibLinear's classes
   */
  static int check(byte[] bytes, String modelClass) {
    int checked = 0;
    for (int i = indexOfMagic(bytes, 0); i >= 0; i = indexOfMagic(bytes, i + 1)) {
      if (++checked > MAX_PAYLOADS) {
        throw new ValidationException(TribuoCodec.MODEL_FILE + " (a " + modelClass + ") holds more than "
            + MAX_PAYLOADS + " Java serialization streams; no model Tribuo writes has that many, so it is"
            + " corrupt or crafted");
      }
      int from = i;
      long length = bytes.length - from;
      JavaSerializationCodec<Object> codec = JavaSerializationCodec.builder(Object.class)
          .allow(LIBLINEAR_CLASSES.toArray(String[]::new))
          .maxDepth(8)
          .maxReferences(1_000)
          .maxBytes(Math.min(length, JavaSerializationCodec.MAX_MAX_BYTES))
          .build();
      try {
        codec.read(new Slice(bytes, from));
      } catch (ValidationException e) {
        if (e.getCause() instanceof InvalidClassException refused) {
          String name = refused.classname;
          String what = name != null && !name.isEmpty() && !LIBLINEAR_CLASSES.contains(name)
              ? "class '" + name + "', which is not one of LibLinear's " + LIBLINEAR_CLASSES
              : "content the guard refused (" + e.getMessage() + ")";
          throw new ValidationException(TribuoCodec.MODEL_FILE + " holds a Java-serialized payload at byte "
              + from + " (in a " + modelClass + ") with " + what + ". Tribuo would deserialize it without a"
              + " filter, so the model was refused; this is not a payload Tribuo writes: do not load the file",
              e);
        }
        // Not a stream Tribuo could read either (a chance match of the magic in other data): nothing to guard.
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return checked;
  }

  private static int indexOfMagic(byte[] b, int from) {
    for (int i = from; i + 3 < b.length; i++) {
      if (b[i] == (byte) 0xAC && b[i + 1] == (byte) 0xED && b[i + 2] == 0 && b[i + 3] == 5) {
        return i;
      }
    }
    return -1;
  }

  /** The bytes from {@code from} to the end, as the one file the guard's codec reads. */
  private record Slice(byte[] bytes, int from) implements ModelFileReader {
    @Override
    public Set<String> paths() {
      return Set.of(JavaSerializationCodec.MODEL_FILE);
    }

    @Override
    public long size(String path) {
      return bytes.length - from;
    }

    @Override
    public InputStream open(String path) {
      if (!path.equals(JavaSerializationCodec.MODEL_FILE)) {
        throw new NotFoundException("no file '" + path + "' in " + SLICE);
      }
      return new ByteArrayInputStream(bytes, from, bytes.length - from);
    }
  }
}
