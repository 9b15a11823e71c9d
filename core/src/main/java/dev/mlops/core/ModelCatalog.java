package dev.mlops.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The read side of {@link ModelStore}: version records, annotations, aliases, listings. Not API. */
final class ModelCatalog {
  private final ModelStore.Settings s;
  private final AppendLog log;

  ModelCatalog(ModelStore.Settings settings) {
    this.s = settings;
    this.log = new AppendLog(settings.blobs());
  }

  AppendLog log() {
    return log;
  }

  /** A version record's bytes as stored, where they are stored, and what they say. */
  record Stored(byte[] bytes, String key, VersionRecord.Parsed parsed) {}

  /** The parsed record of a version, or a {@link NotFoundException} naming the model's versions. */
  VersionRecord.Parsed record(String name, int version) {
    return stored(name, version).parsed();
  }

  /**
   * The record of a version as stored: at {@code versions/N.json}, or, where that holds a gap that an import filled,
   * at {@link ModelNames#filled}. A {@link NotFoundException} naming the model's versions if there is none.
   */
  Stored stored(String name, int version) {
    ModelNames.checkModel(name);
    String key = AppendLog.entry(ModelNames.versionsDir(name), version);
    byte[] bytes;
    try {
      bytes = s.blobs().getBytes(key);
    } catch (NotFoundException e) {
      long last = log.last(ModelNames.versionsDir(name));
      if (last == 0) {
        throw modelNotFound(name);
      }
      throw new NotFoundException("model '" + name + "' has no version " + version + " in " + s.blobs().describe()
          + "; its versions are 1 to " + last, e);
    }
    VersionRecord.Parsed p = VersionRecord.parse(bytes, name, version, key);
    if (p.isGap()) {
      String filled = ModelNames.filled(name, version);
      Optional<byte[]> fill = readIfExists(filled);
      if (fill.isPresent()) {
        VersionRecord.Parsed f = VersionRecord.parse(fill.get(), name, version, filled);
        if (!f.isLive()) {
          throw new IntegrityException("the record at " + filled + " holds no manifest; it was edited by hand: "
              + "restore it from a backup or bundle, or delete it to mark the version as not imported again");
        }
        return new Stored(fill.get(), filled, f);
      }
    }
    return new Stored(bytes, key, p);
  }

