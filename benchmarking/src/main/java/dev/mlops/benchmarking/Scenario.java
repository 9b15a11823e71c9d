package dev.mlops.benchmarking;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.List;

/**
 * How {@link PerformanceRunner} sends queries to a predictor, after MLPerf Inference LoadGen's scenarios.
 *
 * <pre>{@code
 * Scenario.singleStream();           // one 1-row query at a time, back to back: latency percentiles
 * Scenario.offline(1, 64, 1024);     // the whole data in batches of each size: rows per second
 * Scenario.server(2000, 4);          // Poisson arrivals at 2000 queries/s, 4 workers: latency under load
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Scenario.SingleStream.class, name = "single_stream"),
    @JsonSubTypes.Type(value = Scenario.Offline.class, name = "offline"),
    @JsonSubTypes.Type(value = Scenario.Server.class, name = "server")})
public sealed interface Scenario {

  /**
   * One query of one row at a time, each sent when the previous one returns (LoadGen's SingleStream). The
   * rows are taken in order, cycling.
   */
  static SingleStream singleStream() {
    return new SingleStream();
  }

  /**
   * The whole data in batches of each of {@code batchSizes} rows (the last batch of a pass may be shorter),
   * passes repeated until the run's minimum duration and query count are met; reports rows per second per
   * batch size (LoadGen's Offline sends everything as one query; here the batch size is the variable).
   */
  static Offline offline(int... batchSizes) {
    if (batchSizes == null || batchSizes.length == 0) {
      throw new ValidationException("offline scenario needs at least one batch size, e.g. Scenario.offline(1, 64)");
    }
    Integer[] boxed = new Integer[batchSizes.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = batchSizes[i];
    }
    return new Offline(List.of(boxed));
  }

  /**
   * Queries of one row arriving as a Poisson process at {@code targetQps} per second (exponential
   * inter-arrival times from the run's seed, computed before the run), served by {@code threads} workers in
   * arrival order (LoadGen's Server). Latency runs from the scheduled send time, so a stalled predictor shows as
   * latency of every query that waited for it.
   */
  static Server server(double targetQps, int threads) {
    return new Server(targetQps, threads);
  }

  /** See {@link Scenario#singleStream()}. */
  record SingleStream() implements Scenario {}

  /**
   * See {@link Scenario#offline(int...)}.
   *
   * @param batchSizes the batch sizes, each at least 1, no repeats
   */
  record Offline(List<Integer> batchSizes) implements Scenario {
    /** Checks the batch sizes. */
    public Offline {
      batchSizes = List.copyOf(batchSizes);
      if (batchSizes.isEmpty()) {
        throw new ValidationException("offline scenario needs at least one batch size, e.g. Scenario.offline(1, 64)");
      }
      for (int b : batchSizes) {
        if (b < 1) {
          throw new ValidationException("offline batch size is " + b + "; it must be at least 1");
        }
      }
      if (batchSizes.stream().distinct().count() != batchSizes.size()) {
        throw new ValidationException("offline batch sizes " + batchSizes + " repeat a size; give each once");
      }
    }
  }

  /**
   * See {@link Scenario#server(double, int)}.
   *
   * @param targetQps the mean arrival rate, queries per second, above 0 and at most 10,000,000
   * @param threads the number of workers, 1 to 1024
   */
  record Server(double targetQps, int threads) implements Scenario {
    /** Checks the rate and the thread count. */
    public Server {
      if (!(targetQps > 0) || targetQps > 1e7) {
        throw new ValidationException("server targetQps is " + targetQps
            + "; it must be above 0 and at most 10,000,000 queries per second");
      }
      if (threads < 1 || threads > 1024) {
        throw new ValidationException("server threads is " + threads + "; it must be 1 to 1024");
      }
    }
  }
}
