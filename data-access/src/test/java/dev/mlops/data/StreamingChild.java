package dev.mlops.data;

import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a child JVM with a small heap by {@link JdbcStreamingHeapTest}: reads a query's whole result and prints
 * {@code rows=N chars=C heap_peak_mb=M}. Mode {@code ours} reads through {@link JdbcSource}; mode {@code buffered}
 * reads with plain JDBC the way drivers buffer by default, and mode {@code collect} keeps every value read (the
 * controls: they must run out of memory).
 */
public final class StreamingChild {
  private StreamingChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    String user = args[2];
    String sql = args[3];
    long rows = 0;
    long chars = 0;
    if (mode.equals("ours")) {
      JdbcConfig config = JdbcConfig.builder("child").url(url).user(user).poolSize(1).batchRows(2000).build();
      try (JdbcSource source = JdbcSource.open(config); QueryStream stream = source.query(sql)) {
        while (stream.hasNext()) {
          Frame f = stream.next();
          StringColumn pad = (StringColumn) f.column(1);
          for (int r = 0; r < f.rowCount(); r++) {
            chars += pad.getString(r).length();
          }
          rows += f.rowCount();
        }
      }
    } else {
      boolean keep = mode.equals("collect");
      java.util.List<String> kept = new java.util.ArrayList<>();
      try (Connection c = DriverManager.getConnection(url, user, "")) {
        Statement st = c.createStatement();
        try (ResultSet rs = st.executeQuery(sql)) { // autocommit on, no fetch size: what drivers do by default
          while (rs.next()) {
            String pad = rs.getString(2);
            chars += pad.length();
            rows++;
            if (keep) {
              kept.add(pad);
            }
          }
        }
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.println("rows=" + rows + " chars=" + chars + " heap_peak_mb=" + (peak >> 20));
  }
}
