package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The explicit opt-in for models that exist only as Java-serialized objects: a {@link ModelCodec} that
 * writes the model with {@link java.io.ObjectOutputStream} to one file, {@value #MODEL_FILE}, and reads it back
 * only through an allow list. Nothing in MLOps Commons loads a model this way unless a caller builds one of
 * these; prefer a framework's own format (such as Tribuo's protobuf one) wherever there is one.
 *
 * <pre>{@code
 * JavaSerializationCodec<ChurnModel> codec = JavaSerializationCodec.builder(ChurnModel.class)
 *     .allow("com.acme.churn.*")                 // the model's own classes
 *     .allowClasses(java.util.ArrayList.class)   // and exactly the JDK classes it holds
 *     .build();
 * ModelVersion v = store.publish("churn", model, codec, metadata);
 * ChurnModel back = store.load(v, codec);
 * }</pre>
 *
 * <h2>What is read</h2>
 * Reading a Java-serialized stream runs code of every class named in it, so a file that names the wrong
 * classes can run code on the reader's machine. This codec therefore reads through a per-stream
 * {@link java.io.ObjectInputFilter} (never a JVM-wide one: nothing global is changed) and refuses, with a
 * {@link ValidationException} naming the class or the limit and how to allow it:
 * <ul>
 *   <li>any class not on the allow list, by name and before it is loaded (a serializable superclass appears
 *       in the stream too, so it must be allowed as well). Always allowed are the codec's own {@code type}
 *       (that exact class), {@code String}, the boxed primitives and {@code Number}, {@code Enum} (the enum
 *       types themselves must be allowed), and arrays of primitives or of allowed classes. Collections are
 *       <em>not</em> built in: {@code HashMap}, {@code HashSet} and {@code Hashtable} call {@code hashCode}
 *       and {@code equals} of their keys while being read, the first step of most known attack chains, so
 *       allow each one the model uses by name, and only with key classes you trust;</li>
 *   <li>dynamic proxies, always;</li>
 *   <li>a file larger than {@link Builder#maxBytes(long) maxBytes}, by the size the store's manifest
 *       records, before it is opened;</li>
 *   <li>objects nested deeper than {@link Builder#maxDepth(int) maxDepth}, more object references than
 *       {@link Builder#maxReferences(long) maxReferences}, an array longer than
 *       {@link Builder#maxArrayLength(long) maxArrayLength}, and, before it is allocated, an array the file
 *       is too short to hold (a {@code double} takes 8 bytes in the stream, a reference at least 1): such a
 *       length is a crafted attempt to exhaust memory;</li>
 *   <li>a result that is not an instance of {@code type}.</li>
 * </ul>
 * A filter configured for the whole JVM ({@code -Djdk.serialFilter}) still applies: either filter can
 * reject. The file is read into memory in full before the first object is created, so the store has checked
 * its SHA-256 against the manifest before any of it is deserialized; {@code maxBytes} therefore cannot exceed
 * {@value #MAX_MAX_BYTES} bytes. Writing refuses, as a {@link ValidationException}, a graph holding a class
 * that reading would refuse, so a model that could not be loaded is never stored.
 *
 * <p>An allow list narrows what a stream can do; it does not make an untrusted file safe to load. Load only
 * models whose origin you trust, through a store that verifies their digests and, ideally, signatures.
 *
 * <p>Stability: experimental.
 *
 * @param <T> the model type
 */
public final class JavaSerializationCodec<T> implements ModelCodec<T> {
  /** The codec id recorded in a version's manifest. */
  public static final String ID = "java-serialization@1";
  /** The one file the codec writes. */
  public static final String MODEL_FILE = "model.ser";
  /** The default {@link Builder#maxDepth(int)}. */
  public static final int DEFAULT_MAX_DEPTH = 20;
  /** The default {@link Builder#maxBytes(long)}: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
  /** The default {@link Builder#maxReferences(long)}. */
  public static final long DEFAULT_MAX_REFERENCES = 1_000_000;
  /** The largest {@link Builder#maxBytes(long)}: the file is read into one array. */
  public static final long MAX_MAX_BYTES = Integer.MAX_VALUE - 8;

  private final Class<T> type;
  private final SerialAllowList allow;
  private final int maxDepth;
  private final long maxBytes;
  private final long maxReferences;
  private final long maxArrayLength;

  private JavaSerializationCodec(Builder<T> b) {
    this.type = b.type;
    List<String> patterns = new ArrayList<>();
    patterns.add(b.type.getName());
    patterns.addAll(b.patterns);
    this.allow = new SerialAllowList(patterns);
    this.maxDepth = b.maxDepth == null ? DEFAULT_MAX_DEPTH : b.maxDepth;
    this.maxBytes = b.maxBytes == null ? DEFAULT_MAX_BYTES : b.maxBytes;
    this.maxReferences = b.maxReferences == null ? DEFAULT_MAX_REFERENCES : b.maxReferences;
    this.maxArrayLength = b.maxArrayLength == null ? this.maxBytes : b.maxArrayLength;
  }

  /**
   * A builder for a codec of models of class {@code type}; that exact class is allowed, nothing else beyond
   * the built-in set until {@link Builder#allow(String...)} or {@link Builder#allowClasses(Class...)}.
   *
   * <pre>{@code
   * JavaSerializationCodec.builder(ChurnModel.class).allow("com.acme.churn.*").maxDepth(40).build();
   * }</pre>
   */
  public static <T> Builder<T> builder(Class<T> type) {
    return new Builder<>(Objects.requireNonNull(type, "type"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String framework() {
    return "java";
  }

  /** The Java specification version of this JVM, e.g. {@code "17"}: the serialization format is the JVM's. */
  @Override
  public String frameworkVersion() {
    return System.getProperty("java.specification.version");
  }

  /** The model type; {@link #read} refuses anything else. */
  public Class<T> type() {
    return type;
  }

  /** The allow patterns, starting with {@link #type()}'s name; the built-in classes are allowed as well. */
  public List<String> allowList() {
    return allow.patterns();
  }

  /** The deepest object nesting {@link #read} accepts. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The largest file {@link #read} accepts, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The most object references {@link #read} accepts. */
  public long maxReferences() {
    return maxReferences;
  }

  /** The longest array {@link #read} accepts (and never one the file is too short to hold). */
  public long maxArrayLength() {
    return maxArrayLength;
  }

  /**
   * Writes {@code model} to {@value #MODEL_FILE}.
   *
   * @throws ValidationException if the model is not a {@code type}, or its graph holds a class that is not
   *     serializable or not on the allow list (naming it)
   */
  @Override
  public void write(T model, ModelFileWriter out) throws IOException {
    Objects.requireNonNull(model, "model");
    if (!type.isInstance(model)) {
      throw new ValidationException("model is a " + model.getClass().getName() + ", not a " + type.getName()
          + "; build the codec for the model's class");
    }
    try (OutputStream file = out.create(MODEL_FILE);
        SerialAllowList.CheckedOutput oos = new SerialAllowList.CheckedOutput(file, allow, fix())) {
      oos.writeObject(model);
    } catch (NotSerializableException e) {
      throw SerialAllowList.CheckedOutput.notSerializable(e.getMessage(), e);
    }
  }

  /**
   * Reads the model from {@value #MODEL_FILE} through the allow list and limits.
   *
   * @throws ValidationException if the file is missing, too large, corrupt, holds a class that is not
   *     allowed or breaks a limit (naming it and how to allow it), or is not a {@code type}
   */
  @Override
  public T read(ModelFileReader in) throws IOException {
    if (!in.paths().contains(MODEL_FILE)) {
      throw new ValidationException("no " + MODEL_FILE + " among the model's files " + in.paths() + "; this"
          + " version was not written by " + ID);
    }
    long size = in.size(MODEL_FILE);
    if (size > maxBytes) {
      throw new ValidationException(MODEL_FILE + " is " + size + " bytes, more than maxBytes " + maxBytes
          + "; it was not opened. If the model is trusted and that large, raise the limit with .maxBytes(n)");
    }
    byte[] bytes;
    try (InputStream file = in.open(MODEL_FILE)) {
      bytes = file.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new ValidationException(MODEL_FILE + " holds more than maxBytes " + maxBytes + " bytes (the"
            + " manifest says " + size + "); if the model is trusted and that large, raise the limit with"
            + " .maxBytes(n)");
      }
      file.transferTo(OutputStream.nullOutputStream());   // reach the end: the store checks the digest there
    }
    Object result = decode(bytes);
    if (!type.isInstance(result)) {
      throw new ValidationException(MODEL_FILE + " holds a " + (result == null ? "null" : result.getClass().getName())
          + ", not the expected " + type.getName() + "; load it with a codec built for its class"
          + (result == null ? "" : ", JavaSerializationCodec.builder(" + result.getClass().getSimpleName()
              + ".class)"));
    }
    return type.cast(result);
  }

  private Object decode(byte[] bytes) throws IOException {
    SerialAllowList.Limits limits = new SerialAllowList.Limits(maxDepth, maxBytes, maxReferences, maxArrayLength,
        bytes.length);
    SerialAllowList.GuardedInput ois = null;
    try {
      ois = new SerialAllowList.GuardedInput(new ByteArrayInputStream(bytes), allow, limits, MODEL_FILE, fix());
      return ois.readObject();
    } catch (InvalidClassException e) {
      String why = ois == null ? null : ois.rejection();
      if (why != null) {
        throw new ValidationException(why, e);
      }
      throw new ValidationException(MODEL_FILE + " could not be read: " + e.getMessage()
          + (String.valueOf(e.getMessage()).contains("REJECTED")
              ? "; the JVM-wide serialization filter (jdk.serialFilter) refused it: ask whoever configured it"
              : "; the class changed incompatibly since the model was written: publish it again with the"
                  + " current classes"), e);
    } catch (ClassNotFoundException e) {
      throw new ValidationException(MODEL_FILE + " needs class '" + e.getMessage() + "', which is allowed but"
          + " not on the class path; add the jar that holds it", e);
    } catch (IOException e) {
      throw new ValidationException(MODEL_FILE + " is not a valid Java serialization stream (" + e
          + "); it is corrupt or was not written by " + ID + ": publish the model again", e);
    } catch (RuntimeException e) {
      if (e instanceof MlopsException) {
        throw e;
      }
      throw new ValidationException(MODEL_FILE + " could not be deserialized: " + e
          + "; it is corrupt or its classes changed incompatibly since it was written", e);
    } finally {
      if (ois != null) {
        ois.close();
      }
    }
  }

  private String fix() {
    return "allow it with JavaSerializationCodec.builder(" + type.getSimpleName() + ".class).allow(\"{}\")";
  }

  @Override
  public String toString() {
    return "JavaSerializationCodec[" + type.getName() + ", allow " + allow + ", maxDepth " + maxDepth
        + ", maxBytes " + maxBytes + ", maxReferences " + maxReferences + ", maxArrayLength " + maxArrayLength
        + "]";
  }

  /**
   * Collects the allow list and limits of a {@link JavaSerializationCodec}. Each limit may be set once and
   * must be positive.
   *
   * <pre>{@code
   * JavaSerializationCodec<ChurnModel> codec = JavaSerializationCodec.builder(ChurnModel.class)
   *     .allow("com.acme.churn.*")
   *     .maxBytes(64L << 20)
   *     .build();
   * }</pre>
   *
   * <p>Stability: experimental.
   *
   * @param <T> the model type
   */
  public static final class Builder<T> {
    private final Class<T> type;
    private final List<String> patterns = new ArrayList<>();
    private Integer maxDepth;
    private Long maxBytes;
    private Long maxReferences;
    private Long maxArrayLength;

    private Builder(Class<T> type) {
      this.type = type;
    }

    /**
     * Allows classes by pattern: an exact binary class name ({@code "com.acme.Model"},
     * {@code "com.acme.Model$Node"}), a package ({@code "com.acme.model.*"}, its classes but not its
     * subpackages) or a package tree ({@code "com.acme.model.**"}). There is no pattern for every class.
     *
     * @throws ValidationException for a pattern that is none of these, or a whole top-level package tree
     */
    public Builder<T> allow(String... patterns) {
      for (String p : Objects.requireNonNull(patterns, "patterns")) {
        this.patterns.add(SerialAllowList.checkPattern(p));
      }
      return this;
    }

    /** Allows exactly these classes (for an array class, its element class). */
    public Builder<T> allowClasses(Class<?>... classes) {
      for (Class<?> c : Objects.requireNonNull(classes, "classes")) {
        Class<?> e = Objects.requireNonNull(c, "class");
        while (e.isArray()) {
          e = e.getComponentType();
        }
        if (!e.isPrimitive()) {
          patterns.add(e.getName());
        }
      }
      return this;
    }

    /** The deepest nesting of objects a read accepts; default {@value JavaSerializationCodec#DEFAULT_MAX_DEPTH}. */
    public Builder<T> maxDepth(int maxDepth) {
      this.maxDepth = (int) once("maxDepth", this.maxDepth, maxDepth, Integer.MAX_VALUE);
      return this;
    }

    /**
     * The largest {@value JavaSerializationCodec#MODEL_FILE} a read accepts, in bytes; default 256 MiB, at most
     * {@value JavaSerializationCodec#MAX_MAX_BYTES}.
     */
    public Builder<T> maxBytes(long maxBytes) {
      this.maxBytes = once("maxBytes", this.maxBytes, maxBytes, MAX_MAX_BYTES);
      return this;
    }

    /**
     * The most object references (objects, strings, class descriptors and back-references) a read accepts;
     * default {@value JavaSerializationCodec#DEFAULT_MAX_REFERENCES}.
     */
    public Builder<T> maxReferences(long maxReferences) {
      this.maxReferences = once("maxReferences", this.maxReferences, maxReferences, Long.MAX_VALUE);
      return this;
    }

    /**
     * The longest array a read accepts; default {@code maxBytes}. Whatever the setting, an array the file is
     * too short to hold is refused before it is allocated.
     */
    public Builder<T> maxArrayLength(long maxArrayLength) {
      this.maxArrayLength = once("maxArrayLength", this.maxArrayLength, maxArrayLength, Long.MAX_VALUE);
      return this;
    }

    /** The codec. */
    public JavaSerializationCodec<T> build() {
      return new JavaSerializationCodec<>(this);
    }

    private static long once(String name, Number previous, long value, long max) {
      if (previous != null) {
        throw new ValidationException(name + " was already set to " + previous + "; set it once");
      }
      if (value <= 0 || value > max) {
        throw new ValidationException(name + " is " + value + "; expected 1 to " + max);
      }
      return value;
    }
  }
}
