package dev.mlops.benchmarking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.mlops.core.Stability;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What {@link PerformanceRunner#run} measured. Times are in nanoseconds; memory in bytes. Serialises to JSON
 * through {@code dev.mlops.core.Json}, the histogram as {@link #histogramBase64()}; a figure that is NaN (not
 * known on this platform) is written as null.
 *
 * <pre>{@code
 * PerformanceResult r = PerformanceRunner.run(predictor, data, Scenario.singleStream(), RunOptions.defaults());
 * r.latency().p99();                 // ns
 * r.histogram().getValueAtPercentile(99.99);
 * String json = Json.toPrettyJson(r);
 * }</pre>
 *
 * @param predictor the predictor's name
 * @param scenario the scenario
 * @param options the options of the run
 * @param queries the measured queries (predict calls)
 * @param rows the rows predicted by them
 * @param durationNanos the measured phase, from its first send (scheduled, for the server scenario) to its last
 *     completion
 * @param queriesPerSecond queries / duration: the achieved rate
 * @param rowsPerSecond rows / duration
 * @param latency the latency percentiles of the queries; for the server scenario from each query's scheduled
 *     send time
 * @param overBound the queries whose latency exceeded the options' latency bound (0 when there is none)
 * @param offline one point per batch size (offline scenario; empty otherwise); the other fields then describe the
 *     batch size with the highest rows per second
 * @param warmup what the warm-up did
 * @param allocatedBytesPerPrediction bytes allocated by the harness's threads during the measured phase per row
 *     predicted, harness included (it allocates nothing per query); NaN where the JVM cannot say
 * @param heapUsedAfterBytes heap in use just after the measured phase
 * @param heapPeakBytes the heap pools' peak usage during the measured phase (garbage not yet collected
 *     included)
 * @param rssBytes the process's resident set after the run (Linux {@code VmRSS}); NaN elsewhere
 * @param rssPeakBytes the process's peak resident set so far (Linux {@code VmHWM}); NaN elsewhere
 * @param histogram every measured latency (ns), 3 significant digits
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record PerformanceResult(String predictor, Scenario scenario, RunOptions options, long queries, long rows,
    long durationNanos, double queriesPerSecond, double rowsPerSecond, Latency latency, long overBound,
    List<OfflinePoint> offline, Warmup warmup,
    @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double allocatedBytesPerPrediction, long heapUsedAfterBytes, long heapPeakBytes, @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double rssBytes,
    @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double rssPeakBytes, @JsonIgnore Histogram histogram) {

  /** Checks that nothing is missing. */
  public PerformanceResult {
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(histogram, "histogram");
    offline = List.copyOf(offline);
  }

  /**
   * The histogram in HdrHistogram's compressed encoding, Base64: what reports store, and what
   * {@code Histogram.decodeFromCompressedByteBuffer} (or HdrHistogram's other ports) reads back.
   */
  @JsonProperty("histogramBase64")
  public String histogramBase64() {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int n = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), n));
  }

  /** Reads a result written as JSON (the histogram from its Base64 form). */
  @JsonCreator
  static PerformanceResult fromJson(@JsonProperty("predictor") String predictor,
      @JsonProperty("scenario") Scenario scenario, @JsonProperty("options") RunOptions options,
      @JsonProperty("queries") long queries, @JsonProperty("rows") long rows,
      @JsonProperty("durationNanos") long durationNanos, @JsonProperty("queriesPerSecond") double queriesPerSecond,
      @JsonProperty("rowsPerSecond") double rowsPerSecond, @JsonProperty("latency") Latency latency,
      @JsonProperty("overBound") long overBound, @JsonProperty("offline") List<OfflinePoint> offline,
      @JsonProperty("warmup") Warmup warmup,
      @JsonProperty("allocatedBytesPerPrediction") @JsonDeserialize(using = NullAsNan.class) double allocated,
      @JsonProperty("heapUsedAfterBytes") long heapUsedAfterBytes, @JsonProperty("heapPeakBytes") long heapPeakBytes,
      @JsonProperty("rssBytes") @JsonDeserialize(using = NullAsNan.class) double rssBytes,
      @JsonProperty("rssPeakBytes") @JsonDeserialize(using = NullAsNan.class) double rssPeakBytes,
      @JsonProperty("histogramBase64") String histogramBase64) {
    return new PerformanceResult(predictor, scenario, options, queries, rows, durationNanos, queriesPerSecond,
        rowsPerSecond, latency, overBound, offline, warmup, allocated, heapUsedAfterBytes, heapPeakBytes, rssBytes,
        rssPeakBytes, decodeHistogram(histogramBase64));
  }

  /** Decodes {@link #histogramBase64()}. */
  public static Histogram decodeHistogram(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (java.util.zip.DataFormatException | RuntimeException e) {
      throw new dev.mlops.core.ValidationException("not an encoded latency histogram: " + e.getMessage(), e);
    }
  }

  /**
   * Latency figures of a run, nanoseconds.
   *
   * @param min the fastest query
   * @param p50 the median
   * @param p90 90th percentile
   * @param p99 99th percentile
   * @param p999 99.9th percentile
   * @param max the slowest query
   * @param mean the mean
   * @param stdDev the standard deviation
   */
  public record Latency(long min, long p50, long p90, long p99, long p999, long max, double mean, double stdDev) {
    static Latency of(Histogram h) {
      return new Latency(h.getMinValue(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
          h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean(), h.getStdDeviation());
    }
  }

  /**
   * The offline scenario's figures for one batch size.
   *
   * @param batchSize the rows per batch
   * @param batches the measured batches (predict calls)
   * @param rows the rows they predicted
   * @param durationNanos the measured time
   * @param rowsPerSecond rows / duration
   * @param latency the per-batch latency
   */
  public record OfflinePoint(int batchSize, long batches, long rows, long durationNanos, double rowsPerSecond,
      Latency latency) {}

  /**
   * What the warm-up did.
   *
   * @param windows the warm-up windows run
   * @param queries the queries sent during warm-up
   * @param durationNanos its length
   * @param steady whether the last two windows' mean latency were within the tolerance (false: it stopped at the
   *     maximum, or there was no warm-up)
   * @param lastMeanNanos the mean latency of the last window (NaN without warm-up)
   */
  public record Warmup(int windows, long queries, long durationNanos, boolean steady,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double lastMeanNanos) {}
}
