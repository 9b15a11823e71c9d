package dev.mlops.core;

import dev.mlops.core.internal.CsvWriting;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options for writing CSV, and the writes themselves. Immutable: each option method returns a new writer.
 * Made by {@link Csv#writer()}.
 *
 * <pre>{@code
 * Csv.writer().delimiter(';').nullToken("NA").write(frame, Path.of("out.csv.gz"));
 * }</pre>
 *
 * <h2>Format</h2>
 * UTF-8 without a byte order mark, LF line ends, a header row unless {@code header(false)}. A field is quoted
 * with {@code "} when it holds the delimiter, a quote (doubled inside) or a line break. A null is written as
 * the {@link #nullToken(String) null token}, unquoted (the empty field by default); an empty string, and a
 * string equal to the null token, are written quoted ({@code ""}), so a {@link CsvReader} with the same null
 * token reads back null as null and the empty string as the empty string. In a one-column frame a null with
 * the default null token is a blank line, which {@link CsvReader} reads as a null row in a one-column file.
 * DOUBLE values are written with the fewest significant digits that read back to the same double, in the
 * layout of {@link Double#toString(double)} ({@code 0.1}, {@code 100.0}, {@code 1.0E-7}, {@code -0.0},
 * {@code NaN}, {@code Infinity}); the digits are computed by this library, not by the JDK, whose
 * {@code Double.toString} changed in JDK 19, so the bytes written are the same on every JDK (snapshots are
 * content-addressed). TIMESTAMPs are written as ISO-8601 in UTC ({@code 2026-11-27T10:15:30Z}, with fractional
 * seconds when present); BOOLEANs as {@code true}/{@code false}. Any field that holds the delimiter is quoted,
 * numbers and timestamps included (with {@code delimiter(':')} a timestamp is written
 * {@code "2026-11-27T10:15:30Z"}): quoting rather than refusing such delimiters keeps every delimiter usable and
 * the round trip exact. Reading what was written gives an equal frame, except that a column whose values are
 * all null reads back as STRING, and a STRING column whose values all look like numbers reads back as numbers
 * (give the reader a schema to keep the types).
 *
 * <h2>Safety</h2>
 * A write to a path goes to a temporary file in the same directory, is forced to disk and then atomically
 * renamed over the target, so a failed write leaves any previous file as it was. A name ending in {@code .gz}
 * is gzip-compressed.
 *
 * <p>Stability: stable.
 */
public final class CsvWriter {
  private final CsvWriting.Settings s;

  private CsvWriter(CsvWriting.Settings s) {
    this.s = s;
  }

  static CsvWriter defaults() {
    return new CsvWriter(new CsvWriting.Settings(',', "", true));
  }

  /** The field delimiter ({@code ,} by default); not the quote {@code "} or a line break. */
  public CsvWriter delimiter(char delimiter) {
    CsvWriting.checkDelimiter(delimiter);
    if (s.nullToken().indexOf(delimiter) >= 0) {
      throw new ValidationException("null token '" + s.nullToken() + "' contains the delimiter '" + delimiter
          + "'; choose a null token without it");
    }
    return new CsvWriter(new CsvWriting.Settings(delimiter, s.nullToken(), s.header()));
  }

  /** The text written for a null ({@code ""}, the empty field, by default); no quote, delimiter or line break. */
  public CsvWriter nullToken(String token) {
    Objects.requireNonNull(token, "token");
    for (char c : token.toCharArray()) {
      if (c == '"' || c == '\n' || c == '\r' || c == s.delimiter()) {
        throw new ValidationException("null token '" + token + "' contains a quote, line break or the delimiter; "
            + "choose plain text such as NA");
      }
    }
    return new CsvWriter(new CsvWriting.Settings(s.delimiter(), token, s.header()));
  }

  /** Whether to write a header row of column names ({@code true} by default). */
  public CsvWriter header(boolean header) {
    return new CsvWriter(new CsvWriting.Settings(s.delimiter(), s.nullToken(), header));
  }

  /** Writes {@code frame} to {@code file} (replacing it atomically). An I/O failure is a {@link StorageException}. */
  public void write(Frame frame, Path file) {
    write(FrameSource.of(frame, Math.max(1, frame.rowCount())), file);
  }

  /**
   * Writes every remaining batch of {@code source} to {@code file} (replacing it atomically). The caller still
   * owns and closes {@code source}.
   */
  public void write(FrameSource source, Path file) {
    CsvWriting.write(source, file, s);
  }

  /** Writes {@code frame} to {@code out}; flushes but does not close {@code out}. */
  public void write(Frame frame, OutputStream out) {
    write(FrameSource.of(frame, Math.max(1, frame.rowCount())), out);
  }

  /** Writes every remaining batch of {@code source} to {@code out}; flushes but does not close {@code out}. */
  public void write(FrameSource source, OutputStream out) {
    try {
      CsvWriting.write(source, out, s);
    } catch (UncheckedIOException e) {
      throw new StorageException("could not write CSV: " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "CsvWriter" + s.toString().substring("Settings".length());
  }
}
