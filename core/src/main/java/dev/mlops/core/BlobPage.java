package dev.mlops.core;

import java.util.List;

/**
 * One page of a {@link BlobStore#list(String, String, int)} listing: blobs in ascending key order (by the
 * keys' UTF-8 bytes, as S3 orders them) and where the next page starts.
 *
 * <pre>{@code
 * String after = null;
 * do {
 *   BlobPage page = store.list("models/", after, 100);
 *   page.items().forEach(System.out::println);
 *   after = page.nextStartAfter();
 * } while (after != null);
 * }</pre>
 *
 * <p>A page holds at most the requested number of items and may hold fewer even when more follow (an S3
 * server caps pages at 1,000); only a {@code null} {@link #nextStartAfter()} marks the last page.
 *
 * <p>Stability: stable.
 *
 * @param items the blobs on this page, in ascending key order; an unmodifiable copy
 * @param nextStartAfter the {@code startAfter} argument for the next page, or {@code null} on the last page
 */
public record BlobPage(List<BlobInfo> items, String nextStartAfter) {

  /** Copies {@code items} into an unmodifiable list. */
  public BlobPage {
    items = List.copyOf(items);
  }

  /** Whether this is the last page ({@link #nextStartAfter()} is {@code null}). */
  public boolean isLast() {
    return nextStartAfter == null;
  }
}
