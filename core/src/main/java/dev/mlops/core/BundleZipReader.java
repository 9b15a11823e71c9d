package dev.mlops.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a model bundle's ZIP stream entry by entry with the guards an untrusted archive needs, counting what it
 * actually reads since the sizes an archive declares can lie: at most {@link BundleLimits#maxEntries()} entries, at
 * most {@link BundleLimits#maxTotalBytes()} bytes in all, each entry at most the size its caller expects, and no
 * compressed entry expanding more than {@link BundleLimits#maxCompressionRatio()} once past 1 MiB. After the last
 * entry it reads the rest of the stream and checks that it is the archive's central directory listing exactly the
 * entries read, in order, with the same CRCs, and that the archive ends there: a truncated file or appended data
 * is refused.
 *
 * <p>I/O errors of the underlying stream are {@link StorageException}s; everything wrong with the archive is a
 * {@link ValidationException}. Never closes the stream it reads. Not thread-safe. Not API.
 */
final class BundleZipReader implements AutoCloseable {
  /** Below this many bytes an entry's compression ratio is not checked (small files of zeros are fine). */
  static final int RATIO_GRACE = 1 << 20;
  /** Slack added to the compressed bytes counted, for what the inflater has read ahead. */
  private static final int READ_AHEAD = 1024;
  private static final int RING = 8192;
  private static final long CENSIG = 0x02014b50L;
  private static final long ENDSIG = 0x06054b50L;
  private static final long ZIP64_ENDSIG = 0x06064b50L;
  private static final long ZIP64_LOCSIG = 0x07064b50L;

  /** An entry as read: compared with the central directory at the end. */
  private record Seen(String name, int method, long crc) {}

  private final RawInput raw;
  private final ZipInputStream zip;
  private final BundleLimits limits;
  private final String source;
  private final List<Seen> seen = new ArrayList<>();
  private long total;
  private ZipEntry current;
  private boolean currentRead = true;
  private boolean ended;

  BundleZipReader(InputStream in, BundleLimits limits, String source) {
    this.raw = new RawInput(in, source);
    this.zip = new ZipInputStream(raw, StandardCharsets.UTF_8);
    this.limits = limits;
    this.source = source;
  }

  /**
   * The name of the next entry, or {@code null} after the last one, once the central directory is checked. The
   * previous entry must have been read to its end.
   */
  String next() {
    if (!currentRead) {
      throw new IllegalStateException("entry '" + current.getName() + "' of " + source + " was not read to its end");
    }
    ZipEntry e;
    try {
      e = zip.getNextEntry();
    } catch (IOException | IllegalArgumentException ex) {
      throw invalid("entry " + (seen.size() + 1) + " cannot be read (" + ex.getMessage() + ")", ex);
    }
    if (e == null) {
      if (seen.isEmpty()) {
        throw invalid("it does not start with a ZIP entry (" + raw.count + " bytes read): it is empty or not a ZIP "
            + "file at all", null);
      }
      current = null;
      checkCentralDirectory();
      return null;
    }
    if (seen.size() >= limits.maxEntries()) {
      throw new ValidationException(source + " has more than " + limits.maxEntries() + " entries, the limit "
          + "(BundleLimits.maxEntries); a model bundle has one per distinct file plus two. If the bundle is genuine, "
          + "raise the limit with ModelStore.builder(...).bundleLimits(...)");
    }
    if (e.getMethod() != ZipEntry.STORED && e.getMethod() != ZipEntry.DEFLATED) {
      throw invalid("entry '" + BlobKeys.escape(e.getName()) + "' uses compression method " + e.getMethod()
          + "; only STORED (0) and DEFLATED (8) are read", null);
    }
    current = e;
    currentRead = false;
    return e.getName();
  }

  /**
   * The current entry's bytes, limited: past {@code max} bytes the read fails, with an {@link IntegrityException}
   * if {@code exact} (the entry must hold exactly {@code max} bytes, as a manifest says) and a
   * {@link ValidationException} otherwise. {@code what} names the entry in messages.
   */
  InputStream open(long max, boolean exact, String what) {
    if (current == null || currentRead) {
      throw new IllegalStateException("no current entry in " + source);
    }
    return new EntryStream(current, max, exact, what);
  }

  /** The current entry's bytes, at most {@code max} of them. */
  byte[] readAll(int max, String what) {
    try (InputStream in = open(max, false, what)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("reading " + what + " failed: " + e.getMessage(), e); // EntryStream throws none
    }
  }

  /** Releases the inflater; does not close the stream the reader was given. */
  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      throw new StorageException("closing the ZIP reader of " + source + " failed", e);
    }
  }

  private ValidationException invalid(String problem, Throwable cause) {
    return new ValidationException(source + " is not a valid model bundle: " + problem + "; it is truncated, "
        + "damaged or not a bundle: export it again with ModelStore.exportBundle, or copy it again from a good source",
        cause);
  }

  /** A guarded view of one entry. */
  private final class EntryStream extends InputStream {
    private final ZipEntry entry;
    private final long max;
    private final boolean exact;
    private final String what;
    private final long rawAtStart = raw.count;
    private long count;
    private boolean done;

    EntryStream(ZipEntry entry, long max, boolean exact, String what) {
      this.entry = entry;
      this.max = max;
      this.exact = exact;
      this.what = what;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n;
      try {
        n = zip.read(b, off, (int) Math.min(len, max - count + 1)); // at most one byte past the limit
      } catch (IOException e) {
        throw invalid(what + " is damaged (" + e.getMessage() + ")", e);
      }
      if (n < 0) {
        done = true;
        currentRead = true;
        seen.add(new Seen(entry.getName(), entry.getMethod(), entry.getCrc()));
        if (exact && count != max) {
          throw new IntegrityException(what + " in " + source + " has " + count + " bytes but the manifest lists "
              + max + "; the bundle was damaged or edited: get a good copy");
        }
        return -1;
      }
      count += n;
      total += n;
      if (count > max) {
        throw exact
            ? new IntegrityException(what + " in " + source + " holds more than the " + max + " bytes the manifest "
                + "lists; the bundle was damaged or edited (or is a zip bomb): get a good copy")
            : new ValidationException(what + " in " + source + " is larger than " + max + " bytes, the most this "
                + "entry may hold; the bundle is damaged or not one this library wrote");
      }
      if (total > limits.maxTotalBytes()) {
        throw new ValidationException(source + " expands to more than " + limits.maxTotalBytes() + " bytes, the "
            + "limit (BundleLimits.maxTotalBytes), while reading " + what + "; if the bundle is genuine raise the "
            + "limit with ModelStore.builder(...).bundleLimits(...)");
      }
      if (entry.getMethod() == ZipEntry.DEFLATED && count > RATIO_GRACE) {
        long compressed = raw.count - rawAtStart + READ_AHEAD;
        if ((double) count / compressed > limits.maxCompressionRatio()) {
          throw new ValidationException(what + " in " + source + " expanded to " + count + " bytes from about "
              + compressed + " compressed bytes, more than " + limits.maxCompressionRatio() + " times, the limit "
              + "(BundleLimits.maxCompressionRatio); the bundle looks like a zip bomb. If it is genuine, raise "
              + "the limit with ModelStore.builder(...).bundleLimits(...)");
        }
      }
      return n;
    }

    @Override
    public void close() {
      // the entry's end is reached by reading; nothing to release
    }
  }

  /** Checks that what follows the last entry is a central directory of exactly the entries read, and the end. */
  private void checkCentralDirectory() {
    if (ended) {
      return;
    }
    ended = true;
    byte[] before = raw.lastBytes();
    long tailStart = raw.count - before.length;
    long maxTail = 65_536L + 1024L * limits.maxEntries();
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    rest.writeBytes(before);
    byte[] buf = new byte[8192];
    for (int n; (n = raw.read(buf, 0, buf.length)) >= 0; ) {
      rest.write(buf, 0, n);
      if (rest.size() > maxTail) {
        throw invalid("it has more than " + maxTail + " bytes after its last entry, where only the central "
            + "directory belongs", null);
      }
    }
    byte[] tail = rest.toByteArray();
    int end = findEnd(tail);
    if (end < 0) {
      throw invalid("it does not end with a ZIP central directory (read " + raw.count + " bytes)", null);
    }
    long entries = u16(tail, end + 10);
    long cdSize = u32(tail, end + 12);
    long cdOffset = u32(tail, end + 16);
    long cdEnd = tailStart + end;
    if (u16(tail, end + 4) != 0 || u16(tail, end + 6) != 0) {
      throw invalid("it claims to span several disks", null);
    }
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
      int locator = end - 20;
      if (locator < 0 || u32(tail, locator) != ZIP64_LOCSIG) {
        throw invalid("its ZIP64 end record locator is missing", null);
      }
      long zip64End = u64(tail, locator + 8);
      int at = (int) (zip64End - tailStart);
      if (zip64End < tailStart || at + 56 > locator || u32(tail, at) != ZIP64_ENDSIG) {
        throw invalid("its ZIP64 end record is not where its locator says", null);
      }
      entries = u64(tail, at + 32);
      cdSize = u64(tail, at + 40);
      cdOffset = u64(tail, at + 48);
      cdEnd = zip64End;
    }
    if (entries != seen.size()) {
      throw invalid("its central directory lists " + entries + " entries but " + seen.size() + " were read", null);
    }
    if (cdOffset < tailStart || cdOffset + cdSize != cdEnd) {
      throw invalid("its central directory (" + cdSize + " bytes at offset " + cdOffset + ") is not where the "
          + "entries end", null);
    }
    int p = (int) (cdOffset - tailStart);
    for (Seen s : seen) {
      if (p + 46 > tail.length || u32(tail, p) != CENSIG) {
        throw invalid("its central directory is malformed at entry '" + BlobKeys.escape(s.name()) + "'", null);
      }
      int nameLength = (int) u16(tail, p + 28);
      int skip = 46 + nameLength + (int) u16(tail, p + 30) + (int) u16(tail, p + 32);
      if (p + skip > cdEnd - tailStart) {
        throw invalid("its central directory is malformed at entry '" + BlobKeys.escape(s.name()) + "'", null);
      }
      String name = new String(tail, p + 46, nameLength, StandardCharsets.UTF_8);
      if (!name.equals(s.name()) || u16(tail, p + 10) != s.method() || u32(tail, p + 16) != s.crc()) {
        throw invalid("its central directory lists '" + BlobKeys.escape(name) + "' where the entries hold '"
            + BlobKeys.escape(s.name()) + "' (or another method or CRC)", null);
      }
      p += skip;
    }
    if (p != cdEnd - tailStart) {
      throw invalid("its central directory has " + (cdEnd - tailStart - p) + " bytes after its last entry", null);
    }
  }

  /** The position of the end-of-central-directory record that ends {@code tail} (with its comment), or -1. */
  private static int findEnd(byte[] tail) {
    for (int p = tail.length - 22; p >= 0 && p >= tail.length - 22 - 0xFFFF; p--) {
      if (u32(tail, p) == ENDSIG && p + 22 + u16(tail, p + 20) == tail.length) {
        return p;
      }
    }
    return -1;
  }

  private static long u16(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int p) {
    return u16(b, p) | u16(b, p + 2) << 16;
  }

  private static long u64(byte[] b, int p) {
    return u32(b, p) | u32(b, p + 4) << 32;
  }

  /** The bundle's bytes as read: counted, the last few kept, I/O errors as {@link StorageException}s. */
  private static final class RawInput extends InputStream {
    private final InputStream in;
    private final String source;
    private final byte[] ring = new byte[RING];
    long count;

    RawInput(InputStream in, String source) {
      this.in = in;
      this.source = source;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        throw new StorageException("reading " + source + " failed after " + count + " bytes: " + e.getMessage(), e);
      }
      if (n > 0) {
        keep(b, off, n);
      }
      return n;
    }

    @Override
    public int available() {
      try {
        return in.available();
      } catch (IOException e) {
        return 0;
      }
    }

    @Override
    public void close() {
      // the caller that opened the stream closes it
    }

    private void keep(byte[] b, int off, int n) {
      long after = count + n;
      int len = Math.min(n, RING);
      int from = off + n - len;
      int pos = (int) ((after - len) % RING);
      int first = Math.min(len, RING - pos);
      System.arraycopy(b, from, ring, pos, first);
      System.arraycopy(b, from + first, ring, 0, len - first);
      count = after;
    }

    /** The last bytes read (up to 8 KiB), in order. */
    byte[] lastBytes() {
      int len = (int) Math.min(count, RING);
      byte[] out = new byte[len];
      int start = (int) ((count - len) % RING);
      int first = Math.min(len, RING - start);
      System.arraycopy(ring, start, out, 0, first);
      System.arraycopy(ring, 0, out, first, len - first);
      return out;
    }
  }

  @Override
  public String toString() {
    return "BundleZipReader[" + source + ", " + seen.size() + " entries, " + total + " bytes" + (ended ? ", ended" : "")
        + "]";
  }
}
