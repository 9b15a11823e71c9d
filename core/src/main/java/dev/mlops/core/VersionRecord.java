package dev.mlops.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The blob at {@code models/NAME/versions/N.json}: a manifest with its signatures, or, once the version is
 * deleted, a tombstone, or, in a store that imported a later version first, a {@link VersionGap}. Not API.
 *
 * @param format {@value #FORMAT}
 * @param manifest the manifest, or {@code null} for a tombstone or gap
 * @param signatures signatures over the manifest's canonical JSON
 * @param tombstone the tombstone, or {@code null}
 * @param gap the gap, or {@code null}
 */
record VersionRecord(String format, ModelManifest manifest, List<ModelSignature> signatures, Tombstone tombstone,
    VersionGap gap) {
  static final String FORMAT = "mlops-model-version@1";

  VersionRecord {
    if (!FORMAT.equals(format)) {
      throw new ValidationException("version record format '" + format + "' is not one this library reads ("
          + FORMAT + "); upgrade MLOps Commons to read it");
    }
    int kinds = (manifest == null ? 0 : 1) + (tombstone == null ? 0 : 1) + (gap == null ? 0 : 1);
    if (kinds != 1) {
      throw new ValidationException("a version record holds one of a manifest, a tombstone or a gap, and this one "
          + "holds " + (kinds == 0 ? "none" : kinds));
    }
    signatures = List.copyOf(signatures == null ? List.of() : signatures);
  }

  static VersionRecord of(ModelManifest manifest, List<ModelSignature> signatures) {
    return new VersionRecord(FORMAT, manifest, signatures, null, null);
  }

  static VersionRecord of(Tombstone tombstone) {
    return new VersionRecord(FORMAT, null, List.of(), tombstone, null);
  }

  static VersionRecord of(VersionGap gap) {
    return new VersionRecord(FORMAT, null, List.of(), null, gap);
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

    boolean isGap() {
      return record.gap() != null;
    }

    /** Whether the record holds a manifest (not a tombstone or a gap). */
    boolean isLive() {
      return record.manifest() != null;
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
   * Parses record bytes from anywhere (a bundle, another store) without checking where they belong.
   *
   * @throws ValidationException if they are not a version record
   */
  static Parsed read(byte[] bytes, String where) {
    VersionRecord r = Json.parse(bytes, VersionRecord.class, where);
    if (r.manifest() == null) {
      return new Parsed(r, new byte[0]);
    }
    JsonNode tree = Json.parseExactTree(bytes, where);
    return new Parsed(r, Json.canonical(tree.get("manifest")).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses the bytes stored under {@code key}; a record that does not parse, or whose manifest names another
   * model or version than its key, is an {@link IntegrityException}.
   */
  static Parsed parse(byte[] bytes, String name, int version, String where) {
    Parsed p;
    try {
      p = read(bytes, where);
    } catch (ValidationException e) {
      throw new IntegrityException("the record of model '" + name + "' version " + version + " (" + where
          + ") is corrupt: " + e.getMessage() + "; restore it from a backup or bundle", e);
    }
    VersionRecord r = p.record();
    if (r.manifest() != null) {
      if (!r.manifest().name().equals(name) || r.manifest().version() != version) {
        throw new IntegrityException("the record at " + where + " holds the manifest of model '" + r.manifest().name()
            + "' version " + r.manifest().version() + ", not of '" + name + "' version " + version
            + "; it was copied or edited by hand: restore it from a backup or bundle");
      }
      return p;
    }
    String otherName = r.tombstone() != null ? r.tombstone().name() : r.gap().name();
    int otherVersion = r.tombstone() != null ? r.tombstone().version() : r.gap().version();
    if (!otherName.equals(name) || otherVersion != version) {
      throw new IntegrityException("the " + (r.tombstone() != null ? "tombstone" : "gap") + " at " + where
          + " names model '" + otherName + "' version " + otherVersion + ", not '" + name + "' version " + version);
    }
    return p;
  }
}
