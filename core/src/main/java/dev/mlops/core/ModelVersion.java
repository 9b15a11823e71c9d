package dev.mlops.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model version as the store holds it now: the immutable {@link ModelManifest}, its signatures, and the
 * current tags and description (which {@link ModelStore#updateTags} and {@link ModelStore#updateDescription}
 * can change without touching the manifest).
 *
 * <pre>{@code
 * ModelVersion v = store.byAlias("churn", "production");
 * v.version();                     // 7
 * v.metadata().metrics();          // {accuracy=0.953}
 * v.files();                       // [ModelFile[path=model.pb, size=1834, sha256=3f2a...]]
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param manifest the immutable manifest
 * @param manifestSha256 the SHA-256 of the manifest's canonical JSON: the version's content id
 * @param signatures the signatures over the manifest's canonical JSON, possibly none
 * @param tags the current tags (the manifest's, as later updated)
 * @param description the current description, or {@code null}
 */
public record ModelVersion(ModelManifest manifest, String manifestSha256, List<ModelSignature> signatures,
    Map<String, String> tags, String description) {

  /** Validates and copies. */
  public ModelVersion {
    Objects.requireNonNull(manifest, "manifest");
    Sha256.requireDigest(manifestSha256, "manifest sha256");
    signatures = List.copyOf(signatures == null ? List.of() : signatures);
    tags = Map.copyOf(tags == null ? Map.of() : tags);
  }

  /** The model's name. */
  public String name() {
    return manifest.name();
  }

  /** The version number. */
  public int version() {
    return manifest.version();
  }

  /** The files, sorted by path. */
  public List<ModelFile> files() {
    return manifest.files();
  }

  /** The metadata as published (see {@link #tags()} and {@link #description()} for the current values). */
  public ModelMetadata metadata() {
    return manifest.metadata();
  }

  /** Whether at least one signature is attached (not whether it verifies; loading checks that). */
  public boolean isSigned() {
    return !signatures.isEmpty();
  }

  /** {@code churn@7}: the name and version, as error messages and logs print it. */
  public String ref() {
    return manifest.name() + "@" + manifest.version();
  }

  @Override
  public String toString() {
    return "ModelVersion[" + ref() + ", " + manifest.files().size() + " file(s), " + manifest.totalSize()
        + " bytes, published " + manifest.publishedAt() + " by " + manifest.publishedBy()
        + (isSigned() ? ", signed" : "") + ", tags=" + new java.util.TreeMap<>(tags) + ", manifest "
        + manifestSha256.substring(0, 12) + "]";
  }
}
