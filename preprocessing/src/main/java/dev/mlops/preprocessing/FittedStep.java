package dev.mlops.preprocessing;

import java.util.List;

/** A step as fitted: the spec, what it was fitted on (its resolved input columns) and the fitted transform. */
record FittedStep(Step step, StepContext context, FittedTransform fitted) {
  String name() {
    return step.name();
  }

  List<String> inputs() {
    return context.inputs().names();
  }
}
