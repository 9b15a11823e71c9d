package dev.mlops.data;

import dev.mlops.core.ColumnType;
import dev.mlops.core.ValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * What differs between the databases we support: how to make a driver stream a result instead of buffering it,
 * the DDL types for our column types, identifier quoting, session set-up. Not API.
 */
enum Dialect {
  /**
   * pgjdbc buffers the whole result unless autocommit is off and a fetch size is set: then it reads through a
   * portal, {@code fetchSize} rows per round trip. Sessions run in UTC, so that a timestamp without time zone and an
   * instant compare and convert the same whatever the JVM's zone.
   */
  POSTGRESQL("PostgreSQL", '"', "SET TIME ZONE 'UTC'", "org.postgresql:postgresql"),
  /**
   * MariaDB Connector/J 3 streams when a fetch size is set ({@code fetchSize} rows at a time); the session runs in
   * UTC so that TIMESTAMP values arrive as UTC.
   */
  MARIADB("MariaDB", '`', "SET time_zone = '+00:00'", "org.mariadb.jdbc:mariadb-java-client"),
  /** MySQL Connector/J streams row by row with a fetch size of {@link Integer#MIN_VALUE}; the session runs in UTC. */
  MYSQL("MySQL", '`', "SET time_zone = '+00:00'", "com.mysql:mysql-connector-j"),
  /**
   * H2 computes a result in full before returning it unless the session has LAZY_QUERY_EXECUTION on (then it
   * produces rows as they are read; results it cannot produce lazily are spilled to disk past MAX_MEMORY_ROWS), set
   * before each query; sessions run in UTC.
   */
  H2("H2", '"', "SET TIME ZONE 'UTC'", "com.h2database:h2"),
  /** Any other driver: autocommit off and a fetch size, the JDBC way to ask for streaming; not verified. */
  OTHER("JDBC", '"', null, null);

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  final String product;
  private final char quote;
  final String initSql;
  /** The Maven coordinates of the driver, for the error when it is missing. */
  final String driverArtifact;

  Dialect(String product, char quote, String initSql, String driverArtifact) {
    this.product = product;
    this.quote = quote;
    this.initSql = initSql;
    this.driverArtifact = driverArtifact;
  }

  static Dialect of(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mariadb:")) {
      return MARIADB;
    }
    if (url.startsWith("jdbc:mysql:")) {
      return MYSQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    return OTHER;
  }

  /** Sets the connection up to stream a result of {@code batchRows}-row batches; see each constant. */
  void prepareForStreaming(Connection c) throws SQLException {
    if (this == POSTGRESQL || this == OTHER) {
      c.setAutoCommit(false);
    } else if (this == H2) {
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("SET LAZY_QUERY_EXECUTION TRUE");
      }
    }
  }

  int fetchSize(int batchRows) {
    return this == MYSQL ? Integer.MIN_VALUE : Math.min(batchRows, 50_000);
  }

  /** Whether closing a result before its end makes the driver read the rest (so we cancel the statement first). */
  boolean drainsOnClose() {
    return this == MARIADB || this == MYSQL;
  }

  /** The DDL type of a column of {@code type}. */
  String ddlType(ColumnType type) {
    switch (type) {
      case DOUBLE:
        return this == MARIADB || this == MYSQL ? "DOUBLE" : "DOUBLE PRECISION";
      case LONG:
        return "BIGINT";
      case BOOLEAN:
        return "BOOLEAN";
      case STRING:
        return this == MARIADB || this == MYSQL ? "TEXT" : this == POSTGRESQL ? "TEXT" : "VARCHAR";
      case TIMESTAMP:
        return this == MARIADB || this == MYSQL ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
      default:
        throw new IllegalStateException("no DDL type for " + type);
    }
  }

  /** {@code name} (or {@code schema.name}) checked and quoted. */
  String quoteQualified(String name, String what) {
    if (name == null) {
      return quote(null, what);
    }
    String[] parts = name.split("\\.", -1);
    if (parts.length > 2) {
      throw new ValidationException(what + " '" + name + "' has more than one '.'; write NAME or SCHEMA.NAME");
    }
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      out.append(out.length() == 0 ? "" : ".").append(quote(p, what));
    }
    return out.toString();
  }

  /** {@code identifier} checked (letters, digits, {@code _ $}, at most 63) and quoted. */
  String quote(String identifier, String what) {
    if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
      throw new ValidationException(what + " '" + identifier + "' is not a plain SQL identifier; use letters, digits, "
          + "'_' or '$' (at most 63, not starting with a digit)" + (what.startsWith("column") ? ", or rename the "
          + "column first" : ""));
    }
    return quote + identifier + quote;
  }
}
