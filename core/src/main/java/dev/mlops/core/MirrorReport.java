package dev.mlops.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelStore#mirror(ModelStore, ModelStore, java.util.function.Predicate)} did: which versions it copied,
 * which the target held already, which failed and why, and which aliases it moved.
 *
 * <pre>{@code
 * MirrorReport r = ModelStore.mirror(central, edge, v -> v.tags().containsKey("approved"));
 * r.copied();            // [churn@7, fraud@3]
 * r.throwIfFailed();     // an MlopsException listing every failure, if any
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param copied the versions copied, as {@code name@version}, in the order copied
 * @param skipped the versions the target held already with the same manifest
 * @param failed the versions that could not be copied, with the reason
 * @param bytesCopied the size of the files written to the target
 * @param aliasesMoved the alias moves made in the target to follow the source
 * @param took how long the mirror ran
 */
public record MirrorReport(List<String> copied, List<String> skipped, List<Failure> failed, long bytesCopied,
    List<AliasChange> aliasesMoved, Duration took) {

  /**
   * A version that could not be mirrored.
   *
   * @param ref the version, {@code name@version} (or the model name, if listing its versions failed)
   * @param reason the error's message
   */
  public record Failure(String ref, String reason) {
    /** Validates. */
    public Failure {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Copies. */
  public MirrorReport {
    copied = List.copyOf(copied);
    skipped = List.copyOf(skipped);
    failed = List.copyOf(failed);
    aliasesMoved = List.copyOf(aliasesMoved);
    Objects.requireNonNull(took, "took");
  }

  /** Whether nothing failed. */
  public boolean isOk() {
    return failed.isEmpty();
  }

  /** Throws an {@link MlopsException} listing the failures, if any; returns this report otherwise. */
  public MirrorReport throwIfFailed() {
    if (!isOk()) {
      throw new MlopsException("mirroring failed for " + failed.size() + " version(s): " + String.join("; ",
          failed.stream().map(f -> f.ref() + ": " + f.reason()).toList()) + " (copied " + copied.size() + ")");
    }
    return this;
  }
}
