package dev.mlops.benchmarking;

import dev.mlops.benchmarking.SearchSpace.Dimension;
import dev.mlops.core.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every combination, in mixed-radix order (last dimension fastest). */
final class GridSampler implements Sampler {
  private final int realPoints;

  GridSampler(int realPoints) {
    this.realPoints = realPoints;
  }

  private int size(Dimension d) {
    return switch (d.kind()) {
      case INT, CATEGORICAL -> d.gridSize();
      case REAL, LOG_REAL -> {
        if (realPoints == 0) {
          throw new ValidationException("grid: real range '" + d.name() + "' needs a number of points; use "
              + "Sampler.grid(pointsPerRealAxis)");
        }
        yield d.low() == d.high() ? 1 : realPoints;
      }
    };
  }

  @Override
  public long capacity(SearchSpace space) {
    long n = 1;
    for (Dimension d : space.dimensions()) {
      n = Math.multiplyExact(n, size(d));
    }
    return n;
  }

  @Override
  public Params sample(Request r) {
    List<Dimension> dims = r.space().dimensions();
    long rest = r.number();
    if (rest >= capacity(r.space())) {
      throw new ValidationException("grid of " + capacity(r.space()) + " combinations is exhausted at trial "
          + r.number());
    }
    Object[] values = new Object[dims.size()];
    for (int i = dims.size() - 1; i >= 0; i--) {
      Dimension d = dims.get(i);
      int n = size(d);
      int k = (int) (rest % n);
      rest /= n;
      values[i] = switch (d.kind()) {
        case INT -> (int) (d.low() + (long) k * d.step());
        case CATEGORICAL -> d.choices().get(k);
        default -> n == 1 ? d.low() : k == n - 1 ? d.high()
            : d.fromInternal(d.internalLow() + k * (d.internalHigh() - d.internalLow()) / (n - 1));
      };
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(dims.get(i).name(), values[i]);
    }
    return new Params(m);
  }

  @Override
  public String toString() {
    return realPoints == 0 ? "grid" : "grid(" + realPoints + " points per real axis)";
  }
}
