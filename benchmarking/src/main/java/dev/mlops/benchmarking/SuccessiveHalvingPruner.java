package dev.mlops.benchmarking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** ASHA; see {@link Pruner#successiveHalving(int, int)}. */
final class SuccessiveHalvingPruner implements Pruner {
  private final int minResource;
  private final int eta;

  SuccessiveHalvingPruner(int minResource, int eta) {
    this.minResource = minResource;
    this.eta = eta;
  }

  @Override
  public boolean shouldPrune(TrialResult trial, List<TrialResult> all, Direction direction) {
    SortedMap<Integer, Double> own = trial.intermediate();
    if (own.isEmpty()) {
      return false;
    }
    int last = own.lastKey();
    for (long r = minResource; r <= last; r *= eta) {
      long rung = r;
      Map.Entry<Integer, Double> at = rungEntry(own, rung);
      if (at == null || at.getKey() != last) {
        continue;
      }
      double value = at.getValue();
      if (Double.isNaN(value)) {
        return true;
      }
      double[] competing = all.stream().map(t -> rungEntry(t.intermediate(), rung)).filter(e -> e != null)
          .mapToDouble(Map.Entry::getValue).filter(v -> !Double.isNaN(v)).toArray();
      Arrays.sort(competing);
      int keep = Math.max(1, competing.length / eta);
      boolean promoted = direction == Direction.MAXIMIZE ? value >= competing[competing.length - keep]
          : value <= competing[keep - 1];
      if (!promoted) {
        return true;
      }
    }
    return false;
  }

  private static Map.Entry<Integer, Double> rungEntry(SortedMap<Integer, Double> values, long rung) {
    if (rung > Integer.MAX_VALUE) {
      return null;
    }
    SortedMap<Integer, Double> tail = values.tailMap((int) rung);
    return tail.isEmpty() ? null : Map.entry(tail.firstKey(), tail.get(tail.firstKey()));
  }

  @Override
  public String toString() {
    return "successiveHalving(minResource " + minResource + ", eta " + eta + ")";
  }
}
