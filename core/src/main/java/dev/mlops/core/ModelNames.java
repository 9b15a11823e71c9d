package dev.mlops.core;

import java.util.regex.Pattern;

/**
 * The rules for model names, aliases and file paths inside a version, and the store's key layout. Every rule
 * keeps a name inside its own key prefix: no {@code '/'}, no {@code ".."}, nothing that a file system or a
 * bundle reader could take for a path outside the model. Not API.
 *
 * <pre>
 * index/models/NAME.json                      one per model (listing)
 * models/NAME/versions/N.json                 the version record: manifest and signatures, a tombstone, or a
 *                                             gap (a number an import jumped over)
 * models/NAME/versions.head.json              hint: a recent version number (readers probe forward)
 * models/NAME/filled/N.json                   the record imported into gap N, created once
 * models/NAME/annotations/N/REV.json          tags and description updates of version N, append-only
 * models/NAME/aliases/ALIAS/SEQ.json          alias moves, append-only; the last one is the alias's target
 * models/NAME/aliases/ALIAS.head.json         hint: a recent sequence number
 * blobs/sha256/AB/ABCDEF...                   file contents, content-addressed
 * staging/LEASE/I                             uploads in flight
 * leases/LEASE.json                           publishes in flight (gc waits for them)
 * gc/lock.json                                a running gc (publishers wait for it)
 * </pre>
 */
final class ModelNames {
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.+=@,-]{1,128}");
  static final int MAX_FILE_PATH = 512;
  static final int MAX_FILE_DEPTH = 16;

  private ModelNames() {}

  /** Checks a model name: 1 to 100 of letters, digits, '.', '_', '-', starting with a letter or digit, no "..". */
  static String checkModel(String name) {
    if (name == null || !MODEL.matcher(name).matches() || name.contains("..") || name.endsWith(".")) {
      throw new ValidationException("model name '" + (name == null ? null : BlobKeys.escape(name))
          + "' is not valid; use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, "
          + "without '..' and not ending in '.' (for example 'churn-classifier')");
    }
    return name;
  }

  /** Checks an alias: a lower-case letter, then up to 62 lower-case letters, digits, '_' or '-'. */
  static String checkAlias(String alias) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new ValidationException("alias '" + (alias == null ? null : BlobKeys.escape(alias))
          + "' is not valid; use a lower-case letter followed by up to 62 lower-case letters, digits, '_' or '-' "
          + "(for example 'production' or 'staging')");
    }
    if (alias.equals("latest")) {
      throw new ValidationException("alias 'latest' is reserved: it always means the newest version; "
          + "choose another name");
    }
    return alias;
  }

  /** Checks a file path inside a version: relative, '/'-separated, no '.' or '..' segments, no odd characters. */
  static String checkFilePath(String path) {
    String problem = filePathProblem(path);
    if (problem != null) {
      throw new ValidationException("file path '" + (path == null ? null : BlobKeys.escape(path)) + "' is not valid: "
          + problem + "; use a relative path of letters, digits and '_.+=@,-' separated by '/' (for example "
          + "'model.pb' or 'vocab/tokens.txt')");
    }
    return path;
  }

  private static String filePathProblem(String path) {
    if (path == null || path.isEmpty()) {
      return "it is empty";
    }
    if (path.length() > MAX_FILE_PATH) {
      return "it has " + path.length() + " characters, more than " + MAX_FILE_PATH;
    }
    if (path.startsWith("/") || path.contains("\\")) {
      return "it is absolute or uses '\\'";
    }
    String[] segments = path.split("/", -1);
    if (segments.length > MAX_FILE_DEPTH) {
      return "it is " + segments.length + " levels deep, more than " + MAX_FILE_DEPTH;
    }
    for (String s : segments) {
      if (s.isEmpty()) {
        return "it has an empty segment";
      }
      if (s.equals(".") || s.equals("..")) {
        return "it has a '" + s + "' segment";
      }
      if (!SEGMENT.matcher(s).matches()) {
        return "segment '" + BlobKeys.escape(s) + "' has a character outside the allowed set or is too long";
      }
    }
    return null;
  }

  static String modelIndex(String name) {
    return "index/models/" + name + ".json";
  }

  static String modelPrefix(String name) {
    return "models/" + name + "/";
  }

  static String versionsDir(String name) {
    return "models/" + name + "/versions";
  }

  /** Where the record imported into the gap at version {@code version} lives. */
  static String filled(String name, int version) {
    return "models/" + name + "/filled/" + version + ".json";
  }

  static String annotationsDir(String name, int version) {
    return "models/" + name + "/annotations/" + version;
  }

  static String aliasesPrefix(String name) {
    return "models/" + name + "/aliases/";
  }

  static String aliasDir(String name, String alias) {
    return "models/" + name + "/aliases/" + alias;
  }

  static String blob(String sha256) {
    return "blobs/sha256/" + sha256.substring(0, 2) + "/" + sha256;
  }

  static String staging(String lease, int index) {
    return "staging/" + lease + "/" + index;
  }

  static String lease(String lease) {
    return "leases/" + lease + ".json";
  }

  static final String GC_LOCK = "gc/lock.json";
}
