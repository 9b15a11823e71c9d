package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryTest {
  private static final String SQL = "SELECT * FROM orders WHERE region = ? AND placed_at >= ?";

  @Test
  void ofBindsTheParametersAndLeavesTheRestToTheSource() {
    Query q = Query.of(SQL, "EU", LocalDate.of(2026, 1, 1));
    assertEquals(SQL, q.sql());
    assertEquals(List.of("EU", LocalDate.of(2026, 1, 1)), q.params());
    assertEquals(0, q.batchRows());
    assertNull(q.timeout());
    assertNull(q.purpose());
    assertFalse(q.repeatableRead());
    assertEquals(List.of(), Query.of("SELECT 1").params());
  }

  @Test
  void bindsEveryDocumentedParameterType() {
    List<Object> all = Arrays.asList(null, "s", 1L, 2, (short) 3, (byte) 4, 5.0, 6.0f, new BigDecimal("7.25"),
        BigInteger.TEN, true, Instant.EPOCH, OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
        LocalDate.of(2026, 1, 2), LocalDateTime.of(2026, 1, 2, 3, 4), LocalTime.NOON, new UUID(1, 2));
    assertEquals(all, Query.of(SQL, all.toArray()).params());
  }

  @Test
  void refusesAParameterTypeNamingItsPositionAndType() {
    Object[][] cases = {
        {new Object[] {"EU", new Date(0)}, "parameter 2 is a java.util.Date"},
        {new Object[] {new ArrayList<>(List.of(1, 2))}, "parameter 1 is a java.util.ArrayList"},
        {new Object[] {"a", "b", new byte[] {1}}, "parameter 3 is a byte[]"},
        {new Object[] {ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)}, "parameter 1 is a "
            + "java.time.ZonedDateTime"},
        {new Object[] {Optional.of("x")}, "parameter 1 is a java.util.Optional"},
        {new Object[] {'c'}, "parameter 1 is a java.lang.Character"},
    };
    for (Object[] c : cases) {
      ValidationException e = assertThrows(ValidationException.class, () -> Query.of(SQL, (Object[]) c[0]));
      assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
      assertTrue(e.getMessage().contains("pass a String, number, Boolean, java.time value or UUID"), e.getMessage());
      assertTrue(e.getMessage().contains("for a list, one placeholder per element"), e.getMessage());
    }
  }

  @Test
  void aRefusedParameterIsNotShown() {
    StringBuilder secret = new StringBuilder("alice@example.com");
    ValidationException e = assertThrows(ValidationException.class, () -> Query.of(SQL, "EU", secret));
    assertTrue(e.getMessage().contains("parameter 2 is a java.lang.StringBuilder"), e.getMessage());
    assertFalse(e.getMessage().contains("alice"), e.getMessage());
  }

  @Test
  void toStringShowsTheParameterTypesNeverTheirValues() {
    Query q = Query.of(SQL, "alice@example.com", 4_111_111_111_111_111L, null, new BigDecimal("1234.56"));
    assertEquals("Query[" + SQL + "; params: String, Long, null, BigDecimal]", q.toString());
    assertFalse(q.withPurpose("fraud review").toString().contains("alice"));
    assertEquals("Query[SELECT 1]", Query.of("SELECT 1").toString());
  }

  @Test
  void nullParametersAreBound() {
    assertEquals(Arrays.asList((Object) null), Query.of("SELECT ?", (Object) null).params());
    assertEquals(Arrays.asList((Object) null), Query.of("SELECT ?", (Object[]) null).params(),
        "of(sql, null) binds one null");
    assertEquals(Arrays.asList("a", null), Query.of("SELECT ?, ?", "a", null).params());
    assertThrows(NullPointerException.class, () -> new Query("SELECT 1", null, 0, null, null, false));
  }

  @Test
  void theParametersAreACopyThatCannotChange() {
    List<Object> params = new ArrayList<>(List.of("EU"));
    Query q = new Query(SQL, params, 0, null, null, false);
    params.add("changed");
    assertEquals(List.of("EU"), q.params());
    assertThrows(UnsupportedOperationException.class, () -> q.params().add("x"));
    Object[] array = {"EU"};
    Query fromArray = Query.of(SQL, array);
    array[0] = "changed";
    assertEquals(List.of("EU"), fromArray.params());
  }

  @Test
  void theSqlIsNotEmpty() {
    for (String sql : new String[] {null, "", " \n\t"}) {
      ValidationException e = assertThrows(ValidationException.class, () -> Query.of(sql));
      assertTrue(e.getMessage().contains("the SQL text is empty"), e.getMessage());
      assertTrue(e.getMessage().contains("SELECT * FROM t WHERE id = ?"), e.getMessage());
    }
  }

  @Test
  void withMethodsReturnACopyChangingOneThing() {
    Query q = Query.of(SQL, "EU", 7L);
    Query batched = q.withBatchRows(50_000);
    Query limited = q.withTimeout(Duration.ofMinutes(5));
    Query purposed = q.withPurpose("churn model training");
    Query snapshot = q.withRepeatableRead();
    assertEquals(new Query(SQL, List.of("EU", 7L), 50_000, null, null, false), batched);
    assertEquals(new Query(SQL, List.of("EU", 7L), 0, Duration.ofMinutes(5), null, false), limited);
    assertEquals(new Query(SQL, List.of("EU", 7L), 0, null, "churn model training", false), purposed);
    assertEquals(new Query(SQL, List.of("EU", 7L), 0, null, null, true), snapshot);
    assertEquals(Query.of(SQL, "EU", 7L), q, "the original is unchanged");
    assertNotSame(q, snapshot);

    Query all = q.withBatchRows(10).withTimeout(Duration.ZERO).withPurpose("audit").withRepeatableRead();
    assertEquals(new Query(SQL, List.of("EU", 7L), 10, Duration.ZERO, "audit", true), all);
    assertEquals(all, all.withBatchRows(10), "a with... keeps every other field");
  }

  @Test
  void withMethodsCheckTheirValues() {
    Query q = Query.of(SQL, "EU", 7L);
    ValidationException rows = assertThrows(ValidationException.class, () -> q.withBatchRows(0));
    assertTrue(rows.getMessage().contains("batchRows is 0; it must be at least 1"), rows.getMessage());
    ValidationException timeout = assertThrows(ValidationException.class,
        () -> q.withTimeout(Duration.ofMillis(500)));
    assertTrue(timeout.getMessage().contains("query timeout is PT0.5S; it is zero (no limit) or at least one second"),
        timeout.getMessage());
    assertThrows(ValidationException.class, () -> q.withTimeout(Duration.ofSeconds(-1)));
    ValidationException purpose = assertThrows(ValidationException.class, () -> q.withPurpose(" "));
    assertTrue(purpose.getMessage().contains("the purpose is blank; say why the data is read"), purpose.getMessage());
    assertThrows(NullPointerException.class, () -> q.withTimeout(null));
    assertThrows(NullPointerException.class, () -> q.withPurpose(null));
    ValidationException negative = assertThrows(ValidationException.class,
        () -> new Query(SQL, List.of(), -1, null, null, false));
    assertTrue(negative.getMessage().contains("batchRows is -1; it is 0 (the source's default) or more"),
        negative.getMessage());
  }
}
