package dev.mlops.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks on many threads at once for concurrency tests: every thread is started and waits on one latch,
 * so they all begin together, and a failure in any thread fails the test with that thread's exception. Also
 * a poll with a deadline and a message, for waiting on something another thread or process does.
 *
 * <pre>{@code
 * try (Race race = Race.create()) {
 *   List<ModelVersion> made = race.run(8, t -> store.publish("m").file("f", bytes(t)).commit());
 * }
 * }</pre>
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public final class Race implements AutoCloseable {
  /** How long one race may take before the test fails. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The work of one thread, given its index. */
  @FunctionalInterface
  public interface Task<T> {
    /** Runs on thread {@code thread} (0-based). */
    T run(int thread) throws Exception;
  }

  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "race");
    t.setDaemon(true);
    return t;
  });

  private Race() {}

  /** A new race runner; close it to stop its threads. */
  public static Race create() {
    return new Race();
  }

  /** Runs {@code task} on {@code threads} threads started together; their results by thread index. */
  public <T> List<T> run(int threads, Task<T> task) {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int thread = i;
      futures.add(pool.submit(() -> {
        ready.countDown();
        go.await();
        return task.run(thread);
      }));
    }
    try {
      assertTrue(ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the threads of the race did not start");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    go.countDown();
    List<T> out = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      out.add(await(futures.get(i), "thread " + i + " of the race"));
    }
    return out;
  }

  /** Starts {@code task} on a thread of its own, now. */
  public <T> Future<T> start(Task<T> task) {
    return pool.submit(() -> task.run(0));
  }

  /** The result of {@code future}, failing the test if it failed or took longer than {@link #TIMEOUT}. */
  public static <T> T await(Future<T> future, String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not finish within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Polls {@code condition} every few milliseconds until it holds; fails with {@code what} after {@code limit}. */
  public static void poll(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + limit + " for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Stops the threads (interrupting any still running). */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
