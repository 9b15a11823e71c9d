package dev.mlops.preprocessing;

import dev.mlops.core.Csv;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test data: scikit-learn's breast cancer set (see src/test/resources/sklearn/README.md for its attribution). */
final class TestData {
  private TestData() {}

  static Frame breastCancer() {
    try {
      return Csv.read(Path.of(TestData.class.getResource("/sklearn/breast_cancer.csv").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code frame} with DOUBLE column {@code name} mapped by {@code f}. */
  static Frame mapDoubles(Frame frame, String name, java.util.function.DoubleUnaryOperator f) {
    double[] v = frame.doubles(name).toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(v[i]);
    }
    return frame.withColumn(name, DoubleColumn.of(v));
  }
}
