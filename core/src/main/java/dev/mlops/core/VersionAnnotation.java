package dev.mlops.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One update of a version's tags and description, stored append-only beside the immutable manifest; the
 * last one is current. Not API.
 *
 * @param tags the tags after the update
 * @param description the description after the update, or {@code null}
 * @param by who updated
 * @param at when
 */
record VersionAnnotation(Map<String, String> tags, String description, String by, Instant at) {
  VersionAnnotation {
    tags = new TreeMap<>(tags == null ? Map.of() : tags);
    tags.forEach(ModelMetadata::checkTag);
    tags = java.util.Collections.unmodifiableMap(tags);
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
