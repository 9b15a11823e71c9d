package dev.mlops.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobPage;
import dev.mlops.core.BlobStore;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.Json;
import dev.mlops.core.MlopsException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit log in a {@link BlobStore}: entry {@code n} is {@code audit/<log>/<n, 20 digits>.json}, created with
 * {@link BlobStore#putIfAbsent} (so of writers racing for a number exactly one gets it), holding
 * {@link AuditEntry#toJson()}; the head is {@code audit/<log>/head.json}, an {@link AuditAnchor} as JSON, written
 * after each entry and never moved back, so it may lag behind the last entry but never names one that was not
 * written. Not API.
 */
final class BlobAuditStore implements AuditStore {
  private static final Logger LOG = LoggerFactory.getLogger(BlobAuditStore.class);
  private static final Pattern LOG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int DIGITS = 20;
  private static final int PAGE = 1000;

  private final BlobStore blobs;
  private final String dir;
  /** The highest entry this instance has seen: where probing for the last entry starts. */
  private final AtomicReference<AuditAnchor> seen = new AtomicReference<>(AuditAnchor.EMPTY);

  private BlobAuditStore(BlobStore blobs, String dir) {
    this.blobs = blobs;
    this.dir = dir;
  }

  /** Opens the log {@code name}, creating its head if the log has no entries and no head. */
  static BlobAuditStore open(BlobStore blobs, String name) {
    if (name == null || !LOG_NAME.matcher(name).matches()) {
      throw new ValidationException("audit log name " + (name == null ? "is missing" : "'"
          + AuditChecks.printable(name) + "' is not valid") + "; expected 1 to 100 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit, e.g. \"warehouse\"");
    }
    BlobAuditStore store = new BlobAuditStore(blobs, "audit/" + name);
    if (!blobs.exists(store.headKey()) && !store.read(1).hasNext()) {
      blobs.putIfAbsent(store.headKey(), new ByteArrayInputStream(headBytes(AuditAnchor.EMPTY)));
    }
    return store;
  }

  @Override
  public AuditAnchor last() {
    AuditAnchor from = seen.get();
    if (from.seq() > 0 && !blobs.exists(key(from.seq()))) {
      from = lastListed(); // entries this instance saw are gone: verify() will say so; continue after what is there
    } else if (from.seq() == 0) {
      from = fromHead();
    }
    long s = from.seq();
    while (blobs.exists(key(s + 1))) {
      s++;
    }
    AuditAnchor last = s == from.seq() ? from : new AuditAnchor(s, storedHash(s));
    seen.accumulateAndGet(last, (a, b) -> a.seq() >= b.seq() ? a : b);
    return last;
  }

  @Override
  public AuditEntry append(Function<AuditAnchor, AuditEntry> next) {
    for (int attempt = 0; attempt < ChainedAuditLog.MAX_ATTEMPTS; attempt++) {
      AuditEntry entry = next.apply(last());
      byte[] json = entry.toJson().getBytes(StandardCharsets.UTF_8);
      if (blobs.putIfAbsent(key(entry.seq()), new ByteArrayInputStream(json))) {
        moveHead(entry);
        return entry;
      }
    }
    throw ChainedAuditLog.tooManyAttempts(describe());
  }

  /** Moves the head up to {@code entry}, which this instance just stored; never back, never recreating it. */
  private void moveHead(AuditEntry entry) {
    AuditAnchor mine = AuditAnchor.of(entry);
    seen.accumulateAndGet(mine, (a, b) -> a.seq() >= b.seq() ? a : b);
    try {
      Optional<AuditAnchor> head = head();
      if (head.isPresent() && head.get().seq() < entry.seq()) {
        blobs.putBytes(headKey(), headBytes(mine));
      } else if (head.isEmpty()) {
        LOG.warn("audit log {} has no head; not recreating it, so that verify() reports its loss", describe());
      }
    } catch (ValidationException e) {
      LOG.warn("the head of audit log {} cannot be read; leaving it for verify() to report", describe(), e);
    } catch (MlopsException e) {
      // The entry is stored; a head that lags is allowed (verify accepts entries past it).
      LOG.warn("could not move the head of audit log {} to entry {}", describe(), entry.seq(), e);
    }
  }

  @Override
  public Iterator<Stored> read(long fromSeq) {
    return new Iterator<>() {
      private final Deque<String> keys = new ArrayDeque<>();
      private String after = fromSeq > 1 ? key(fromSeq - 1) : null;
      private boolean listedAll;
      private Stored next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (keys.isEmpty()) {
            if (listedAll) {
              return false;
            }
            BlobPage page = blobs.list(dir + "/", after, PAGE);
            for (BlobInfo info : page.items()) {
              if (seqOf(info.key()) > 0) {
                keys.add(info.key());
              }
            }
            after = page.nextStartAfter();
            listedAll = page.isLast();
            continue;
          }
          next = load(keys.poll());
        }
        return true;
      }

      @Override
      public Stored next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more entries in audit log " + describe());
        }
        Stored s = next;
        next = null;
        return s;
      }
    };
  }

  @Override
  public Optional<AuditAnchor> head() {
    byte[] bytes;
    try {
      bytes = blobs.getBytes(headKey());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(Json.parse(bytes, AuditAnchor.class, headKey()));
  }

  @Override
  public String describe() {
    return dir + " in " + blobs.describe();
  }

  /** The stored entry under {@code key}, or {@code null} if it was deleted since it was listed. */
  private Stored load(String key) {
    long seq = seqOf(key);
    byte[] bytes;
    try {
      bytes = blobs.getBytes(key);
    } catch (NotFoundException e) {
      return null;
    }
    try {
      return new Stored(seq, Json.parse(bytes, AuditEntry.class, key), null);
    } catch (ValidationException e) {
      return new Stored(seq, null, e.getMessage());
    }
  }

  /** The stored hash of entry {@code seq}, which the next entry chains to. */
  private String storedHash(long seq) {
    String key = key(seq);
    try {
      JsonNode hash = Json.parseTree(new String(blobs.getBytes(key), StandardCharsets.UTF_8), key).get("hash");
      return AuditChecks.digest(hash == null ? null : hash.asText(), "the hash of audit entry " + seq, "");
    } catch (ValidationException e) {
      throw new IntegrityException("entry " + seq + " of audit log " + describe() + " cannot be read (" + e.getMessage()
          + "), so there is no hash to chain the next entry to; run verify() and restore the log from a backup", e);
    }
  }

  /**
   * Where a new instance starts probing: the entry the head names, or, if the head is gone, unreadable or names a
   * missing entry (all signs of tampering that verify() reports), the highest entry one listing finds.
   */
  private AuditAnchor fromHead() {
    Optional<AuditAnchor> head;
    try {
      head = head();
    } catch (ValidationException e) {
      head = Optional.empty();
    }
    if (head.isPresent() && head.get().seq() == 0) {
      return AuditAnchor.EMPTY;
    }
    if (head.isPresent() && blobs.exists(key(head.get().seq()))) {
      return new AuditAnchor(head.get().seq(), storedHash(head.get().seq()));
    }
    return lastListed();
  }

  /** The highest entry a listing finds, or {@link AuditAnchor#EMPTY}. */
  private AuditAnchor lastListed() {
    long max = 0;
    try (var keys = blobs.list(dir + "/")) {
      max = keys.mapToLong(info -> seqOf(info.key())).max().orElse(0);
    }
    return max == 0 ? AuditAnchor.EMPTY : new AuditAnchor(max, storedHash(max));
  }

  private String key(long seq) {
    return dir + "/" + String.format("%0" + DIGITS + "d", seq) + ".json";
  }

  private String headKey() {
    return dir + "/head.json";
  }

  /** The number of the entry stored under {@code key}, or 0 if it is not an entry key. */
  private long seqOf(String key) {
    String name = key.substring(dir.length() + 1);
    if (name.length() != DIGITS + 5 || !name.endsWith(".json")) {
      return 0;
    }
    for (int i = 0; i < DIGITS; i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return 0;
      }
    }
    try {
      return Long.parseLong(name.substring(0, DIGITS));
    } catch (NumberFormatException e) {
      return 0; // beyond Long.MAX_VALUE: not one of ours
    }
  }

  private static byte[] headBytes(AuditAnchor anchor) {
    return Json.toCanonicalJson(anchor).getBytes(StandardCharsets.UTF_8);
  }
}
