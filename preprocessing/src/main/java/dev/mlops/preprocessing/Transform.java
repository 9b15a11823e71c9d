package dev.mlops.preprocessing;

import dev.mlops.core.Stability;

/**
 * A pipeline step before fitting: its parameters, and how to fit it. This and {@link TransformType},
 * {@link Fitter} and {@link FittedTransform} are the plugin SPI; the built-in steps implement it the same way.
 *
 * <p>A transform is an immutable value whose parameters Jackson can bind from a spec and write back: a record
 * is the natural shape. The pipeline selects the step's input columns ({@link Columns}), calls
 * {@link #fitter} with their schema, streams the training batches through {@link Fitter#accept} (only those
 * columns) and takes the {@link FittedTransform} from {@link Fitter#finish}. The fitted step replaces its input
 * columns with its output columns in the pipeline's working frame, at the position of its first input.
 *
 * <pre>{@code
 * public record Clip(double low, double high) implements Transform {
 *   public TransformType<Clip> type() { return ClipType.INSTANCE; }
 *   public boolean needsData() { return false; }             // nothing to learn
 *   public Fitter fitter(StepContext context) {
 *     context.requireNumeric();                               // names the column and its type otherwise
 *     return Fitter.of(() -> new FittedClip(context.inputs(), low, high));
 *   }
 * }
 * }</pre>
 *
 * <p>Stability: stable (the SPI for plugins).
 */
@Stability(Stability.Level.STABLE)
public interface Transform {

  /** The registered type this transform belongs to (its id, version and parameter class). */
  TransformType<?> type();

  /**
   * Whether fitting reads data. A step that learns nothing (a rename, a cast, {@code log1p}) returns false: it is
   * fitted without a pass over the data, so it costs the pipeline no extra pass.
   */
  default boolean needsData() {
    return true;
  }

  /**
   * Starts fitting on the input columns {@code context.inputs()}. Check the input types here and fail with a
   * {@link dev.mlops.core.ValidationException} naming the column, the type expected and the type found
   * ({@link StepContext#requireTypes} does that).
   */
  Fitter fitter(StepContext context);
}
