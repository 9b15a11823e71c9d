package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * Converts its input columns to one type, keeping names and tags; nothing is learnt. Conversions:
 *
 * <ul>
 *   <li>to {@link To#DOUBLE}: LONG exactly as {@code (double)}, BOOLEAN as 1/0, STRING parsed as a decimal number
 *       ({@code "3"}, {@code "-1.5e3"}, {@code " 2.0 "}; also {@code inf}, {@code -infinity}, {@code nan}, which is
 *       missing).
 *   <li>to {@link To#LONG}: DOUBLE when it is a whole number in range (else unparseable), BOOLEAN as 1/0, STRING
 *       parsed as a whole decimal number ({@code "42"}, {@code "-7"}).
 *   <li>to {@link To#STRING}: numbers as Java's {@code Double.toString} / {@code Long.toString} ({@code "1.0"},
 *       {@code "1.0E10"}), booleans as {@code "true"}/{@code "false"}, timestamps as ISO-8601 UTC
 *       ({@code 2026-12-01T10:15:30Z}).
 *   <li>to {@link To#BOOLEAN}: numbers 1 and 0, strings {@code true}/{@code false}, {@code 1}/{@code 0},
 *       {@code yes}/{@code no} (any case, trimmed).
 * </ul>
 * A missing value stays missing. A value that does not convert is, with {@link Unparseable#ERROR} (the default), an
 * error naming the column and row; with {@link Unparseable#NULL} it becomes missing. A TIMESTAMP converts only to
 * STRING (use {@link DateParts} for numbers). scikit-learn has no such step (pandas' {@code astype} is closest).
 *
 * <pre>{@code
 * Cast.to(Cast.To.DOUBLE)                                          // {"to": "double", "unparseable": "error"}
 * Cast.to(Cast.To.LONG).withUnparseable(Cast.Unparseable.NULL)
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param to the target type; required
 * @param unparseable what a value that does not convert gives; null means {@link Unparseable#ERROR}
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Cast(To to, Unparseable unparseable) implements Transform {

  /** The target type. */
  public enum To {
    /** DOUBLE. */
    @JsonProperty("double")
    DOUBLE(ColumnType.DOUBLE),
    /** LONG. */
    @JsonProperty("long")
    LONG(ColumnType.LONG),
    /** STRING. */
    @JsonProperty("string")
    STRING(ColumnType.STRING),
    /** BOOLEAN. */
    @JsonProperty("boolean")
    BOOLEAN(ColumnType.BOOLEAN);

    private final ColumnType type;

    To(ColumnType type) {
      this.type = type;
    }

    /** The column type. */
    public ColumnType columnType() {
      return type;
    }
  }

  /** What a value that does not convert gives. */
  public enum Unparseable {
    /** Fail, naming the column and row (the default). */
    @JsonProperty("error")
    ERROR,
    /** A missing value. */
    @JsonProperty("null")
    NULL
  }

  /** Checks {@code to} and fills the default policy. */
  public Cast {
    if (to == null) {
      throw new ValidationException("Cast: 'to' is missing; give one of double, long, string, boolean");
    }
    unparseable = unparseable == null ? Unparseable.ERROR : unparseable;
  }

  /** A cast to {@code to}, failing on values that do not convert. */
  public static Cast to(To to) {
    return new Cast(to, Unparseable.ERROR);
  }

  /** This step with another policy for values that do not convert. */
  public Cast withUnparseable(Unparseable unparseable) {
    return new Cast(to, unparseable);
  }

  /** The {@code mlops.cast} type. */
  @Override
  public TransformType<Cast> type() {
    return CastType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks every input converts to the target type (a TIMESTAMP only to STRING). */
  @Override
  public Fitter fitter(StepContext context) {
    FittedCast fitted = new FittedCast(this, context);
    return Fitter.of(() -> fitted);
  }
}
