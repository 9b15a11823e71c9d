package dev.mlops.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What remains of a deleted version: its number stays taken (never reused), and the tombstone says who
 * deleted it, when and why, and which manifest it was. The files are left for {@link ModelStore#gc()}.
 *
 * <p>Stability: stable.
 *
 * @param name the model's name
 * @param version the deleted version's number
 * @param manifestSha256 the SHA-256 of the deleted manifest's canonical JSON
 * @param deletedAt when
 * @param deletedBy who
 * @param reason why, as the caller said
 */
public record Tombstone(String name, int version, String manifestSha256, Instant deletedAt, String deletedBy,
    String reason) {

  /** Validates. */
  public Tombstone {
    ModelNames.checkModel(name);
    Sha256.requireDigest(manifestSha256, "manifest sha256");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(deletedBy, "deletedBy");
    reason = reason == null ? "" : reason;
  }
}
