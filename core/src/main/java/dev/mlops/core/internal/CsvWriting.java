package dev.mlops.core.internal;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes frames as CSV (UTF-8, LF line ends). Not API. */
public final class CsvWriting {
  private CsvWriting() {}

  /** Options of a write. */
  public record Settings(char delimiter, String nullToken, boolean header) {}

  /** Writes the batches of {@code source} to {@code file}: temp file, fsync, atomic rename. */
  public static void write(FrameSource source, Path path, Settings s) {
    AtomicFiles.replace(path, "CSV file", file -> {
      if (isGzip(path)) {
        try (GZIPOutputStream gz = new GZIPOutputStream(file, 65_536)) {
          write(source, gz, s);
        }
      } else {
        write(source, file, s);
      }
    });
  }

  static boolean isGzip(Path p) {
    return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
  }

  /** Writes the batches of {@code source} to {@code out} and finishes (but does not close) {@code out}. */
  public static void write(FrameSource source, OutputStream out, Settings s) {
    try {
      Writer w = new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8), 65_536);
      Schema schema = source.schema();
      StringBuilder line = new StringBuilder(256);
      if (s.header()) {
        for (int c = 0; c < schema.size(); c++) {
          if (c > 0) {
            line.append(s.delimiter());
          }
          appendField(line, schema.field(c).name(), s.delimiter(), '"', mustQuote(schema.field(c).name(), s));
        }
        w.append(line).append('\n');
      }
      while (source.hasNext()) {
        Frame f = source.next();
        for (int r = 0; r < f.rowCount(); r++) {
          line.setLength(0);
          for (int c = 0; c < f.columnCount(); c++) {
            if (c > 0) {
              line.append(s.delimiter());
            }
            appendValue(line, f.column(c), r, s);
          }
          w.append(line).append('\n');
        }
      }
      w.flush();
      if (out instanceof GZIPOutputStream gz) {
        gz.finish();
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void appendValue(StringBuilder line, Column col, int r, Settings s) {
    if (col.isNull(r)) {
      line.append(s.nullToken());
      return;
    }
    if (col instanceof StringColumn sc) {
      String v = sc.getString(r);
      appendField(line, v, s.delimiter(), '"', mustQuote(v, s));
      return;
    }
    int start = line.length();
    if (col instanceof DoubleColumn d) {
      ShortestDecimal.appendJavaStyle(line, d.getDouble(r));
    } else if (col instanceof LongColumn l) {
      line.append(l.getLong(r));
    } else if (col instanceof BooleanColumn b) {
      line.append(b.getBoolean(r));
    } else {
      line.append(((TimestampColumn) col).getInstant(r));
    }
    if (canOccurInValues(s.delimiter()) && line.indexOf(String.valueOf(s.delimiter()), start) >= 0) {
      String v = line.substring(start);
      line.setLength(start);
      appendField(line, v, s.delimiter(), '"', true);
    }
  }

  /**
   * Whether {@code c} can be part of a formatted number, boolean or timestamp (digits, letters, {@code . - + :}):
   * such a value holding the delimiter is quoted, so the round trip stays exact whatever the delimiter.
   */
  static boolean canOccurInValues(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '+' || c == ':';
  }

  private static boolean mustQuote(String v, Settings s) {
    return v.isEmpty() || v.equals(s.nullToken());
  }

  /** Appends {@code v}, quoted if {@code force} or if it holds the delimiter, the quote or a line break. */
  static void appendField(StringBuilder out, String v, char delimiter, char quote, boolean force) {
    boolean quoteIt = force;
    for (int i = 0; i < v.length() && !quoteIt; i++) {
      char c = v.charAt(i);
      quoteIt = c == delimiter || c == quote || c == '\n' || c == '\r';
    }
    if (!quoteIt) {
      out.append(v);
      return;
    }
    out.append(quote);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == quote) {
        out.append(quote);
      }
      out.append(c);
    }
    out.append(quote);
  }

  /** Checks writer options. */
  public static void checkDelimiter(char delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new ValidationException("delimiter '" + delimiter + "' cannot be the quote or a line break; "
          + "choose another character");
    }
  }

  /** An output stream whose close only flushes: the caller owns the stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
