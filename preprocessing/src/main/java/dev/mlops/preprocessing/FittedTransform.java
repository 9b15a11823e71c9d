package dev.mlops.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.core.Stability;
import java.util.List;

/**
 * A fitted step: immutable and thread-safe, applied to a training batch and to a serving record the same way.
 *
 * <p>{@link #apply} gets the step's input columns (in the order they were fitted with) and returns one column per
 * {@link #outputs() output}, in order, with the output's type and the batch's row count. Its fitted state is
 * {@link #state()}, a JSON tree the step's {@link TransformType#restore} reads back into an equal step (bit for bit
 * equal output). Steps that serve single records often implement {@link RecordTransform} for a path without
 * batch overhead; otherwise the pipeline calls {@link #apply} on a one-row frame.
 *
 * <p>Stability: stable (plugin SPI).
 */
@Stability(Stability.Level.STABLE)
public interface FittedTransform {

  /** The output columns, in order, each naming the input columns it derives from. */
  List<OutputColumn> outputs();

  /**
   * The output columns for a batch of input columns.
   *
   * @throws dev.mlops.core.ValidationException for a value the step's policy rejects (an unknown category under
   *     {@code error}, say), naming the column, the value's row and the policy to change
   */
  List<Column> apply(Frame inputs);

  /**
   * The fitted state, for the saved form: plain JSON (numbers, strings, arrays, objects). Written as the library
   * writes every stored format (canonical, hashed); see {@link StateJson} for exact doubles (NaN and infinities
   * included).
   */
  JsonNode state();

  /**
   * Whether {@link #state()} holds values of the data (categories, vocabularies) rather than only aggregates
   * (means, quantiles, counts). A pipeline refuses to save such a step fitted on a {@code pii} column, so a saved
   * pipeline cannot leak personal data. The default is the safe answer, {@code true}.
   */
  default boolean stateHoldsValues() {
    return true;
  }
}
