package dev.mlops.data;

import dev.mlops.core.IntegrityException;
import java.util.List;

/**
 * What {@link DatasetStore#verify} found.
 *
 * @param ref the snapshot, as {@code name@version}
 * @param id its content id
 * @param filesChecked how many files were re-read
 * @param problems what does not match; empty when all is well
 *
 * <p>Stability: experimental.
 */
public record DatasetVerifyReport(String ref, String id, int filesChecked, List<String> problems) {

  /** Copies the list. */
  public DatasetVerifyReport {
    problems = List.copyOf(problems);
  }

  /** Whether every file matched. */
  public boolean isOk() {
    return problems.isEmpty();
  }

  /**
   * This report, if it is ok.
   *
   * @throws IntegrityException listing the problems otherwise
   */
  public DatasetVerifyReport throwIfFailed() {
    if (!isOk()) {
      throw new IntegrityException("snapshot " + ref + " (id " + id + ") failed verification: "
          + String.join("; ", problems));
    }
    return this;
  }
}
