package dev.mlops.data.internal;

import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.MlopsException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;

/**
 * Frames to and from Apache Parquet files, for dataset snapshots that Spark, pandas and DuckDB read as they
 * are. Not API: dataset snapshots use it; call them instead.
 *
 * <p>Parquet support is optional: it needs {@code org.apache.parquet:parquet-hadoop} on the class path (no
 * Hadoop itself, no JVM flags). Without it {@link #available()} is {@code false} and {@link #write} and
 * {@link #read} throw an {@link MlopsException} with {@link #MISSING_DEPENDENCY}; nothing else breaks, since
 * only the package-private classes behind this one touch Parquet types.
 *
 * <h2>Types</h2>
 * Written: DOUBLE as {@code double}, LONG as {@code int64}, BOOLEAN as {@code boolean}, STRING as {@code binary}
 * annotated STRING, TIMESTAMP as {@code int64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}; a nullable field is an
 * {@code optional} column, any other {@code required}. The file's key-value metadata holds our schema as JSON
 * under {@value #SCHEMA_KEY}, so a read gives back the fields' tags (such as {@code pii}) exactly. Pages are
 * compressed with SNAPPY, the default of Spark and pandas, by a pure-Java codec of ours.
 *
 * <p>Read: files of flat columns from any writer. {@code boolean} is BOOLEAN; {@code int32}, {@code int64}
 * (signed or unsigned, any width; an unsigned 64-bit value above {@link Long#MAX_VALUE} is an error naming the
 * row) are LONG; {@code float} and {@code double} are DOUBLE, and so is a DECIMAL (rounded to the nearest
 * double); {@code binary} annotated STRING, ENUM or JSON is STRING; {@code int64} TIMESTAMP in any unit,
 * {@code int96} (Spark's legacy timestamps) and DATE (midnight UTC) are TIMESTAMP, with a timestamp that is
 * not adjusted to UTC (pandas' naive datetimes) taken as UTC wall-clock time. Anything else (nested groups,
 * lists, maps, plain binary, TIME, UUID, INTERVAL, FLOAT16) is a {@link ValidationException} naming the
 * column and its type. Compressed pages may be SNAPPY, GZIP or uncompressed.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(file)) {
 *   ParquetFrames.write(source.schema(), source, out);
 * }
 * try (FrameSource in = ParquetFrames.read(file, 50_000)) {
 *   Frame first = in.next();
 * }
 * }</pre>
 */
public final class ParquetFrames {
  /** The version of parquet-java this code is built and tested with. */
  public static final String PARQUET_VERSION = "1.18.1";

  /** The key under which the file's key-value metadata holds our schema (names, types, nullability, tags). */
  public static final String SCHEMA_KEY = "mlops.schema";

  /** What {@link #write} and {@link #read} say when parquet-java is not on the class path. */
  public static final String MISSING_DEPENDENCY = "Parquet snapshots need parquet-java, which is an optional "
      + "dependency of mlops-data-access and is not on the class path; add org.apache.parquet:parquet-hadoop:"
      + PARQUET_VERSION + " to your build (Hadoop itself is not needed) to use Parquet snapshots";

  /** Classes from every jar the Parquet code needs at run time. */
  private static final String[] REQUIRED_CLASSES = {
      "org.apache.parquet.hadoop.ParquetFileWriter",            // parquet-hadoop
      "org.apache.parquet.column.ParquetProperties",            // parquet-column
      "org.apache.parquet.column.values.bitpacking.Packer",     // parquet-encoding
      "org.apache.parquet.io.OutputFile",                       // parquet-common
      "org.apache.parquet.format.PageHeader",                   // parquet-format-structures
      "shaded.parquet.com.fasterxml.jackson.databind.ObjectMapper", // parquet-jackson
      "org.locationtech.jts.geom.Geometry",                     // jts-core (parquet-column's statistics)
  };

  /** Row groups are cut when this much encoded data is buffered, so memory stays bounded per file. */
  static final long ROW_GROUP_BYTES = 64L << 20;

  private ParquetFrames() {}

  /**
   * Whether parquet-java is on the class path, so {@link #write} and {@link #read} can work. Checks by name
   * without initializing anything.
   */
  public static boolean available() {
    return available(ParquetFrames.class.getClassLoader());
  }

  static boolean available(ClassLoader loader) {
    for (String name : REQUIRED_CLASSES) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes {@code batches}, which all have {@code schema}, as one Parquet file to {@code out}, streaming: a row
   * group is written out whenever about 64 MiB of encoded data is buffered, so memory does not grow with the
   * data. {@code out} is flushed, not closed. An empty iterator gives a valid file with no rows.
   *
   * @throws ValidationException if a batch has another schema
   * @throws MlopsException with {@link #MISSING_DEPENDENCY} if parquet-java is not on the class path
   */
  public static void write(Schema schema, Iterator<Frame> batches, OutputStream out) throws IOException {
    write(schema, batches, out, ROW_GROUP_BYTES);
  }

  /** {@link #write} with another row-group size, for tests of files with many row groups. */
  static void write(Schema schema, Iterator<Frame> batches, OutputStream out, long rowGroupBytes)
      throws IOException {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(out, "out");
    requireAvailable();
    ParquetWriting.write(schema, batches, out, rowGroupBytes);
  }

  /**
   * Opens {@code file} as a source of batches of at most {@code batchRows} rows (a batch does not span row
   * groups, so some are shorter). Only one page per column is held in memory at a time. The schema comes from
   * the file, with tags from our metadata when the file has it. Close the source when done.
   *
   * @throws ValidationException if {@code batchRows < 1}, the file is not Parquet, or a column has a type we
   *     cannot read (the message names the column and its type)
   * @throws dev.mlops.core.NotFoundException if there is no such file
   * @throws dev.mlops.core.StorageException if reading fails
   * @throws MlopsException with {@link #MISSING_DEPENDENCY} if parquet-java is not on the class path
   */
  public static FrameSource read(Path file, int batchRows) {
    Objects.requireNonNull(file, "file");
    if (batchRows < 1) {
      throw new ValidationException("batchRows is " + batchRows + "; it must be at least 1");
    }
    requireAvailable();
    return ParquetReading.open(file, batchRows);
  }

  private static void requireAvailable() {
    if (!available()) {
      throw new MlopsException(MISSING_DEPENDENCY);
    }
  }
}
