package dev.mlops.data;

import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential, by reference where possible: an environment variable, a file (a Kubernetes or Docker secret),
 * or a literal. The value is read when a connection needs it, never kept in config objects' {@code toString},
 * exceptions, logs, provenance or audit records: {@link #toString()} shows only where it comes from.
 *
 * <pre>{@code
 * Secret.env("PGPASSWORD")                 // read from the environment when the pool connects
 * Secret.file(Path.of("/run/secrets/pg"))  // the file's content, without a trailing newline
 * Secret.parse("${env:PGPASSWORD}")        // the same, as written in a config file
 * Secret.literal("s3cret")                 // for tests and notebooks
 * }</pre>
 *
 * <p>Stability: experimental.
 */
public final class Secret {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private final String kind;
  private final String where;
  private final String literal;
  private final Function<String, String> environment;

  private Secret(String kind, String where, String literal, Function<String, String> environment) {
    this.kind = kind;
    this.where = where;
    this.literal = literal;
    this.environment = environment;
  }

  /** The value of environment variable {@code name}, read when needed. */
  public static Secret env(String name) {
    return env(name, System::getenv);
  }

  /** As {@link #env(String)}, from the given environment (for tests). */
  static Secret env(String name, Function<String, String> environment) {
    if (name == null || name.isBlank()) {
      throw new ValidationException("a secret's environment variable name is empty; name the variable, e.g. "
          + "Secret.env(\"PGPASSWORD\")");
    }
    return new Secret("env", name, null, Objects.requireNonNull(environment, "environment"));
  }

  /** The content of {@code file} (UTF-8, one trailing line break removed), read when needed. */
  public static Secret file(Path file) {
    Objects.requireNonNull(file, "file");
    return new Secret("file", file.toAbsolutePath().normalize().toString(), null, null);
  }

  /** A value given directly; prefer {@link #env} or {@link #file} outside tests and notebooks. */
  public static Secret literal(String value) {
    return new Secret("literal", null, Objects.requireNonNull(value, "value"), null);
  }

  /**
   * Parses a config value: {@code ${env:NAME}}, {@code ${file:/path}}, or anything else as a literal
   * (surrounding blanks are ignored for references only; any other text starting with <code>${</code> is refused).
   *
   * <pre>{@code
   * Secret s = Secret.parse("${file:/run/secrets/warehouse-password}");
   * }</pre>
   */
  public static Secret parse(String text) {
    return parse(text, System::getenv);
  }

  static Secret parse(String text, Function<String, String> environment) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    Matcher m = REFERENCE.matcher(t);
    if (m.matches()) {
      return m.group(1).equals("env") ? env(m.group(2), environment) : file(Path.of(m.group(2)));
    }
    if (t.startsWith("${")) {
      // not echoed: it may be a literal password that happens to start with "${"
      throw new ValidationException("the secret starts with '${' but is neither ${env:NAME} nor ${file:/path}, the "
          + "references we read; fix the reference, or give a password that starts with '${' through an environment "
          + "variable or a file");
    }
    return literal(text);
  }

  /** Whether the value is written in the config itself rather than referenced. */
  public boolean isLiteral() {
    return literal != null;
  }

  /**
   * The value. Package-private: only connection code reads it.
   *
   * @throws ValidationException naming the variable or file if it is not set or cannot be read
   */
  String reveal() {
    switch (kind) {
      case "literal":
        return literal;
      case "env": {
        String v = environment.apply(where);
        if (v == null) {
          throw new ValidationException("environment variable " + where + " is not set; it holds a password this "
              + "source needs: export it, or reference a file with ${file:/path}");
        }
        return v;
      }
      default:
        try {
          String v = Files.readString(Path.of(where), StandardCharsets.UTF_8);
          return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
        } catch (NoSuchFileException e) {
          throw new ValidationException("secret file " + where + " does not exist; create it or fix the path", e);
        } catch (IOException e) {
          throw new StorageException("cannot read secret file " + where + ": " + e.getClass().getSimpleName(), e);
        }
    }
  }

  /** Where the value comes from, never the value: {@code env:PGPASSWORD}, {@code file:/run/...}, {@code literal}. */
  @Override
  public String toString() {
    return "Secret[" + (literal != null ? "literal, hidden" : kind + ":" + where) + "]";
  }

  /** Equal when they name the same place (literals: the same value). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && kind.equals(s.kind) && Objects.equals(where, s.where)
        && Objects.equals(literal, s.literal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, where, literal);
  }
}
