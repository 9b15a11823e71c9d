package dev.mlops.benchmarking;

import dev.mlops.core.Matrix;
import dev.mlops.core.MlopsException;
import dev.mlops.core.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The server scenario: a Poisson arrival schedule computed up front from the seed, worker threads that take the
 * queries in order, wait for each one's scheduled time and charge latency from it.
 */
final class ServerLoad {
  /** The most queries one server run may schedule. */
  static final long MAX_QUERIES = 50_000_000;
  /** How long before the first arrival the workers are started. */
  private static final long LEAD_NANOS = 20_000_000;
  /** Waits longer than this park the worker; shorter ones spin (parking overshoots by tens of microseconds). */
  private static final long SPIN_NANOS = 100_000;

  private ServerLoad() {}

  /**
   * The arrival times, in ns from the start: exponential inter-arrival times of mean {@code 1 / qps}, from
   * {@code seed}, until there are at least {@code minQueries} and the last is at least {@code minNanos} in.
   */
  static long[] schedule(double qps, long minQueries, long minNanos, long seed) {
    double expected = Math.max(minQueries, qps * minNanos / 1e9);
    if (expected > MAX_QUERIES) {
      throw new ValidationException("the server run would schedule about " + (long) expected + " queries (targetQps "
          + qps + " x minDuration, or minQueries); at most " + MAX_QUERIES + " are allowed: lower one of them");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] at = new long[(int) Math.min(MAX_QUERIES, (long) (expected * 1.1) + 16)];
    int n = 0;
    double t = 0;
    double meanGapNanos = 1e9 / qps;
    while (n < minQueries || (n > 0 ? at[n - 1] : 0) < minNanos) {
      t += -Math.log(1.0 - rnd.nextDouble()) * meanGapNanos;
      if (n == at.length) {
        if (n >= MAX_QUERIES) {
          throw new ValidationException("the server run would schedule over " + MAX_QUERIES
              + " queries; lower targetQps, minDuration or minQueries");
        }
        at = Arrays.copyOf(at, (int) Math.min(MAX_QUERIES, (long) n * 2));
      }
      at[n++] = (long) t;
    }
    return Arrays.copyOf(at, n);
  }

  static PerformanceResult run(Predictor predictor, Matrix[] inputs, Scenario.Server scenario, RunOptions options) {
    PerformanceRunner.check(predictor, inputs);
    PerformanceResult.Warmup warmup = PerformanceRunner.warmUp(predictor, inputs, options);
    long[] schedule = schedule(scenario.targetQps(), options.minQueries(), options.minDuration().toNanos(),
        options.seed());
    long bound = options.bound().map(d -> d.toNanos()).orElse(Long.MAX_VALUE);
    ProcessMemory memory = new ProcessMemory();
    Object lock = predictor.threadSafe() ? null : new Object();
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Worker[] workers = new Worker[scenario.threads()];
    memory.resetHeapPeak();
    long start = System.nanoTime() + LEAD_NANOS;
    for (int k = 0; k < workers.length; k++) {
      workers[k] = new Worker(predictor, inputs, schedule, start, bound, lock, next, failure, memory);
    }
    Thread[] threads = new Thread[workers.length];
    for (int k = 0; k < threads.length; k++) {
      threads[k] = new Thread(workers[k], "mlops-perf-server-" + k);
      threads[k].setDaemon(true);
      threads[k].start();
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          failure.compareAndSet(null, e);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f != null) {
      throw new MlopsException("server run of predictor '" + predictor.name() + "' failed: " + f, f);
    }
    Histogram h = PerformanceRunner.newHistogram();
    long over = 0;
    long end = start;
    double allocated = 0;
    for (Worker w : workers) {
      h.add(w.histogram);
      over += w.over;
      end = Math.max(end, w.lastEnd);
      allocated = w.allocated < 0 || Double.isNaN(allocated) ? Double.NaN : allocated + w.allocated;
    }
    PerformanceRunner.Phase m = new PerformanceRunner.Phase(h, schedule.length, schedule.length, end - start, over);
    m.allocated = allocated;
    m.heapPeak = memory.heapPeak();
    m.heapAfter = memory.heapUsed();
    return m.result(predictor, scenario, options, warmup, List.of());
  }

  /** One worker: takes the next query, waits for its time, calls, records. Allocates nothing per query. */
  private static final class Worker implements Runnable {
    final Histogram histogram = PerformanceRunner.newHistogram();
    private final Predictor predictor;
    private final Matrix[] inputs;
    private final long[] schedule;
    private final long start;
    private final long bound;
    private final Object lock;
    private final AtomicInteger next;
    private final AtomicReference<Throwable> failure;
    private final ProcessMemory memory;
    long over;
    long lastEnd;
    long allocated = -1;
    // Write-only, like PerformanceRunner's sink: keeps the predictor calls alive.
    volatile long acc;

    Worker(Predictor predictor, Matrix[] inputs, long[] schedule, long start, long bound, Object lock,
        AtomicInteger next, AtomicReference<Throwable> failure, ProcessMemory memory) {
      this.predictor = predictor;
      this.inputs = inputs;
      this.schedule = schedule;
      this.start = start;
      this.bound = bound;
      this.lock = lock;
      this.next = next;
      this.failure = failure;
      this.memory = memory;
    }

    @Override
    public void run() {
      long alloc0 = memory.allocatedByCurrentThread();
      long a = 0;
      long o = 0;
      long last = start;
      try {
        int i;
        while ((i = next.getAndIncrement()) < schedule.length && failure.get() == null) {
          long due = start + schedule[i];
          long now;
          while ((now = System.nanoTime()) < due) {
            long wait = due - now;
            if (wait > SPIN_NANOS) {
              LockSupport.parkNanos(wait - SPIN_NANOS);
            } else {
              Thread.onSpinWait();
            }
          }
          Matrix x = inputs[i % inputs.length];
          Predictions p;
          if (lock == null) {
            p = predictor.predict(x);
          } else {
            synchronized (lock) {
              p = predictor.predict(x);
            }
          }
          long end = System.nanoTime();
          long latency = end - due;
          histogram.recordValue(latency < PerformanceRunner.HIGHEST_NANOS ? latency : PerformanceRunner.HIGHEST_NANOS);
          if (latency > bound) {
            o++;
          }
          a = a * 31 + p.size();
          last = end;
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
      long alloc1 = memory.allocatedByCurrentThread();
      allocated = alloc0 < 0 || alloc1 < 0 ? -1 : alloc1 - alloc0;
      over = o;
      lastEnd = last;
      acc = a;
    }
  }
}
