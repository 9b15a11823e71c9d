package dev.mlops.benchmarking.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Reads what a model store records about a Tribuo model from the model itself.
 *
 * <pre>{@code
 * Model<Label> model = new LogisticRegressionTrainer().train(train);
 * Map<String, String> params = TribuoModels.parameters(model);
 * // {trainer=org.tribuo.classification.sgd.linear.LogisticRegressionTrainer, epochs=5, seed=12345,
 * //  optimiser=org.tribuo.math.optimisers.AdaGrad, optimiser.initialLearningRate=1.0, ...}
 * }</pre>
 *
 * <p>Stability: experimental.
 */
public final class TribuoModels {
  /** Trainer provenance entries that describe the run rather than the configuration. */
  private static final Set<String> BOOKKEEPING = Set.of(ObjectProvenance.CLASS_NAME,
      TrainerProvenance.TRAIN_INVOCATION_COUNT, TrainerProvenance.IS_SEQUENCE,
      TrainerProvenance.TRIBUO_VERSION_STRING, "host-short-name");

  private TribuoModels() {}

  /**
   * The configuration of the trainer that produced {@code model}, from its provenance, as strings sorted by
   * key: {@code trainer} is the trainer's class, each configured field is a key (a seed included), a nested
   * object (an optimiser, a loss) is its class under its field name with its own fields under
   * {@code field.}, and list and map entries are under {@code field.0} and {@code field.key}. Entries that
   * describe the run (invocation count, Tribuo version, host) are left out; the framework version is recorded
   * by the codec.
   */
  public static SortedMap<String, String> parameters(Model<?> model) {
    TrainerProvenance trainer = Objects.requireNonNull(model, "model").getProvenance().getTrainerProvenance();
    TreeMap<String, String> out = new TreeMap<>();
    out.put("trainer", trainer.getClassName());
    for (Pair<String, Provenance> p : trainer) {
      if (!BOOKKEEPING.contains(p.getA())) {
        flatten(p.getA(), p.getB(), out);
      }
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private static void flatten(String key, Provenance value, Map<String, String> out) {
    if (value instanceof ObjectProvenance object) {
      out.put(key, object.getClassName());
      for (Pair<String, Provenance> p : object) {
        if (!p.getA().equals(ObjectProvenance.CLASS_NAME) && !p.getA().equals("host-short-name")) {
          flatten(key + "." + p.getA(), p.getB(), out);
        }
      }
    } else if (value instanceof ListProvenance<?> list) {
      List<? extends Provenance> items = list.getList();
      out.put(key, "list of " + items.size());
      for (int i = 0; i < items.size(); i++) {
        flatten(key + "." + i, items.get(i), out);
      }
    } else if (value instanceof MapProvenance<?> map) {
      out.put(key, "map of " + map.getMap().size());
      map.getMap().forEach((k, v) -> flatten(key + "." + k, v, out));
    } else if (value instanceof PrimitiveProvenance<?> primitive) {
      out.put(key, String.valueOf(primitive.getValue()));
    } else {
      out.put(key, String.valueOf(value));
    }
  }
}
