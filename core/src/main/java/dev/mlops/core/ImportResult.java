package dev.mlops.core;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelStore#importBundle(java.nio.file.Path)} did: the version as the store now holds it (same name,
 * number, manifest and signatures as in the store it came from), whether it was imported or already there, and what
 * was written.
 *
 * <pre>{@code
 * ImportResult r = store.importBundle(Path.of("churn-7.mlbundle"));
 * r.outcome();              // IMPORTED, or ALREADY_PRESENT on a second import
 * r.version().ref();        // "churn@7"
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param version the version in this store
 * @param outcome whether this call created it
 * @param blobsWritten files stored by this call
 * @param blobsAlreadyStored files the store held already (the same bytes, content-addressed), not written again
 * @param bytesWritten the size of the files stored by this call
 * @param skippedVersions the numbers below this version that the store did not have and now marks as not imported
 *     (they can be imported later); empty unless the import jumped ahead
 */
public record ImportResult(ModelVersion version, Outcome outcome, int blobsWritten, int blobsAlreadyStored,
    long bytesWritten, List<Integer> skippedVersions) {

  /** Whether an import created the version. */
  public enum Outcome {
    /** The version was created by this import. */
    IMPORTED,
    /** The store held the version already, with the same manifest; nothing was written. */
    ALREADY_PRESENT
  }

  /** Validates and copies. */
  public ImportResult {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(outcome, "outcome");
    skippedVersions = List.copyOf(skippedVersions);
  }

  @Override
  public String toString() {
    return "ImportResult[" + version.ref() + " " + outcome + ", manifest " + version.manifestSha256().substring(0, 12)
        + ", " + blobsWritten + " file(s) written (" + bytesWritten + " bytes), " + blobsAlreadyStored
        + " already stored" + (skippedVersions.isEmpty() ? "" : ", marked not imported: " + skippedVersions) + "]";
  }
}
