package dev.mlops.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How {@link FileBlobStore} maps keys to file names, and how the file system under it compares names: a
 * probe at open finds out, so that two different keys never become one file. Not API.
 */
final class FileBlobNames {
  private FileBlobNames() {}

  /**
   * What the probe found about a directory's file system.
   *
   * @param caseSensitive {@code A} and {@code a} are two names (false on macOS and Windows by default)
   * @param normalizationSensitive names that differ only in Unicode normalization ({@code é} as one code
   *     point or as {@code e} plus a combining accent) are two names (false on APFS); also true when the JVM
   *     cannot encode non-ASCII file names at all, as then no such key can be stored
   * @param preserving a name is listed exactly as it was created (false on HFS+, which stores NFD)
   */
  record Probe(boolean caseSensitive, boolean normalizationSensitive, boolean preserving) {}

  /**
   * Probes the file system of {@code dir} (an existing, writable directory) by creating a file there and
   * looking it up under other spellings; deletes the file again.
   */
  static Probe probe(Path dir) throws IOException {
    String id = "name-probe-" + UUID.randomUUID() + "-Mixed";
    Path ascii = Files.createFile(dir.resolve(id + ".tmp"));
    try {
      boolean caseSensitive = !isSameFile(ascii, dir.resolve(id.toUpperCase(Locale.ROOT) + ".tmp"))
          && !isSameFile(ascii, dir.resolve(id.toLowerCase(Locale.ROOT) + ".tmp"));
      String composed = id + "-\u00e9.tmp"; // é as one code point (NFC)
      Path unicode;
      try {
        unicode = dir.resolve(composed);
      } catch (InvalidPathException e) {
        return new Probe(caseSensitive, true, true); // no non-ASCII names at all: nothing can collide
      }
      Files.createFile(unicode);
      try {
        boolean normalizationSensitive = !isSameFile(unicode,
            dir.resolve(Normalizer.normalize(composed, Normalizer.Form.NFD)));
        boolean preserving;
        try (Stream<Path> names = Files.list(dir)) {
          preserving = names.anyMatch(p -> p.getFileName().toString().equals(composed));
        }
        return new Probe(caseSensitive, normalizationSensitive, preserving);
      } finally {
        Files.deleteIfExists(unicode);
      }
    } finally {
      Files.deleteIfExists(ascii);
    }
  }

  private static boolean isSameFile(Path a, Path b) throws IOException {
    return Files.exists(b, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(a, b);
  }

  /**
   * Refuses a file system on which different keys would share a file: one that ignores case, or one that
   * rewrites names. (One that is only normalization-insensitive, like APFS, is served with NFC keys only.)
   */
  static void check(Probe probe, Path root) {
    String alternatives = "or use MemoryBlobStore (tests, notebooks) or an S3 store";
    if (!probe.caseSensitive()) {
      throw new StorageException("cannot open a file blob store at " + root + ": its file system ignores case"
          + " in file names, so keys such as 'Model.json' and 'model.json' would be one file and overwrite each"
          + " other; put the store on a case-sensitive volume (on macOS a 'APFS (Case-sensitive)' volume, made"
          + " with Disk Utility or 'diskutil apfs addVolume'; on Linux any native file system), "
          + alternatives);
    }
    if (!probe.preserving()) {
      throw new StorageException("cannot open a file blob store at " + root + ": its file system rewrites"
          + " file names (Unicode normalization, as HFS+ does), so listed keys would differ from the stored"
          + " ones; put the store on a volume that keeps names as given (APFS, or any Linux file system), "
          + alternatives);
    }
  }

  /**
   * The file holding {@code key} under {@code root}, checking the key's rules, the length of each segment
   * and, if {@code nfcOnly}, that the key is in Unicode NFC.
   */
  static Path resolve(Path root, String key, boolean nfcOnly, String store) {
    BlobKeys.check(key);
    for (String seg : key.split("/")) {
      int bytes = seg.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > FileBlobStore.MAX_SEGMENT_BYTES) {
        throw new ValidationException("blob key '" + BlobKeys.escape(key) + "' has a segment of " + bytes
            + " UTF-8 bytes; " + store + " stores each segment as a file name, so keep segments at most "
            + FileBlobStore.MAX_SEGMENT_BYTES + " bytes (split it with '/')");
      }
    }
    if (nfcOnly && !Normalizer.isNormalized(key, Normalizer.Form.NFC)) {
      throw new ValidationException("blob key '" + BlobKeys.escape(key) + "' is not in Unicode NFC, and the"
          + " file system of " + store + " takes names that differ only in normalization for one file, so it"
          + " could overwrite another key; normalize the key first with"
          + " Normalizer.normalize(key, Normalizer.Form.NFC)");
    }
    Path p;
    try {
      p = root.resolve(key).normalize();
    } catch (InvalidPathException e) {
      throw new ValidationException("blob key '" + BlobKeys.escape(key) + "' cannot be a file name here ("
          + e.getReason() + "); check the JVM's file-name encoding (sun.jnu.encoding="
          + System.getProperty("sun.jnu.encoding") + ", use a UTF-8 locale) or choose another key", e);
    }
    if (!p.startsWith(root) || p.equals(root)) {
      throw new ValidationException("blob key '" + BlobKeys.escape(key) + "' resolves to " + p
          + ", outside " + store + "; use a plain relative key");
    }
    return p;
  }
}
