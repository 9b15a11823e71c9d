package dev.mlops.data;

import dev.mlops.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One SQL query with its bound parameters and how to read it: rows per batch, a time limit, the purpose recorded
 * in the audit log, and whether it runs in a repeatable-read transaction. Parameters are always bound to the
 * {@code ?} placeholders, never written into the SQL text.
 *
 * <pre>{@code
 * Query q = Query.of("SELECT * FROM orders WHERE placed_at >= ? AND region = ?", since, "EU")
 *     .withBatchRows(50_000)
 *     .withTimeout(Duration.ofMinutes(5))
 *     .withPurpose("churn model training");
 * try (QueryStream rows = source.query(q)) { ... }
 * }</pre>
 *
 * <p>Parameter values may be {@code null}, {@link String}, {@link Long}, {@link Integer}, {@link Short},
 * {@link Byte}, {@link Double}, {@link Float}, {@link BigDecimal}, {@link BigInteger}, {@link Boolean},
 * {@link Instant} (bound as a UTC timestamp with time zone), {@link OffsetDateTime}, {@link LocalDate},
 * {@link LocalDateTime}, {@link LocalTime} or {@link UUID}; anything else is refused, so that what the audit log
 * hashes is what the database received.
 *
 * @param sql the SQL text, with {@code ?} placeholders
 * @param params the values bound to the placeholders, in order (may hold nulls)
 * @param batchRows rows per batch, or 0 for the source's {@link JdbcConfig#batchRows()}
 * @param timeout the time limit, or {@code null} for the source's {@link JdbcConfig#queryTimeout()}
 * @param purpose why the data is read, as the audit log records it, or {@code null} for the source's default
 * @param repeatableRead whether the query runs in its own REPEATABLE READ transaction (a consistent snapshot)
 *
 * <p>Stability: experimental.
 */
public record Query(String sql, List<Object> params, int batchRows, Duration timeout, String purpose,
    boolean repeatableRead) {

  /** Checks the fields and copies the parameters. */
  public Query {
    if (sql == null || sql.isBlank()) {
      throw new ValidationException("the SQL text is empty; pass a query such as \"SELECT * FROM t WHERE id = ?\"");
    }
    List<Object> copy = new ArrayList<>(Objects.requireNonNull(params, "params"));
    for (int i = 0; i < copy.size(); i++) {
      checkParam(i + 1, copy.get(i));
    }
    params = Collections.unmodifiableList(copy);
    if (batchRows < 0) {
      throw new ValidationException("batchRows is " + batchRows + "; it is 0 (the source's default) or more");
    }
    if (timeout != null && (timeout.isNegative() || (!timeout.isZero() && timeout.toMillis() < 1000))) {
      throw new ValidationException("query timeout is " + timeout + "; it is zero (no limit) or at least one second");
    }
    if (purpose != null && purpose.isBlank()) {
      throw new ValidationException("the purpose is blank; say why the data is read, e.g. \"churn model training\"");
    }
  }

  /** A query with these parameters and the source's defaults for everything else. */
  public static Query of(String sql, Object... params) {
    return new Query(sql, params == null ? listOfNull() : java.util.Arrays.asList(params), 0, null, null, false);
  }

  private static List<Object> listOfNull() {
    List<Object> one = new ArrayList<>();
    one.add(null); // of(sql, (Object[]) null) is ambiguous; of(sql, null) binds one null
    return one;
  }

  /** This query with {@code rows} per batch. */
  public Query withBatchRows(int rows) {
    if (rows < 1) {
      throw new ValidationException("batchRows is " + rows + "; it must be at least 1");
    }
    return new Query(sql, params, rows, timeout, purpose, repeatableRead);
  }

  /** This query with a time limit ({@link Duration#ZERO} for none). */
  public Query withTimeout(Duration limit) {
    return new Query(sql, params, batchRows, Objects.requireNonNull(limit, "limit"), purpose, repeatableRead);
  }

  /** This query with the purpose the audit log records. */
  public Query withPurpose(String why) {
    return new Query(sql, params, batchRows, timeout, Objects.requireNonNull(why, "why"), repeatableRead);
  }

  /** This query run in its own REPEATABLE READ transaction, so it sees one consistent state of the database. */
  public Query withRepeatableRead() {
    return new Query(sql, params, batchRows, timeout, purpose, true);
  }

  private static void checkParam(int index, Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte || v instanceof Double || v instanceof Float || v instanceof BigDecimal
        || v instanceof BigInteger || v instanceof Boolean || v instanceof Instant || v instanceof OffsetDateTime
        || v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime || v instanceof UUID) {
      return;
    }
    throw new ValidationException("parameter " + index + " is a " + v.getClass().getTypeName() + ", which queries do "
        + "not bind; pass a String, number, Boolean, java.time value or UUID (for a list, one placeholder per element)");
  }

  /** The SQL and the parameters' types, never their values (they may be personal data). */
  @Override
  public String toString() {
    StringBuilder types = new StringBuilder();
    for (Object p : params) {
      types.append(types.length() == 0 ? "" : ", ").append(p == null ? "null" : p.getClass().getSimpleName());
    }
    return "Query[" + sql + (params.isEmpty() ? "" : "; params: " + types) + "]";
  }
}
