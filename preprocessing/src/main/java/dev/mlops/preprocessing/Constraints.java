package dev.mlops.preprocessing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Frame;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rules new data must follow, per column: present, of a type, at most a fraction missing, numeric values within a
 * range, STRING values from a domain. Inferred from a {@link DataProfile} (as TFDV infers a schema and Deequ
 * suggests constraints), adjusted by hand, checked with {@link #validate(Frame)}. Immutable: every {@code with}
 * method returns new constraints.
 *
 * <pre>{@code
 * Constraints c = profile.constraints()
 *     .withRange("age", 0, 120)
 *     .withMaxNullFraction("income", 0.2)
 *     .withDomain("country", List.of("DE", "FR", "NL"))
 *     .without("zip", Constraints.Rule.DOMAIN);
 * ValidationReport r = c.validate(batch);
 * if (!r.isValid()) {
 *   System.out.println(r.toTable());
 * }
 * }</pre>
 *
 * <p>Inferred: every column present with its profiled type; a missing-value limit (0 if the profile had none,
 * else its fraction plus {@link ConstraintOptions#nullFractionSlack()}); for numeric columns the profiled
 * {@code [min, max]}, widened by {@link ConstraintOptions#rangeMargin()}; for STRING columns with at most
 * {@link ConstraintOptions#maxDomainSize()} distinct values, those values as the domain. Columns tagged {@code pii}
 * get no range and no domain (the profile keeps none of their values). Columns of the data that the constraints do
 * not name are not checked.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Constraints {

  /** The kinds of rule. */
  @Stability(Stability.Level.EXPERIMENTAL)
  public enum Rule {
    /** The column is in the data. */
    @JsonProperty("present")
    PRESENT,
    /** The column has the expected type. */
    @JsonProperty("type")
    TYPE,
    /** At most a fraction of rows are missing (null, or NaN in a DOUBLE column). */
    @JsonProperty("max_null_fraction")
    MAX_NULL_FRACTION,
    /** Numeric values lie in {@code [min, max]}. */
    @JsonProperty("range")
    RANGE,
    /** STRING or BOOLEAN values are from a set. */
    @JsonProperty("domain")
    DOMAIN;

    /** The rule's name in JSON and messages: {@code max_null_fraction}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The rules of one column; a {@code null} component is a rule that is not set.
   *
   * @param column the column name
   * @param pii whether the column is tagged {@code pii} (reports then show no values)
   * @param present whether the column must be present
   * @param type the required type, or null
   * @param maxNullFraction the largest allowed fraction of missing rows, or null
   * @param min the smallest allowed value, or null
   * @param max the largest allowed value, or null
   * @param domain the allowed values, or null
   */
  @Stability(Stability.Level.EXPERIMENTAL)
  public record ColumnConstraint(String column, boolean pii, boolean present, ColumnType type,
      Double maxNullFraction, Double min, Double max, List<String> domain) {
    /** Copies the domain. */
    public ColumnConstraint {
      Objects.requireNonNull(column, "column");
      domain = domain == null ? null : List.copyOf(domain);
    }
  }

  private final Map<String, ColumnConstraint> columns;

  private Constraints(Map<String, ColumnConstraint> columns) {
    this.columns = columns;
  }

  static Constraints infer(DataProfile profile, ConstraintOptions options) {
    Map<String, ColumnConstraint> out = new LinkedHashMap<>();
    for (ColumnProfile c : profile.columns()) {
      double nullFraction = c.nullFraction();
      Double maxNull = nullFraction == 0 ? 0.0 : Math.min(1.0, nullFraction + options.nullFractionSlack());
      Double min = null;
      Double max = null;
      List<String> domain = null;
      if (!c.isPii() && c.isNumeric() && c.count() > 0) {
        double margin = options.rangeMargin() * (c.max() - c.min());
        min = c.min() - margin;
        max = c.max() + margin;
      }
      if (!c.isPii() && c.type() == ColumnType.STRING && c.distinctExact() && c.otherCount() == 0
          && c.distinct() > 0 && c.distinct() <= options.maxDomainSize()) {
        domain = c.categories().stream().map(ColumnProfile.Category::value).sorted().toList();
      }
      out.put(c.name(), new ColumnConstraint(c.name(), c.isPii(), true, c.type(), maxNull, min, max, domain));
    }
    return new Constraints(out);
  }

  /** The constraints of every column, in the profile's order. */
  public List<ColumnConstraint> columns() {
    return List.copyOf(columns.values());
  }

  /** The constraints of {@code column}; a {@link NotFoundException} listing the columns if none. */
  public ColumnConstraint column(String column) {
    ColumnConstraint c = columns.get(column);
    if (c == null) {
      throw new NotFoundException("no constraints for column '" + column + "'; the constrained columns are "
          + columns.keySet());
    }
    return c;
  }

  /**
   * These constraints with {@code column}'s values required to lie in {@code [min, max]} (inclusive); use
   * {@code Double.NEGATIVE_INFINITY} or {@code POSITIVE_INFINITY} for an open end.
   */
  public Constraints withRange(String column, double min, double max) {
    ColumnConstraint c = column(column);
    if (!(min <= max)) {
      throw new ValidationException("range of column '" + column + "': min " + min + " is not <= max " + max
          + "; give min <= max");
    }
    if (c.type() != null && !c.type().isNumeric()) {
      throw new ValidationException("range of column '" + column + "': the column is " + c.type()
          + "; a range applies to DOUBLE or LONG columns");
    }
    return with(new ColumnConstraint(column, c.pii(), c.present(), c.type(), c.maxNullFraction(), min, max,
        c.domain()));
  }

  /** These constraints with at most {@code fraction} (0 to 1) of {@code column}'s rows allowed to be missing. */
  public Constraints withMaxNullFraction(String column, double fraction) {
    ColumnConstraint c = column(column);
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new ValidationException("max null fraction of column '" + column + "' is " + fraction
          + "; it must be between 0 and 1");
    }
    return with(new ColumnConstraint(column, c.pii(), c.present(), c.type(), fraction, c.min(), c.max(),
        c.domain()));
  }

  /** These constraints with {@code column}'s values required to be among {@code values} (STRING or BOOLEAN). */
  public Constraints withDomain(String column, Collection<String> values) {
    ColumnConstraint c = column(column);
    if (values.isEmpty()) {
      throw new ValidationException("domain of column '" + column + "' is empty; give at least one value, or drop "
          + "the rule with without(\"" + column + "\", Rule.DOMAIN)");
    }
    if (c.type() != null && c.type() != ColumnType.STRING && c.type() != ColumnType.BOOLEAN) {
      throw new ValidationException("domain of column '" + column + "': the column is " + c.type()
          + "; a domain applies to STRING or BOOLEAN columns (use withRange for numbers)");
    }
    return with(new ColumnConstraint(column, c.pii(), c.present(), c.type(), c.maxNullFraction(), c.min(),
        c.max(), List.copyOf(values)));
  }

  /** These constraints without {@code rule} on {@code column} (the column is then not checked for it). */
  public Constraints without(String column, Rule rule) {
    ColumnConstraint c = column(column);
    return with(new ColumnConstraint(column, c.pii(), rule != Rule.PRESENT && c.present(),
        rule == Rule.TYPE ? null : c.type(), rule == Rule.MAX_NULL_FRACTION ? null : c.maxNullFraction(),
        rule == Rule.RANGE ? null : c.min(), rule == Rule.RANGE ? null : c.max(),
        rule == Rule.DOMAIN ? null : c.domain()));
  }

  private Constraints with(ColumnConstraint c) {
    Map<String, ColumnConstraint> copy = new LinkedHashMap<>(columns);
    copy.put(c.column(), c);
    return new Constraints(copy);
  }

  /**
   * Checks {@code frame} against every rule and reports each one broken (see {@link ValidationReport}). A missing
   * column or a wrong type is reported once and the column's other rules are skipped.
   */
  public ValidationReport validate(Frame frame) {
    List<Violation> violations = new ArrayList<>();
    for (ColumnConstraint c : columns.values()) {
      ConstraintCheck.check(c, frame, violations);
    }
    return new ValidationReport(frame.rowCount(), violations);
  }

  /** The rules as an aligned table: column, type, max null fraction, range, domain size. */
  @Override
  public String toString() {
    List<List<String>> rows = new ArrayList<>();
    for (ColumnConstraint c : columns.values()) {
      rows.add(List.of(c.column(), c.present() ? "yes" : "no", c.type() == null ? "-" : c.type().name(),
          c.maxNullFraction() == null ? "-" : TextTable.num(c.maxNullFraction()),
          c.min() == null ? "-" : "[" + TextTable.num(c.min()) + ", " + TextTable.num(c.max()) + "]",
          c.domain() == null ? "-" : c.domain().size() + " values"));
    }
    return TextTable.format(List.of("column", "present", "type", "max_null_fraction", "range", "domain"), rows);
  }

  /** Equal when the rules are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Constraints c && c.columns.equals(columns);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return columns.hashCode();
  }
}
