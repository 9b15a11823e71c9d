package dev.mlops.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page of a {@link FileBlobStore} listing. Walks the directories under the prefix depth-first, each
 * directory's entries sorted so that the walk yields keys in S3 order: a subdirectory {@code d} sorts as
 * {@code "d/"}, so key {@code a.c} comes before {@code a/b} ('.' is 0x2E, '/' is 0x2F). Subtrees wholly at or
 * before {@code startAfter}, or outside the prefix, are skipped without being read. Stops as soon as it has
 * one entry more than the page holds (to know whether another page follows). Memory: the names of the
 * directories on the current path, plus the page. Not API.
 */
final class FileBlobLister {
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobLister.class);

  private final FileBlobStore store;
  private final String prefix;
  private final String startAfter;
  private final int limit;
  private final List<Found> found = new ArrayList<>();

  private record Found(String key, Path path, BasicFileAttributes attrs) {}

  private record Entry(String name, String sortKey, Path path, BasicFileAttributes attrs) {}

  FileBlobLister(FileBlobStore store, String prefix, String startAfter, int limit) {
    this.store = store;
    this.prefix = prefix;
    this.startAfter = startAfter;
    this.limit = limit;
  }

  BlobPage page() {
    int slash = prefix.lastIndexOf('/');
    String dirKey = prefix.substring(0, slash + 1);
    Path dir = dirKey.isEmpty() ? store.root() : store.root().resolve(dirKey);
    walk(dir, dirKey);
    List<BlobInfo> items = new ArrayList<>(Math.min(found.size(), limit));
    for (Found f : found.subList(0, Math.min(found.size(), limit))) {
      store.info(f.key, f.path, f.attrs).ifPresent(items::add);
    }
    String next = found.size() > limit ? found.get(limit - 1).key : null;
    return new BlobPage(items, next);
  }

  /** Walks {@code dir}, whose keys start with {@code dirKey}; returns false once the page is full. */
  private boolean walk(Path dir, String dirKey) {
    for (Entry e : sortedEntries(dir, dirKey)) {
      String full = dirKey + e.sortKey;
      if (e.attrs.isDirectory()) {
        boolean inPrefix = full.startsWith(prefix) || prefix.startsWith(full);
        boolean allBefore = startAfter != null && BlobKeys.compare(full, startAfter) <= 0
            && !startAfter.startsWith(full);
        if (inPrefix && !allBefore && !walk(e.path, full)) {
          return false;
        }
      } else if (full.startsWith(prefix) && (startAfter == null || BlobKeys.compare(full, startAfter) > 0)) {
        found.add(new Found(full, e.path, e.attrs));
        if (found.size() > limit) {
          return false;
        }
      }
    }
    return true;
  }

  private List<Entry> sortedEntries(Path dir, String dirKey) {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
      for (Path p : names) {
        String name = p.getFileName().toString();
        if (name.regionMatches(true, 0, BlobKeys.RESERVED_PREFIX, 0, BlobKeys.RESERVED_PREFIX.length())) {
          continue; // the store's own files
        }
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue; // deleted while we listed
        }
        if (!a.isDirectory() && !a.isRegularFile()) {
          continue; // symbolic links and devices are not blobs
        }
        if (!BlobKeys.isValid(dirKey + name)) {
          LOG.debug("skipping {} in {}: its name is not a valid blob key", p, store.describe());
          continue;
        }
        entries.add(new Entry(name, a.isDirectory() ? name + "/" : name, p, a));
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw new StorageException("listing " + dir + " in " + store.describe() + " for prefix '"
          + BlobKeys.escape(prefix) + "' failed", e);
    }
    entries.sort(Comparator.comparing(Entry::sortKey, BlobKeys.ORDER));
    return entries;
  }
}
