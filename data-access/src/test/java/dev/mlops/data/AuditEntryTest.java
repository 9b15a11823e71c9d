package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Sha256;
import dev.mlops.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  private static final String Q = AuditEntry.queryHash("SELECT 1", List.of());

  private static String q(Object... params) {
    return AuditEntry.queryHash("SELECT * FROM t WHERE a = ?", Arrays.asList(params));
  }

  @Test
  void queryHashIsTheSha256OfTheDocumentedEncoding() {
    assertEquals(Sha256.ofUtf8("{\"params\":[{\"type\":\"integer\",\"value\":1}],\"sql\":\"SELECT ?\"}"),
        AuditEntry.queryHash("SELECT ?", List.of(1)));
    String expected = "{\"params\":["
        + "{\"type\":\"null\"},"
        + "{\"type\":\"string\",\"value\":\"x\\\"y\"},"
        + "{\"type\":\"boolean\",\"value\":true},"
        + "{\"type\":\"integer\",\"value\":12345678901234567890},"
        + "{\"type\":\"double\",\"value\":1.5},"
        + "{\"type\":\"float\",\"value\":0.1},"
        + "{\"type\":\"double\",\"value\":\"NaN\"},"
        + "{\"type\":\"decimal\",\"value\":\"1.50\"},"
        + "{\"type\":\"bytes\",\"value\":\"01ff\"},"
        + "{\"type\":\"date\",\"value\":\"2026-01-02\"},"
        + "{\"type\":\"timestamp\",\"value\":\"2026-01-02T03:04:05\"},"
        + "{\"type\":\"instant\",\"value\":\"2026-01-02T03:04:05Z\"},"
        + "{\"type\":\"timestamptz\",\"value\":\"2026-01-02T03:04:05+01:00\"},"
        + "{\"type\":\"uuid\",\"value\":\"00000000-0000-0001-0000-000000000002\"}"
        + "],\"sql\":\"SELECT ?\\n\"}";
    assertEquals(Sha256.ofUtf8(expected), AuditEntry.queryHash("SELECT ?\n", Arrays.asList(null, "x\"y", true,
        new BigInteger("12345678901234567890"), 1.5, 0.1f, Double.NaN, new BigDecimal("1.50"), new byte[] {1, -1},
        LocalDate.of(2026, 1, 2), LocalDateTime.of(2026, 1, 2, 3, 4, 5), Instant.parse("2026-01-02T03:04:05Z"),
        OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(1)), new UUID(1, 2))));
  }

  @Test
  void queryHashDistinguishesParameterTypesOfEqualText() {
    List<String> hashes = new ArrayList<>(List.of(q("1"), q(1), q(1.0), q(1.0f), q(new BigDecimal("1")), q(true),
        q("true"), q((Object) null), q("null"), q("2026-01-01"), q(LocalDate.of(2026, 1, 1)),
        q(LocalDateTime.of(2026, 1, 1, 0, 0)), q(Instant.parse("2026-01-01T00:00:00Z")),
        q(OffsetDateTime.parse("2026-01-01T00:00:00Z")), q(Double.NaN), q("NaN"), q(new byte[] {0x31}), q("31"),
        q(new UUID(0, 1)), q(new UUID(0, 1).toString()), q(LocalTime.of(10, 15)), q("10:15")));
    assertEquals(hashes.size(), new HashSet<>(hashes).size(), "every one differs");
  }

  @Test
  void queryHashTreatsIntegersOfAnyWidthAsOneSqlValue() {
    assertEquals(q(7), q(7L));
    assertEquals(q(7L), q((short) 7));
    assertEquals(q(7L), q(BigInteger.valueOf(7)));
    assertEquals(q(LocalDate.of(2026, 1, 1)), q(java.sql.Date.valueOf(LocalDate.of(2026, 1, 1))));
  }

  @Test
  void queryHashDependsOnParameterOrderCountAndTheExactSql() {
    Set<String> hashes = Set.of(q(1, 2), q(2, 1), q(1), q(1, 2, null), q(),
        AuditEntry.queryHash("SELECT * FROM t WHERE a =  ?", List.of(1, 2)),
        AuditEntry.queryHash("select * from t where a = ?", List.of(1, 2)));
    assertEquals(7, hashes.size());
  }

  @Test
  void queryHashRejectsATypeWithNoDefinedEncodingNamingItsPosition() {
    ValidationException e = assertThrows(ValidationException.class, () -> q(1, new java.util.Date(0)));
    assertTrue(e.getMessage().contains("parameter 2"), e.getMessage());
    assertTrue(e.getMessage().contains("java.util.Date"), e.getMessage());
    assertThrows(ValidationException.class, () -> q(Thread.State.NEW));
    assertThrows(ValidationException.class, () -> AuditEntry.queryHash(" ", List.of()));
    assertThrows(NullPointerException.class, () -> AuditEntry.queryHash("SELECT 1", null));
  }

  @Test
  void theEntryHashIsTheSha256OfTheDocumentedCanonicalJson() {
    AuditEntry e = AuditEntry.create(1, Instant.parse("2026-11-27T10:15:30Z"), "alice",
        AuditEvent.read("warehouse", Q, "churn training", 1200), AuditEntry.GENESIS_HASH);
    String expected = "{\"action\":\"READ\",\"previousHash\":\"" + AuditEntry.GENESIS_HASH + "\","
        + "\"purpose\":\"churn training\",\"queryHash\":\"" + Q + "\",\"rows\":1200,\"seq\":1,\"snapshotId\":null,"
        + "\"source\":\"warehouse\",\"time\":\"2026-11-27T10:15:30Z\",\"user\":\"alice\"}";
    assertEquals(expected, e.hashedJson());
    assertEquals(Sha256.ofUtf8(expected), e.hash());
    assertEquals(e.hash(), e.computeHash());
    assertEquals(expected.replace("\"action\":\"READ\",", "\"action\":\"READ\",\"hash\":\"" + e.hash() + "\","),
        e.toJson(), "the stored form: the same members plus hash, in sorted place");
  }

  @Test
  void everyFieldIsCoveredByTheHash() {
    AuditEntry e = AuditEntry.create(3, Instant.parse("2026-11-27T10:15:30Z"), "alice",
        AuditEvent.snapshot("warehouse", Q, "training", 10, "snap"), Sha256.ofUtf8("x"));
    List<AuditEntry> variants = List.of(
        new AuditEntry(4, e.time(), e.user(), e.action(), e.source(), e.queryHash(), e.purpose(), e.rows(),
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time().plusNanos(1), e.user(), e.action(), e.source(), e.queryHash(), e.purpose(),
            e.rows(), e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), "bob", e.action(), e.source(), e.queryHash(), e.purpose(), e.rows(),
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), AuditAction.READ, e.source(), e.queryHash(), e.purpose(), e.rows(),
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), e.action(), "lake", e.queryHash(), e.purpose(), e.rows(),
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), e.action(), e.source(), Sha256.ofUtf8("q"), e.purpose(), e.rows(),
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), e.action(), e.source(), e.queryHash(), "training ", e.rows(),
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), e.action(), e.source(), e.queryHash(), e.purpose(), 11,
            e.snapshotId(), e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), e.action(), e.source(), e.queryHash(), e.purpose(), e.rows(),
            null, e.previousHash(), e.hash()),
        new AuditEntry(3, e.time(), e.user(), e.action(), e.source(), e.queryHash(), e.purpose(), e.rows(),
            e.snapshotId(), AuditEntry.GENESIS_HASH, e.hash()));
    for (AuditEntry v : variants) {
      assertNotEquals(e.hash(), v.computeHash(), v.toString());
    }
  }

  @Test
  void theConstructorChecksStructureButNotTheHash() {
    assertThrows(ValidationException.class, () -> new AuditEntry(0, Instant.EPOCH, "u", AuditAction.READ, "s", Q,
        "p", 0, null, AuditEntry.GENESIS_HASH, Q));
    assertThrows(ValidationException.class, () -> new AuditEntry(1, Instant.EPOCH, "u", AuditAction.READ, "s", Q,
        "p", -1, null, AuditEntry.GENESIS_HASH, Q));
    assertThrows(ValidationException.class, () -> new AuditEntry(1, Instant.EPOCH, "u", AuditAction.READ, "s", Q,
        "p", 0, null, AuditEntry.GENESIS_HASH, "ABC"));
    AuditEntry wrongHash = new AuditEntry(1, Instant.EPOCH, "u", AuditAction.READ, "s", Q, "p", 0, null,
        AuditEntry.GENESIS_HASH, Q);
    assertNotEquals(wrongHash.hash(), wrongHash.computeHash());
  }

  @Test
  void anchorsPrintAndParseAsSeqColonHash() {
    AuditAnchor a = new AuditAnchor(42, Q);
    assertEquals("42:" + Q, a.toString());
    assertEquals(a, AuditAnchor.parse(a.toString()));
    assertEquals(AuditAnchor.EMPTY, AuditAnchor.parse("0:" + AuditEntry.GENESIS_HASH));
    for (String bad : new String[] {"", "42", "x:" + Q, "42:abc", "-1:" + Q, "0:" + Q}) {
      assertThrows(ValidationException.class, () -> AuditAnchor.parse(bad), bad);
    }
  }
}
