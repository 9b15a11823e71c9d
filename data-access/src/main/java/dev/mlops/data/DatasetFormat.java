package dev.mlops.data;

/**
 * The file formats a {@link DatasetStore} writes snapshots in.
 *
 * <p>Stability: experimental.
 */
public enum DatasetFormat {
  /** gzip-compressed CSV as {@link dev.mlops.core.CsvWriter} writes it: always written; readable by anything. */
  CSV_GZIP("data.csv.gz"),
  /**
   * Apache Parquet (SNAPPY), for Spark and pandas; needs the optional dependency
   * {@code org.apache.parquet:parquet-hadoop} (no Hadoop itself).
   */
  PARQUET("data.parquet");

  private final String fileName;

  DatasetFormat(String fileName) {
    this.fileName = fileName;
  }

  /** The file name it is stored under. */
  public String fileName() {
    return fileName;
  }
}
