package dev.mlops.core;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the bundle of a version in the layout {@link ModelBundles} describes, deterministically: every entry
 * STORED (model files rarely compress, and DEFLATE output differs between zlib builds), stamped with the manifest's
 * publish time (UTC, whole even seconds, in the DOS time field), no extra fields, no comment, fixed order. Blobs are
 * read twice: once to verify them and compute the CRC that a STORED entry declares up front, once to copy them
 * (verified again). Nothing is held whole in memory. Not API.
 */
final class BundleWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BundleWriter.class);
  private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final int BUFFER = ModelBundles.BUFFER;
  private static final String HEADER = ModelBundles.HEADER;
  private static final String RECORD = ModelBundles.RECORD;
  private static final String BLOBS = ModelBundles.BLOBS;

  private final ModelStore.Settings s;
  private final ModelCatalog catalog;

  BundleWriter(ModelStore.Settings settings, ModelCatalog catalog) {
    this.s = settings;
    this.catalog = catalog;
  }

  /** Writes the bundle of {@code v} to {@code file} atomically: a temporary file beside it, fsynced, renamed. */
  void export(ModelVersion v, Path file) {
    Objects.requireNonNull(v, "version");
    Path target = Objects.requireNonNull(file, "file").toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        export(v, out);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("cannot write the bundle of model " + v.ref() + " to " + target + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        LOG.debug("could not delete temporary file {}", tmp, e);
      }
    }
  }

  /** Writes the bundle of {@code v} to {@code out}, which stays open. */
  void export(ModelVersion v, OutputStream out) {
    Objects.requireNonNull(v, "version");
    Objects.requireNonNull(out, "out");
    ModelCatalog.Stored stored = exportable(v);
    ModelManifest m = stored.parsed().record().manifest();
    BundleHeader header = new BundleHeader(BundleHeader.FORMAT, m.name(), m.version(), v.manifestSha256(), m.files(),
        m.totalSize(), Provenance.currentLibraryVersion(), catalog.annotation(m.name(), m.version()).orElse(null));
    LocalDateTime time = entryTime(m.publishedAt());
    Map<String, String> paths = new HashMap<>();
    m.files().forEach(f -> paths.putIfAbsent(f.sha256(), f.path()));
    // Not closed on failure: closing would finish a half archive. Its Deflater (unused: every entry is STORED) is
    // released by its cleaner.
    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(new KeepOpen(out), BUFFER),
        StandardCharsets.UTF_8);
    try {
      putBytes(zip, HEADER, Json.toPrettyJson(header).getBytes(StandardCharsets.UTF_8), time);
      putBytes(zip, RECORD, stored.bytes(), time);
      for (Map.Entry<String, Long> b : blobs(m).entrySet()) {
        String what = "file '" + paths.get(b.getKey()) + "' of model " + v.ref() + " (blob " + b.getKey() + ")";
        putBlob(zip, b.getKey(), b.getValue(), what, time);
      }
      zip.close(); // writes the central directory and flushes; the caller's stream stays open
    } catch (IOException e) {
      throw new StorageException("writing the bundle of model " + v.ref() + " failed: " + e.getMessage(), e);
    }
    LOG.debug("exported {} ({} file(s), {} bytes)", v.ref(), m.files().size(), m.totalSize());
  }

  /** The stored record of {@code v}, checked: live, the same manifest, and passing this store's signature policy. */
  private ModelCatalog.Stored exportable(ModelVersion v) {
    ModelCatalog.Stored stored = catalog.stored(v.name(), v.version());
    if (!stored.parsed().isLive()) {
      catalog.get(v.name(), v.version()); // throws, saying why
    }
    if (!stored.parsed().manifestSha256().equals(v.manifestSha256())) {
      throw new IntegrityException("the manifest of model " + v.ref() + " in " + s.blobs().describe() + " has digest "
          + stored.parsed().manifestSha256() + " but the version passed in has " + v.manifestSha256() + "; the "
          + "stored record was replaced: read the version again and verify it");
    }
    s.policy().check(stored.parsed().canonicalManifest(), stored.parsed().record().signatures(), "model '" + v.name()
        + "' version " + v.version());
    return stored;
  }

  private static SortedMap<String, Long> blobs(ModelManifest m) {
    SortedMap<String, Long> out = new TreeMap<>();
    m.files().forEach(f -> out.put(f.sha256(), f.size()));
    return out;
  }

  /** The publish time in UTC as a DOS time (even seconds, 1980 to 2107), so no extended-time extra field. */
  static LocalDateTime entryTime(Instant publishedAt) {
    LocalDateTime t = LocalDateTime.ofInstant(publishedAt, ZoneOffset.UTC).withNano(0);
    t = t.withSecond(t.getSecond() & ~1);
    return t.getYear() < 1980 || t.getYear() > 2107 ? DOS_EPOCH : t;
  }

  private static void putBytes(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    zip.putNextEntry(storedEntry(name, bytes.length, crc.getValue(), time));
    zip.write(bytes);
    zip.closeEntry();
  }

  private void putBlob(ZipOutputStream zip, String sha256, long size, String what, LocalDateTime time)
      throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[BUFFER];
    long n = 0;
    try (InputStream in = openBlob(sha256, what)) {
      for (int r; (r = in.read(buffer)) >= 0; ) {
        crc.update(buffer, 0, r);
        n += r;
      }
    }
    if (n != size) {
      throw new IntegrityException(what + " has " + n + " bytes in " + s.blobs().describe() + " but the manifest "
          + "lists " + size + "; restore it from a bundle or backup");
    }
    zip.putNextEntry(storedEntry(BLOBS + sha256, size, crc.getValue(), time));
    try (InputStream in = openBlob(sha256, what)) {
      for (int r; (r = in.read(buffer)) >= 0; ) {
        zip.write(buffer, 0, r);
      }
    }
    zip.closeEntry();
  }

  private InputStream openBlob(String sha256, String what) {
    try {
      return HashingInputStream.verifying(s.blobs().get(ModelNames.blob(sha256)), sha256, what);
    } catch (NotFoundException e) {
      throw new IntegrityException(what + " is missing from " + s.blobs().describe() + "; restore it from a bundle "
          + "or backup", e);
    }
  }

  private static ZipEntry storedEntry(String name, long size, long crc, LocalDateTime time) {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(size);
    e.setCompressedSize(size);
    e.setCrc(crc);
    e.setTimeLocal(time);
    return e;
  }

  /** Passes writes through in blocks and never closes the caller's stream (closing only flushes). */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
