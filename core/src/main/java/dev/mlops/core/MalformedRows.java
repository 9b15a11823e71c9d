package dev.mlops.core;

/**
 * What a CSV reader does with a malformed record: one with the wrong number of fields, an unterminated
 * quote, or a value that cannot be read as its column's type.
 *
 * <pre>{@code
 * try (CsvSource src = Csv.reader().onMalformed(MalformedRows.COLLECT).open(path)) {
 *   Frame good = src.readAll();
 *   src.rejects().forEach(r -> log.warn("line {}: {}", r.line(), r.reason()));
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 */
public enum MalformedRows {
  /** Stop with a {@link ValidationException} naming the file, line and column (the default). */
  FAIL,
  /** Leave the record out and count it ({@link CsvSource#skippedRows()}). */
  SKIP,
  /** Leave the record out, count it, and keep its line, text and reason ({@link CsvSource#rejects()}). */
  COLLECT
}
