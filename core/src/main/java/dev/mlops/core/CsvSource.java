package dev.mlops.core;

import java.util.List;

/**
 * A {@link FrameSource} over CSV text that also reports what it read and what it left out. Made by
 * {@link CsvReader#open(java.nio.file.Path)}. Single-threaded, like every FrameSource.
 *
 * <pre>{@code
 * try (CsvSource src = Csv.reader().batchRows(50_000).onMalformed(MalformedRows.SKIP).open(path)) {
 *   while (src.hasNext()) {
 *     Frame batch = src.next();
 *   }
 *   log.info("{} rows, {} skipped", src.rowsRead(), src.skippedRows());
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 */
public interface CsvSource extends FrameSource {

  /** The number of data rows delivered in batches so far. */
  long rowsRead();

  /** The number of malformed records left out so far (under SKIP or COLLECT). */
  long skippedRows();

  /** The records left out so far under COLLECT, in file order; empty under FAIL and SKIP. */
  List<CsvReject> rejects();
}
