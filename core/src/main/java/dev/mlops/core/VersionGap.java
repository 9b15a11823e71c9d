package dev.mlops.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The record at a version number this store does not hold because an import jumped over it: importing version 5
 * of a model whose versions end at 2 marks 3 and 4 with gaps, so version numbers stay gap-free in the store's
 * append-only log (readers find the last version by probing forward) and a later publish continues after 5.
 * Importing version 3 later fills its gap: the imported record is created once, with put-if-absent, at
 * {@link ModelNames#filled}, and the gap stays as the witness that it was filled. Not API.
 *
 * @param name the model's name
 * @param version the number not held
 * @param reason why, e.g. which import jumped over it
 * @param markedAt when the gap was marked
 * @param markedBy who marked it
 */
record VersionGap(String name, int version, String reason, Instant markedAt, String markedBy) {
  VersionGap {
    ModelNames.checkModel(name);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(markedAt, "markedAt");
    Objects.requireNonNull(markedBy, "markedBy");
  }
}
