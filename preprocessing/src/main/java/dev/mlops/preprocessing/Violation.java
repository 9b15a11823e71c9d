package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One constraint a frame broke: the column, the rule, what was observed and expected, how many rows are affected
 * and the first few of them. For a column tagged {@code pii}, {@code observed} never holds a value.
 *
 * <pre>{@code
 * for (Violation v : report.violations()) {
 *   log.warn(v.message());   // column 'age' (range): 2 of 100 rows: values outside the range ...
 * }
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param column the column
 * @param rule the rule broken
 * @param observed what the data holds, in words
 * @param expected what the rule asks, in words
 * @param rowsAffected rows breaking the rule (all rows for a missing column or a wrong type)
 * @param exampleRows the first (up to five) of those rows, 0-based; empty when the whole column is affected
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Violation(String column, Constraints.Rule rule, String observed, String expected, long rowsAffected,
    List<Integer> exampleRows) {
  /** At most this many example rows are kept. */
  public static final int MAX_EXAMPLES = 5;

  /** Checks and copies. */
  public Violation {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(expected, "expected");
    exampleRows = List.copyOf(exampleRows);
  }

  /**
   * The violation as one sentence: {@code column 'age' (range): observed 2 values outside, smallest -3, largest
   * 130; expected values between 0 and 120; 2 rows, e.g. rows 4, 17}.
   */
  public String message() {
    StringBuilder s = new StringBuilder("column '").append(column).append("' (").append(rule.label())
        .append("): observed ").append(observed).append("; expected ").append(expected).append("; ")
        .append(rowsAffected).append(rowsAffected == 1 ? " row" : " rows");
    if (!exampleRows.isEmpty()) {
      s.append(", e.g. row").append(exampleRows.size() == 1 ? " " : "s ")
          .append(exampleRows.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  /** {@link #message()}. */
  @Override
  public String toString() {
    return message();
  }
}
