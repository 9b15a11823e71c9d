package dev.mlops.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.Json;
import dev.mlops.core.RowHash;
import dev.mlops.core.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest of one dataset snapshot: what data it holds (schema, row count, content hash), where it came from
 * (source, SQL and parameters, consistency), why and by whom, and the files that hold it. Immutable, stored as
 * canonical JSON next to the data; never holds credentials.
 *
 * <pre>{@code
 * Snapshot s = datasets.snapshot("churn-train", warehouse, Query.of("SELECT * FROM accounts"), "churn training");
 * s.id();        // "4f0c..." the content hash: equal data, equal id
 * s.ref();       // "churn-train@3"
 * s.rows();      // 120000
 * }</pre>
 *
 * @param id the content hash of the data ({@link #encoding()}); equal data gives an equal id
 * @param name the snapshot's name
 * @param version its number under the name (1, 2, ...)
 * @param createdAt when it was taken
 * @param createdBy who took it
 * @param purpose why
 * @param rows how many rows it holds
 * @param schema the columns, with their tags ({@code pii}, {@code sql:<type>})
 * @param source where the data came from, or {@code null} for a FrameSource given directly
 * @param files the stored files, one per format
 * @param encoding the row encoding the id hashes ({@value RowHash#ENCODING})
 * @param libraryVersion the MLOps Commons version that took it
 *
 * <p>Stability: experimental.
 */
public record Snapshot(String id, String name, int version, Instant createdAt, String createdBy, String purpose,
    long rows, Schema schema, Source source, List<SnapshotFile> files, String encoding, String libraryVersion) {

  /** Copies the list. */
  public Snapshot {
    files = List.copyOf(files);
  }

  /** {@code name@version}. */
  public String ref() {
    return name + "@" + version;
  }

  /** The file of {@code format}, if the snapshot has one. */
  public java.util.Optional<SnapshotFile> file(DatasetFormat format) {
    return files.stream().filter(f -> f.format() == format).findFirst();
  }

  /**
   * Where a snapshot's data came from.
   *
   * @param name the JDBC source's name (never its URL or credentials)
   * @param product the database product, e.g. PostgreSQL
   * @param sql the SQL text
   * @param params the bound parameters, each as {@code {"type": ..., "value": ...}} (values as text)
   * @param queryHash {@link AuditEntry#queryHash} of the SQL and parameters, as the audit log records it
   * @param consistency {@code repeatable-read} when the extraction ran in one REPEATABLE READ transaction, else
   *     {@code single-statement}
   * @param typePolicy the {@link JdbcTypes#POLICY} the columns were mapped by
   */
  public record Source(String name, String product, String sql, List<Map<String, String>> params, String queryHash,
      String consistency, String typePolicy) {
    /** Copies the list. */
    public Source {
      params = List.copyOf(params);
    }
  }

  /**
   * One stored file of a snapshot.
   *
   * @param format its format
   * @param key its key in the blob store
   * @param size its size in bytes
   * @param sha256 its SHA-256
   */
  public record SnapshotFile(DatasetFormat format, String key, long size, String sha256) {}

  /** The manifest as canonical JSON. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("manifestVersion", 1);
    m.put("id", id);
    m.put("name", name);
    m.put("version", version);
    m.put("createdAt", createdAt.toString());
    m.put("createdBy", createdBy);
    m.put("purpose", purpose);
    m.put("rows", rows);
    List<Map<String, Object>> fields = new ArrayList<>();
    for (Field f : schema.fields()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("name", f.name());
      fm.put("type", f.type().name());
      fm.put("nullable", f.nullable());
      fm.put("tags", new ArrayList<>(f.tags()));
      fields.add(fm);
    }
    m.put("schema", fields);
    if (source != null) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", source.name());
      sm.put("product", source.product());
      sm.put("sql", source.sql());
      sm.put("params", source.params());
      sm.put("queryHash", source.queryHash());
      sm.put("consistency", source.consistency());
      sm.put("typePolicy", source.typePolicy());
      m.put("source", sm);
    }
    List<Map<String, Object>> fl = new ArrayList<>();
    for (SnapshotFile f : files) {
      fl.add(Map.of("format", f.format().name(), "key", f.key(), "size", f.size(), "sha256", f.sha256()));
    }
    m.put("files", fl);
    m.put("encoding", encoding);
    m.put("libraryVersion", libraryVersion);
    return Json.toCanonicalJson(m);
  }

  /** Reads a manifest written by {@link #toJson()}. */
  static Snapshot fromJson(String json, String where) {
    try {
      JsonNode n = Json.parseTree(json, where);
      List<Field> fields = new ArrayList<>();
      for (JsonNode f : n.get("schema")) {
        Set<String> tags = new LinkedHashSet<>();
        f.get("tags").forEach(t -> tags.add(t.asText()));
        fields.add(new Field(f.get("name").asText(), ColumnType.valueOf(f.get("type").asText()),
            f.get("nullable").asBoolean(), tags));
      }
      Source source = null;
      JsonNode s = n.get("source");
      if (s != null && !s.isNull()) {
        List<Map<String, String>> params = new ArrayList<>();
        for (JsonNode p : s.get("params")) {
          Map<String, String> pm = new LinkedHashMap<>();
          p.properties().forEach(e -> pm.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
          params.add(pm);
        }
        source = new Source(s.get("name").asText(), s.get("product").asText(), s.get("sql").asText(), params,
            s.get("queryHash").asText(), s.get("consistency").asText(), s.get("typePolicy").asText());
      }
      List<SnapshotFile> files = new ArrayList<>();
      for (JsonNode f : n.get("files")) {
        files.add(new SnapshotFile(DatasetFormat.valueOf(f.get("format").asText()), f.get("key").asText(),
            f.get("size").asLong(), f.get("sha256").asText()));
      }
      return new Snapshot(n.get("id").asText(), n.get("name").asText(), n.get("version").asInt(),
          Instant.parse(n.get("createdAt").asText()), n.get("createdBy").asText(), n.get("purpose").asText(),
          n.get("rows").asLong(), new Schema(fields), source, files, n.get("encoding").asText(),
          n.get("libraryVersion").asText());
    } catch (RuntimeException e) {
      throw new IntegrityException("snapshot manifest " + where + " is damaged or not a manifest: " + e.getMessage(), e);
    }
  }
}
