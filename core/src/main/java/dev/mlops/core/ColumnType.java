package dev.mlops.core;

/**
 * The type of a {@link Frame} column and how it is stored.
 *
 * <ul>
 *   <li>{@link #DOUBLE}: 64-bit floating point in a {@code double[]}; NaN is a value, missing is null.
 *   <li>{@link #LONG}: 64-bit signed integer in a {@code long[]}.
 *   <li>{@link #BOOLEAN}: {@code true}/{@code false} in a {@code boolean[]}.
 *   <li>{@link #STRING}: text, dictionary-encoded (an {@code int[]} of codes into a dictionary of distinct
 *       values), so repeated categories cost four bytes a row.
 *   <li>{@link #TIMESTAMP}: an instant on the UTC time line, stored as microseconds since the epoch in a
 *       {@code long[]} (the precision of PostgreSQL, Parquet and Spark); read it as an {@link java.time.Instant}.
 * </ul>
 * Every type has a null mask; see <a href="Column.html#nulls">nulls</a> for what each getter gives for a null.
 *
 * <pre>{@code
 * frame.column("x").type() == ColumnType.DOUBLE;   // true
 * ColumnType.LONG.isNumeric();                     // true
 * }</pre>
 *
 * <p>Stability: stable; new types may be added.
 */
public enum ColumnType {
  /** 64-bit floating point; NaN is a value, a missing value is a null. Read with {@code getDouble}. */
  DOUBLE,
  /** 64-bit signed integer. Read with {@code getLong}. */
  LONG,
  /** {@code true} or {@code false}. Read with {@code getBoolean}. */
  BOOLEAN,
  /** Text, dictionary-encoded. Read with {@code getString}. */
  STRING,
  /** An instant on the UTC time line, as microseconds since the epoch. Read with {@code getInstant}. */
  TIMESTAMP;

  /** Whether the type holds numbers (DOUBLE or LONG), for which statistics such as the mean are defined. */
  public boolean isNumeric() {
    return this == DOUBLE || this == LONG;
  }
}
