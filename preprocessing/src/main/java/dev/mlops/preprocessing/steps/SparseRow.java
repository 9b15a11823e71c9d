package dev.mlops.preprocessing.steps;

/** One document's non-zero outputs: column indices ascending and their values. Not copied; treat as immutable. */
record SparseRow(int[] idx, double[] val) {
  static final SparseRow EMPTY = new SparseRow(new int[0], new double[0]);

  int size() {
    return idx.length;
  }
}
