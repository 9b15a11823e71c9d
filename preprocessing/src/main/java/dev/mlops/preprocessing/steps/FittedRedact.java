package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@link Redact} fitted: immutable and thread-safe (one HMAC per thread). */
final class FittedRedact implements RecordTransform {
  private final Redact params;
  private final String stepName;
  private final List<OutputColumn> outputs;
  private final Set<PiiKind> kinds;
  private final String[] replacements;
  private final String keyCheck;
  private final ThreadLocal<Mac> mac;

  private FittedRedact(Redact params, StepContext context, SecretKeySpec key) {
    this.params = params;
    this.stepName = context.stepName();
    String tag = params.action() == Redact.Action.PSEUDONYMIZE ? PiiTags.PSEUDONYMIZED : PiiTags.REDACTED;
    List<OutputColumn> outs = new ArrayList<>();
    for (Field f : context.inputs().fields()) {
      outs.add(new OutputColumn(PiiTags.swap(f, tag), List.of(f.name())));
    }
    this.outputs = List.copyOf(outs);
    this.kinds = EnumSet.copyOf(params.kinds());
    this.replacements = new String[PiiKind.values().length];
    for (PiiKind k : PiiKind.values()) {
      replacements[k.ordinal()] = params.template() == null ? null : params.template().replace("{kind}", k.name());
    }
    this.keyCheck = key == null ? null : PiiKeys.checkValue(key);
    this.mac = key == null ? null : ThreadLocal.withInitial(() -> PiiKeys.mac(key));
  }

  static FittedRedact fit(Redact params, StepContext context, Function<String, String> env) {
    SecretKeySpec key = params.action() == Redact.Action.PSEUDONYMIZE
        ? PiiKeys.resolve(context.stepName(), params.keyId(), params.keySource(), env) : null;
    return new FittedRedact(params, context, key);
  }

  static FittedRedact restore(Redact params, StepContext context, JsonNode state, Function<String, String> env) {
    context.requireTypes(ColumnType.STRING);
    if (state == null || !state.isObject()) {
      throw new ValidationException("fitted state of step '" + context.stepName() + "' (mlops.redact) is not an"
          + " object; the saved pipeline is damaged");
    }
    SecretKeySpec key = params.action() == Redact.Action.PSEUDONYMIZE
        ? PiiKeys.restore(context.stepName(), params.keyId(), params.keySource(), state, env) : null;
    return new FittedRedact(params, context, key);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame inputs) {
    List<Column> out = new ArrayList<>(inputs.columnCount());
    for (int c = 0; c < inputs.columnCount(); c++) {
      Column col = inputs.column(c);
      if (!(col instanceof StringColumn sc)) {
        throw new ValidationException("step '" + stepName + "' (mlops.redact): column '"
            + inputs.schema().field(c).name() + "' is " + col.type()
            + " but the step takes STRING; select STRING columns only");
      }
      out.add(PerCode.map(sc, this::redact));
    }
    return out;
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    Object[] out = new Object[inputs.length];
    for (int c = 0; c < inputs.length; c++) {
      Object v = inputs[c];
      if (v != null && !(v instanceof String)) {
        throw new ValidationException("step '" + stepName + "' (mlops.redact): the value of column '"
            + outputs.get(c).name() + "' is a " + v.getClass().getSimpleName()
            + " but the step takes STRING; pass a String or null");
      }
      out[c] = v == null ? null : redact((String) v);
    }
    return out;
  }

  /** The text with every entity of the configured kinds handled by the action: the one formula of both paths. */
  String redact(String text) {
    List<PiiSpan> spans = PiiDetector.detect(text, kinds);
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    int at = 0;
    Mac m = mac == null ? null : mac.get();
    for (PiiSpan s : spans) {
      b.append(text, at, s.start());
      switch (params.action()) {
        case REPLACE -> b.append(replacements[s.kind().ordinal()]);
        case MASK -> PiiDetector.mask(text, s, b);
        case DROP -> {
          // nothing: the entity is removed
        }
        case PSEUDONYMIZE -> b.append(s.kind().name()).append('_')
            .append(PiiKeys.hmacHex(m, PiiDetector.normalize(text, s), 16));
        default -> throw new IllegalStateException("unknown action " + params.action());
      }
      at = s.end();
    }
    return b.append(text, at, text.length()).toString();
  }

  /** The key id and check value for {@code pseudonymize}; an empty object otherwise. Never a key or a value. */
  @Override
  public JsonNode state() {
    return keyCheck == null ? StateJson.object() : PiiKeys.state(params.keyId(), keyCheck);
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }
}
