package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AuditEventTest {
  private static final String Q = AuditEntry.queryHash("SELECT 1", List.of());

  private static ValidationException rejected(Executable e, String mentions) {
    ValidationException ex = assertThrows(ValidationException.class, e);
    assertTrue(ex.getMessage().contains(mentions), ex.getMessage());
    return ex;
  }

  @Test
  void factoriesSetTheAction() {
    assertEquals(AuditAction.READ, AuditEvent.read("warehouse", Q, "p", 1).action());
    assertEquals(AuditAction.WRITE, AuditEvent.write("warehouse", Q, "p", 1).action());
    AuditEvent s = AuditEvent.snapshot("warehouse", Q, "p", 1, "snap-1");
    assertEquals(AuditAction.SNAPSHOT, s.action());
    assertEquals("snap-1", s.snapshotId());
  }

  @Test
  void rejectsABlankOrMissingPurposeSayingWhatToWrite() {
    rejected(() -> AuditEvent.read("warehouse", Q, " \n", 1), "purpose of an audit event is blank");
    rejected(() -> AuditEvent.read("warehouse", Q, null, 1), "purpose of an audit event is missing");
    rejected(() -> AuditEvent.read("warehouse", Q, "x".repeat(2001), 1), "the most is 2000");
    rejected(() -> AuditEvent.read("warehouse", Q, "a\u0000b", 1), "control character at index 1");
    assertEquals("line one\nline two\tend", AuditEvent.read("warehouse", Q, "line one\nline two\tend", 1).purpose());
  }

  @Test
  void rejectsASourceThatLooksLikeAConnectionUrlWithoutEchoingIt() {
    for (String url : new String[] {"jdbc:postgresql://db/prod?user=etl&password=hunter2", "postgres://etl:hunter2@db",
        "warehouse;password=hunter2"}) {
      ValidationException e = rejected(() -> AuditEvent.read(url, Q, "p", 1), "give the name of the JDBC source");
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
    rejected(() -> AuditEvent.read(" ", Q, "p", 1), "source of an audit event is blank");
    rejected(() -> AuditEvent.read("ware\nhouse", Q, "p", 1), "control character");
    rejected(() -> AuditEvent.read("x".repeat(256), Q, "p", 1), "the most is 255");
  }

  @Test
  void rejectsAQueryHashThatIsNotADigest() {
    rejected(() -> AuditEvent.read("warehouse", "SELECT 1", "p", 1), "AuditEntry.queryHash(sql, params)");
    rejected(() -> AuditEvent.read("warehouse", Q.toUpperCase(java.util.Locale.ROOT), "p", 1), "lower-case hex");
  }

  @Test
  void rejectsNegativeRowsAndASnapshotWithoutItsId() {
    rejected(() -> AuditEvent.read("warehouse", Q, "p", -1), "expected zero or more rows");
    rejected(() -> new AuditEvent(AuditAction.SNAPSHOT, "warehouse", Q, "p", 1, null), "no snapshot id");
    rejected(() -> AuditEvent.snapshot("warehouse", Q, "p", 1, " "), "snapshot id of an audit event is blank");
    assertThrows(NullPointerException.class, () -> AuditEvent.of(null, "warehouse", Q, "p", 1));
  }
}
