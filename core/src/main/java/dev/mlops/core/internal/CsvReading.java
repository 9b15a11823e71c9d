package dev.mlops.core.internal;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.CsvReadReport;
import dev.mlops.core.CsvReject;
import dev.mlops.core.CsvSource;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/** The entry points behind {@link dev.mlops.core.CsvReader}'s terminal methods. Not API. */
public final class CsvReading {
  /** A whole-file read splits the file into parts of at least this many bytes. */
  static final long MIN_PART_BYTES = 1 << 20;

  private CsvReading() {}

  /** Reads all of {@code file}, in parallel parts when it is large, plain and ASCII-compatible. */
  public static CsvReadReport read(Path file, CsvReadSettings s) {
    long size = checkFile(file);
    int parts = (int) Math.min(s.parallelism(), size / MIN_PART_BYTES);
    if (parts >= 2 && !CsvWriting.isGzip(file) && asciiCompatible(s)) {
      CsvReadReport r = ParallelCsvRead.read(file, size, parts, s);
      if (r != null) {
        return r;
      }
    }
    try (CsvSource src = open(file, s, true)) {
      return readAll(src);
    }
  }

  /** Reads all of {@code in}, allowing LONG to widen to DOUBLE; leaves {@code in} open. */
  public static CsvReadReport read(InputStream in, String sourceName, CsvReadSettings s) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    try (CsvSource src = new StreamingCsvSource(new FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
      }

      @Override
      public void close() {
        // The caller opened the stream and closes it.
      }
    }, sourceName, s, true)) {
      return readAll(src);
    }
  }

  /** Every batch of {@code src} in one frame, with the source's counts and rejects. */
  static CsvReadReport readAll(CsvSource src) {
    Frame f = src.readAll();
    return new CsvReadReport(f, f.rowCount(), src.skippedRows(), src.rejects());
  }

  /** A streaming source over {@code file}. */
  public static CsvSource open(Path file, CsvReadSettings s) {
    checkFile(file);
    return open(file, s, false);
  }

  private static CsvSource open(Path file, CsvReadSettings s, boolean whole) {
    InputStream in;
    try {
      in = Files.newInputStream(file);
      if (CsvWriting.isGzip(file)) {
        in = new GZIPInputStream(in, 65_536);
      }
    } catch (NoSuchFileException e) {
      throw new NotFoundException("CSV file " + file.toAbsolutePath() + " does not exist", e);
    } catch (IOException e) {
      throw new StorageException("could not open CSV file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    return new StreamingCsvSource(in, name(file), s, whole);
  }

  /** A streaming source over {@code in}, named {@code sourceName} in messages. */
  public static CsvSource open(InputStream in, String sourceName, CsvReadSettings s) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    return new StreamingCsvSource(new BufferedInputStream(in, 65_536), sourceName, s, false);
  }

  static String name(Path file) {
    return "CSV file " + file.toAbsolutePath();
  }

  private static long checkFile(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      throw new NotFoundException("CSV file " + file.toAbsolutePath() + " does not exist; check the path");
    }
    if (!Files.isRegularFile(file)) {
      throw new ValidationException("CSV path " + file.toAbsolutePath() + " is not a regular file");
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StorageException("could not read the size of " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static boolean asciiCompatible(CsvReadSettings s) {
    return s.charset().equals(StandardCharsets.UTF_8) || s.charset().equals(StandardCharsets.US_ASCII)
        || s.charset().equals(StandardCharsets.ISO_8859_1);
  }

  /** A frame of the parts' accumulated columns, joined column by column; LONG parts widen if any is DOUBLE. */
  static Frame frame(Schema schema, List<Accumulator[]> parts) {
    List<Field> fields = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      List<Accumulator> col = new ArrayList<>();
      boolean anyDouble = false;
      for (Accumulator[] p : parts) {
        col.add(p[c]);
        anyDouble |= p[c].type() == ColumnType.DOUBLE;
      }
      if (anyDouble) {
        for (Accumulator a : col) {
          if (a.type() == ColumnType.LONG) {
            a.widenToDouble();
          }
        }
      }
      Column built = Accumulator.build(col);
      Field f = schema.field(c);
      fields.add(f.type() == built.type() ? f : f.withType(built.type()));
      columns.add(built);
    }
    return Frame.of(new Schema(fields), columns);
  }

  /** Adds the handler's collected rejects to {@code out}, with absolute line numbers, while it has room. */
  static void addRejects(CsvHandler h, long lineOffset, List<CsvReject> out, int max) {
    for (CsvHandler.Malformed m : h.rejects()) {
      if (out.size() >= max) {
        return;
      }
      out.add(new CsvReject(lineOffset + m.line(), m.text(), m.reason()));
    }
  }
}
