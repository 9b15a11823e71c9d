package dev.mlops.data;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@link JdbcSource#write} call: batched INSERTs in one transaction. Not API. */
final class JdbcWriter {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

  private final JdbcSource source;
  private final String table;
  private final FrameSource data;
  private final WriteOptions options;
  private final Dialect dialect;
  private boolean[] withoutZone;

  JdbcWriter(JdbcSource source, String table, FrameSource data, WriteOptions options) {
    this.source = source;
    this.table = table;
    this.data = java.util.Objects.requireNonNull(data, "data");
    this.options = java.util.Objects.requireNonNull(options, "options");
    this.dialect = source.dialect();
  }

  long run() {
    Schema schema = data.schema();
    String quotedTable = dialect.quoteQualified(table, "table name");
    List<String> columns = new ArrayList<>();
    for (Field f : schema.fields()) {
      columns.add(dialect.quote(f.name(), "column name"));
    }
    if (columns.isEmpty()) {
      throw new ValidationException("the data written to table '" + table + "' has no columns");
    }
    String insert = "INSERT INTO " + quotedTable + " (" + String.join(", ", columns) + ") VALUES ("
        + "?, ".repeat(columns.size() - 1) + "?)";
    Connection c = source.borrow();
    boolean created = false;
    long rows = 0;
    long batchStart = 0;
    try {
      c.setAutoCommit(false);
      Map<String, Boolean> zoned = columnsWithZone(c, quotedTable);
      if (zoned == null && options.createTable()) {
        try (Statement st = c.createStatement()) {
          st.execute(createTable(quotedTable, schema, columns));
        }
        created = true;
        zoned = Map.of();
      }
      withoutZone = new boolean[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        withoutZone[i] = zoned != null && Boolean.FALSE.equals(zoned.get(schema.field(i).name().toLowerCase(
            java.util.Locale.ROOT)));
      }
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        int inBatch = 0;
        while (data.hasNext()) {
          Frame f = data.next();
          checkSchema(f.schema(), schema);
          for (int r = 0; r < f.rowCount(); r++) {
            for (int col = 0; col < columns.size(); col++) {
              bind(ps, col + 1, f.column(col), r);
            }
            ps.addBatch();
            rows++;
            if (++inBatch == options.batchSize()) {
              ps.executeBatch();
              inBatch = 0;
              batchStart = rows;
            }
          }
        }
        if (inBatch > 0) {
          ps.executeBatch();
        }
      }
      c.commit();
      LOG.info("source {}: wrote {} rows to {}{}", source.name(), rows, table, created ? " (created)" : "");
      return rows;
    } catch (SQLException | RuntimeException e) {
      rollback(c, quotedTable, created);
      if (e instanceof RuntimeException r && !(e instanceof StorageException)) {
        throw r;
      }
      // the server's error, not the batch exception, whose message some drivers fill with the rows' values
      SQLException cause = e instanceof SQLException s ? (s.getNextException() != null ? s.getNextException() : s) : null;
      String why = cause != null ? cause.getMessage() : e.getMessage();
      throw new StorageException("source '" + source.name() + "': writing table '" + table + "' failed in the batch of "
          + "rows " + (batchStart + 1) + " to " + Math.max(rows, batchStart + 1) + ": " + why + "; nothing was written"
          + " (rolled back" + (created ? ", and the table this call created was dropped" : "") + ")",
          cause != null ? cause : e);
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        LOG.debug("resetting autocommit failed", e);
      }
      JdbcSource.closeAll(c);
    }
  }

  private void checkSchema(Schema got, Schema expected) {
    if (!got.names().equals(expected.names())) {
      throw new ValidationException("a batch written to table '" + table + "' has columns " + got.names()
          + " but the data's schema says " + expected.names());
    }
  }

  /**
   * The table's columns (lower case) and whether each TIMESTAMP column has a time zone, or null if the table does not
   * exist. An instant goes into a column without a zone as its UTC wall-clock time: drivers would otherwise write
   * it in the JVM's zone.
   */
  private Map<String, Boolean> columnsWithZone(Connection c, String quotedTable) {
    try (Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + quotedTable + " WHERE 1 = 0")) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      Map<String, Boolean> out = new java.util.HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String type = String.valueOf(md.getColumnTypeName(i)).toLowerCase(java.util.Locale.ROOT);
        boolean zone = md.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE || type.equals("timestamptz")
            || type.contains("with time zone");
        out.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), zone);
      }
      return out;
    } catch (SQLException e) {
      try {
        if (!c.getAutoCommit()) {
          c.rollback(); // PostgreSQL aborts the transaction on any error
        }
      } catch (SQLException ignored) {
        LOG.debug("rollback after the existence probe failed", ignored);
      }
      return null;
    }
  }

  private String createTable(String quotedTable, Schema schema, List<String> columns) {
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(quotedTable).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      Field f = schema.field(i);
      ddl.append(i == 0 ? "" : ", ").append(columns.get(i)).append(' ').append(dialect.ddlType(f.type()));
      if (!f.nullable()) {
        ddl.append(" NOT NULL");
      }
    }
    return ddl.append(')').toString();
  }

  private void bind(PreparedStatement ps, int at, Column column, int row) throws SQLException {
    if (column.isNull(row)) {
      ps.setNull(at, sqlType(column));
      return;
    }
    if (column instanceof DoubleColumn d) {
      ps.setDouble(at, d.getDouble(row));
    } else if (column instanceof LongColumn l) {
      ps.setLong(at, l.getLong(row));
    } else if (column instanceof BooleanColumn b) {
      ps.setBoolean(at, b.getBoolean(row));
    } else if (column instanceof StringColumn s) {
      ps.setString(at, s.getString(row));
    } else if (column instanceof TimestampColumn t) {
      if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL || withoutZone[at - 1]) {
        ps.setObject(at, LocalDateTime.ofInstant(t.getInstant(row), ZoneOffset.UTC)); // UTC wall-clock time
      } else {
        ps.setObject(at, OffsetDateTime.ofInstant(t.getInstant(row), ZoneOffset.UTC));
      }
    } else {
      throw new IllegalStateException("no binding for " + column.getClass());
    }
  }

  private static int sqlType(Column c) {
    switch (c.type()) {
      case DOUBLE:
        return Types.DOUBLE;
      case LONG:
        return Types.BIGINT;
      case BOOLEAN:
        return Types.BOOLEAN;
      case STRING:
        return Types.VARCHAR;
      default:
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }
  }

  private void rollback(Connection c, String quotedTable, boolean created) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.warn("source {}: rolling back the write to {} failed", source.name(), table, e);
    }
    if (created && dialect != Dialect.POSTGRESQL) { // only PostgreSQL rolls DDL back with the transaction
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE " + quotedTable);
      } catch (SQLException e) {
        LOG.warn("source {}: dropping table {} after a failed write failed", source.name(), table, e);
      }
    }
  }
}
