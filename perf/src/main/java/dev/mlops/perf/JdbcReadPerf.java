package dev.mlops.perf;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.data.JdbcConfig;
import dev.mlops.data.JdbcSource;
import dev.mlops.data.Query;
import dev.mlops.data.QueryStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code perf/run jdbc-read URL TABLE [BATCH_ROWS]} and {@code perf/run jdbc-raw URL TABLE [FETCH_SIZE]}: a whole
 * table ({@code SELECT * FROM TABLE}) read through {@link JdbcSource} into Frames, and the same rows read by the
 * plainest fast ResultSet loop the driver allows (the limit a Frame reader is held to). Each prints one JSON line
 * {@code {"impl", "rows", "read_s", "heap_peak_mb"}}. Not published.
 *
 * <p>Both read every value: ours counts rows and folds every cell of every batch into a checksum (so no column is
 * skipped); raw calls {@code getLong}/{@code getDouble} with {@code wasNull}, or {@code getString}, on every cell.
 * {@code read_s} is the best of 3 after 2 warm-up reads in the same JVM, over one pool (ours) or one connection
 * (raw) opened before the warm-up. {@code heap_peak_mb} is the largest, over the timed reads, of the sum over the
 * heap memory pools of their peak use during that read (reset after a {@code System.gc()} just before it); it
 * includes garbage not yet collected, so it is an upper bound on what one read needs, not its live data.
 * {@code client_cpu_s} is the least CPU time the reading thread took over the timed reads (the database server's
 * work is not in it), {@code allocated_mb} the least it allocated in one read.
 *
 * <p>The URL may carry {@code user=NAME} (as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); no
 * password. Raw on PostgreSQL: a prepared statement with {@code prepareThreshold=-1} (binary transfer from the
 * first execution), autocommit off and a fetch size, as pgjdbc streams; on MariaDB: a fetch size (Connector/J 3
 * streams then) on a server-side prepared statement, so values come in the binary protocol.
 */
final class JdbcReadPerf {
  private static final int WARM_UP = 2;
  private static final int TIMED = 3;
  private static final int DEFAULT_ROWS = 10_000;

  private JdbcReadPerf() {}

  /** jdbc-read URL TABLE [BATCH_ROWS]. */
  static String read(String[] args) {
    Target t = Target.of("jdbc-read", args);
    JdbcConfig.Builder config = JdbcConfig.builder("perf").url(t.url).user(t.user).poolSize(1)
        .batchRows(t.size);
    // -Dperf.jdbc.path=resultset: the same read through the ResultSet (a bound parameter keeps it off the COPY)
    boolean resultSet = "resultset".equals(System.getProperty("perf.jdbc.path"));
    try (JdbcSource source = JdbcSource.open(config.build())) {
      Query q = resultSet ? Query.of("SELECT * FROM " + t.table + " WHERE 1 = ?", 1) : Query.of("SELECT * FROM "
          + t.table);
      return measure("mlops-commons " + version() + " JdbcSource (" + source.product() + (resultSet ? ", ResultSet path"
          : "") + ", batch " + t.size + ")", () -> readOurs(source, q));
    }
  }

  /** jdbc-raw URL TABLE [FETCH_SIZE]. */
  static String raw(String[] args) {
    Target t = Target.of("jdbc-raw", args);
    Properties props = new Properties();
    if (t.user != null) {
      props.setProperty("user", t.user);
    }
    boolean postgres = t.url.startsWith("jdbc:postgresql:");
    boolean mariadb = t.url.startsWith("jdbc:mariadb:");
    if (postgres) {
      props.setProperty("prepareThreshold", "-1"); // binary transfer from the first execution
    } else if (mariadb) {
      props.setProperty("useServerPrepStmts", System.getProperty("perf.mariadb.serverPrep", "true"));
    }
    try (Connection c = DriverManager.getConnection(t.url, props)) {
      if (postgres) {
        c.setAutoCommit(false); // pgjdbc reads the whole result into memory unless autocommit is off
      }
      DatabaseMetaData md = c.getMetaData();
      String impl = md.getDriverName() + " " + md.getDriverVersion() + " raw ResultSet loop ("
          + (postgres ? "binary transfer, " : mariadb && Boolean.parseBoolean(props.getProperty("useServerPrepStmts"))
              ? "server-prepared, binary protocol, " : "") + "fetch " + t.size + ")";
      String sql = "SELECT * FROM " + t.table;
      return measure(impl, () -> readRaw(c, sql, t.size));
    } catch (SQLException e) {
      throw new IllegalStateException("jdbc-raw: " + t.url + ": " + e.getMessage(), e);
    }
  }

  /** One read; returns the rows and a checksum of every value, so the JIT cannot drop any of the work. */
  private interface Read {
    long[] run() throws SQLException;
  }

