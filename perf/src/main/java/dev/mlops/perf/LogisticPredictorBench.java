package dev.mlops.perf;

import dev.mlops.benchmarking.Predictions;
import dev.mlops.core.Matrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH's view of the call {@code perf/run harness-overhead} times through the harness: {@link LogisticPredictor}
 * on 1-row matrices, cycling over the same {@value HarnessOverheadPerf#ROWS} rows. The returned predictions go to
 * JMH's Blackhole. Run by {@link HarnessOverheadPerf}, not on its own. Not published.
 */
@State(Scope.Thread)
public class LogisticPredictorBench {
  private LogisticPredictor predictor;
  private Matrix[] rows;
  private int i;

  /** Builds the predictor and the inputs exactly as the harness run does. */
  @Setup
  public void setUp() {
    predictor = new LogisticPredictor(HarnessOverheadPerf.SEED);
    rows = LogisticPredictor.oneRowInputs(LogisticPredictor.data(HarnessOverheadPerf.ROWS, HarnessOverheadPerf.SEED));
  }

  /** One prediction of one row. */
  @Benchmark
  public Predictions predict() {
    Matrix x = rows[i];
    if (++i == rows.length) {
      i = 0;
    }
    return predictor.predict(x);
  }
}
