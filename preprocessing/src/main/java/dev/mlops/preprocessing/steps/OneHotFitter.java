package dev.mlops.preprocessing.steps;

import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Counts each input column's values per dictionary code, then picks categories and infrequent ones. */
final class OneHotFitter implements Fitter {
  private final OneHot params;
  private final StepContext context;
  private final CategoryCounts[] counts;

  OneHotFitter(OneHot params, StepContext context) {
    this.params = params;
    this.context = context;
    this.counts = new CategoryCounts[context.inputs().size()];
    for (int j = 0; j < counts.length; j++) {
      counts[j] = new CategoryCounts();
    }
  }

  @Override
  public void accept(Frame batch) {
    for (int j = 0; j < counts.length; j++) {
      counts[j].add(CategoryIndex.stringInput(context.stepName(), batch, j));
    }
  }

  @Override
  public FittedTransform finish() {
    List<List<String>> categories = new ArrayList<>();
    List<int[]> infrequent = new ArrayList<>();
    for (int j = 0; j < counts.length; j++) {
      List<String> cats = categoriesOf(context, params.categories(), params.handleUnknown() == OneHot.HandleUnknown.ERROR,
          counts[j], j);
      long[] c = new long[cats.size()];
      for (int k = 0; k < c.length; k++) {
        c[k] = counts[j].count(cats.get(k));
      }
      categories.add(cats);
      infrequent.add(params.infrequentEnabled()
          ? infrequent(c, counts[j].rows(), params.minFrequency(), params.maxCategories()) : new int[0]);
    }
    return new FittedOneHot(context, params, categories, infrequent);
  }

  /**
   * The categories of column {@code j}: the explicit ones (checking, when unknown values are errors, that the
   * training data holds no other), or the sorted values seen.
   */
  static List<String> categoriesOf(StepContext context, List<List<String>> explicit, boolean unknownIsError,
      CategoryCounts counts, int j) {
    Field field = context.inputs().field(j);
    if (explicit == null) {
      List<String> cats = counts.sortedCategories();
      if (cats.isEmpty()) {
        throw new ValidationException("step '" + context.stepName() + "': column '" + field.name()
            + "' has no rows to learn categories from; fit on data with rows, or give the categories explicitly");
      }
      return cats;
    }
    List<String> cats = explicit.get(j);
    if (unknownIsError) {
      CategoryIndex known = new CategoryIndex(cats);
      List<String> unknown = new ArrayList<>();
      for (String v : counts.sortedCategories()) {
        if (known.indexOf(v) == CategoryIndex.UNKNOWN) {
          unknown.add(v);
        }
      }
      if (!unknown.isEmpty()) {
        String what = field.isPii() ? unknown.size() + " values (not shown: the column is pii)"
            : unknown.stream().map(v -> v == null ? "a missing value" : "'" + v + "'").toList().toString();
        throw new ValidationException("step '" + context.stepName() + "': column '" + field.name()
            + "' holds " + what + " at fit that are not among its explicit categories; add them to the"
            + " categories, or set handleUnknown to ignore");
      }
    }
    return cats;
  }

  /**
   * The indices of the infrequent categories, as scikit-learn 1.2's {@code _identify_infrequent}: below {@code
   * minFrequency} (a count, or a fraction of {@code rows}), then, if more than {@code maxCategories} outputs would
   * remain (counting one for the infrequent group even when there is none), all but the {@code maxCategories - 1}
   * most frequent by a stable sort on count.
   */
  static int[] infrequent(long[] counts, long rows, Double minFrequency, Integer maxCategories) {
    int n = counts.length;
    boolean[] mask = new boolean[n];
    int marked = 0;
    if (minFrequency != null) {
      double limit = minFrequency >= 1 ? minFrequency : rows * minFrequency;
      for (int k = 0; k < n; k++) {
        mask[k] = counts[k] < limit;
        marked += mask[k] ? 1 : 0;
      }
    }
    int current = n - marked + 1;
    if (maxCategories != null && maxCategories < current) {
      int frequent = maxCategories - 1;
      if (frequent == 0) {
        Arrays.fill(mask, true);
      } else {
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
          order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingLong(k -> counts[k])); // stable, as numpy's mergesort
        for (int i = 0; i < n - frequent; i++) {
          mask[order[i]] = true;
        }
      }
    }
    int[] out = new int[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (mask[k]) {
        out[m++] = k;
      }
    }
    return Arrays.copyOf(out, m);
  }
}
