package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link CountVectorize} or {@link TfidfVectorize}: the vocabulary (sorted by code point) and, for tf-idf
 * with idf, one idf per term. A document's value for a term: its count (1 when binary), then {@code 1 + ln(count)}
 * when sublinear, times the term's idf, then the row scaled by the norm. Unknown terms are ignored, as in
 * scikit-learn; a missing value is an empty document (zeros).
 */
final class FittedTermVectorize extends FittedTextVectorize {
  private final Tokenizer tokenizer;
  private final List<String> vocabulary;
  private final Map<String, Integer> index;
  private final boolean binary;
  private final boolean sublinear;
  private final double[] idf;
  private final TextNorm norm;

  FittedTermVectorize(StepContext context, String what, TextTokens tokens, List<String> vocabulary, boolean binary,
      boolean sublinear, double[] idf, TextNorm norm) {
    super(context, what, vocabulary);
    this.tokenizer = new Tokenizer(tokens);
    this.vocabulary = List.copyOf(vocabulary);
    this.index = new HashMap<>(vocabulary.size() * 2);
    for (int i = 0; i < vocabulary.size(); i++) {
      index.put(vocabulary.get(i), i);
    }
    this.binary = binary;
    this.sublinear = sublinear;
    this.idf = idf == null ? null : idf.clone();
    this.norm = norm;
  }

  /** The fitted step from a saved state: the vocabulary, and the idf exactly when {@code withIdf}. */
  static FittedTermVectorize restore(StepContext context, String what, JsonNode state, TextTokens tokens,
      boolean binary, boolean sublinear, boolean withIdf, TextNorm norm) {
    String where = "step '" + context.stepName() + "' (" + what + ")";
    List<String> vocabulary = StateJson.strings(state, "vocabulary", where);
    if (vocabulary.isEmpty()) {
      throw new ValidationException("fitted state of " + where + " has an empty vocabulary; the saved pipeline is"
          + " damaged, refit it");
    }
    for (int i = 1; i < vocabulary.size(); i++) {
      if (CategoryCounts.compareCodePoints(vocabulary.get(i - 1), vocabulary.get(i)) >= 0) {
        throw new ValidationException("fitted state of " + where + ": vocabulary[" + i + "] is not after"
            + " vocabulary[" + (i - 1) + "] (terms are sorted and distinct); the saved pipeline is damaged, refit it");
      }
    }
    double[] idf = null;
    if (withIdf) {
      idf = StateJson.doubles(state, "idf", where, vocabulary.size());
      for (int i = 0; i < idf.length; i++) {
        if (!(idf[i] >= 1) || Double.isInfinite(idf[i])) {
          throw new ValidationException("fitted state of " + where + ": idf[" + i + "] is " + idf[i]
              + "; an idf is a finite number of at least 1; the saved pipeline is damaged, refit it");
        }
      }
    } else if (state.has("idf")) {
      throw new ValidationException("fitted state of " + where + " holds an idf but the step has useIdf false;"
          + " the state and the parameters do not belong together");
    }
    return new FittedTermVectorize(context, what, tokens, vocabulary, binary, sublinear, idf, norm);
  }

  @Override
  SparseRow row(String document) {
    List<String> terms = tokenizer.terms(document);
    int[] hits = new int[terms.size()];
    int k = 0;
    for (String t : terms) {
      Integer j = index.get(t);
      if (j != null) {
        hits[k++] = j;
      }
    }
    if (k == 0) {
      return SparseRow.EMPTY;
    }
    Arrays.sort(hits, 0, k);
    int[] idx = new int[k];
    double[] val = new double[k];
    int m = 0;
    for (int i = 0; i < k; i++) {
      if (m > 0 && idx[m - 1] == hits[i]) {
        val[m - 1]++;
      } else {
        idx[m] = hits[i];
        val[m++] = 1;
      }
    }
    for (int i = 0; i < m; i++) {
      double v = binary ? 1 : val[i];
      if (sublinear) {
        v = Math.log(v) + 1;
      }
      if (idf != null) {
        v *= idf[idx[i]];
      }
      val[i] = v;
    }
    norm.apply(val, m);
    return new SparseRow(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }

  /** The vocabulary, sorted (the outputs' order). */
  List<String> vocabulary() {
    return vocabulary;
  }

  /** The idf per term, or null without idf. */
  double[] idf() {
    return idf == null ? null : idf.clone();
  }

  @Override
  public JsonNode state() {
    ObjectNode s = StateJson.object();
    StateJson.putStrings(s, "vocabulary", vocabulary);
    if (idf != null) {
      StateJson.putDoubles(s, "idf", idf);
    }
    return s;
  }

  @Override
  public boolean stateHoldsValues() {
    return true;
  }
}
