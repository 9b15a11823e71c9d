package dev.mlops.data;

/**
 * The file formats a {@link DatasetStore} writes snapshots in.
 *
 * <p>Stability: experimental.
 */
public enum DatasetFormat {
  /** gzip-compressed CSV as {@link dev.mlops.core.CsvWriter} writes it: always written; readable by anything. */
  CSV_GZIP("data.csv.gz", "csv.gz"),
  /**
   * Apache Parquet (SNAPPY), for Spark and pandas; needs the optional dependency
   * {@code org.apache.parquet:parquet-hadoop} (no Hadoop itself).
   */
  PARQUET("data.parquet", "parquet");

  private final String fileName;
  private final String extension;

  DatasetFormat(String fileName, String extension) {
    this.fileName = fileName;
    this.extension = extension;
  }

  /** The file name extension of stored files, e.g. {@code csv.gz}. */
  public String extension() {
    return extension;
  }

  /** The name of the file while a snapshot is written. */
  public String fileName() {
    return fileName;
  }
}
