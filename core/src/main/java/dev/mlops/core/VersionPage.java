package dev.mlops.core;

import java.util.List;

/**
 * One page of a version listing.
 *
 * <p>Stability: stable.
 *
 * @param items the versions on this page
 * @param nextPageToken pass to {@link VersionQuery#withPageToken(String)} for the next page; {@code null} on the
 *     last page
 */
public record VersionPage(List<ModelVersion> items, String nextPageToken) {

  /** Copies. */
  public VersionPage {
    items = List.copyOf(items);
  }

  /** Whether this is the last page. */
  public boolean isLast() {
    return nextPageToken == null;
  }
}
