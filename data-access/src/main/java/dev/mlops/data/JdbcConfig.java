package dev.mlops.data;

import dev.mlops.core.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The typed configuration of one named JDBC source: where it is, who connects, how large its pool is, its
 * timeouts, and which columns hold personal data. Immutable; made by {@link #builder(String)} or read from a
 * YAML or JSON file that names several sources ({@link #loadAll(Path)}).
 *
 * <pre>{@code
 * JdbcConfig warehouse = JdbcConfig.builder("warehouse")
 *     .url("jdbc:postgresql://db.internal:5432/sales")
 *     .user("trainer")
 *     .password(Secret.env("WAREHOUSE_PASSWORD"))
 *     .poolSize(4)
 *     .queryTimeout(Duration.ofMinutes(10))
 *     .pii("customers", "email", "phone")
 *     .build();
 * }</pre>
 *
 * <p>The file form ({@code sources.yaml}; JSON works too, keys as below; durations as {@code 250ms}, {@code 5s},
 * {@code 10m}, {@code 1h} or ISO-8601 {@code PT5S}):
 * <pre>
 * sources:
 *   warehouse:
 *     url: jdbc:postgresql://db.internal:5432/sales
 *     user: trainer
 *     password: ${env:WAREHOUSE_PASSWORD}     # or ${file:/run/secrets/warehouse}
 *     poolSize: 4
 *     connectionTimeout: 10s
 *     queryTimeout: 10m
 *     readOnly: true
 *     batchRows: 10000
 *     auditUser: training-service
 *     purpose: churn model training
 *     properties: { ApplicationName: trainer }
 *     pii: { customers: [email, phone], "crm.contacts": [name] }
 * </pre>
 *
 * <p>The password never appears in {@link #toString()} (only where it comes from), in logs, exceptions,
 * provenance or audit records. A password inside the URL is refused, since URLs are shown in messages.
 *
 * @param name the source's name, recorded in provenance and audit entries (letters, digits, {@code . _ -})
 * @param url the JDBC URL, without credentials
 * @param user the user to connect as, or {@code null} for the driver's default
 * @param password the password, or {@code null} for none
 * @param poolSize the most connections the pool opens (1 to 1000; default 4)
 * @param connectionTimeout how long a caller waits for a connection (at least 250 ms; default 10 s)
 * @param queryTimeout the longest a query may run, or {@link Duration#ZERO} for no limit (the default)
 * @param readOnly whether connections are read-only (default {@code true}: governed sources are for reading;
 *     {@link JdbcSource#write} needs {@code false})
 * @param batchRows rows per Frame batch a query returns (default 10,000)
 * @param auditUser who reads, as audit entries record it; {@code null} for the OS user
 * @param purpose the purpose recorded for reads that give none, or {@code null}
 * @param properties driver properties (never credentials), sorted
 * @param pii per table (as {@code table} or {@code schema.table}, lower case), the columns that hold personal data
 *     (lower case); query results tag them {@code pii}
 *
 * <p>Stability: experimental.
 */
public record JdbcConfig(
    String name,
    String url,
    String user,
    Secret password,
    int poolSize,
    Duration connectionTimeout,
    Duration queryTimeout,
    boolean readOnly,
    int batchRows,
    String auditUser,
    String purpose,
    Map<String, String> properties,
    Map<String, Set<String>> pii) {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** A parameter whose name holds password, passwd, pwd or secret ({@code ?password=}, {@code ;sslpassword=}). */
  private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|passwd|pwd|secret)[a-z0-9_.-]*\\s*=");
  /** A password in the authority: {@code //user:password@host}. */
  private static final Pattern URL_USERINFO = Pattern.compile("//[^/?#@\\s]*:[^/?#@\\s]*@");

  /** Checks every field; prefer {@link #builder(String)}. */
  public JdbcConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ValidationException("source name '" + name + "' is not valid; use 1-128 letters, digits, '.', '_' or "
          + "'-', starting with a letter or digit");
    }
    // the password check comes first: the not-a-JDBC-URL message shows the URL
    if (url != null && (URL_SECRET.matcher(url).find() || URL_USERINFO.matcher(url).find())) {
      throw new ValidationException("source '" + name + "': the url carries a password; URLs are shown in messages "
          + "and logs, so give the password as 'password' (a secret reference such as ${env:NAME}) instead");
    }
    if (url == null || !url.startsWith("jdbc:")) {
      throw new ValidationException("source '" + name + "': url '" + url + "' is not a JDBC URL; it starts with "
          + "'jdbc:', e.g. jdbc:postgresql://host:5432/db");
    }
    if (poolSize < 1 || poolSize > 1000) {
      throw new ValidationException("source '" + name + "': poolSize is " + poolSize + "; it must be 1 to 1000");
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (connectionTimeout.toMillis() < 250) {
      throw new ValidationException("source '" + name + "': connectionTimeout is " + connectionTimeout.toMillis()
          + " ms; it cannot be less than 250 ms");
    }
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.isNegative() || (!queryTimeout.isZero() && queryTimeout.toMillis() < 1000)) {
      throw new ValidationException("source '" + name + "': queryTimeout is " + queryTimeout + "; it is zero (no "
          + "limit) or at least one second (JDBC counts it in seconds)");
    }
    if (batchRows < 1 || batchRows > 10_000_000) {
      throw new ValidationException("source '" + name + "': batchRows is " + batchRows + "; it must be 1 to 10,000,000");
    }
    TreeMap<String, String> props = new TreeMap<>(properties == null ? Map.of() : properties);
    for (String key : props.keySet()) {
      String k = key.toLowerCase(Locale.ROOT);
      if (k.contains("password") || k.contains("passwd") || k.contains("pwd") || k.contains("secret")
          || k.equals("user")) {
        throw new ValidationException("source '" + name + "': driver property '" + key + "' carries credentials; "
            + "use 'user' and 'password' (a secret reference) instead");
      }
    }
    properties = Collections.unmodifiableSortedMap(props);
    TreeMap<String, Set<String>> tagged = new TreeMap<>();
    (pii == null ? Map.<String, Set<String>>of() : pii).forEach((table, columns) -> {
      // merged: "Customers" and "customers" name one table, and neither's columns may be lost
      Set<String> cols = tagged.computeIfAbsent(table.toLowerCase(Locale.ROOT), t -> new TreeSet<>());
      for (String c : columns) {
        cols.add(c.toLowerCase(Locale.ROOT));
      }
    });
    tagged.replaceAll((table, cols) -> Collections.unmodifiableSet(cols));
    pii = Collections.unmodifiableSortedMap(tagged);
  }

  /** A builder for the source {@code name}; {@link Builder#url} is required. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Every source in a YAML or JSON file, by name, in file order.
   *
   * <pre>{@code
   * Map<String, JdbcConfig> sources = JdbcConfig.loadAll(Path.of("sources.yaml"));
   * }</pre>
   *
   * @throws ValidationException naming the file, the source and the key for anything malformed, unknown or named
   *     twice (never showing a password)
   */
  public static Map<String, JdbcConfig> loadAll(Path file) {
    return JdbcConfigFiles.loadAll(file, System::getenv);
  }

  /**
   * The source {@code name} from a YAML or JSON file.
   *
   * @throws dev.mlops.core.NotFoundException naming the sources the file has, if it has no such source
   */
  public static JdbcConfig load(Path file, String name) {
    return JdbcConfigFiles.load(file, name, System::getenv);
  }

  /** A builder starting from this config, to change a field or two. */
  public Builder toBuilder() {
    Builder b = new Builder(name).url(url).user(user).poolSize(poolSize).connectionTimeout(connectionTimeout)
        .queryTimeout(queryTimeout).readOnly(readOnly).batchRows(batchRows).auditUser(auditUser).purpose(purpose);
    b.password = password;
    b.properties.putAll(properties);
    pii.forEach((t, cols) -> b.pii.put(t, new TreeSet<>(cols)));
    return b;
  }

  /** The columns of {@code table} tagged {@code pii} (lower case), looked up as given and without its schema. */
  Set<String> piiColumns(String schema, String table) {
    if (table == null || table.isEmpty()) {
      return Set.of();
    }
    String t = table.toLowerCase(Locale.ROOT);
    Set<String> out = new TreeSet<>(pii.getOrDefault(t, Set.of()));
    if (schema != null && !schema.isEmpty()) {
      out.addAll(pii.getOrDefault(schema.toLowerCase(Locale.ROOT) + "." + t, Set.of()));
    }
    return out;
  }

  /** Every field except the password's value (its source is shown). */
  @Override
  public String toString() {
    return "JdbcConfig[" + name + " " + url + (user == null ? "" : " user=" + user)
        + (password == null ? "" : " password=" + password) + " poolSize=" + poolSize + " connectionTimeout="
        + connectionTimeout + " queryTimeout=" + queryTimeout + " readOnly=" + readOnly + " batchRows=" + batchRows
        + (pii.isEmpty() ? "" : " pii=" + pii) + "]";
  }

  /**
   * Builds a {@link JdbcConfig}. Every setter checks its value when {@link #build()} runs.
   *
   * <p>Stability: experimental.
   */
  public static final class Builder {
    private final String name;
    private String url;
    private String user;
    private Secret password;
    private int poolSize = 4;
    private Duration connectionTimeout = Duration.ofSeconds(10);
    private Duration queryTimeout = Duration.ZERO;
    private boolean readOnly = true;
    private int batchRows = 10_000;
    private String auditUser;
    private String purpose;
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, Set<String>> pii = new TreeMap<>();

    private Builder(String name) {
      this.name = name;
    }

    /** The JDBC URL, without credentials. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** The user to connect as. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The password, by reference ({@link Secret#env}, {@link Secret#file}) or literal. */
    public Builder password(Secret password) {
      this.password = password;
      return this;
    }

    /** The most connections the pool opens (default 4). */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** How long a caller waits for a connection before failing (default 10 s, at least 250 ms). */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = timeout;
      return this;
    }

    /** The longest a query may run; {@link Duration#ZERO} for no limit (the default). */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = timeout;
      return this;
    }

    /** Whether connections are read-only (default true). */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** Rows per Frame batch (default 10,000). */
    public Builder batchRows(int rows) {
      this.batchRows = rows;
      return this;
    }

    /** Who reads, as the audit log records it (default: the OS user). */
    public Builder auditUser(String user) {
      this.auditUser = user;
      return this;
    }

    /** The purpose recorded for reads that name none. */
    public Builder purpose(String purpose) {
      this.purpose = purpose;
      return this;
    }

    /** A driver property (not a credential), e.g. {@code ApplicationName}. */
    public Builder property(String key, String value) {
      properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Tags {@code columns} of {@code table} ({@code table} or {@code schema.table}) as personal data. */
    public Builder pii(String table, String... columns) {
      if (table == null || table.isBlank() || columns.length == 0) {
        throw new ValidationException("pii(table, columns...) needs a table name and at least one column");
      }
      pii.computeIfAbsent(table, t -> new TreeSet<>()).addAll(java.util.List.of(columns));
      return this;
    }

    /** The config. */
    public JdbcConfig build() {
      return new JdbcConfig(name, url, user, password, poolSize, connectionTimeout, queryTimeout, readOnly, batchRows,
          auditUser, purpose, properties, pii);
    }
  }
}
