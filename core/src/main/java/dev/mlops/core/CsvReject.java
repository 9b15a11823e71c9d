package dev.mlops.core;

/**
 * A record a CSV reader left out under {@link MalformedRows#COLLECT}.
 *
 * <pre>{@code
 * for (CsvReject r : source.rejects()) {
 *   System.err.println(r);   // line 7: record has 3 fields but the header has 4 ...
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param line the 1-based physical line where the record starts
 * @param text the record's fields written back as one CSV line (the delimiter and quote of the reader,
 *     quoting only where needed); for ordinary records this is the text of the file
 * @param reason why the record was rejected, naming the column where one is at fault
 */
public record CsvReject(long line, String text, String reason) {

  @Override
  public String toString() {
    return "line " + line + ": " + reason + " [" + text + "]";
  }
}
