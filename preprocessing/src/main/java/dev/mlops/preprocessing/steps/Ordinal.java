package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes each STRING column as the DOUBLE index of its value among the column's categories, as scikit-learn 1.2's
 * {@code OrdinalEncoder}; each output keeps its input's name and tags.
 *
 * <pre>{@code
 * Ordinal.of()                                       // sorted categories 0, 1, 2, ...; unknown values are errors
 * Ordinal.of().withUnknownValue(-1)                  // handleUnknown use_encoded_value, unknown -> -1
 * Ordinal.of().withUnknownValue(Double.NaN).withEncodedMissingValue(-2)
 * // in a spec: {"type": "ordinal", "handleUnknown": "use_encoded_value", "unknownValue": -1}
 * }</pre>
 *
 * <ul>
 *   <li>Categories: learned ({@code categories} null), sorted by code point, a missing value seen at fit last; or
 *       given per column (a null entry, last, is the missing category).
 *   <li>Missing values: in a column that had missing values at fit they become {@code encodedMissingValue}
 *       (default NaN); in a column that had none they are unknown values, as in scikit-learn.
 *   <li>Unknown values: {@code error} (a {@link ValidationException} naming the step, column, row and value) or
 *       {@code use_encoded_value} ({@code unknownValue}, a whole number or NaN, which must then be set).
 *   <li>An output NaN (an encoded missing or unknown value) is written as a null, the frame's missing value.
 * </ul>
 *
 * <p>Differences from scikit-learn: only STRING columns (cast others to STRING first); NaN outputs are nulls in the
 * output frame (NaN in a matrix); in JSON a NaN parameter is written {@code "NaN"}.
 *
 * <p>Stability: experimental.
 *
 * @param categories the categories per input column, or null to learn them
 * @param handleUnknown {@code error} (default) or {@code use_encoded_value}
 * @param unknownValue the code of an unknown value under {@code use_encoded_value}: a whole number or NaN, not a
 *     category's code
 * @param encodedMissingValue the code of the missing category: a whole number or NaN (default)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Ordinal(List<List<String>> categories, HandleUnknown handleUnknown,
    @JsonSerialize(using = NanAsText.Writer.class) @JsonDeserialize(using = NanAsText.Reader.class)
    Double unknownValue,
    @JsonSerialize(using = NanAsText.Writer.class) @JsonDeserialize(using = NanAsText.Reader.class)
    Double encodedMissingValue) implements Transform {

  /** What an unknown value becomes. */
  public enum HandleUnknown {
    /** A {@link ValidationException} naming the column, row and value. */
    @JsonProperty("error") ERROR,
    /** {@code unknownValue}. */
    @JsonProperty("use_encoded_value") USE_ENCODED_VALUE
  }

  /** Checks the parameters and fills in the defaults. */
  public Ordinal {
    handleUnknown = handleUnknown == null ? HandleUnknown.ERROR : handleUnknown;
    encodedMissingValue = encodedMissingValue == null ? Double.NaN : encodedMissingValue;
    categories = CategoryIndex.explicit("ordinal", categories);
    if (handleUnknown == HandleUnknown.ERROR && unknownValue != null) {
      throw new ValidationException("ordinal: unknownValue is " + unknownValue + " but handleUnknown is error;"
          + " set handleUnknown to use_encoded_value, or leave unknownValue out");
    }
    if (handleUnknown == HandleUnknown.USE_ENCODED_VALUE && unknownValue == null) {
      throw new ValidationException("ordinal: handleUnknown is use_encoded_value but unknownValue is not set;"
          + " set it to a whole number such as -1, or to NaN");
    }
    checkCode("unknownValue", unknownValue);
    checkCode("encodedMissingValue", encodedMissingValue);
  }

  private static void checkCode(String name, Double v) {
    if (v != null && !v.isNaN() && (v.isInfinite() || v != Math.rint(v))) {
      throw new ValidationException("ordinal: " + name + " is " + v + "; it must be a whole number (e.g. -1) or"
          + " NaN, as in scikit-learn");
    }
  }

  /** Learned categories; unknown values are errors; missing values (seen at fit) encode as NaN. */
  public static Ordinal of() {
    return new Ordinal(null, null, null, null);
  }

  /** Explicit categories, one list per input column (in the order of the step's columns). */
  public static Ordinal of(List<List<String>> categories) {
    return new Ordinal(categories, null, null, null);
  }

  /** This step with explicit categories (null: learn them). */
  public Ordinal withCategories(List<List<String>> categories) {
    return new Ordinal(categories, handleUnknown, unknownValue, encodedMissingValue);
  }

  /** This step encoding unknown values as {@code unknownValue} (handleUnknown use_encoded_value). */
  public Ordinal withUnknownValue(double unknownValue) {
    return new Ordinal(categories, HandleUnknown.USE_ENCODED_VALUE, unknownValue, encodedMissingValue);
  }

  /** This step rejecting unknown values (handleUnknown error). */
  public Ordinal withUnknownAsError() {
    return new Ordinal(categories, HandleUnknown.ERROR, null, encodedMissingValue);
  }

  /** This step encoding the missing category as {@code encodedMissingValue}. */
  public Ordinal withEncodedMissingValue(double encodedMissingValue) {
    return new Ordinal(categories, handleUnknown, unknownValue, encodedMissingValue);
  }

  @Override
  public TransformType<Ordinal> type() {
    return OrdinalType.INSTANCE;
  }

  @Override
  public Fitter fitter(StepContext context) {
    context.requireInputs();
    context.requireTypes(ColumnType.STRING);
    CategoryIndex.checkOneListPerColumn(context, categories);
    CategoryCounts[] counts = new CategoryCounts[context.inputs().size()];
    for (int j = 0; j < counts.length; j++) {
      counts[j] = new CategoryCounts();
    }
    return new Fitter() {
      @Override
      public void accept(dev.mlops.core.Frame batch) {
        for (int j = 0; j < counts.length; j++) {
          counts[j].add(CategoryIndex.stringInput(context.stepName(), batch, j));
        }
      }

      @Override
      public FittedOrdinal finish() {
        List<List<String>> cats = new ArrayList<>();
        for (int j = 0; j < counts.length; j++) {
          cats.add(OneHotFitter.categoriesOf(context, categories, handleUnknown == HandleUnknown.ERROR, counts[j], j));
        }
        return new FittedOrdinal(context, Ordinal.this, cats);
      }
    };
  }
}
