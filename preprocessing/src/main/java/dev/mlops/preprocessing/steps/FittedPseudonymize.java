package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@link Pseudonymize} fitted: immutable and thread-safe (one HMAC per thread). */
final class FittedPseudonymize implements RecordTransform {
  private final Pseudonymize params;
  private final List<Field> inputs;
  private final String stepName;
  private final List<OutputColumn> outputs;
  private final String keyCheck;
  private final ThreadLocal<Mac> mac;

  FittedPseudonymize(Pseudonymize params, StepContext context, SecretKeySpec key) {
    this.params = params;
    this.stepName = context.stepName();
    this.inputs = context.inputs().fields();
    List<OutputColumn> outs = new ArrayList<>();
    for (Field f : inputs) {
      outs.add(new OutputColumn(PiiTags.swap(f, PiiTags.PSEUDONYMIZED), List.of(f.name())));
    }
    this.outputs = List.copyOf(outs);
    this.keyCheck = PiiKeys.checkValue(key);
    this.mac = ThreadLocal.withInitial(() -> PiiKeys.mac(key));
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame batch) {
    List<Column> out = new ArrayList<>(batch.columnCount());
    Mac m = mac.get();
    for (int c = 0; c < batch.columnCount(); c++) {
      Column col = batch.column(c);
      if (col instanceof StringColumn sc) {
        out.add(PerCode.map(sc, v -> pseudonym(m, v)));
      } else if (col instanceof LongColumn lc) {
        StringColumn.Builder b = StringColumn.builder(lc.size());
        for (int r = 0; r < lc.size(); r++) {
          b.add(lc.isNull(r) ? null : pseudonym(m, Long.toString(lc.getLong(r))));
        }
        out.add(b.build());
      } else {
        throw new ValidationException("step '" + stepName + "' (mlops.pseudonymize): column '"
            + batch.schema().field(c).name() + "' is " + col.type()
            + " but the step takes STRING or LONG; select other columns or cast this one");
      }
    }
    return out;
  }

  @Override
  public Object[] applyRecord(Object[] values) {
    Mac m = mac.get();
    Object[] out = new Object[values.length];
    for (int c = 0; c < values.length; c++) {
      Object v = values[c];
      ColumnType t = inputs.get(c).type();
      if (v == null) {
        out[c] = null;
      } else if (t == ColumnType.STRING && v instanceof String s) {
        out[c] = pseudonym(m, s);
      } else if (t == ColumnType.LONG && v instanceof Long l) {
        out[c] = pseudonym(m, Long.toString(l));
      } else {
        throw new ValidationException("step '" + stepName + "' (mlops.pseudonymize): the value of column '"
            + inputs.get(c).name() + "' is a " + v.getClass().getSimpleName() + " but the column is " + t + "; pass a "
            + (t == ColumnType.LONG ? "Long" : "String") + " or null");
      }
    }
    return out;
  }

  /** The pseudonym of one value: the one formula of both paths. */
  private String pseudonym(Mac m, String value) {
    return PiiKeys.hmacHex(m, value, params.length());
  }

  /** The key id and check value; never the key. */
  @Override
  public JsonNode state() {
    return PiiKeys.state(params.keyId(), keyCheck);
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }
}
