package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What produced an artifact, from which inputs (by content hash), with which parameters, library, JVM and
 * OS, when and by whom. Every artifact MLOps Commons writes carries one. Its {@link #toCanonicalJson()
 * canonical JSON} is stable, so the same provenance always has the same {@link #sha256()}.
 *
 * <pre>{@code
 * Provenance p = Provenance.builder("mlops-core csv-snapshot")
 *     .input(Provenance.Input.ofFile(Path.of("train.csv")))
 *     .param("delimiter", ",")
 *     .param("seed", 42)
 *     .codeCommit("3f2a9c1")
 *     .clock(clock)
 *     .build();
 * String json = p.toCanonicalJson();
 * Provenance same = Provenance.fromJson(json);   // equals p, same sha256()
 * }</pre>
 *
 * <h2>No secrets</h2>
 *
 * <p>Provenance is stored next to artifacts and shipped with them, so parameters and input URIs must never
 * carry credentials: pass connection details that identify data (host, database, table, query), not the
 * means to access it. As a safety net, the {@link Builder} rejects with a {@link ValidationException}
 * (which never echoes the value):
 * <ul>
 *   <li>a parameter key containing the word {@code password}, {@code passwd}, {@code pwd},
 *       {@code passphrase}, {@code secret(s)}, {@code credential(s)}, {@code apikey},
 *       {@code privatekey}, {@code secretkey}, {@code accesskey}, {@code authorization} or
 *       {@code bearer}; words are split at non-letters and camelCase humps, case-insensitively, so
 *       {@code dbPassword}, {@code DB_PASSWORD} and {@code client.secret} are all caught;
 *   <li>a key that is just {@code key} or {@code token}, or ends in the word {@code key} or {@code token}
 *       right after a qualifier such as {@code api}, {@code access}, {@code secret}, {@code private},
 *       {@code signing}, {@code client}, {@code auth}, {@code session}, {@code refresh}, {@code id},
 *       {@code aws}, {@code hf} or {@code github} ({@code api_key}, {@code accessToken},
 *       {@code hf_token}); ordinary ML names such as {@code sort_key}, {@code pad_token} or
 *       {@code max_tokens} are allowed;
 *   <li>a parameter value or input URI with an inline credential: {@code password=}, {@code secret=},
 *       {@code api_key=} and similar assignments, or user info with a password
 *       ({@code scheme://user:pass@host}).
 * </ul>
 * This is a net, not a guarantee: a name it does not know passes. The rule is applied when provenance is
 * built, not when it is read, so provenance written earlier always loads.
 *
 * <p>Stability: stable.
 *
 * @param producer what produced the artifact, e.g. {@code "mlops-core csv-snapshot"} or a service name
 * @param producerVersion the producer's own version, or {@code null}
 * @param inputs what it was produced from, by content hash
 * @param params the parameters that shaped it, sorted by key; never credentials
 * @param libraryVersion the version of MLOps Commons that wrote it
 * @param jvm the Java runtime
 * @param os the operating system
 * @param createdAt when, from the builder's clock
 * @param user who: an explicit name or the OS user
 * @param codeCommit the source revision of the producer, or {@code null}
 */
public record Provenance(
    String producer,
    String producerVersion,
    List<Input> inputs,
    Map<String, String> params,
    String libraryVersion,
    Jvm jvm,
    Os os,
    Instant createdAt,
    String user,
    String codeCommit) {

  private static final String LIBRARY_VERSION = readLibraryVersion();

  /** Checks the structure; prefer {@link #builder(String)}, which also captures the environment. */
  public Provenance {
    producer = requireText(producer, "producer");
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    Set<String> names = new HashSet<>();
    for (Input input : inputs) {
      if (!names.add(Objects.requireNonNull(input, "input").name())) {
        throw new ValidationException("provenance lists input '" + input.name()
            + "' twice; give each input a distinct name");
      }
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    Objects.requireNonNull(params, "params").forEach((k, v) -> {
      requireText(k, "parameter name");
      sorted.put(k, Objects.requireNonNull(v, () -> "value of parameter '" + k + "'"));
    });
    params = Collections.unmodifiableSortedMap(sorted);
    libraryVersion = requireText(libraryVersion, "libraryVersion");
    Objects.requireNonNull(jvm, "jvm");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(createdAt, "createdAt");
    user = requireText(user, "user");
  }

  /**
   * A builder for the provenance of something {@code producer} makes; the JVM, OS, library version,
   * time and user are captured when {@link Builder#build()} is called.
   *
   * <pre>{@code
   * Provenance p = Provenance.builder("churn-trainer").producerVersion("2.3.0").build();
   * }</pre>
   */
  public static Builder builder(String producer) {
    return new Builder(requireText(producer, "producer"));
  }

  /**
   * Reads provenance from its JSON.
   *
   * <pre>{@code
   * Provenance p = Provenance.fromJson(Files.readString(dir.resolve("provenance.json")));
   * }</pre>
   *
   * @throws ValidationException if the JSON is malformed or not a provenance; the message says where
   */
  public static Provenance fromJson(String json) {
    return Json.parse(json, Provenance.class, "provenance JSON");
  }

  /**
   * Reads provenance from its UTF-8 JSON bytes; see {@link #fromJson(String)}.
   *
   * <pre>{@code
   * Provenance p = Provenance.fromJson(Files.readAllBytes(file));
   * }</pre>
   */
  public static Provenance fromJson(byte[] json) {
    return Json.parse(json, Provenance.class, "provenance JSON");
  }

  /**
   * The version of MLOps Commons on the class path, from the jar's build (also in tests), or
   * {@code "unknown"} if it cannot be found.
   *
   * <pre>{@code
   * Provenance.currentLibraryVersion();   // "0.1.0-SNAPSHOT"
   * }</pre>
   */
  public static String currentLibraryVersion() {
    return LIBRARY_VERSION;
  }

  /**
   * The version of the jar {@code type} was loaded from (its manifest's {@code Implementation-Version}), or
   * {@code "unknown"} (classes run from a build directory have no manifest): how plugin and framework versions are
   * recorded.
   *
   * <pre>{@code
   * Provenance.jarVersion(org.tribuo.Model.class);   // "4.3.2"
   * }</pre>
   */
  public static String jarVersion(Class<?> type) {
    Package p = type.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null || v.isBlank() ? "unknown" : v;
  }

  /**
   * The {@link Json canonical JSON}: the same text for the same content.
   *
   * <pre>{@code
   * Files.writeString(dir.resolve("provenance.json"), p.toCanonicalJson());
   * }</pre>
   */
  public String toCanonicalJson() {
    return Json.toCanonicalJson(this);
  }

  /**
   * The SHA-256 of the canonical JSON: equal provenance, equal digest.
   *
   * <pre>{@code
   * String id = p.sha256();
   * }</pre>
   */
  public String sha256() {
    return Json.sha256Of(this);
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new ValidationException("provenance " + what + " is " + (value == null ? "missing" : "blank")
          + "; expected a non-blank string");
    }
    return value;
  }

  private static String readLibraryVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "unknown" : v;
  }

  /**
   * One input of an artifact, identified by content.
   *
   * <pre>{@code
   * Provenance.Input.of("train.csv", "9f86d081...", 1_048_576);
   * Provenance.Input.ofFile(Path.of("train.csv"));   // hashes the file
   * }</pre>
   *
   * <p>Stability: stable.
   *
   * @param name a name unique within the provenance, e.g. a file name or snapshot id
   * @param sha256 the lower-case hex SHA-256 of its content
   * @param size its size in bytes, or {@code null} if unknown
   * @param uri where it was read from, or {@code null}; never with credentials in it
   */
  public record Input(String name, String sha256, Long size, String uri) {

    /** Checks the fields; a size is never negative and the digest is 64 lower-case hex characters. */
    public Input {
      name = requireText(name, "input name");
      Sha256.requireDigest(sha256, "input '" + name + "'");
      if (size != null && size < 0) {
        throw new ValidationException("input '" + name + "' has size " + size + "; expected 0 or more bytes");
      }
    }

    /** An input known by name and digest. */
    public static Input of(String name, String sha256) {
      return new Input(name, sha256, null, null);
    }

    /** An input known by name, digest and size. */
    public static Input of(String name, String sha256, long size) {
      return new Input(name, sha256, size, null);
    }

    /** An input known by name, digest, size and location ({@code uri} may be {@code null}). */
    public static Input of(String name, String sha256, long size, String uri) {
      return new Input(name, sha256, size, uri);
    }

    /**
     * The file at {@code file}, hashed now: named by its file name, with its size and {@code file:} URI.
     *
     * @throws StorageException if the file cannot be read
     */
    public static Input ofFile(Path file) {
      try (HashingInputStream in = HashingInputStream.of(Files.newInputStream(file))) {
        in.transferTo(OutputStream.nullOutputStream());
        Path name = file.getFileName();
        return new Input(name == null ? file.toString() : name.toString(), in.sha256(), in.byteCount(),
            file.toUri().toString());
      } catch (IOException | UncheckedIOException e) {
        throw new StorageException("cannot read input " + file + " to hash it: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The Java runtime that produced an artifact.
   *
   * <p>Stability: stable.
   *
   * @param vendor {@code java.vendor}, e.g. "Eclipse Adoptium"
   * @param version {@code java.version}, e.g. "17.0.15"
   */
  public record Jvm(String vendor, String version) {
    /** Both are required. */
    public Jvm {
      vendor = requireText(vendor, "jvm.vendor");
      version = requireText(version, "jvm.version");
    }

    /** This JVM. */
    public static Jvm current() {
      return new Jvm(System.getProperty("java.vendor", "unknown"), System.getProperty("java.version", "unknown"));
    }
  }

  /**
   * The operating system that produced an artifact.
   *
   * <p>Stability: stable.
   *
   * @param name {@code os.name}, e.g. "Linux"
   * @param version {@code os.version}
   * @param arch {@code os.arch}, e.g. "amd64"
   */
  public record Os(String name, String version, String arch) {
    /** All are required. */
    public Os {
      name = requireText(name, "os.name");
      version = requireText(version, "os.version");
      arch = requireText(arch, "os.arch");
    }

    /** This operating system. */
    public static Os current() {
      return new Os(System.getProperty("os.name", "unknown"), System.getProperty("os.version", "unknown"),
          System.getProperty("os.arch", "unknown"));
    }
  }

  /**
   * Collects what a {@link Provenance} records; {@link #build()} adds the environment. Each option may be
   * set once (a second call is an error naming both values), each parameter and input name once.
   *
   * <pre>{@code
   * Provenance p = Provenance.builder("mlops-data snapshot")
   *     .input("orders", ordersSha256)
   *     .param("sql", "select * from orders where day = ?")
   *     .param("limit", 1000)
   *     .user("etl-service")
   *     .clock(Clock.systemUTC())
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe. Stability: stable.
   */
  public static final class Builder {
    private final String producer;
    private final List<Input> inputs = new ArrayList<>();
    private final TreeMap<String, String> params = new TreeMap<>();
    private String producerVersion;
    private String codeCommit;
    private String user;
    private Clock clock;

    private Builder(String producer) {
      this.producer = producer;
    }

    /** The producer's own version, e.g. {@code "2.3.0"}. */
    public Builder producerVersion(String version) {
      producerVersion = once("producerVersion", producerVersion, requireText(version, "producerVersion"));
      return this;
    }

    /** Adds an input; its name must be new and its URI free of credentials. */
    public Builder input(Input input) {
      Objects.requireNonNull(input, "input");
      for (Input before : inputs) {
        if (before.name().equals(input.name())) {
          throw new ValidationException("input '" + input.name() + "' added twice (sha256 " + before.sha256()
              + " and " + input.sha256() + "); give each input a distinct name");
        }
      }
      if (input.uri() != null && SecretNames.hasInlineCredentials(input.uri())) {
        throw new ValidationException("the URI of input '" + input.name() + "' carries a credential (user info "
            + "or a password/secret/key assignment); record the location without it");
      }
      inputs.add(input);
      return this;
    }

    /** Adds an input known by name and SHA-256. */
    public Builder input(String name, String sha256) {
      return input(Input.of(name, sha256));
    }

    /**
     * Adds a parameter. Never a credential: keys that look like one, and values that carry one inline,
     * are rejected (see {@link Provenance}); the message never repeats the value.
     */
    public Builder param(String key, String value) {
      requireText(key, "parameter name");
      Objects.requireNonNull(value, () -> "value of parameter '" + key + "'");
      if (SecretNames.looksLikeSecret(key)) {
        throw new ValidationException("parameter '" + key + "' looks like a credential; provenance is shipped "
            + "with artifacts and must never hold secrets: leave it out, or rename it if it is not a secret");
      }
      if (SecretNames.hasInlineCredentials(value)) {
        throw new ValidationException("the value of parameter '" + key + "' carries a credential (user info or "
            + "a password/secret/key assignment); record it without the credential");
      }
      String before = params.putIfAbsent(key, value);
      if (before != null) {
        throw new ValidationException("parameter '" + key + "' set twice ('" + before + "' and '" + value
            + "'); set it once");
      }
      return this;
    }

    /** Adds an integer parameter, written in plain digits. */
    public Builder param(String key, long value) {
      return param(key, Long.toString(value));
    }

    /** Adds a floating-point parameter, written as in canonical JSON ({@code 1.0 -> "1"}, {@code 0.1 -> "0.1"}). */
    public Builder param(String key, double value) {
      return param(key, Json.toCanonicalJson(value));
    }

    /** Adds every entry of {@code params}, as {@link #param(String, String)} does. */
    public Builder params(Map<String, String> params) {
      new TreeMap<>(params).forEach(this::param);
      return this;
    }

    /** The source revision of the producer, e.g. a git commit id. */
    public Builder codeCommit(String commit) {
      codeCommit = once("codeCommit", codeCommit, requireText(commit, "codeCommit"));
      return this;
    }

    /** Who produced it; defaults to the OS user ({@code user.name}). */
    public Builder user(String user) {
      this.user = once("user", this.user, requireText(user, "user"));
      return this;
    }

    /** The clock {@code createdAt} is read from; defaults to {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = once("clock", this.clock, Objects.requireNonNull(clock, "clock"));
      return this;
    }

    /** The provenance, with the library version, JVM, OS, time and user captured now. */
    public Provenance build() {
      Clock c = clock == null ? Clock.systemUTC() : clock;
      String u = user == null ? System.getProperty("user.name", "unknown") : user;
      return new Provenance(producer, producerVersion, inputs, params, LIBRARY_VERSION, Jvm.current(),
          Os.current(), c.instant(), u, codeCommit);
    }

    private static <T> T once(String option, T before, T value) {
      if (before != null) {
        throw new ValidationException("provenance option " + option + " set twice (" + before + " and " + value
            + "); set it once");
      }
      return value;
    }
  }
}
