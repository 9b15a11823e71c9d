package dev.mlops.preprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Json;
import dev.mlops.core.Stability;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link Constraints#validate} found: the rows checked and every {@link Violation}, in the constraints'
 * column order.
 *
 * <pre>{@code
 * ValidationReport r = profile.constraints().validate(batch);
 * if (!r.isValid()) {
 *   throw new IllegalStateException("bad batch:\n" + r.toTable());
 * }
 * }</pre>
 *
 * <p>Immutable. Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ValidationReport {
  private final long rows;
  private final List<Violation> violations;

  ValidationReport(long rows, List<Violation> violations) {
    this.rows = rows;
    this.violations = List.copyOf(violations);
  }

  /** Rows checked. */
  public long rows() {
    return rows;
  }

  /** Every rule broken. */
  public List<Violation> violations() {
    return violations;
  }

  /** Whether no rule was broken. */
  public boolean isValid() {
    return violations.isEmpty();
  }

  /**
   * The report as JSON: {@code {"rows": n, "valid": false, "violations": [{"column", "rule", "observed",
   * "expected", "rowsAffected", "exampleRows", "message"}]}}.
   */
  public String toJson() {
    ObjectNode root = StateJson.object();
    root.put("rows", rows);
    root.put("valid", isValid());
    ArrayNode a = root.putArray("violations");
    for (Violation v : violations) {
      ObjectNode n = a.addObject();
      n.put("column", v.column());
      n.put("rule", v.rule().label());
      n.put("observed", v.observed());
      n.put("expected", v.expected());
      n.put("rowsAffected", v.rowsAffected());
      ArrayNode ex = n.putArray("exampleRows");
      v.exampleRows().forEach(ex::add);
      n.put("message", v.message());
    }
    try {
      return Json.writer().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a validation report as JSON", e);
    }
  }

  /** The violations as an aligned table (column, rule, rows, observed, expected, examples), or a line saying none. */
  public String toTable() {
    if (violations.isEmpty()) {
      return "valid: " + rows + " rows, no violations\n";
    }
    List<List<String>> lines = new ArrayList<>();
    for (Violation v : violations) {
      lines.add(List.of(v.column(), v.rule().label(), Long.toString(v.rowsAffected()), v.observed(), v.expected(),
          v.exampleRows().stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
    return violations.size() + (violations.size() == 1 ? " violation" : " violations") + " in " + rows + " rows\n"
        + TextTable.format(List.of("column", "rule", "rows", "observed", "expected", "example rows"), lines);
  }

  /** {@link #toTable()}. */
  @Override
  public String toString() {
    return toTable();
  }
}
