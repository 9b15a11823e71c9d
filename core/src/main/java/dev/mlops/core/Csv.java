package dev.mlops.core;

import java.nio.file.Path;

/**
 * Reading and writing CSV files as {@link Frame}s. The one-liners use the defaults; {@link #reader()} and
 * {@link #writer()} give the options. See {@link CsvReader} for the format read, null handling, type
 * inference and malformed records, and {@link CsvWriter} for the format written.
 *
 * <pre>{@code
 * Frame f = Csv.read(Path.of("train.csv"));                  // header row, inferred types
 * Csv.write(f.head(100), Path.of("sample.csv.gz"));          // gzip by name, atomic replace
 * try (CsvSource src = Csv.reader().batchRows(100_000).open(Path.of("big.csv"))) {
 *   src.forEachRemaining(batch -> process(batch));
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class Csv {
  private Csv() {}

  /** Reads a whole CSV file with the default options (header row, comma, inferred types, UTF-8). */
  public static Frame read(Path file) {
    return reader().read(file);
  }

  /** A reader with the default options, to configure. */
  public static CsvReader reader() {
    return CsvReader.defaults();
  }

  /** Writes {@code frame} to {@code file} with the default options (comma, header, null as empty field). */
  public static void write(Frame frame, Path file) {
    writer().write(frame, file);
  }

  /** A writer with the default options, to configure. */
  public static CsvWriter writer() {
    return CsvWriter.defaults();
  }
}
