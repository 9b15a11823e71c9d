package dev.mlops.core;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a whole-file CSV read: the frame, how many rows it has, and what was left out under
 * {@link MalformedRows#SKIP} or {@link MalformedRows#COLLECT}. Made by {@link CsvReader#readWithReport}.
 *
 * <pre>{@code
 * CsvReadReport r = Csv.reader().onMalformed(MalformedRows.COLLECT).readWithReport(Path.of("in.csv"));
 * if (r.skippedRows() > 0) {
 *   log.warn("{} records left out; first: {}", r.skippedRows(), r.rejects().get(0));
 * }
 * Frame f = r.frame();
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param frame the rows read
 * @param rowsRead the number of rows in {@code frame}
 * @param skippedRows the number of malformed records left out (0 under FAIL, which throws instead)
 * @param rejects under COLLECT, the first {@link CsvReader#maxRejects(int)} records left out, in file order, with
 *     their 1-based line in the whole file; empty under FAIL and SKIP
 */
public record CsvReadReport(Frame frame, long rowsRead, long skippedRows, List<CsvReject> rejects) {
  /** Checks the parts and copies {@code rejects}. */
  public CsvReadReport {
    Objects.requireNonNull(frame, "frame");
    rejects = List.copyOf(rejects);
    if (rowsRead != frame.rowCount() || skippedRows < rejects.size()) {
      throw new ValidationException("rowsRead " + rowsRead + " is not the frame's " + frame.rowCount()
          + " rows, or skippedRows " + skippedRows + " is below the " + rejects.size() + " rejects");
    }
  }

  @Override
  public String toString() {
    return "CsvReadReport[" + rowsRead + " rows x " + frame.columnCount() + " columns, " + skippedRows
        + " skipped, " + rejects.size() + " rejects kept]";
  }
}
