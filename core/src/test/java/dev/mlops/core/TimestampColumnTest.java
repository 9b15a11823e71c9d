package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampColumnTest {

  @Test
  void storesMicrosecondsSinceTheEpoch() {
    Instant t = Instant.parse("2026-11-27T10:15:30.123456Z");
    TimestampColumn c = TimestampColumn.of(t, null);
    assertEquals(t.getEpochSecond() * 1_000_000L + 123_456, c.getMicros(0));
    assertEquals(t, c.getInstant(0));
    assertEquals(t, c.get(0));
    assertNull(c.getInstant(1));
    assertTrue(c.isNull(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.5Z",
      "1900-01-01T00:00:00.000001Z", "0001-01-01T00:00:00Z", "-1000-06-15T12:00:00.25Z", "2262-04-11T23:47:16Z",
      "9999-12-31T23:59:59.999999Z"})
  void roundTripsInstantsBeforeAndAfter1970(String text) {
    Instant t = Instant.parse(text);
    long micros = TimestampColumn.toMicros(t);
    BigInteger expected = BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000))
        .add(BigInteger.valueOf(t.getNano() / 1000));
    assertEquals(expected.longValueExact(), micros);
    assertEquals(t, TimestampColumn.fromMicros(micros));
  }

  @Test
  void minusOneMicrosecondIsJustBeforeTheEpoch() {
    assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), TimestampColumn.fromMicros(-1));
    assertEquals(-1, TimestampColumn.toMicros(Instant.parse("1969-12-31T23:59:59.999999Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-27T10:15:30.123456789Z", "1969-12-31T23:59:59.999999999Z",
      "1969-12-31T23:59:59.000000001Z", "1970-01-01T00:00:00.000000999Z", "1960-03-01T01:02:03.000000500Z"})
  void truncatesSubMicrosecondDigitsTowardThePastLikeTruncatedTo(String text) {
    Instant t = Instant.parse(text);
    Instant expected = t.truncatedTo(ChronoUnit.MICROS);
    assertEquals(expected, TimestampColumn.of(t).getInstant(0));
    assertTrue(!expected.isAfter(t) && java.time.Duration.between(expected, t).toNanos() < 1000);
  }

  @Test
  void rejectsInstantsOutsideTheMicrosecondRange() {
    ValidationException e = assertThrows(ValidationException.class, () -> TimestampColumn.of(Instant.MAX));
    assertTrue(e.getMessage().contains("outside the TIMESTAMP range"), e.getMessage());
    assertTrue(e.getCause() instanceof ArithmeticException);
  }

  @Test
  void builderTakesMicrosAndInstants() {
    TimestampColumn c = TimestampColumn.builder(3).addMicros(-1_500_000).add(Instant.EPOCH).addNull().build();
    assertEquals(Instant.parse("1969-12-31T23:59:58.500Z"), c.getInstant(0));
    assertEquals(0, c.getMicros(1));
    assertEquals("TIMESTAMP[1969-12-31T23:59:58.500Z, 1970-01-01T00:00:00Z, <null>]", c.toString());
  }
}
