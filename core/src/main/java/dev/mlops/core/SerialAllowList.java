package dev.mlops.core;

import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The class allow list and the guarded object streams of {@link JavaSerializationCodec}. Not API.
 *
 * <p>A pattern is an exact binary class name ({@code com.acme.Model}, {@code com.acme.Model$Node}), a
 * package ({@code com.acme.model.*}: its classes, nested ones included, not its subpackages) or a package
 * tree ({@code com.acme.**}: the package and all its subpackages). The {@link #BUILT_IN} classes are always
 * allowed, and an array is allowed when its element type is primitive or allowed.
 */
final class SerialAllowList {

  /**
   * Allowed in every stream: strings, the boxed primitives and their superclass {@code Number}, and
   * {@code Enum} (the superclass of every enum; the enum type itself must be allowed). None of them runs code
   * of its own while being read beyond rebuilding its value.
   */
  static final Set<String> BUILT_IN = Set.of("java.lang.String", "java.lang.Number", "java.lang.Boolean",
      "java.lang.Byte", "java.lang.Character", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
      "java.lang.Float", "java.lang.Double", "java.lang.Enum");

  private static final String IDENT = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
  private static final Pattern CLASS_NAME = Pattern.compile(IDENT + "(\\." + IDENT + ")*");

  private final List<String> patterns;
  private final Set<String> classes;
  private final Set<String> packages;
  private final List<String> packageTrees;

  SerialAllowList(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    List<String> exact = new ArrayList<>();
    List<String> pkgs = new ArrayList<>();
    List<String> trees = new ArrayList<>();
    for (String p : this.patterns) {
      if (p.endsWith(".**")) {
        trees.add(p.substring(0, p.length() - 3));
      } else if (p.endsWith(".*")) {
        pkgs.add(p.substring(0, p.length() - 2));
      } else {
        exact.add(p);
      }
    }
    this.classes = Set.copyOf(exact);
    this.packages = Set.copyOf(pkgs);
    this.packageTrees = List.copyOf(trees);
  }

  /**
   * Returns {@code pattern} if it is a class name, {@code package.*} or {@code package.**}.
   *
   * @throws ValidationException saying what is wrong and what to write instead
   */
  static String checkPattern(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new ValidationException("allow pattern is " + (pattern == null ? "null" : "blank")
          + "; give a class name ('com.acme.Model'), a package ('com.acme.model.*') or a package tree"
          + " ('com.acme.**')");
    }
    String name = pattern.endsWith(".**") ? pattern.substring(0, pattern.length() - 3)
        : pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
    if (!CLASS_NAME.matcher(name).matches()) {
      throw new ValidationException("allow pattern '" + pattern + "' is not a class name, 'package.*' or"
          + " 'package.**'" + (pattern.startsWith("*") || pattern.startsWith("!") || pattern.contains(";")
              ? " (wildcards for every package, '!' rejections and ';' lists of jdk.serialFilter are not"
              + " supported: allowing everything would defeat the filter)" : "")
          + "; give e.g. 'com.acme.Model', 'com.acme.model.*' or 'com.acme.**'");
    }
    if (pattern.endsWith(".**") && !name.contains(".")) {
      throw new ValidationException("allow pattern '" + pattern + "' allows every class under the top-level"
          + " package '" + name + "', which is too broad to be safe; name the package that holds your"
          + " model classes, e.g. '" + name + ".acme.model.*'");
    }
    return pattern;
  }

  /** The patterns as given, in order. */
  List<String> patterns() {
    return patterns;
  }

  /** Whether objects of {@code type} may be read: primitives, allowed classes, arrays of those. */
  boolean allows(Class<?> type) {
    Class<?> c = type;
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c.isPrimitive() || allowsName(c.getName());
  }

  /** Whether the class named {@code name} (a binary name, or an array descriptor such as {@code [I}) may be read. */
  boolean allowsName(String name) {
    String n = name;
    if (n.startsWith("[")) {
      int dims = 0;
      while (dims < n.length() && n.charAt(dims) == '[') {
        dims++;
      }
      if (dims == n.length() - 1) {
        return true;   // [I, [[D: an array of primitives
      }
      if (n.charAt(dims) != 'L' || !n.endsWith(";")) {
        return false;
      }
      n = n.substring(dims + 1, n.length() - 1);
    }
    if (BUILT_IN.contains(n) || classes.contains(n)) {
      return true;
    }
    int dot = n.lastIndexOf('.');
    String pkg = dot < 0 ? "" : n.substring(0, dot);
    if (packages.contains(pkg)) {
      return true;
    }
    for (String tree : packageTrees) {
      if (pkg.equals(tree) || pkg.startsWith(tree + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return patterns.isEmpty() ? "[only the built-in classes]" : patterns + " plus the built-in classes";
  }

  /** Limits on a stream being read, whose full length is {@code streamLength} bytes. */
  record Limits(int maxDepth, long maxBytes, long maxReferences, long maxArrayLength, long streamLength) {}

  /**
   * An object stream that refuses, by name and before loading it, every class not on the allow list,
   * refuses dynamic proxies, and enforces the limits with a per-stream {@link ObjectInputFilter} (merged
   * with the JVM-wide filter, if one is configured, so that either can reject). The reason for the first
   * rejection is kept for the error message.
   */
  static final class GuardedInput extends ObjectInputStream {
    private final SerialAllowList allow;
    private final Limits limits;
    private final String file;
    private final String fix;
    private String rejection;

    GuardedInput(InputStream in, SerialAllowList allow, Limits limits, String file, String fix)
        throws IOException {
      super(in);
      this.allow = allow;
      this.limits = limits;
      this.file = file;
      this.fix = fix;
      ObjectInputFilter ours = this::check;
      setObjectInputFilter(ObjectInputFilter.merge(ours, ObjectInputFilter.Config.getSerialFilter()));
    }

    /** Why the stream was refused, or {@code null} if this stream's checks did not refuse it. */
    String rejection() {
      return rejection;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      if (!allow.allowsName(desc.getName())) {
        throw new InvalidClassException(desc.getName(), reject(notAllowed(desc.getName())));
      }
      return super.resolveClass(desc);
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
      throw new InvalidClassException(String.join(",", interfaces), reject(file
          + " holds a dynamic proxy for " + List.of(interfaces) + "; proxies are never allowed: they are how"
          + " many deserialization attacks reach code, so this is not a model to load"));
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
      if (info.depth() > limits.maxDepth()) {
        return status(file + " nests objects " + info.depth() + " deep, more than maxDepth "
            + limits.maxDepth() + "; if the model is trusted and legitimately that deep, raise the limit with"
            + " .maxDepth(n)");
      }
      if (info.references() > limits.maxReferences()) {
        return status(file + " holds more than " + limits.maxReferences() + " object references (maxReferences);"
            + " if the model is trusted and that large, raise the limit with .maxReferences(n)");
      }
      if (info.streamBytes() > limits.maxBytes()) {
        return status(file + " is longer than maxBytes " + limits.maxBytes() + "; if the model is trusted and"
            + " that large, raise the limit with .maxBytes(n)");
      }
      Class<?> c = info.serialClass();
      if (info.arrayLength() > 0 && c != null && c.isArray()) {
        int width = elementBytes(c.getComponentType());
        if (info.arrayLength() > limits.streamLength() / width) {
          return status(file + " declares an array of " + info.arrayLength() + " "
              + c.getComponentType().getName() + " elements, which would take at least "
              + info.arrayLength() * width + " bytes, but the whole file is " + limits.streamLength()
              + " bytes; it is corrupt or crafted to exhaust memory (the array was not allocated)");
        }
      }
      if (info.arrayLength() > limits.maxArrayLength()) {
        return status(file + " holds an array of " + info.arrayLength() + " elements, more than maxArrayLength "
            + limits.maxArrayLength() + "; if the model is trusted, raise the limit with .maxArrayLength(n)");
      }
      if (c != null && !allow.allows(c)) {
        return status(notAllowed(c.getName()));
      }
      return ObjectInputFilter.Status.ALLOWED;
    }

    /** The fewest bytes one element of a {@code component} array takes in a stream. */
    private static int elementBytes(Class<?> component) {
      if (component == long.class || component == double.class) {
        return 8;
      } else if (component == int.class || component == float.class) {
        return 4;
      } else if (component == short.class || component == char.class) {
        return 2;
      }
      return 1;   // byte, boolean, or a reference (TC_NULL is one byte)
    }

    private ObjectInputFilter.Status status(String reason) {
      reject(reason);
      return ObjectInputFilter.Status.REJECTED;
    }

    private String reject(String reason) {
      if (rejection == null) {
        rejection = reason;
      }
      return reason;
    }

    private String notAllowed(String name) {
      return file + " holds an object of class '" + name + "', which is not on the allow list " + allow
          + "; if you trust that class and everything it can reach while being read, " + fix.replace("{}", name);
    }
  }

  /**
   * An object stream that refuses, while writing, any class the allow list would refuse on reading, so a
   * model that could not be loaded is never stored.
   */
  static final class CheckedOutput extends ObjectOutputStream {
    private final SerialAllowList allow;
    private final String fix;

    CheckedOutput(OutputStream out, SerialAllowList allow, String fix) throws IOException {
      super(out);
      this.allow = allow;
      this.fix = fix;
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (!(obj instanceof Serializable) && !obj.getClass().isArray()) {
        throw notSerializable(obj.getClass().getName(), null);
      }
      Class<?> type = obj instanceof Enum<?> e ? e.getDeclaringClass() : obj.getClass();
      while (type.isArray()) {
        type = type.getComponentType();
      }
      for (Class<?> c = type; c != null && !c.isPrimitive() && Serializable.class.isAssignableFrom(c);
          c = c.getSuperclass()) {
        if (!allow.allowsName(c.getName())) {
          throw new ValidationException("the model's object graph holds "
              + (c == type ? "an object of class '" : "a subclass of '") + c.getName() + "'"
              + (c == type ? "" : " ('" + type.getName() + "')") + ", which is not on the allow list " + allow
              + ", so it could not be read back; if you trust that class, " + fix.replace("{}", c.getName()));
        }
      }
      return obj;
    }

    /** The error for an object of class {@code name} in the graph that is not serializable. */
    static ValidationException notSerializable(String name, Exception cause) {
      return new ValidationException("the model's object graph holds an object of class '" + name
          + "', which does not implement java.io.Serializable; make it serializable, mark the field transient,"
          + " or store the model in its framework's own format", cause);
    }
  }
}
