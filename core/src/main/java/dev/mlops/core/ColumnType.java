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
 * Every type has a null mask.
 *
 * <p>Stability: stable; new types may be added.
 */
public enum ColumnType {
  DOUBLE,
  LONG,
  BOOLEAN,
  STRING,
  TIMESTAMP;

  /** Whether the type holds numbers (DOUBLE or LONG), for which statistics such as the mean are defined. */
  public boolean isNumeric() {
    return this == DOUBLE || this == LONG;
  }
}
