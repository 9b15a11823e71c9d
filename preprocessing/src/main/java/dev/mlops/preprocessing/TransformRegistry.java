package dev.mlops.preprocessing;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The step types a pipeline can name: the built-ins and every plugin found through {@link ServiceLoader}, plus
 * any registered programmatically. Immutable; {@link #with} returns a new registry.
 *
 * <pre>{@code
 * TransformRegistry r = TransformRegistry.load();                    // built-ins + plugins on the class path
 * TransformRegistry mine = r.with(new GeohashType());                // + one registered by hand
 * TransformType<?> t = r.find("mlops.standard_scale@1");             // or "standard_scale", or "acme.geohash@1"
 * }</pre>
 *
 * <p>Two types with one id are an error naming both classes and where they were loaded from, so a plugin jar on
 * the class path twice (or two plugins claiming one name) is found at start-up, not by surprise in production.
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public final class TransformRegistry {
  /** The namespace of the built-in steps; a spec may leave it out. */
  public static final String BUILT_IN_NAMESPACE = "mlops";

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  private static final Pattern REF = Pattern.compile("([a-z][a-z0-9_.]*)(?:@([0-9]+))?");

  private final Map<String, TransformType<?>> types;

  private TransformRegistry(Map<String, TransformType<?>> types) {
    this.types = types;
  }

  /** The built-ins and the plugins {@link ServiceLoader} finds with the thread's context class loader. */
  public static TransformRegistry load() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return load(cl != null ? cl : TransformRegistry.class.getClassLoader());
  }

  /** The built-ins and the plugins {@link ServiceLoader} finds with {@code loader}. */
  @SuppressWarnings("rawtypes") // ServiceLoader cannot name a generic service type
  public static TransformRegistry load(ClassLoader loader) {
    List<TransformType<?>> found = new ArrayList<>();
    Iterator<TransformType> it = ServiceLoader.load(TransformType.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        throw new ValidationException("a preprocessing plugin could not be loaded: " + e.getMessage()
            + "; check the plugin jar's META-INF/services/" + TransformType.class.getName()
            + " names a public class with a public no-argument constructor", e);
      }
    }
    if (found.stream().noneMatch(t -> t.id().startsWith(BUILT_IN_NAMESPACE + "."))) {
      // Class loaders that cannot see our own services file (unusual containers) still get the built-ins.
      Iterator<TransformType> own = ServiceLoader.load(TransformType.class, TransformRegistry.class.getClassLoader())
          .iterator();
      own.forEachRemaining(found::add);
    }
    return new TransformRegistry(Map.of()).with(found);
  }

  /** An empty registry, for tests and for applications that register every type by hand. */
  public static TransformRegistry empty() {
    return new TransformRegistry(Map.of());
  }

  /** This registry plus {@code more}. */
  public TransformRegistry with(TransformType<?>... more) {
    return with(List.of(more));
  }

  /** This registry plus {@code more}. */
  public TransformRegistry with(Collection<? extends TransformType<?>> more) {
    Map<String, TransformType<?>> next = new LinkedHashMap<>(types);
    for (TransformType<?> t : more) {
      Objects.requireNonNull(t, "type");
      String id = checkId(t);
      TransformType<?> before = next.putIfAbsent(id, t);
      if (before != null && before.getClass() != t.getClass()) {
        throw new ValidationException("two preprocessing step types claim the id '" + id + "': "
            + origin(before) + " and " + origin(t) + "; remove one of the plugins from the class path or rename its id");
      }
    }
    return new TransformRegistry(Map.copyOf(next));
  }

  /**
   * The type a spec names: {@code namespace.name@version}, {@code namespace.name} (the registered version), or,
   * for built-ins, just {@code name}.
   *
   * @throws NotFoundException if no such type is registered, listing the registered ids
   * @throws ValidationException if the version asked for is not the registered one, or the reference is malformed
   */
  public TransformType<?> find(String ref) {
    Objects.requireNonNull(ref, "ref");
    var m = REF.matcher(ref);
    if (!m.matches()) {
      throw new ValidationException("step type '" + ref + "' is not of the form namespace.name@version (for example"
          + " acme.geohash@1; built-ins may omit the namespace: standard_scale)");
    }
    String id = m.group(1).contains(".") ? m.group(1) : BUILT_IN_NAMESPACE + "." + m.group(1);
    TransformType<?> t = types.get(id);
    if (t == null) {
      throw new NotFoundException("no preprocessing step type '" + id + "' is registered; "
          + (id.startsWith(BUILT_IN_NAMESPACE + ".") ? "the built-ins are " + builtIns()
              : "add the plugin jar that provides it to the class path (registered plugin ids: " + plugins() + ")"));
    }
    if (m.group(2) != null) {
      int asked = Integer.parseInt(m.group(2));
      if (asked != t.version() && !t.canRead(asked)) {
        throw new ValidationException("step type " + id + "@" + asked + " is asked for, but the registered "
            + origin(t) + " is version " + t.version() + " and cannot read version " + asked + "; "
            + (asked > t.version() ? "upgrade the plugin" : "refit the pipeline with the current version"));
      }
    }
    return t;
  }

  /** The registered types by id, sorted. */
  public Map<String, TransformType<?>> types() {
    return new TreeMap<>(types);
  }

  /** A version string for the jar a type was loaded from (its manifest's Implementation-Version), or "unknown". */
  static String versionOf(TransformType<?> t) {
    return dev.mlops.core.Provenance.jarVersion(t.getClass());
  }

  private static String checkId(TransformType<?> t) {
    String id = t.id();
    if (id == null || !ID.matcher(id).matches()) {
      throw new ValidationException(origin(t) + " has the id '" + id + "'; a step type id is namespace.name in lower"
          + " case letters, digits and '_' (for example acme.geohash)");
    }
    if (t.version() < 1) {
      throw new ValidationException(origin(t) + " has version " + t.version() + "; versions start at 1");
    }
    return id;
  }

  private static String origin(TransformType<?> t) {
    var src = t.getClass().getProtectionDomain().getCodeSource();
    return t.getClass().getName() + (src == null || src.getLocation() == null ? "" : " (from " + src.getLocation() + ")");
  }

  private String builtIns() {
    return String.join(", ", new TreeMap<>(types).keySet().stream()
        .filter(k -> k.startsWith(BUILT_IN_NAMESPACE + ".")).map(k -> k.substring(BUILT_IN_NAMESPACE.length() + 1)).toList());
  }

  private String plugins() {
    List<String> ids = new TreeMap<>(types).keySet().stream()
        .filter(k -> !k.startsWith(BUILT_IN_NAMESPACE + ".")).toList();
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  @Override
  public String toString() {
    return "TransformRegistry" + new TreeMap<>(types).keySet();
  }
}
