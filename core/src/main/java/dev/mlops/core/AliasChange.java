package dev.mlops.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One move of an alias, as its append-only history records it: which version it pointed at before and
 * after, who moved it, when and why. A {@code null} {@link #to()} records the alias's removal; a
 * {@code null} {@link #from()} its creation.
 *
 * <pre>{@code
 * store.aliasHistory("churn", "production").forEach(System.out::println);
 * // AliasChange[churn production #1: (none) -> 3 by alice at 2026-11-20T10:00:00Z: first release]
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param model the model's name
 * @param alias the alias
 * @param sequence the move's number in the alias's history, 1, 2, 3...
 * @param from the version before, or {@code null} if the alias did not exist
 * @param to the version after, or {@code null} if the alias was removed
 * @param by who moved it
 * @param at when
 * @param reason why, as the caller said
 */
public record AliasChange(String model, String alias, long sequence, Integer from, Integer to, String by, Instant at,
    String reason) {

  /** Validates. */
  public AliasChange {
    ModelNames.checkModel(model);
    ModelNames.checkAlias(alias);
    if (sequence < 1) {
      throw new ValidationException("alias history sequence " + sequence + " is not valid; it starts at 1");
    }
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    reason = reason == null ? "" : reason;
  }

  @Override
  public String toString() {
    return "AliasChange[" + model + " " + alias + " #" + sequence + ": " + (from == null ? "(none)" : from) + " -> "
        + (to == null ? "(removed)" : to) + " by " + by + " at " + at + (reason.isEmpty() ? "" : ": " + reason) + "]";
  }
}
