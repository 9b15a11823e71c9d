package dev.mlops.preprocessing.steps;

import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a vocabulary as scikit-learn's CountVectorizer does, streaming: per term its document frequency and its
 * total count, kept in a map over the batches; each distinct text of a batch is tokenized once and weighted by the
 * number of rows holding it. {@link #finish} applies minDf, maxDf and maxFeatures and hands the sorted vocabulary
 * with its document frequencies to the step's {@link Finisher}.
 */
final class TermCounter implements Fitter {

  /** Makes the fitted step from the vocabulary (sorted by code point), its document frequencies and n. */
  interface Finisher {
    FittedTransform finish(List<String> vocabulary, long[] documentFrequency, long documents);
  }

  /** Sorts strings by Unicode code point, as Python does (Java's compareTo orders UTF-16 units). */
  static final Comparator<String> CODE_POINT_ORDER = CategoryCounts::compareCodePoints;

  private final String stepName;
  private final String what;
  private final Tokenizer tokenizer;
  private final double minDf;
  private final Double maxDf;
  private final Integer maxFeatures;
  private final boolean binary;
  private final Finisher finisher;
  /** term -> {document frequency, total count}. */
  private final Map<String, long[]> stats = new HashMap<>();
  private long documents;

  TermCounter(StepContext context, String what, TextTokens tokens, double minDf, Double maxDf, Integer maxFeatures,
      boolean binary, Finisher finisher) {
    FittedTextVectorize.requireOneString(context, what);
    this.stepName = context.stepName();
    this.what = what;
    this.tokenizer = new Tokenizer(tokens);
    this.minDf = minDf;
    this.maxDf = maxDf;
    this.maxFeatures = maxFeatures;
    this.binary = binary;
    this.finisher = finisher;
  }

  /**
   * Checks the vocabulary limits shared by CountVectorize and TfidfVectorize: a value of 1 or more is a number of
   * documents (whole), a value in [0, 1) a fraction of them.
   */
  static void checkLimits(String what, double minDf, Double maxDf, Integer maxFeatures) {
    checkDf(what, "minDf", minDf);
    if (maxDf != null) {
      checkDf(what, "maxDf", maxDf);
      if (minDf >= 1 && maxDf >= 1 && maxDf < minDf) {
        throw new ValidationException(what + ": maxDf " + fmt(maxDf) + " documents is below minDf " + fmt(minDf)
            + " documents, so no term could be kept; raise maxDf or lower minDf");
      }
    }
    if (maxFeatures != null && maxFeatures < 1) {
      throw new ValidationException(what + ": maxFeatures is " + maxFeatures + "; it must be 1 or more, or left out"
          + " (null) to keep every term");
    }
  }

  private static void checkDf(String what, String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v) || (v >= 1 && v != Math.rint(v))) {
      throw new ValidationException(what + ": " + name + " is " + v + "; it must be a fraction of the documents"
          + " in [0, 1) or a whole number of documents (1, 2, ...)");
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public void accept(Frame batch) {
    if (batch.columnCount() != 1 || !(batch.column(0) instanceof StringColumn s)) {
      throw new ValidationException("step '" + stepName + "' (" + what + ") was fitted on one STRING column but a"
          + " batch holds " + batch.schema() + "; pass only the step's text column");
    }
    int n = s.size();
    documents += n;
    int[] rowsPerCode = new int[s.dictionarySize()];
    for (int r = 0; r < n; r++) {
      int code = s.code(r);
      if (code >= 0) {
        rowsPerCode[code]++;
      }
    }
    List<String> dictionary = s.dictionary();
    for (int code = 0; code < rowsPerCode.length; code++) {
      int rows = rowsPerCode[code];
      if (rows == 0) {
        continue;
      }
      String[] terms = tokenizer.terms(dictionary.get(code)).toArray(new String[0]);
      Arrays.sort(terms);
      for (int i = 0; i < terms.length; ) {
        int j = i + 1;
        while (j < terms.length && terms[j].equals(terms[i])) {
          j++;
        }
        long[] st = stats.computeIfAbsent(terms[i], t -> new long[2]);
        st[0] += rows;
        st[1] += (long) (j - i) * rows;
        i = j;
      }
    }
  }

  @Override
  public FittedTransform finish() {
    if (stats.isEmpty()) {
      throw new ValidationException("step '" + stepName + "' (" + what + "): empty vocabulary, the " + documents
          + " training documents hold no token (scikit-learn: 'empty vocabulary; perhaps the documents only contain"
          + " stop words'); check the column, or the tokenPattern");
    }
    double minCount = minDf >= 1 ? minDf : minDf * documents;
    double maxCount = maxDf == null ? Double.POSITIVE_INFINITY : maxDf >= 1 ? maxDf : maxDf * documents;
    if (maxCount < minCount) {
      throw new ValidationException("step '" + stepName + "' (" + what + "): maxDf " + fmt(maxDf) + " is "
          + fmt(maxCount) + " of " + documents + " documents, below minDf " + fmt(minDf) + " = " + fmt(minCount)
          + " documents (scikit-learn: 'max_df corresponds to < documents than min_df'); raise maxDf or lower minDf");
    }
    List<Map.Entry<String, long[]>> kept = new ArrayList<>();
    for (Map.Entry<String, long[]> e : stats.entrySet()) {
      long df = e.getValue()[0];
      if (df >= minCount && df <= maxCount) {
        kept.add(e);
      }
    }
    if (maxFeatures != null && kept.size() > maxFeatures) {
      // the most frequent by corpus count (document frequency when binary, as sklearn binarizes first); ties: term
      int rank = binary ? 0 : 1;
      kept.sort((a, b) -> {
        int c = Long.compare(b.getValue()[rank], a.getValue()[rank]);
        return c != 0 ? c : CategoryCounts.compareCodePoints(a.getKey(), b.getKey());
      });
      kept = new ArrayList<>(kept.subList(0, maxFeatures));
    }
    if (kept.isEmpty()) {
      throw new ValidationException("step '" + stepName + "' (" + what + "): no term is in at least " + fmt(minCount)
          + " and at most " + fmt(maxCount) + " of the " + documents + " documents (scikit-learn: 'After pruning,"
          + " no terms remain'); lower minDf or raise maxDf");
    }
    kept.sort((a, b) -> CategoryCounts.compareCodePoints(a.getKey(), b.getKey()));
    List<String> vocabulary = new ArrayList<>(kept.size());
    long[] df = new long[kept.size()];
    for (int i = 0; i < df.length; i++) {
      vocabulary.add(kept.get(i).getKey());
      df[i] = kept.get(i).getValue()[0];
    }
    return finisher.finish(vocabulary, df, documents);
  }
}
