package dev.mlops.data;

import dev.mlops.core.ValidationException;

/**
 * How {@link JdbcSource#write} writes: whether it creates the table from the data's schema when the table does not
 * exist, and how many rows go in one JDBC batch.
 *
 * <pre>{@code
 * source.write("scores", frames, WriteOptions.defaults().withCreateTable().withBatchSize(5_000));
 * }</pre>
 *
 * @param createTable create the table (columns typed from the schema, see {@link JdbcTypes}) if it does not exist
 * @param batchSize rows per JDBC batch (1 to 100,000; default 1,000)
 *
 * <p>Stability: experimental.
 */
public record WriteOptions(boolean createTable, int batchSize) {

  /** Checks the batch size. */
  public WriteOptions {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new ValidationException("batchSize is " + batchSize + "; it must be 1 to 100,000");
    }
  }

  /** Write into an existing table, 1,000 rows per batch. */
  public static WriteOptions defaults() {
    return new WriteOptions(false, 1000);
  }

  /** These options, creating the table if it does not exist. */
  public WriteOptions withCreateTable() {
    return new WriteOptions(true, batchSize);
  }

  /** These options with {@code rows} per JDBC batch. */
  public WriteOptions withBatchSize(int rows) {
    return new WriteOptions(createTable, rows);
  }
}
