package dev.mlops.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service on the model behind an alias: loads it with a codec, polls the store, and swaps to the new
 * version atomically when the alias moves. Callers always see a fully loaded model: a new version is loaded
 * (and verified) on the polling thread first, and only then published to readers. A failing load keeps the
 * current model serving, is reported to the listener and in {@link #status()}, and is retried at the next poll.
 *
 * <pre>{@code
 * try (LiveModel<Model<Label>> live = LiveModel.builder(store, "churn", "production", TribuoCodec.classification())
 *     .interval(Duration.ofSeconds(30))
 *     .listener(new LiveModel.Listener<>() {
 *       public void swapped(ModelVersion from, ModelVersion to) { log.info("now serving {}", to.ref()); }
 *       public void failed(Exception e) { log.warn("reload failed, still serving the old model", e); }
 *     })
 *     .start()) {
 *   Prediction<Label> p = live.get().predict(example);      // never a half-loaded model
 * }
 * }</pre>
 *
 * <p>{@link #start()} loads the first model synchronously and fails if it cannot. Polling runs on one daemon
 * thread owned by this object, or on a scheduler you pass in (which you then shut down yourself); with
 * {@link Builder#manual()} nothing polls and you call {@link #refresh()}. Replaced models are not closed: a
 * caller may still hold one. {@link #close()} stops polling. Thread-safe.
 *
 * <p>Stability: experimental.
 *
 * @param <T> the model type
 */
public final class LiveModel<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

  /** What a {@link LiveModel} reports; both methods run on the polling thread and must not block long. */
  public interface Listener<T> {
    /** Called after the model was swapped from version {@code from} to {@code to}. */
    default void swapped(ModelVersion from, ModelVersion to) {}

    /** Called when a check or a load failed; the current model keeps serving. */
    default void failed(Exception error) {}
  }

  /**
   * A loaded model with the version it came from: read both from one snapshot so they always match.
   *
   * @param model the model
   * @param version its version
   * @param loadedAt when it was loaded, by the builder's clock
   * @param <T> the model type
   */
  public record Loaded<T>(T model, ModelVersion version, Instant loadedAt) {}

  /**
   * The state of a {@link LiveModel}.
   *
   * @param serving the version being served
   * @param loadedAt when it was loaded
   * @param lastCheck when the alias was last checked
   * @param lastError the last failure since the last successful swap, or {@code null}
   * @param failures failures since the last successful swap or check
   */
  public record Status(String serving, Instant loadedAt, Instant lastCheck, String lastError, int failures) {}

  private final ModelStore store;
  private final String name;
  private final String alias;
  private final ModelCodec<T> codec;
  private final Clock clock;
  private final Listener<T> listener;
  private final ScheduledExecutorService ownScheduler;
  private final ScheduledFuture<?> task;
  private final Object refreshLock = new Object();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile Loaded<T> current;
  private volatile Instant lastCheck;
  private volatile Exception lastError;
  private volatile boolean closed;

  private LiveModel(Builder<T> b) {
    this.store = b.store;
    this.name = b.name;
    this.alias = b.alias;
    this.codec = b.codec;
    this.clock = b.clock;
    this.listener = b.listener;
    ModelVersion first = store.byAlias(name, alias);
    this.current = new Loaded<>(store.load(first, codec), first, clock.instant());
    this.lastCheck = current.loadedAt();
    LOG.info("serving {} (alias {})", first.ref(), alias);
    if (b.manual) {
      ownScheduler = null;
      task = null;
    } else {
      ScheduledExecutorService scheduler = b.scheduler;
      if (scheduler == null) {
        ownScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "mlops-live-model-" + name + "@" + alias);
          t.setDaemon(true);
          return t;
        });
        scheduler = ownScheduler;
      } else {
        ownScheduler = null;
      }
      long millis = b.interval.toMillis();
      task = scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** A builder for a live model of the version behind {@code alias} of {@code name}. */
  public static <T> Builder<T> builder(ModelStore store, String name, String alias, ModelCodec<T> codec) {
    return new Builder<>(store, name, alias, codec);
  }

  /** The model being served: fully loaded, never {@code null}. */
  public T get() {
    return current.model();
  }

  /** The model with its version, from one snapshot. */
  public Loaded<T> current() {
    return current;
  }

  /** The version being served. */
  public ModelVersion version() {
    return current.version();
  }

  /** The last failure since the last successful check, if any. */
  public Optional<Exception> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** The current state, for health endpoints. */
  public Status status() {
    Loaded<T> c = current;
    Exception e = lastError;
    return new Status(c.version().ref(), c.loadedAt(), lastCheck, e == null ? null : e.getMessage(), failures.get());
  }

  /**
   * Checks the alias now and swaps if it moved. Returns whether it swapped.
   *
   * @throws MlopsException if the check or the load failed (the current model keeps serving)
   */
  public boolean refresh() {
    synchronized (refreshLock) {
      if (closed) {
        throw new IllegalStateException("live model " + name + "@" + alias + " is closed");
      }
      try {
        lastCheck = clock.instant();
        OptionalInt target = store.aliasTarget(name, alias);
        if (target.isEmpty()) {
          throw new NotFoundException("alias '" + alias + "' of model '" + name + "' was removed; still serving "
              + current.version().ref());
        }
        Loaded<T> before = current;
        if (target.getAsInt() == before.version().version()) {
          failures.set(0);
          lastError = null;
          return false;
        }
        ModelVersion next = store.get(name, target.getAsInt());
        T model = store.load(next, codec);
        current = new Loaded<>(model, next, clock.instant());
        failures.set(0);
        lastError = null;
        LOG.info("swapped {} -> {} (alias {})", before.version().ref(), next.ref(), alias);
        listener.swapped(before.version(), next);
        return true;
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        lastError = e;
        LOG.warn("checking {}@{} failed; still serving {}", name, alias, current.version().ref(), e);
        listener.failed(e);
        throw e;
      }
    }
  }

  private void poll() {
    try {
      if (!closed) {
        refresh();
      }
    } catch (RuntimeException e) {
      // reported by refresh(); keep polling
    }
  }

  /** Stops polling (and the polling thread this object owns). The last model stays readable. Idempotent. */
  @Override
  public void close() {
    synchronized (refreshLock) {
      closed = true;
    }
    if (task != null) {
      task.cancel(false);
    }
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "LiveModel[" + name + "@" + alias + " serving " + current.version().ref() + (closed ? ", closed" : "") + "]";
  }

  /**
   * Builds a {@link LiveModel}. Not thread-safe.
   *
   * @param <T> the model type
   */
  public static final class Builder<T> {
    private final ModelStore store;
    private final String name;
    private final String alias;
    private final ModelCodec<T> codec;
    private Duration interval = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Listener<T> listener = new Listener<>() {};
    private ScheduledExecutorService scheduler;
    private boolean manual;

    private Builder(ModelStore store, String name, String alias, ModelCodec<T> codec) {
      this.store = Objects.requireNonNull(store, "store");
      this.name = ModelNames.checkModel(name);
      this.alias = ModelNames.checkAlias(alias);
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** How often to check the alias; default 30 seconds, at least 10 milliseconds. */
    public Builder<T> interval(Duration value) {
      if (value == null || value.compareTo(Duration.ofMillis(10)) < 0) {
        throw new ValidationException("polling interval " + value + " is too short; use at least 10 ms");
      }
      interval = value;
      return this;
    }

    /** The clock load and check times are read from. */
    public Builder<T> clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Who hears about swaps and failures. */
    public Builder<T> listener(Listener<T> value) {
      listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** Polls on {@code value} instead of an own thread; you shut it down. */
    public Builder<T> scheduler(ScheduledExecutorService value) {
      if (manual) {
        throw new ValidationException("a manual live model has no scheduler; choose manual() or scheduler(...)");
      }
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** Never polls: the caller calls {@link LiveModel#refresh()} (tests, request-driven reloads). */
    public Builder<T> manual() {
      if (scheduler != null) {
        throw new ValidationException("a live model with a scheduler cannot be manual; choose one");
      }
      manual = true;
      return this;
    }

    /**
     * Loads the model behind the alias now and starts polling.
     *
     * @throws MlopsException if the first load fails
     */
    public LiveModel<T> start() {
      return new LiveModel<>(this);
    }
  }
}
