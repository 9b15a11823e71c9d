package dev.mlops.core;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model bundles: one self-contained ZIP file per version, to carry it to a store that cannot reach this one; this
 * class reads them, {@link BundleWriter} writes them. Not API.
 *
 * <pre>
 * bundle.json                 what the bundle holds (see {@link BundleHeader}); first, so a reader knows what follows
 * record.json                 the version record exactly as stored: manifest and signatures, byte for byte
 * blobs/sha256/HEX            each distinct file, by digest, ascending
 * </pre>
 *
 * <p>{@link BundleWriter} writes the same bytes for the same version (with the same tags) on any machine.
 *
 * <p>Import reads the ZIP as a stream ({@link BundleZipReader}); it needs no local disk. Before the blobs it reads
 * the header and the record, checks that they agree, applies the target store's signature policy and limits, and
 * looks at what the store holds at that number (a conflict fails here). Blobs are verified against the manifest as
 * they stream and staged in the store under the import's lease (invisible: staging is not a version, gc waits for the
 * lease), moved into place only when every entry verified, then the record is created (see {@link ModelImports}).
 * An import from a file first reads the whole file once without writing anything, so a bad bundle file leaves no
 * trace in the store; a stream cannot be read twice, so its blobs are staged as they verify and deleted on failure.
 */
final class ModelBundles {
  private static final Logger LOG = LoggerFactory.getLogger(ModelBundles.class);
  static final String HEADER = "bundle.json";
  static final String RECORD = "record.json";
  static final String BLOBS = "blobs/sha256/";
  private static final Pattern BLOB_ENTRY = Pattern.compile("blobs/sha256/[0-9a-f]{64}");
  private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
  static final int MAX_JSON = 32 << 20;
  static final int BUFFER = 1 << 16;

  private final ModelStore.Settings s;
  private final ModelCatalog catalog;
  private final ModelImports imports;

  ModelBundles(ModelImports imports) {
    this.s = imports.settings();
    this.catalog = imports.catalog();
    this.imports = imports;
  }

