package dev.mlops.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The blob at {@code models/NAME/versions/N.json}: a manifest with its signatures, or, once the version is
 * deleted, a tombstone. Not API.
 *
 * @param format {@value #FORMAT}
 * @param manifest the manifest, or {@code null} for a tombstone
 * @param signatures signatures over the manifest's canonical JSON
 * @param tombstone the tombstone, or {@code null}
 */
record VersionRecord(String format, ModelManifest manifest, List<ModelSignature> signatures, Tombstone tombstone) {
  static final String FORMAT = "mlops-model-version@1";

  VersionRecord {
    if (!FORMAT.equals(format)) {
      throw new ValidationException("version record format '" + format + "' is not one this library reads ("
          + FORMAT + "); upgrade MLOps Commons to read it");
    }
    if ((manifest == null) == (tombstone == null)) {
      throw new ValidationException("a version record holds either a manifest or a tombstone, and this one holds "
          + (manifest == null ? "neither" : "both"));
    }
    signatures = List.copyOf(signatures == null ? List.of() : signatures);
  }

  static VersionRecord of(ModelManifest manifest, List<ModelSignature> signatures) {
    return new VersionRecord(FORMAT, manifest, signatures, null);
  }

  static VersionRecord of(Tombstone tombstone) {
    return new VersionRecord(FORMAT, null, List.of(), tombstone);
  }

  byte[] toBytes() {
    return Json.toPrettyJson(this).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A parsed record and the canonical bytes of its manifest exactly as stored (numbers exact), which is what
   * signatures cover and what the manifest digest is computed over.
   */
  record Parsed(VersionRecord record, byte[] canonicalManifest) {
    boolean isTombstone() {
      return record.tombstone() != null;
    }

    String manifestSha256() {
      return Sha256.of(canonicalManifest);
    }

    ModelVersion toVersion(VersionAnnotation annotation) {
      ModelManifest m = record.manifest();
      return new ModelVersion(m, manifestSha256(), record.signatures(),
          annotation == null ? m.metadata().tags() : annotation.tags(),
          annotation == null ? m.metadata().description() : annotation.description());
    }
  }

  /**
   * Parses the bytes stored under {@code key}; a record that does not parse, or whose manifest names another
   * model or version than its key, is an {@link IntegrityException}.
   */
  static Parsed parse(byte[] bytes, String name, int version, String where) {
    VersionRecord r;
    JsonNode tree;
    try {
      r = Json.parse(bytes, VersionRecord.class, where);
      tree = Json.parseExactTree(bytes, where);
    } catch (ValidationException e) {
      throw new IntegrityException("the record of model '" + name + "' version " + version + " (" + where
          + ") is corrupt: " + e.getMessage() + "; restore it from a backup or bundle", e);
    }
    if (r.manifest() != null) {
      if (!r.manifest().name().equals(name) || r.manifest().version() != version) {
        throw new IntegrityException("the record at " + where + " holds the manifest of model '" + r.manifest().name()
            + "' version " + r.manifest().version() + ", not of '" + name + "' version " + version
            + "; it was copied or edited by hand: restore it from a backup or bundle");
      }
      return new Parsed(r, Json.canonical(tree.get("manifest")).getBytes(StandardCharsets.UTF_8));
    }
    if (!r.tombstone().name().equals(name) || r.tombstone().version() != version) {
      throw new IntegrityException("the tombstone at " + where + " names model '" + r.tombstone().name()
          + "' version " + r.tombstone().version() + ", not '" + name + "' version " + version);
    }
    return new Parsed(r, new byte[0]);
  }
}
