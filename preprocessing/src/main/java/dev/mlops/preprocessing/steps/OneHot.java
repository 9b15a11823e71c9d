package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.List;

/**
 * One-hot encodes STRING columns into DOUBLE 0/1 columns, as scikit-learn 1.2's
 * {@code OneHotEncoder(sparse_output=False)}: one output per category, named {@code <column>_<category>}.
 *
 * <pre>{@code
 * OneHot.of()                                              // categories learned, unknown values are errors
 * OneHot.of().withHandleUnknown(OneHot.HandleUnknown.IGNORE)
 * OneHot.of().withMinFrequency(0.05).withHandleUnknown(OneHot.HandleUnknown.INFREQUENT)
 * OneHot.of(List.of(List.of("S", "M", "L", "XL")))            // explicit categories, one list per column
 * // in a spec: {"type": "one_hot", "handleUnknown": "infrequent", "minFrequency": 3, "drop": "if_binary"}
 * }</pre>
 *
 * <ul>
 *   <li>Categories: learned ({@code categories} null), sorted by code point; a missing value (null) seen at fit is a
 *       category of its own, sorted last, named {@code <column>_nan}. Or given per column ({@code categories}, in the
 *       order given; a null entry, last, is the missing category).
 *   <li>Infrequent categories ({@code minFrequency}, {@code maxCategories}) share one output, {@code
 *       <column>_infrequent_sklearn}, last among the column's outputs, chosen exactly as scikit-learn does (ties by a
 *       stable sort, the alphabetically first made infrequent first; the missing category can be infrequent).
 *   <li>Unknown values, and a missing value in a column that had none at fit: {@code error} (a
 *       {@link ValidationException} naming the step, column, row and value), {@code ignore} (all zeros), or {@code
 *       infrequent} (scikit-learn's {@code infrequent_if_exist}: the infrequent output when the column has one, else
 *       all zeros).
 *   <li>{@code drop}: {@code first} drops each column's first output (after grouping the infrequent ones), {@code
 *       if_binary} only for columns with exactly two outputs; an unknown value under {@code ignore} then reads as the
 *       dropped category (all zeros), as in scikit-learn.
 * </ul>
 *
 * <p>Differences from scikit-learn: only STRING columns (cast LONG or BOOLEAN columns to STRING first; their
 * categories then sort as text); {@code minFrequency} is one number, a count when 1 or more (it must then be whole)
 * and a fraction of the fit rows when below 1, where scikit-learn tells the two apart by int or float type; {@code
 * drop} does not take an explicit list of categories; output names that would collide (a category {@code "nan"}
 * next to missing values) are an error at fit instead of duplicate names.
 *
 * <p>Stability: experimental.
 *
 * @param categories the categories per input column, or null to learn them
 * @param handleUnknown what an unknown value becomes; default {@code error}
 * @param minFrequency categories rarer than this are infrequent: a count ({@code >= 1}) or a fraction of the rows
 *     ({@code < 1}); null for none
 * @param maxCategories at most this many outputs per column, the infrequent one included; null for no limit
 * @param drop which output to drop per column; default {@code none}
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record OneHot(List<List<String>> categories, HandleUnknown handleUnknown, Double minFrequency,
    Integer maxCategories, Drop drop) implements Transform {

  /** What an unknown value (or a missing one in a column without missing values at fit) becomes. */
  public enum HandleUnknown {
    /** A {@link ValidationException} naming the column, row and value. */
    @JsonProperty("error") ERROR,
    /** All zeros for that column. */
    @JsonProperty("ignore") IGNORE,
    /** The infrequent output when the column has one, else all zeros (scikit-learn's infrequent_if_exist). */
    @JsonProperty("infrequent") INFREQUENT
  }

  /** Which output of each column to drop. */
  public enum Drop {
    /** Keep all. */
    @JsonProperty("none") NONE,
    /** Drop each column's first output. */
    @JsonProperty("first") FIRST,
    /** Drop the first output of columns with exactly two outputs. */
    @JsonProperty("if_binary") IF_BINARY
  }

  /** Checks the parameters and fills in the defaults. */
  public OneHot {
    handleUnknown = handleUnknown == null ? HandleUnknown.ERROR : handleUnknown;
    drop = drop == null ? Drop.NONE : drop;
    categories = CategoryIndex.explicit("one_hot", categories);
    if (minFrequency != null) {
      double f = minFrequency;
      if (!(f > 0) || Double.isInfinite(f) || (f >= 1 && f != Math.rint(f))) {
        throw new ValidationException("one_hot: minFrequency is " + f + "; it must be a whole count of 1 or more,"
            + " or a fraction of the rows in (0, 1), e.g. 5 or 0.01");
      }
    }
    if (maxCategories != null && maxCategories < 1) {
      throw new ValidationException("one_hot: maxCategories is " + maxCategories + "; it must be 1 or more"
          + " (it counts the infrequent output), or left out for no limit");
    }
  }

  /** Learned categories, unknown values are errors, nothing dropped, no infrequent grouping. */
  public static OneHot of() {
    return new OneHot(null, null, null, null, null);
  }

  /** Explicit categories, one list per input column (in the order of the step's columns). */
  public static OneHot of(List<List<String>> categories) {
    return new OneHot(categories, null, null, null, null);
  }

  /** This step with explicit categories (null: learn them). */
  public OneHot withCategories(List<List<String>> categories) {
    return new OneHot(categories, handleUnknown, minFrequency, maxCategories, drop);
  }

  /** This step with another policy for unknown values. */
  public OneHot withHandleUnknown(HandleUnknown handleUnknown) {
    return new OneHot(categories, handleUnknown, minFrequency, maxCategories, drop);
  }

  /** This step with a minimum frequency: a count when 1 or more, a fraction of the rows below 1. */
  public OneHot withMinFrequency(double minFrequency) {
    return new OneHot(categories, handleUnknown, minFrequency, maxCategories, drop);
  }

  /** This step with at most {@code maxCategories} outputs per column, the infrequent one included. */
  public OneHot withMaxCategories(int maxCategories) {
    return new OneHot(categories, handleUnknown, minFrequency, maxCategories, drop);
  }

  /** This step dropping an output per column. */
  public OneHot withDrop(Drop drop) {
    return new OneHot(categories, handleUnknown, minFrequency, maxCategories, drop);
  }

  /** Whether infrequent grouping is on ({@code minFrequency} or {@code maxCategories} set). */
  boolean infrequentEnabled() {
    return minFrequency != null || maxCategories != null;
  }

  @Override
  public TransformType<OneHot> type() {
    return OneHotType.INSTANCE;
  }

  @Override
  public Fitter fitter(StepContext context) {
    context.requireInputs();
    context.requireTypes(ColumnType.STRING);
    CategoryIndex.checkOneListPerColumn(context, categories);
    return new OneHotFitter(this, context);
  }
}
