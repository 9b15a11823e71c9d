package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatePartsTest {
  private static final List<DateParts.Part> ALL = List.of(DateParts.Part.values());

  private static Frame times(String name, long[] micros, boolean[] nulls) {
    return Frame.of(Schema.of(Field.of(name, ColumnType.TIMESTAMP)), List.of(TimestampColumn.ofMicros(micros, nulls)));
  }

  @Test
  void partsOfAKnownInstantInUtcAndInParis() {
    Instant t = Instant.parse("2024-02-29T23:30:15.250Z"); // a Thursday, leap day
    Frame f = Frame.of(Schema.of(Field.of("at", ColumnType.TIMESTAMP)), List.of(TimestampColumn.of(t)));
    FittedTransform utc = NumericCases.fitWithoutData(new DateParts(ALL, null), f);
    assertEquals(List.of("at_year", "at_month", "at_day", "at_day_of_week", "at_day_of_year", "at_hour",
        "at_minute", "at_epoch_seconds"), NumericCases.names(utc));
    assertArrayEquals(new double[] {2024, 2, 29, 4, 60, 23, 30, 1709249415.25}, Golden.matrix(utc.apply(f))[0]);
    FittedTransform paris = NumericCases.fitWithoutData(new DateParts(ALL, "Europe/Paris"), f);
    assertArrayEquals(new double[] {2024, 3, 1, 5, 61, 0, 30, 1709249415.25}, Golden.matrix(paris.apply(f))[0]);
  }

  @Test
  void agreesWithJavaTimeOnRandomInstantsAcrossZonesIncludingBeforeTheEpoch() {
    Random rnd = new Random(42);
    int n = 2000;
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      micros[i] = (long) ((rnd.nextDouble() * 2 - 1) * 5e15); // about 1811 to 2128
    }
    for (String zone : List.of("UTC", "Europe/Paris", "America/New_York", "+05:30", "Australia/Lord_Howe")) {
      Frame f = times("t", micros, new boolean[n]);
      FittedTransform ft = NumericCases.fitWithoutData(new DateParts(ALL, zone), f);
      double[][] out = Golden.matrix(ft.apply(f));
      for (int i = 0; i < n; i++) {
        Instant at = TimestampColumn.fromMicros(micros[i]);
        ZonedDateTime z = at.atZone(ZoneId.of(zone));
        double[] expected = {z.getYear(), z.getMonthValue(), z.getDayOfMonth(), z.getDayOfWeek().getValue(),
            z.getDayOfYear(), z.getHour(), z.getMinute(),
            (at.getEpochSecond() * 1_000_000L + at.get(ChronoField.MICRO_OF_SECOND)) / 1e6};
        assertArrayEquals(expected, out[i], zone + " " + at);
      }
    }
  }

  @Test
  void missingTimestampGivesMissingPartsAndPathsAgree() {
    Frame f = times("t", new long[] {0, 86_400_000_000L, -1}, new boolean[] {false, true, false});
    FittedTransform ft = NumericCases.fitWithoutData(DateParts.of(DateParts.Part.DAY_OF_WEEK,
        DateParts.Part.EPOCH_SECONDS).withZone("America/New_York"), f);
    assertTrue(ft.apply(f).get(0).isNull(1));
    assertArrayEquals(new double[] {3, -1e-6}, Golden.matrix(ft.apply(f))[2]);
    Golden.assertRecordPathIdentical(ft, f);
    Golden.assertRoundTrip(DateParts.of(DateParts.Part.DAY_OF_WEEK, DateParts.Part.EPOCH_SECONDS)
        .withZone("America/New_York"), ft, f.schema(), f);
    NumericCases.assertMatrixSameAsApply(ft, f);
    assertFalse(ft.stateHoldsValues());
    assertFalse(DateParts.of(DateParts.Part.YEAR).needsData());
  }

  @Test
  void outputsKeepTagsAndNameTheirInput() {
    Schema s = Schema.of(Field.of("born", ColumnType.TIMESTAMP).withTags(Field.PII));
    FittedTransform ft = DateParts.of(DateParts.Part.YEAR).fitter(new StepContext("d", s)).finish();
    assertTrue(ft.outputs().get(0).field().hasTag(Field.PII));
    assertEquals(List.of("born"), ft.outputs().get(0).from());
    assertEquals(ColumnType.DOUBLE, ft.outputs().get(0).field().type());
  }

  @Test
  void rejectsUnknownZoneRepeatedPartsAndNonTimestampColumns() {
    ValidationException zone = assertThrows(ValidationException.class,
        () -> DateParts.of(DateParts.Part.YEAR).withZone("Mars/Olympus"));
    assertTrue(zone.getMessage().contains("zone 'Mars/Olympus'"), zone.getMessage());
    assertThrows(ValidationException.class, () -> DateParts.of(DateParts.Part.YEAR, DateParts.Part.YEAR));
    assertThrows(ValidationException.class, () -> new DateParts(List.of(), null));
    Schema s = Schema.of(Field.of("when", ColumnType.STRING));
    ValidationException type = assertThrows(ValidationException.class,
        () -> DateParts.of(DateParts.Part.YEAR).fitter(new StepContext("d", s)));
    assertTrue(type.getMessage().contains("'when' is STRING but the step takes TIMESTAMP"), type.getMessage());
  }

  @Test
  void parametersBindFromJsonWithDefaults() {
    assertEquals(new DateParts(List.of(DateParts.Part.YEAR, DateParts.Part.MONTH, DateParts.Part.DAY,
        DateParts.Part.DAY_OF_WEEK), "UTC"), Json.parse("{}", DateParts.class));
    assertEquals(DateParts.of(DateParts.Part.DAY_OF_YEAR).withZone("Europe/Paris"),
        Json.parse("{\"parts\": [\"day_of_year\"], \"zone\": \"Europe/Paris\"}", DateParts.class));
  }
}
