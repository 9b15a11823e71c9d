package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * A power transform making each numeric column more Gaussian, as scikit-learn's {@code PowerTransformer} (1.2.1):
 * per column a lambda is fitted by maximum likelihood (scipy's Brent optimizer from the bracket (-2, 2), tolerance
 * 1.48e-8, like sklearn), then {@link Method#YEO_JOHNSON} (any real values) or {@link Method#BOX_COX} (strictly
 * positive values) is applied, and with {@code standardize} (the default) the result is standardized to mean 0 and
 * variance 1 (a scale of 1 for a constant result). Outputs keep the inputs' names and are DOUBLE.
 *
 * <p>Values: missing values (null or NaN) are ignored at fit and stay missing. Box-Cox fails on a value {@code <= 0}
 * at fit and at apply, as sklearn does, and so is an infinite value; a column with no value at all at fit is an error (sklearn returns
 * meaningless lambdas there).
 *
 * <p>Differences from scikit-learn: the optimizer, the likelihoods and the sums are sklearn's, step for step, but the
 * log-likelihood is flat to the last bit over about 1e-7 around its maximum, so where Brent's method stops inside
 * that range depends on the last bit of {@code pow} and {@code log}, which Java's {@code Math} and glibc's libm do
 * not always share: fitted lambdas agree with sklearn's to about 1e-7 relative (2e-6 absolute), outputs to about
 * 1e-5 relative. Given sklearn's fitted state, outputs agree to 1e-12 relative.
 *
 * <pre>{@code
 * PowerTransform.yeoJohnson()                         // {"method": "yeo_johnson", "standardize": true}
 * PowerTransform.boxCox().withStandardize(false)
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param method the transform; null means {@link Method#YEO_JOHNSON} (sklearn's default)
 * @param standardize whether to standardize the result; null means true (sklearn's default)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record PowerTransform(Method method, Boolean standardize) implements Transform {

  /** The family of transforms. */
  public enum Method {
    /** Yeo-Johnson: any real values. */
    @JsonProperty("yeo_johnson")
    YEO_JOHNSON,
    /** Box-Cox: strictly positive values only. */
    @JsonProperty("box_cox")
    BOX_COX
  }

  /** Fills defaults. */
  public PowerTransform {
    method = method == null ? Method.YEO_JOHNSON : method;
    standardize = standardize == null ? Boolean.TRUE : standardize;
  }

  /** Yeo-Johnson, standardized. */
  public static PowerTransform yeoJohnson() {
    return new PowerTransform(Method.YEO_JOHNSON, true);
  }

  /** Box-Cox, standardized. */
  public static PowerTransform boxCox() {
    return new PowerTransform(Method.BOX_COX, true);
  }

  /** This step with another method. */
  public PowerTransform withMethod(Method method) {
    return new PowerTransform(method, standardize);
  }

  /** This step with or without standardizing. */
  public PowerTransform withStandardize(boolean standardize) {
    return new PowerTransform(method, standardize);
  }

  /** The {@code mlops.power_transform} type. */
  @Override
  public TransformType<PowerTransform> type() {
    return PowerTransformType.INSTANCE;
  }

  /** Checks the inputs are DOUBLE or LONG. */
  @Override
  public Fitter fitter(StepContext context) {
    context.requireNumeric();
    return new PowerTransformFitter(this, context);
  }
}
