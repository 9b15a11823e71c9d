package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.DirectoryModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSerializationCodecTest {
  @TempDir Path dir;

  enum Kind { LINEAR, TREE }

  record Weights(String name, Kind kind, double[] w, Integer bias) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  record WithMap(String name, HashMap<String, Double> extra) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  record Node(int value, Node next) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Node chain(int length) {
      Node n = null;
      for (int i = length; i > 0; i--) {
        n = new Node(i, n);
      }
      return n;
    }
  }

  record Holder(Object payload) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Stands for a gadget: a class whose readObject does something. It counts the times it ran. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READS.incrementAndGet();
    }
  }

  record Handler(String name) implements InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return null;
    }
  }

  private static JavaSerializationCodec<Weights> weightsCodec() {
    return JavaSerializationCodec.builder(Weights.class).allowClasses(Kind.class).build();
  }

  private static Weights weights(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = i * 0.25 - 1;
    }
    return new Weights("churn", Kind.LINEAR, w, 3);
  }

  private DirectoryModelFiles files(String name) {
    return DirectoryModelFiles.in(dir.resolve(name));
  }

  /** Writes {@code object} as model.ser with a plain ObjectOutputStream: what a hostile file could hold. */
  private DirectoryModelFiles rawFile(String name, Object object) throws IOException {
    DirectoryModelFiles files = files(name);
    try (OutputStream out = files.create(JavaSerializationCodec.MODEL_FILE);
        ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(object);
    }
    return files;
  }

  @Test
  void roundTripsAnAllowListedModel() throws IOException {
    DirectoryModelFiles files = files("m");
    Weights model = weights(100);
    weightsCodec().write(model, files);

    assertEquals(Set.of("model.ser"), files.paths());
    Weights back = weightsCodec().read(files);
    assertEquals("churn", back.name());
    assertEquals(Kind.LINEAR, back.kind());
    assertEquals(3, back.bias());
    assertArrayEquals(model.w(), back.w());
  }

  @Test
  void reportsItsIdFrameworkAndSettings() {
    JavaSerializationCodec<Weights> codec = JavaSerializationCodec.builder(Weights.class)
        .allow("com.acme.model.*", "com.acme.shared.**").allowClasses(Kind[].class).maxDepth(7).build();
    assertEquals("java-serialization@1", codec.id());
    assertEquals("java", codec.framework());
    assertEquals(System.getProperty("java.specification.version"), codec.frameworkVersion());
    assertEquals(List.of(Weights.class.getName(), "com.acme.model.*", "com.acme.shared.**", Kind.class.getName()),
        codec.allowList());
    assertEquals(7, codec.maxDepth());
    assertEquals(JavaSerializationCodec.DEFAULT_MAX_BYTES, codec.maxBytes());
    assertEquals(JavaSerializationCodec.DEFAULT_MAX_BYTES, codec.maxArrayLength());
    assertEquals(JavaSerializationCodec.DEFAULT_MAX_REFERENCES, codec.maxReferences());
  }

  @Test
  void refusesAClassNotOnTheAllowListNamingItAndTheFix() throws IOException {
    DirectoryModelFiles files = files("m");
    HashMap<String, Double> extra = new HashMap<>();
    extra.put("threshold", 0.5);
    JavaSerializationCodec.builder(WithMap.class).allowClasses(HashMap.class).build()
        .write(new WithMap("m", extra), files);

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(WithMap.class).build().read(files));
    assertTrue(e.getMessage().contains("class 'java.util.HashMap'"), e.getMessage());
    assertTrue(e.getMessage().contains("not on the allow list"), e.getMessage());
    assertTrue(e.getMessage().contains(".allow(\"java.util.HashMap\")"), e.getMessage());
  }

  @Test
  void refusesAGadgetBeforeAnyOfItsCodeRuns() throws IOException {
    DirectoryModelFiles files = rawFile("m", new Holder(new Gadget()));
    int before = Gadget.READS.get();

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Holder.class).build().read(files));
    assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
    assertEquals(before, Gadget.READS.get(), "the gadget's readObject ran");

    // The same file is read (and the gadget runs) only when it is allowed explicitly.
    JavaSerializationCodec.builder(Holder.class).allowClasses(Gadget.class).build().read(files);
    assertEquals(before + 1, Gadget.READS.get());
  }

  @Test
  void refusesDynamicProxies() throws IOException {
    Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
        new Handler("h"));
    DirectoryModelFiles files = rawFile("m", new Holder(proxy));

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Holder.class).allowClasses(Handler.class).build().read(files));
    assertTrue(e.getMessage().contains("dynamic proxy for [java.lang.Runnable]"), e.getMessage());
  }

  @Test
  void refusesToWriteWhatItWouldRefuseToRead() {
    HashMap<String, Double> extra = new HashMap<>();
    extra.put("threshold", 0.5);
    DirectoryModelFiles files = files("m");

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(WithMap.class).build().write(new WithMap("m", extra), files));
    assertTrue(e.getMessage().contains("class 'java.util.HashMap'"), e.getMessage());
    assertTrue(e.getMessage().contains("could not be read back"), e.getMessage());
  }

  @Test
  void refusesToWriteAnObjectThatIsNotSerializable() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Holder.class).allowClasses(Object.class).build()
            .write(new Holder(new Object()), files("m")));
    assertTrue(e.getMessage().contains("'java.lang.Object', which does not implement java.io.Serializable"),
        e.getMessage());
  }

  @Test
  void enforcesTheDepthLimit() throws IOException {
    DirectoryModelFiles files = files("m");
    JavaSerializationCodec.builder(Node.class).build().write(Node.chain(10), files);
    assertEquals(1, JavaSerializationCodec.builder(Node.class).build().read(files).value());

    DirectoryModelFiles deep = files("deep");
    JavaSerializationCodec.builder(Node.class).build().write(Node.chain(50), deep);
    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Node.class).build().read(deep));
    assertTrue(e.getMessage().contains("nests objects 21 deep, more than maxDepth 20"), e.getMessage());
    assertTrue(e.getMessage().contains(".maxDepth(n)"), e.getMessage());

    assertEquals(1, JavaSerializationCodec.builder(Node.class).maxDepth(60).build().read(deep).value());
  }

  @Test
  void enforcesTheReferenceLimit() throws IOException {
    DirectoryModelFiles files = files("m");
    JavaSerializationCodec.builder(Node.class).build().write(Node.chain(10), files);

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Node.class).maxReferences(5).build().read(files));
    assertTrue(e.getMessage().contains("more than 5 object references (maxReferences)"), e.getMessage());
  }

  @Test
  void refusesAFileOverMaxBytesBeforeOpeningIt() throws IOException {
    DirectoryModelFiles files = files("m");
    weightsCodec().write(weights(1000), files);
    long size = files.size("model.ser");
    ModelFileReader neverOpened = new ModelFileReader() {
      @Override
      public Set<String> paths() {
        return files.paths();
      }

      @Override
      public long size(String path) {
        return files.size(path);
      }

      @Override
      public InputStream open(String path) {
        throw new AssertionError("opened " + path);
      }
    };

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Weights.class).allowClasses(Kind.class).maxBytes(1000).build()
            .read(neverOpened));
    assertTrue(e.getMessage().contains("model.ser is " + size + " bytes, more than maxBytes 1000"), e.getMessage());
    assertTrue(e.getMessage().contains("not opened"), e.getMessage());
  }

  @Test
  void enforcesTheArrayLengthLimit() throws IOException {
    DirectoryModelFiles files = files("m");
    weightsCodec().write(weights(1000), files);

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Weights.class).allowClasses(Kind.class).maxArrayLength(100).build()
            .read(files));
    assertTrue(e.getMessage().contains("an array of 1000 elements, more than maxArrayLength 100"), e.getMessage());
  }

  @Test
  void refusesAnArrayLongerThanTheFileCouldHoldWithoutAllocatingIt() throws IOException {
    DirectoryModelFiles files = files("m");
    JavaSerializationCodec.builder(double[].class).build().write(new double[] {1.5}, files);
    Path file = files.file("model.ser");
    byte[] bytes = Files.readAllBytes(file);
    // A double[] ends with its int length and its elements: claim 2^31 - 16 elements (16 GiB).
    ByteBuffer.wrap(bytes).putInt(bytes.length - 12, Integer.MAX_VALUE - 15);
    Files.write(file, bytes);

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(double[].class).build().read(files));
    assertTrue(e.getMessage().contains("declares an array of 2147483632 double elements, which would take at least"
        + " 17179869056 bytes, but the whole file is " + bytes.length + " bytes"), e.getMessage());
  }

  @Test
  void refusesAModelOfTheWrongType() throws IOException {
    DirectoryModelFiles files = files("m");
    JavaSerializationCodec.builder(Node.class).build().write(Node.chain(2), files);

    ValidationException e = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Weights.class).allowClasses(Node.class).build().read(files));
    assertTrue(e.getMessage().contains("holds a " + Node.class.getName() + ", not the expected "
        + Weights.class.getName()), e.getMessage());
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    DirectoryModelFiles files = files("m");
    weightsCodec().write(weights(100), files);
    Path file = files.file("model.ser");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    ValidationException e = assertThrows(ValidationException.class, () -> weightsCodec().read(files));
    assertTrue(e.getMessage().startsWith("model.ser "), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void refusesAVersionWithoutModelSer() {
    DirectoryModelFiles files = files("empty");
    ValidationException e = assertThrows(ValidationException.class, () -> weightsCodec().read(files));
    assertTrue(e.getMessage().contains("no model.ser among the model's files []"), e.getMessage());
  }

  @Test
  void rejectsPatternsThatAllowEverythingOrAreMalformed() {
    for (String p : List.of("*", "**", "java.**", "com.acme.*;!*", "", "com..acme")) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> JavaSerializationCodec.builder(Weights.class).allow(p), p);
      assertTrue(e.getMessage().contains("allow pattern"), e.getMessage());
    }
    assertFalse(JavaSerializationCodec.builder(Weights.class).allow("com.acme.**").build().allowList().isEmpty());
  }

  @Test
  void rejectsALimitThatIsNotPositiveOrIsSetTwice() {
    ValidationException zero = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Weights.class).maxDepth(0));
    assertEquals("maxDepth is 0; expected 1 to 2147483647", zero.getMessage());
    ValidationException huge = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Weights.class).maxBytes(1L << 40));
    assertTrue(huge.getMessage().startsWith("maxBytes is 1099511627776; expected 1 to 2147483639"),
        huge.getMessage());
    ValidationException twice = assertThrows(ValidationException.class,
        () -> JavaSerializationCodec.builder(Weights.class).maxReferences(10).maxReferences(20));
    assertEquals("maxReferences was already set to 10; set it once", twice.getMessage());
  }
}
