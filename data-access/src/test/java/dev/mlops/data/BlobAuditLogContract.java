package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobStore;
import dev.mlops.core.Json;
import dev.mlops.core.Sha256;
import dev.mlops.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AuditLogContract} for the blob store backend, tampering with the blobs; plus its key layout. */
abstract class BlobAuditLogContract extends AuditLogContract {
  static final String LOG = "warehouse";

  /** The store under test; the same one for the whole test. */
  abstract BlobStore blobs();

  @Override
  AuditLog open(AuditLog.Builder options) {
    return options.inBlobStore(blobs(), LOG);
  }

  static String key(long seq) {
    return "audit/" + LOG + "/" + String.format("%020d", seq) + ".json";
  }

  static final String HEAD = "audit/" + LOG + "/head.json";

  private ObjectNode stored(long seq) {
    return (ObjectNode) Json.parseTree(new String(blobs().getBytes(key(seq)), StandardCharsets.UTF_8), key(seq));
  }

  @Override
  void setField(long seq, String field, Object value) {
    ObjectNode entry = stored(seq);
    if (value == null) {
      entry.putNull(field);
    } else if (value instanceof Long n) {
      entry.put(field, n);
    } else {
      entry.put(field, value.toString());
    }
    blobs().putBytes(key(seq), Json.canonicalBytes(entry));
  }

  @Override
  void replace(AuditEntry entry) {
    blobs().putBytes(key(entry.seq()), entry.toJson().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  void delete(long seq) {
    assertTrue(blobs().delete(key(seq)));
  }

  @Override
  void corrupt(long seq) {
    blobs().putBytes(key(seq), "{\"seq\": 2, \"purpose\": ".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  void setHead(AuditAnchor head) {
    blobs().putBytes(HEAD, Json.canonicalBytes(head));
  }

  @Override
  void deleteHead() {
    assertTrue(blobs().delete(HEAD));
  }

  @Test
  void eachEntryIsOneBlobHoldingItsJsonAndTheHeadNamesTheLast() {
    List<AuditEntry> made = appendFive(open());
    List<String> keys = blobs().list("audit/").map(BlobInfo::key).toList();
    assertEquals(List.of(key(1), key(2), key(3), key(4), key(5), HEAD), keys);
    for (AuditEntry e : made) {
      assertEquals(e.toJson(), new String(blobs().getBytes(key(e.seq())), StandardCharsets.UTF_8));
    }
    assertEquals(AuditAnchor.of(made.get(4)), Json.parse(blobs().getBytes(HEAD), AuditAnchor.class, HEAD));
  }

  @Test
  void anAuditorRecomputesTheHashFromTheStoredJsonWithoutTheHashMember() {
    AuditEntry e = appendFive(open()).get(2);
    ObjectNode stored = stored(e.seq());
    String hash = stored.remove("hash").asText();
    assertEquals(hash, Sha256.ofUtf8(Json.toCanonicalJson(stored)));
    assertEquals(e.hash(), hash);
  }

  @Test
  void aFreshLogHasAHeadAtZero() {
    open();
    assertEquals(AuditAnchor.EMPTY, Json.parse(blobs().getBytes(HEAD), AuditAnchor.class, HEAD));
  }

  @Test
  void aHeadThatLagsBehindTheLastEntryIsAllowed() {
    AuditLog log = open();
    List<AuditEntry> made = appendFive(log);
    setHead(AuditAnchor.of(made.get(1))); // a writer died between its entry and the head
    assertTrue(log.verify().isOk());
    assertEquals(6, open().append(AuditEvent.read("warehouse", Q1, "more", 1)).seq());
  }

  @Test
  void otherBlobsUnderTheLogAreIgnored() {
    AuditLog log = open();
    appendFive(log);
    blobs().putBytes("audit/" + LOG + "/README.txt", "notes".getBytes(StandardCharsets.UTF_8));
    blobs().putBytes("audit/" + LOG + "-other/" + String.format("%020d", 1) + ".json", new byte[0]);
    assertTrue(log.verify().isOk());
    assertEquals(5, log.entries().count());
  }

  @Test
  void rejectsLogNamesThatAreNotOneKeySegment() {
    for (String bad : new String[] {"", "a/b", "..", "-x", "a b", "x".repeat(101)}) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> AuditLog.inBlobStore(blobs(), bad), bad);
      assertTrue(e.getMessage().contains("audit log name"), e.getMessage());
    }
  }
}
