package dev.mlops.preprocessing.steps;

import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.Murmur3;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link HashingVectorize}: term t adds {@code h < 0 && alternateSign ? -1 : +1} to column {@code |h| mod n}, h the
 * signed MurmurHash3 of t (scikit-learn's {@code _hashing_fast}: {@code |-2^31|} is taken as 2^31), then the row is
 * normalized over its columns in ascending order.
 */
final class FittedHashingVectorize extends FittedTextVectorize implements StatelessTransform {
  private final Tokenizer tokenizer;
  private final int nFeatures;
  private final boolean alternateSign;
  private final TextNorm norm;

  FittedHashingVectorize(StepContext context, HashingVectorize params) {
    super(context, HashingVectorizeType.ID, names(params.nFeatures()));
    this.tokenizer = new Tokenizer(params.tokens());
    this.nFeatures = params.nFeatures();
    this.alternateSign = params.alternateSign();
    this.norm = params.norm();
  }

  private static List<String> names(int n) {
    return new AbstractList<>() {
      @Override
      public String get(int i) {
        return "hash_" + i;
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  /** The column of a hash, as scikit-learn computes it. */
  static int column(int hash, int nFeatures) {
    return (int) (Math.abs((long) hash) % nFeatures);
  }

  @Override
  SparseRow row(String document) {
    List<String> terms = tokenizer.terms(document);
    int k = terms.size();
    if (k == 0) {
      return SparseRow.EMPTY;
    }
    // column * 2 + (1 when the term subtracts), sorted: columns ascending, each column's terms together
    int[] keys = new int[k];
    for (int i = 0; i < k; i++) {
      int h = Murmur3.hash32(terms.get(i), 0);
      keys[i] = column(h, nFeatures) << 1 | (alternateSign && h < 0 ? 1 : 0);
    }
    Arrays.sort(keys);
    int[] idx = new int[k];
    double[] val = new double[k];
    int m = 0;
    for (int key : keys) {
      int col = key >>> 1;
      double v = (key & 1) == 0 ? 1 : -1;
      if (m > 0 && idx[m - 1] == col) {
        val[m - 1] += v;
      } else {
        idx[m] = col;
        val[m++] = v;
      }
    }
    norm.apply(val, m);
    return new SparseRow(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }
}
