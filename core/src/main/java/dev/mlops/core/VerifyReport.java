package dev.mlops.core;

import java.util.List;

/**
 * The result of {@link ModelStore#verify(String, int)}: every file of a version re-read and re-hashed, and its
 * signatures checked against the store's policy.
 *
 * <pre>{@code
 * VerifyReport r = store.verify("churn", 3);
 * r.isOk();             // true
 * r.throwIfFailed();    // IntegrityException listing every problem otherwise
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param ref the version, {@code name@version}
 * @param manifestSha256 the manifest's digest
 * @param filesChecked files read
 * @param bytesChecked bytes read and hashed
 * @param signature what the signature check found ({@code "not checked"}, {@code "ok"}, or the problem)
 * @param problems each problem found, naming the file and both digests; empty when the version is intact
 */
public record VerifyReport(String ref, String manifestSha256, int filesChecked, long bytesChecked, String signature,
    List<String> problems) {

  /** Copies. */
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  /** Whether no problem was found. */
  public boolean isOk() {
    return problems.isEmpty();
  }

  /** Throws an {@link IntegrityException} listing the problems, if any; returns this report otherwise. */
  public VerifyReport throwIfFailed() {
    if (!isOk()) {
      throw new IntegrityException("model " + ref + " failed verification: " + String.join("; ", problems));
    }
    return this;
  }
}
