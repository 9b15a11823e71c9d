package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/**
 * Calendar parts of TIMESTAMP columns as DOUBLE columns named {@code <column>_<part>} (for each input, its parts in
 * the order given): {@code year}, {@code month} (1-12), {@code day} (of month), {@code day_of_week} (ISO: Monday 1
 * to Sunday 7), {@code day_of_year} (1-366), {@code hour}, {@code minute}, and {@code epoch_seconds} (seconds since
 * 1970-01-01T00:00Z, with the microseconds as the fraction; independent of the zone). Parts are read in
 * {@code zone} (an IANA id such as {@code Europe/Paris} or an offset such as {@code +02:00}; default {@code UTC}).
 * A missing timestamp gives missing parts. Nothing is learnt. scikit-learn has no such step (pandas' {@code .dt}
 * accessors are closest).
 *
 * <pre>{@code
 * DateParts.of(DateParts.Part.YEAR, DateParts.Part.DAY_OF_WEEK)      // {"parts": ["year", "day_of_week"], "zone": "UTC"}
 * DateParts.of(DateParts.Part.HOUR).withZone("Europe/Paris")
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param parts the parts, distinct, in output order; null means year, month, day, day_of_week
 * @param zone the time zone the parts are read in; null means UTC
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record DateParts(List<Part> parts, String zone) implements Transform {

  /** A part of a timestamp. */
  public enum Part {
    /** The year, e.g. 2026. */
    @JsonProperty("year")
    YEAR("year"),
    /** The month, 1 to 12. */
    @JsonProperty("month")
    MONTH("month"),
    /** The day of the month, 1 to 31. */
    @JsonProperty("day")
    DAY("day"),
    /** The ISO day of the week, Monday 1 to Sunday 7. */
    @JsonProperty("day_of_week")
    DAY_OF_WEEK("day_of_week"),
    /** The day of the year, 1 to 366. */
    @JsonProperty("day_of_year")
    DAY_OF_YEAR("day_of_year"),
    /** The hour, 0 to 23. */
    @JsonProperty("hour")
    HOUR("hour"),
    /** The minute, 0 to 59. */
    @JsonProperty("minute")
    MINUTE("minute"),
    /** Seconds since the epoch, microseconds as the fraction. */
    @JsonProperty("epoch_seconds")
    EPOCH_SECONDS("epoch_seconds");

    private final String suffix;

    Part(String suffix) {
      this.suffix = suffix;
    }

    /** The output name suffix, e.g. {@code day_of_week}. */
    public String suffix() {
      return suffix;
    }
  }

  /** Fills defaults, checks the parts are distinct and the zone is known. */
  public DateParts {
    parts = parts == null ? List.of(Part.YEAR, Part.MONTH, Part.DAY, Part.DAY_OF_WEEK) : List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new ValidationException("DateParts: parts is empty; name at least one of " + List.of(Part.values()));
    }
    if (EnumSet.copyOf(parts).size() != parts.size()) {
      throw new ValidationException("DateParts: parts " + parts + " names a part twice; name each part once");
    }
    zone = zone == null ? "UTC" : zone;
    zoneId(zone);
  }

  /** The given parts, in UTC. */
  public static DateParts of(Part first, Part... more) {
    List<Part> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(List.of(more));
    return new DateParts(all, "UTC");
  }

  /** This step reading parts in another zone. */
  public DateParts withZone(String zone) {
    return new DateParts(parts, zone);
  }

  /** This step with other parts. */
  public DateParts withParts(List<Part> parts) {
    return new DateParts(parts, zone);
  }

  static ZoneId zoneId(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ValidationException("DateParts: zone '" + zone + "' is not a known time zone; use an IANA id such as"
          + " \"Europe/Paris\", an offset such as \"+02:00\", or \"UTC\"", e);
    }
  }

  /** The {@code mlops.date_parts} type. */
  @Override
  public TransformType<DateParts> type() {
    return DatePartsType.INSTANCE;
  }

  /** False: nothing to learn. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks the inputs are TIMESTAMP columns. */
  @Override
  public Fitter fitter(StepContext context) {
    FittedDateParts fitted = new FittedDateParts(this, context);
    return Fitter.of(() -> fitted);
  }
}
