package dev.mlops.benchmarking;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobKeys;
import dev.mlops.core.BlobStore;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.Json;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Sha256;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports of each benchmark over time, kept immutably in a {@link BlobStore} (file system, memory or S3),
 * numbered 1, 2, 3... per benchmark, with a baseline to compare new runs against.
 *
 * <pre>{@code
 * try (BlobStore store = FileBlobStore.open(Path.of("/srv/bench"))) {
 *   BenchmarkHistory history = BenchmarkHistory.open(store, "benchmarks");
 *   BenchmarkHistory.Entry e = history.record(report);            // e.sequence() == 1, 2, ...
 *   history.setBaseline("breast-cancer", e.sequence(), "release 1.4");
 *   Comparison c = Comparison.compare(history.latest("breast-cancer").orElseThrow().report(),
 *       history.baseline("breast-cancer").orElseThrow().report());
 * }
 * }</pre>
 *
 * <p>Layout under {@code PREFIX/NAME/}:
 * <ul>
 *   <li>{@code 0000000007-3f2a9c0b1d2e4f56.json}: report 7; the hex is the first 16 digits of the SHA-256 of the
 *       stored bytes, checked on every read (a changed report is an {@link IntegrityException}).</li>
 *   <li>{@code claims/0000000007.json}: who took number 7 (its full SHA-256 and time). Numbers are claimed with
 *       {@link BlobStore#putIfAbsent}, so of many writers (threads or processes) exactly one gets each number, and a
 *       writer only tries {@code n + 1} after seeing {@code n} taken: numbers are distinct and gap-free, as the
 *       model store's versions. The report is written after its claim; a writer that dies in between leaves a
 *       claim without a report, which {@link #list} skips and {@link #get} names.</li>
 *   <li>{@code baseline/0000000003.json}: the third baseline change (sequence, reason, by whom, when), appended the
 *       same way; the baseline is the last change, and the earlier ones are its history.</li>
 * </ul>
 *
 * <p>Thread-safe when the store is. Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class BenchmarkHistory {
  private static final Pattern REPORT = Pattern.compile("(\\d{10})-([0-9a-f]{16})\\.json");
  private static final Pattern NUMBERED = Pattern.compile("(\\d{10})\\.json");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int MAX_ATTEMPTS = 10_000;

  private final BlobStore store;
  private final String prefix;
  private final Clock clock;

  private BenchmarkHistory(BlobStore store, String prefix, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.prefix = prefix;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The history under {@code prefix} ({@code ""} for the store's root) of {@code store}; the system clock. */
  public static BenchmarkHistory open(BlobStore store, String prefix) {
    return open(store, prefix, Clock.systemUTC());
  }

  /** As {@link #open(BlobStore, String)}, stamping records and baseline changes with {@code clock}. */
  public static BenchmarkHistory open(BlobStore store, String prefix, Clock clock) {
    Objects.requireNonNull(prefix, "prefix");
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (!p.isEmpty()) {
      BlobKeys.check(p);
    }
    return new BenchmarkHistory(store, p, clock);
  }

  /**
   * One stored report.
   *
   * @param name the benchmark's name
   * @param sequence its number, from 1
   * @param key the blob key it is stored under
   * @param sha256 the SHA-256 of the stored bytes (verified)
   * @param report the report
   */
  public record Entry(String name, long sequence, String key, String sha256, BenchmarkReport report) {}

  /**
   * The baseline of a benchmark, as one change in its history.
   *
   * @param sequence the report that is the baseline
   * @param reason why it was chosen
   * @param by who chose it
   * @param at when
   */
  public record BaselineRef(long sequence, String reason, String by, Instant at) {}

  /** A number's claim: what {@code claims/N.json} holds. */
  record Claim(long sequence, String sha256, String key, Instant at) {}

  /**
   * Stores {@code report} as the next number of its benchmark and returns the entry. Safe against concurrent
   * writers: each gets its own number.
   */
  public Entry record(BenchmarkReport report) {
    Objects.requireNonNull(report, "report");
    String name = checkName(report.name());
    byte[] bytes = report.toJson().getBytes(StandardCharsets.UTF_8);
    String sha = Sha256.of(bytes);
    long seq = lastClaimed(name) + 1;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, seq++) {
      String key = reportKey(name, seq, sha);
      Claim claim = new Claim(seq, sha, key, clock.instant());
      if (store.putIfAbsent(claimKey(name, seq), new ByteArrayInputStream(Json.canonicalBytes(claim)))) {
        store.putIfAbsent(key, new ByteArrayInputStream(bytes));
        return new Entry(name, seq, key, sha, report);
      }
    }
    throw new dev.mlops.core.ConflictException("could not claim a number for benchmark '" + name + "' in "
        + store.describe() + " after " + MAX_ATTEMPTS + " attempts; too many concurrent writers, retry later");
  }

  /** Every stored report of {@code name}, oldest first (empty when there is none). */
  public List<Entry> list(String name) {
    checkName(name);
    List<Entry> out = new ArrayList<>();
    for (String key : reportKeys(name)) {
      out.add(read(name, key));
    }
    return out;
  }

  /** The numbers of the stored reports of {@code name}, ascending, without reading them. */
  public List<Long> sequences(String name) {
    checkName(name);
    List<Long> out = new ArrayList<>();
    for (String key : reportKeys(name)) {
      out.add(Long.parseLong(key.substring(key.lastIndexOf('/') + 1, key.lastIndexOf('/') + 11)));
    }
    return out;
  }

  /** The report with the highest number, if any. */
  public Optional<Entry> latest(String name) {
    List<String> keys = reportKeys(checkName(name));
    return keys.isEmpty() ? Optional.empty() : Optional.of(read(name, keys.get(keys.size() - 1)));
  }

  /**
   * Report number {@code sequence} of {@code name}.
   *
   * @throws NotFoundException when there is none (naming the numbers there are)
   * @throws IntegrityException when its bytes do not match the hash in its key or claim
   */
  public Entry get(String name, long sequence) {
    checkName(name);
    String start = dir(name) + String.format(Locale.ROOT, "%010d-", sequence);
    for (String key : reportKeys(name)) {
      if (key.startsWith(start)) {
        return read(name, key);
      }
    }
    if (store.exists(claimKey(name, sequence))) {
      throw new NotFoundException("report " + sequence + " of benchmark '" + name + "' in " + store.describe()
          + " was claimed but never written (its writer stopped); use another number, e.g. " + sequences(name));
    }
    throw new NotFoundException("benchmark '" + name + "' has no report " + sequence + " in " + store.describe()
        + "; it has " + sequences(name));
  }

  /** The report chosen as baseline of {@code name}, if one was set. */
  public Optional<Entry> baseline(String name) {
    return baselineRef(name).map(ref -> get(name, ref.sequence()));
  }

  /** The current baseline's reference (which report, why, by whom, when), if one was set. */
  public Optional<BaselineRef> baselineRef(String name) {
    List<BaselineRef> h = baselineHistory(name);
    return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
  }

  /** Every baseline change of {@code name}, oldest first. */
  public List<BaselineRef> baselineHistory(String name) {
    checkName(name);
    List<BaselineRef> out = new ArrayList<>();
    String d = dir(name) + "baseline/";
    try (var blobs = store.list(d)) {
      for (BlobInfo info : (Iterable<BlobInfo>) blobs::iterator) {
        if (NUMBERED.matcher(info.key().substring(d.length())).matches()) {
          out.add(Json.parse(store.getBytes(info.key()), BaselineRef.class, info.key()));
        }
      }
    }
    return out;
  }

  /** Makes report {@code sequence} the baseline of {@code name}, recorded as chosen by the current OS user. */
  public BaselineRef setBaseline(String name, long sequence, String reason) {
    return setBaseline(name, sequence, reason, System.getProperty("user.name", "unknown"));
  }

  /**
   * Makes report {@code sequence} (which must exist and be intact) the baseline of {@code name}, appending the
   * change, with {@code reason} and {@code by}, to the baseline's history.
   */
  public BaselineRef setBaseline(String name, long sequence, String reason, String by) {
    get(name, sequence);
    BaselineRef ref = new BaselineRef(sequence, Objects.requireNonNull(reason, "reason"),
        Objects.requireNonNull(by, "by"), clock.instant());
    byte[] bytes = Json.canonicalBytes(ref);
    long n = baselineHistory(name).size() + 1;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, n++) {
      String key = dir(name) + "baseline/" + String.format(Locale.ROOT, "%010d.json", n);
      if (store.putIfAbsent(key, new ByteArrayInputStream(bytes))) {
        return ref;
      }
    }
    throw new dev.mlops.core.ConflictException("could not record the baseline of '" + name + "'; retry later");
  }

  private Entry read(String name, String key) {
    Matcher m = REPORT.matcher(key.substring(key.lastIndexOf('/') + 1));
    if (!m.matches()) {
      throw new IllegalStateException(key);
    }
    long seq = Long.parseLong(m.group(1));
    byte[] bytes = store.getBytes(key);
    String sha = Sha256.of(bytes);
    if (!sha.startsWith(m.group(2))) {
      throw new IntegrityException("benchmark report '" + key + "' in " + store.describe() + " was changed after it"
          + " was recorded: its SHA-256 is " + sha + " but its key says " + m.group(2) + "...; restore it from a"
          + " good copy or record the run again");
    }
    try {
      Claim claim = Json.parse(store.getBytes(claimKey(name, seq)), Claim.class, claimKey(name, seq));
      Sha256.verify(claim.sha256(), sha, "benchmark report '" + key + "' in " + store.describe());
    } catch (NotFoundException e) {
      // a store copied without its claims: the key's hash prefix was checked
    }
    return new Entry(name, seq, key, sha, BenchmarkReport.fromJson(new String(bytes, StandardCharsets.UTF_8)));
  }

  private List<String> reportKeys(String name) {
    String d = dir(name);
    List<String> out = new ArrayList<>();
    try (var blobs = store.list(d)) {
      blobs.forEach(info -> {
        if (REPORT.matcher(info.key().substring(d.length())).matches()) {
          out.add(info.key());
        }
      });
    }
    return out;
  }

  private long lastClaimed(String name) {
    String d = dir(name) + "claims/";
    long last = 0;
    try (var blobs = store.list(d)) {
      for (BlobInfo info : (Iterable<BlobInfo>) blobs::iterator) {
        Matcher m = NUMBERED.matcher(info.key().substring(d.length()));
        if (m.matches()) {
          last = Math.max(last, Long.parseLong(m.group(1)));
        }
      }
    }
    return last;
  }

  private String dir(String name) {
    return (prefix.isEmpty() ? "" : prefix + "/") + name + "/";
  }

  private String claimKey(String name, long seq) {
    return dir(name) + "claims/" + String.format(Locale.ROOT, "%010d.json", seq);
  }

  private String reportKey(String name, long seq, String sha) {
    return dir(name) + String.format(Locale.ROOT, "%010d-%s.json", seq, sha.substring(0, 16));
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ValidationException("benchmark name '" + name + "' must be 1 to 100 letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit");
    }
    return name;
  }
}
