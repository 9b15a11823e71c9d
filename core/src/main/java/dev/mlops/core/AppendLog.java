package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of small JSON entries over a {@link BlobStore}: entry {@code n} lives at
 * {@code DIR/n.json} and is created with {@link BlobStore#putIfAbsent}, so of many writers (threads or
 * processes) exactly one gets each number and numbers are gap-free: a writer only tries {@code n + 1} after it
 * has seen {@code n} (a writer that creates a given number, as an import does, first creates every missing
 * number below it, see {@link VersionGap}). A head hint at {@code DIR.head.json} remembers a recent number so
 * finding the last entry costs one read and one stat; the hint may lag (a writer died before updating it, or two writers updated it out
 * of order), so readers probe forward from it. Entries are never deleted. Not API.
 */
final class AppendLog {
  private static final Logger LOG = LoggerFactory.getLogger(AppendLog.class);
  private final BlobStore blobs;

  AppendLog(BlobStore blobs) {
    this.blobs = blobs;
  }

  static String entry(String dir, long seq) {
    return dir + "/" + seq + ".json";
  }

  static String head(String dir) {
    return dir + ".head.json";
  }

  /** The number of the last entry, 0 if the log is empty. */
  long last(String dir) {
    long s = readHead(dir);
    if (s > 0 && !blobs.exists(entry(dir, s))) {
      s = 0; // a hint that points nowhere (hand-edited store): trust only the entries
    }
    while (blobs.exists(entry(dir, s + 1))) {
      s++;
    }
    return s;
  }

  /**
   * Appends the entry {@code make} builds for the next free number and returns that number. {@code make} is
   * called again with a higher number each time another writer took the one tried.
   */
  long append(String dir, LongFunction<byte[]> make) {
    long s = last(dir) + 1;
    while (true) {
      byte[] bytes = make.apply(s);
      if (blobs.putIfAbsent(entry(dir, s), new ByteArrayInputStream(bytes))) {
        writeHead(dir, s);
        return s;
      }
      s++;
      while (blobs.exists(entry(dir, s))) {
        s++;
      }
    }
  }

  /**
   * Moves the head hint up to {@code seq} after a writer created entry {@code seq} itself (an import creates a given
   * number rather than the next one); a hint already at or past it is left alone.
   */
  void advanceHead(String dir, long seq) {
    if (readHead(dir) < seq) {
      writeHead(dir, seq);
    }
  }

  /** The bytes of entry {@code seq}, or empty. */
  Optional<byte[]> read(String dir, long seq) {
    try {
      return Optional.of(blobs.getBytes(entry(dir, seq)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The numbers of every entry, ascending (one listing). */
  List<Long> sequences(String dir) {
    String prefix = dir + "/";
    List<Long> out = new ArrayList<>();
    try (var keys = blobs.list(prefix)) {
      keys.forEach(info -> {
        String rest = info.key().substring(prefix.length());
        if (rest.endsWith(".json") && rest.indexOf('/') < 0) {
          try {
            out.add(Long.parseLong(rest.substring(0, rest.length() - 5)));
          } catch (NumberFormatException e) {
            LOG.debug("ignoring {} in log {}: not an entry", info.key(), dir);
          }
        }
      });
    }
    out.sort(null);
    return out;
  }

  private long readHead(String dir) {
    try {
      String text = new String(blobs.getBytes(head(dir)), StandardCharsets.UTF_8).trim();
      return Long.parseLong(text);
    } catch (NotFoundException e) {
      return 0;
    } catch (NumberFormatException e) {
      LOG.debug("ignoring unreadable head hint of log {}", dir);
      return 0;
    }
  }

  private void writeHead(String dir, long seq) {
    try {
      blobs.putBytes(head(dir), Long.toString(seq).getBytes(StandardCharsets.UTF_8));
    } catch (MlopsException e) {
      // only a hint: readers probe forward from an older one
      LOG.debug("could not update the head hint of log {} to {}", dir, seq, e);
    }
  }
}
