package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Fitted {@link Select} and {@link Rename}: the input columns unchanged, under the given names. */
final class FittedColumns implements StatelessTransform {
  private final String step;
  private final List<OutputColumn> outputs;

  FittedColumns(StepContext context, List<String> names) {
    this.step = context.stepName();
    Schema inputs = context.inputs();
    List<OutputColumn> out = new ArrayList<>(names.size());
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < inputs.size(); c++) {
      Field f = inputs.field(c);
      String name = names.get(c);
      if (!seen.add(name)) {
        throw new ValidationException("step '" + step + "' would output two columns named '" + name + "'; rename"
            + " them to distinct names");
      }
      out.add(new OutputColumn(f.withName(name), List.of(f.name())));
    }
    this.outputs = List.copyOf(out);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame inputs) {
    return List.copyOf(inputs.columns());
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    StepValues.checkRecord(step, inputs, outputs.size());
    return inputs.clone();
  }
}