  /** Imports a bundle file: one pass that verifies everything and writes nothing, then one that imports. */
  ImportResult importFile(Path file) {
    Objects.requireNonNull(file, "file");
    String source = "bundle " + file;
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new ValidationException(file + " is not a regular file; an import from a file reads it twice (once to "
          + "verify, once to import): pass a pipe or socket as a stream to importBundle(InputStream)");
    }
    ModelImports.Incoming first;
    try (InputStream raw = open(file)) {
      first = read(raw, source, in -> {
        imports.state(in); // a conflict fails before the blobs are read
        return null;
      });
    } catch (IOException e) {
      throw new StorageException("closing " + file + " failed", e);
    }
    if (imports.state(first) == ModelImports.State.PRESENT) {
      return present(first);
    }
    try (ModelImports.Session session = imports.begin(first); InputStream raw = open(file)) {
      read(raw, source, in -> {
        if (!in.digest().equals(first.digest())) {
          throw new ConflictException(source + " changed while it was imported (it held manifest " + first.digest()
              + ", now " + in.digest() + "); import it again once nothing writes to it");
        }
        return session;
      });
      return session.commit();
    } catch (IOException e) {
      throw new StorageException("closing " + file + " failed", e);
    }
  }

  /** Imports a bundle from a stream, which stays open: blobs are staged as they verify. */
  ImportResult importStream(InputStream raw) {
    Objects.requireNonNull(raw, "in");
    ModelImports.Session[] session = {null};
    try {
      ModelImports.Incoming in = read(raw, "the bundle stream", incoming -> {
        if (imports.state(incoming) == ModelImports.State.PRESENT) {
          return null; // verified all the same, nothing written
        }
        session[0] = imports.begin(incoming);
        return session[0];
      });
      return session[0] == null ? present(in) : session[0].commit();
    } finally {
      if (session[0] != null) {
        session[0].close();
      }
    }
  }

  private ImportResult present(ModelImports.Incoming in) {
    ImportResult r = new ImportResult(catalog.get(in.name(), in.version()), ImportResult.Outcome.ALREADY_PRESENT, 0,
        in.blobs().size(), 0, List.of());
    LOG.info("import of {} from {} into {}: already present", in.ref(), in.source(), s.blobs().describe());
    return r;
  }

  private static InputStream open(Path file) {
    try {
      return new BufferedInputStream(Files.newInputStream(file), BUFFER);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("bundle file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new StorageException("cannot open bundle file " + file + ": " + e, e);
    }
  }

  /**
   * Reads and verifies a whole bundle. After the header and record, {@code sinkFor} decides where the blobs go: into
   * the session it returns (staged where the store lacks them), or, if it returns {@code null}, nowhere (they are
   * still read and verified).
   */
  private ModelImports.Incoming read(InputStream raw, String source,
      Function<ModelImports.Incoming, ModelImports.Session> sinkFor) {
    try (BundleZipReader zip = new BundleZipReader(raw, s.bundleLimits(), source)) {
      expect(zip.next(), HEADER, "first", source);
      byte[] headerBytes = zip.readAll(MAX_JSON, "entry " + HEADER);
      BundleHeader header = Json.parse(headerBytes, BundleHeader.class, HEADER + " of " + source);
      expect(zip.next(), RECORD, "second", source);
      ModelImports.Incoming in = incoming(header, zip.readAll(MAX_JSON, "entry " + RECORD), source);
      imports.check(in);
      SortedMap<String, Long> expected = in.blobs();
      if (expected.size() + 2L > s.bundleLimits().maxEntries()) {
        throw new ValidationException(source + " holds model " + in.ref() + " with " + expected.size() + " distinct "
            + "files, more than the limit of " + s.bundleLimits().maxEntries() + " entries (BundleLimits.maxEntries); "
            + "if it is genuine raise the limit with ModelStore.builder(...).bundleLimits(...)");
      }
      Map<String, String> paths = new HashMap<>();
      in.manifest().files().forEach(f -> paths.putIfAbsent(f.sha256(), f.path()));
      ModelImports.Session sink = sinkFor.apply(in);
      Set<String> seen = new HashSet<>();
      for (String name; (name = zip.next()) != null; ) {
        String sha256 = blobDigest(name, source);
        if (!seen.add(sha256)) {
          throw new ValidationException(source + " has entry '" + name + "' twice; a bundle holds each blob once: it "
              + "was not written by ModelStore.exportBundle or was tampered with");
        }
        Long size = expected.get(sha256);
        if (size == null) {
          throw new ValidationException(source + " has entry '" + name + "', which is no file of model " + in.ref()
              + "'s manifest; a bundle holds only the manifest's files: it was tampered with or damaged");
        }
        String what = "entry '" + name + "' (file '" + paths.get(sha256) + "' of model " + in.ref() + ")";
        InputStream data = zip.open(size, true, what);
        if (sink != null && sink.needs(sha256)) {
          sink.stage(sha256, size, data, what + " of " + source);
        } else {
          drain(HashingInputStream.verifying(data, sha256, what + " of " + source));
        }
      }
      List<String> missing = expected.keySet().stream().filter(d -> !seen.contains(d))
          .map(d -> "'" + paths.get(d) + "' (" + d + ")").toList();
      if (!missing.isEmpty()) {
        throw new IntegrityException(source + " is incomplete: model " + in.ref() + "'s manifest lists file(s) "
            + missing + " but the bundle holds no entry for them; export it again");
      }
      return in;
    }
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[BUFFER];
    try {
      while (in.read(buffer) >= 0) {
        // read to the end: the stream verifies
      }
    } catch (IOException e) {
      throw new StorageException("reading a bundle entry failed: " + e.getMessage(), e);
    }
  }

  private static ModelImports.Incoming incoming(BundleHeader h, byte[] recordBytes, String source) {
    VersionRecord.Parsed p = VersionRecord.read(recordBytes, RECORD + " of " + source);
    if (!p.isLive()) {
      throw new ValidationException(RECORD + " of " + source + " holds a " + (p.isTombstone() ? "tombstone" : "gap")
          + ", not a version; only live versions are exported");
    }
    ModelManifest m = p.record().manifest();
    if (!m.name().equals(h.name()) || m.version() != h.version()) {
      throw new IntegrityException(source + " is inconsistent: " + HEADER + " names model '" + h.name() + "' version "
          + h.version() + " but " + RECORD + " holds '" + m.name() + "' version " + m.version() + "; it was edited");
    }
    if (!p.manifestSha256().equals(h.manifestSha256())) {
      throw new IntegrityException("the manifest in " + RECORD + " of " + source + " has SHA-256 "
          + p.manifestSha256() + " but " + HEADER + " lists " + h.manifestSha256() + "; the bundle was edited or "
          + "damaged: get a good copy and do not use this one");
    }
    if (!m.files().equals(h.files())) {
      throw new IntegrityException(source + " is inconsistent: the files " + HEADER + " lists differ from those of "
          + "the manifest in " + RECORD + "; it was edited: get a good copy");
    }
    return new ModelImports.Incoming(source, recordBytes, p, h.annotation());
  }

  private static void expect(String name, String expected, String position, String source) {
    if (name == null) {
      throw new ValidationException(source + " is not a complete model bundle: it has no " + expected + " entry");
    }
    if (!name.equals(expected)) {
      String problem = nameProblem(name);
      throw new ValidationException(source + " is not a model bundle: its " + position + " entry is '"
          + BlobKeys.escape(name) + "'" + (problem == null ? "" : " (" + problem + ")") + " where " + expected
          + " belongs; export bundles with ModelStore.exportBundle");
    }
  }

  /** The digest an entry name {@code blobs/sha256/HEX} stands for, or a {@link ValidationException} saying why not. */
  static String blobDigest(String name, String source) {
    if (BLOB_ENTRY.matcher(name).matches()) {
      return name.substring(BLOBS.length());
    }
    String problem = nameProblem(name);
    if (name.equals(HEADER) || name.equals(RECORD)) {
      problem = "it appears twice";
    }
    throw new ValidationException(source + " has an entry named '" + BlobKeys.escape(name) + "', which is refused: "
        + (problem == null ? "it is not a name a bundle holds" : problem) + "; a model bundle holds only " + HEADER
        + ", " + RECORD + " and " + BLOBS + "<64 lower-case hex digits>: it was not written by "
        + "ModelStore.exportBundle, or was tampered with");
  }

  private static String nameProblem(String name) {
    if (name.indexOf('\\') >= 0) {
      return "it has a backslash";
    }
    if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
      return "it is an absolute path";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return "it has a '" + segment + "' segment (path traversal)";
      }
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "it has a control character";
      }
    }
    return null;
  }
}