  private Optional<byte[]> readIfExists(String key) {
    try {
      return Optional.of(s.blobs().getBytes(key));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** A live version, or a {@link NotFoundException} (saying who deleted it if it was deleted). */
  ModelVersion get(String name, int version) {
    VersionRecord.Parsed p = record(name, version);
    if (p.isTombstone()) {
      Tombstone t = p.record().tombstone();
      throw new NotFoundException("model '" + name + "' version " + version + " was deleted at " + t.deletedAt()
          + " by " + t.deletedBy() + (t.reason().isEmpty() ? "" : " (" + t.reason() + ")")
          + "; version numbers are never reused");
    }
    if (p.isGap()) {
      VersionGap g = p.record().gap();
      throw new NotFoundException("model '" + name + "' version " + version + " was not imported into "
          + s.blobs().describe() + " (" + g.reason() + ", marked at " + g.markedAt() + " by " + g.markedBy()
          + "); import it with importBundle or ModelStore.mirror from a store that has it");
    }
    return p.toVersion(annotation(name, version).orElse(null));
  }

  /** The newest live version. */
  ModelVersion latest(String name) {
    ModelNames.checkModel(name);
    long last = log.last(ModelNames.versionsDir(name));
    for (long v = last; v >= 1; v--) {
      VersionRecord.Parsed p = record(name, (int) v);
      if (p.isLive()) {
        return p.toVersion(annotation(name, (int) v).orElse(null));
      }
    }
    if (last == 0) {
      throw modelNotFound(name);
    }
    throw new NotFoundException("every version of model '" + name + "' (1 to " + last + ") was deleted or not "
        + "imported into " + s.blobs().describe());
  }

  /** The current annotation of a version, if it was ever updated. */
  Optional<VersionAnnotation> annotation(String name, int version) {
    String dir = ModelNames.annotationsDir(name, version);
    long last = log.last(dir);
    if (last == 0) {
      return Optional.empty();
    }
    String key = AppendLog.entry(dir, last);
    return log.read(dir, last).map(b -> Json.parse(b, VersionAnnotation.class, key));
  }

  /** The last move of an alias, if it exists. */
  Optional<AliasChange> aliasHead(String name, String alias) {
    String dir = ModelNames.aliasDir(ModelNames.checkModel(name), ModelNames.checkAlias(alias));
    long last = log.last(dir);
    if (last == 0) {
      return Optional.empty();
    }
    String key = AppendLog.entry(dir, last);
    return log.read(dir, last).map(b -> Json.parse(b, AliasChange.class, key));
  }

  /** The version an alias points at, if it exists and was not removed. */
  OptionalInt aliasTarget(String name, String alias) {
    Optional<AliasChange> head = aliasHead(name, alias);
    return head.isPresent() && head.get().to() != null ? OptionalInt.of(head.get().to()) : OptionalInt.empty();
  }

  ModelVersion byAlias(String name, String alias) {
    OptionalInt target = aliasTarget(name, alias);
    if (target.isEmpty()) {
      List<String> known = new ArrayList<>(aliases(name).keySet());
      throw new NotFoundException("model '" + name + "' has no alias '" + alias + "' in " + s.blobs().describe()
          + (known.isEmpty() ? "; it has no aliases: set one with setAlias(name, alias, version, reason)"
              : "; its aliases are " + known));
    }
    try {
      return get(name, target.getAsInt());
    } catch (NotFoundException e) {
      throw new NotFoundException("alias '" + alias + "' of model '" + name + "' points at version "
          + target.getAsInt() + ", which is gone: " + e.getMessage() + "; move the alias", e);
    }
  }

  /** Every alias of a model that points at a version, by name. */
  Map<String, Integer> aliases(String name) {
    String prefix = ModelNames.aliasesPrefix(ModelNames.checkModel(name));
    List<String> names = new ArrayList<>();
    try (var keys = s.blobs().list(prefix)) {
      keys.forEach(info -> {
        String rest = info.key().substring(prefix.length());
        int slash = rest.indexOf('/');
        String alias = slash < 0 ? null : rest.substring(0, slash);
        if (alias != null && (names.isEmpty() || !names.get(names.size() - 1).equals(alias))) {
          names.add(alias);
        }
      });
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String alias : names.stream().distinct().sorted().toList()) {
      aliasTarget(name, alias).ifPresent(v -> out.put(alias, v));
    }
    return out;
  }

  List<AliasChange> aliasHistory(String name, String alias) {
    String dir = ModelNames.aliasDir(ModelNames.checkModel(name), ModelNames.checkAlias(alias));
    List<AliasChange> out = new ArrayList<>();
    for (long seq : log.sequences(dir)) {
      String key = AppendLog.entry(dir, seq);
      log.read(dir, seq).ifPresent(b -> out.add(Json.parse(b, AliasChange.class, key)));
    }
    out.sort(Comparator.comparingLong(AliasChange::sequence));
    return out;
  }

  List<String> models() {
    List<String> out = new ArrayList<>();
    try (var keys = s.blobs().list("index/models/")) {
      keys.forEach(info -> {
        String rest = info.key().substring("index/models/".length());
        if (rest.endsWith(".json") && rest.indexOf('/') < 0) {
          out.add(rest.substring(0, rest.length() - 5));
        }
      });
    }
    return out;
  }

  /** The numbers of a model's versions (live and deleted), ascending. */
  List<Integer> versionNumbers(String name) {
    return log.sequences(ModelNames.versionsDir(ModelNames.checkModel(name))).stream().map(Long::intValue).toList();
  }

  NotFoundException modelNotFound(String name) {
    List<String> models = models();
    return new NotFoundException("model '" + name + "' does not exist in " + s.blobs().describe()
        + (models.isEmpty() ? "; the store holds no models yet: publish one first"
            : "; it holds " + (models.size() <= 20 ? models : models.subList(0, 20) + " and " + (models.size() - 20)
                + " more")));
  }
}