  private static String measure(String impl, Read read) {
    try {
      long[] r = null;
      for (int i = 0; i < WARM_UP; i++) {
        long t = System.nanoTime();
        r = read.run();
        System.err.printf(Locale.ROOT, "warm-up %d: %d rows, %.4f s%n", i + 1, r[0], (System.nanoTime() - t) / 1e9);
      }
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      double best = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      long peak = 0;
      long leastAllocated = Long.MAX_VALUE;
      for (int i = 0; i < TIMED; i++) {
        System.gc(); // each read starts from the same heap, with nothing of the previous one left
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long t = System.nanoTime();
        r = read.run();
        double s = (System.nanoTime() - t) / 1e9;
        double c = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        leastAllocated = Math.min(leastAllocated, allocated);
        long readPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.err.printf(Locale.ROOT, "read %d: %d rows, %.4f s, reading thread's CPU %.4f s, allocated %.1f MB, "
            + "heap peak %.1f MB (checksum %x)%n", i + 1, r[0], s, c, allocated / 1048576.0, readPeak / 1048576.0,
            r[1]);
        best = Math.min(best, s);
        bestCpu = Math.min(bestCpu, c);
        peak = Math.max(peak, readPeak);
      }
      return String.format(Locale.ROOT, "{\"impl\":\"%s\", \"rows\":%d, \"read_s\":%.4f, \"heap_peak_mb\":%.1f, "
          + "\"client_cpu_s\":%.4f, \"allocated_mb\":%.1f}", impl, r[0], best, peak / 1048576.0, bestCpu,
          leastAllocated / 1048576.0);
    } catch (SQLException e) {
      throw new IllegalStateException(impl + ": " + e.getMessage(), e);
    }
  }

  private static long[] readOurs(JdbcSource source, Query q) {
    long rows = 0;
    long sum = 0;
    try (QueryStream stream = source.query(q)) {
      while (stream.hasNext()) {
        Frame f = stream.next();
        rows += f.rowCount();
        for (Column c : f.columns()) {
          sum = sum * 31 + touch(c);
        }
      }
    }
    return new long[] {rows, sum};
  }

  /** Folds every cell of {@code c} into a number: values (their bits), null positions, string codes. */
  static long touch(Column c) {
    long h = 0;
    int n = c.size();
    if (c instanceof DoubleColumn d) {
      for (int i = 0; i < n; i++) {
        h += d.isNull(i) ? 7 : Double.doubleToRawLongBits(d.getDouble(i));
      }
    } else if (c instanceof LongColumn l) {
      for (int i = 0; i < n; i++) {
        h += l.isNull(i) ? 7 : l.getLong(i);
      }
    } else if (c instanceof StringColumn s) {
      for (int i = 0; i < n; i++) {
        h += s.code(i);
      }
      for (String v : s.dictionary()) {
        h += v.hashCode();
      }
    } else if (c instanceof BooleanColumn b) {
      for (int i = 0; i < n; i++) {
        h += b.isNull(i) ? 7 : b.getBoolean(i) ? 1 : 0;
      }
    } else if (c instanceof TimestampColumn t) {
      for (int i = 0; i < n; i++) {
        h += t.isNull(i) ? 7 : t.getMicros(i);
      }
    }
    return h;
  }

  private static long[] readRaw(Connection c, String sql, int fetchSize) throws SQLException {
    long rows = 0;
    long sum = 0;
    try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      ps.setFetchSize(fetchSize);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        int[] kinds = new int[n + 1];
        for (int i = 1; i <= n; i++) {
          kinds[i] = kind(md.getColumnType(i));
        }
        while (rs.next()) {
          rows++;
          for (int i = 1; i <= n; i++) {
            switch (kinds[i]) {
              case 0: {
                long v = rs.getLong(i);
                sum += rs.wasNull() ? 7 : v;
                break;
              }
              case 1: {
                double v = rs.getDouble(i);
                sum += rs.wasNull() ? 7 : Double.doubleToRawLongBits(v);
                break;
              }
              default: {
                String v = rs.getString(i);
                sum += v == null ? 7 : v.length();
                break;
              }
            }
          }
        }
      }
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
    return new long[] {rows, sum};
  }

  private static int kind(int sqlType) {
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
        return 0;
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.NUMERIC:
      case Types.DECIMAL:
        return 1;
      default:
        return 2;
    }
  }

  private static String version() {
    return dev.mlops.core.Provenance.currentLibraryVersion();
  }

  /** The command line: URL (with an optional user= parameter taken out), table, and batch or fetch size. */
  private record Target(String url, String user, String table, int size) {
    static Target of(String run, String[] args) {
      if (args.length < 2 || args.length > 3) {
        throw PerfRun.usage(run + " takes a JDBC URL, a table and optionally the rows per batch/fetch");
      }
      if (!args[1].matches("[A-Za-z_][A-Za-z0-9_$.]*")) {
        throw PerfRun.usage(run + ": table '" + args[1] + "' is not a plain SQL name");
      }
      int size = DEFAULT_ROWS;
      if (args.length == 3) {
        try {
          size = Integer.parseInt(args[2]);
        } catch (NumberFormatException e) {
          throw PerfRun.usage(run + ": '" + args[2] + "' is not a whole number of rows");
        }
      }
      String url = args[0];
      String user = null;
      int q = url.indexOf('?');
      if (q >= 0) {
        List<String> kept = new ArrayList<>();
        for (String p : url.substring(q + 1).split("&")) {
          if (p.startsWith("user=")) {
            user = p.substring("user=".length());
          } else if (!p.isEmpty()) {
            kept.add(p);
          }
        }
        url = url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
      }
      return new Target(url, user, args[1], size);
    }
  }
}
