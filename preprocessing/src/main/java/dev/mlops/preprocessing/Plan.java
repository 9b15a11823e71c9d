package dev.mlops.preprocessing;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How fitted steps rearrange the working frame, computed once from the input schema: the schema before each step,
 * where each step's inputs are, how the next schema is made of the previous one and the step's outputs, the final
 * output columns, lineage, and which steps may write straight into a matrix. Shared by the batch, record and matrix
 * paths, so they cannot disagree.
 */
final class Plan {
  final Schema input;
  final List<Schema> stages = new ArrayList<>();
  final List<int[]> inputIndex = new ArrayList<>();
  /** Per step: for each column of the next stage, its index in this stage, or -(o+1) for step output o. */
  final List<int[]> next = new ArrayList<>();
  /** Indexes into the last stage of the pipeline's output columns. */
  final int[] outputIndex;
  final Schema output;
  /** Per output column, the input columns it derives from, in input order. */
  final List<List<String>> lineage;
  /** The input columns the pipeline reads (steps' raw inputs and passed-through columns), in input order. */
  final List<String> requiredInputs;
  /** The positions in the input schema of {@link #requiredInputs}. */
  final int[] requiredIndex;
  /** Per step: whether {@link MatrixWriter} may write its outputs straight into the matrix. */
  final boolean[] direct;
  /** Per direct step: the matrix column of each of its outputs. */
  final int[][] directColumns;

  Plan(Schema input, List<FittedStep> steps, Remainder remainder) {
    this.input = input;
    Schema s = input;
    // Per column of the current stage: producing step (-1 = input column) and lineage.
    List<Integer> producer = new ArrayList<>();
    List<Set<String>> lin = new ArrayList<>();
    Set<String> rawRead = new HashSet<>();
    for (Field f : input.fields()) {
      producer.add(-1);
      lin.add(Set.of(f.name()));
    }
    // Which step (and output) last read each column, to know what later steps consume.
    for (int k = 0; k < steps.size(); k++) {
      FittedStep fs = steps.get(k);
      stages.add(s);
      List<String> names = fs.inputs();
      int[] in = new int[names.size()];
      for (int i = 0; i < in.length; i++) {
        in[i] = indexOf(s, names.get(i));
        if (in[i] < 0) {
          throw new ValidationException("step '" + fs.name() + "' was fitted on column '" + names.get(i)
              + "', which the steps before it do not produce; the saved pipeline does not match its spec");
        }
        if (producer.get(in[i]) < 0) {
          rawRead.add(names.get(i));
        }
      }
      inputIndex.add(in);
      List<OutputColumn> outs = fs.fitted().outputs();
      Set<Integer> consumed = new HashSet<>();
      for (int i : in) {
        consumed.add(i);
      }
      Set<String> outNames = new HashSet<>();
      for (OutputColumn o : outs) {
        if (!outNames.add(o.name())) {
          throw new ValidationException("step '" + fs.name() + "' outputs column '" + o.name() + "' twice");
        }
        int clash = indexOf(s, o.name());
        if (clash >= 0 && !consumed.contains(clash)) {
          throw new ValidationException("step '" + fs.name() + "' outputs column '" + o.name() + "', but an earlier"
              + " column has that name and the step does not take it; rename one of them (a rename step before it)");
        }
        for (String from : o.from()) {
          if (!names.contains(from)) {
            throw new ValidationException("step '" + fs.name() + "' says output '" + o.name() + "' derives from '"
                + from + "', which is not one of its inputs " + names);
          }
        }
      }
      int insertAt = in.length == 0 ? s.size() : min(in);
      List<Field> fields = new ArrayList<>();
      List<Integer> map = new ArrayList<>();
      List<Integer> prod = new ArrayList<>();
      List<Set<String>> l2 = new ArrayList<>();
      for (int c = 0; c <= s.size(); c++) {
        if (c == insertAt) {
          for (int o = 0; o < outs.size(); o++) {
            fields.add(outs.get(o).field());
            map.add(-(o + 1));
            prod.add(k);
            Set<String> l = new LinkedHashSet<>();
            for (String from : outs.get(o).from()) {
              l.addAll(lin.get(s.indexOf(from)));
            }
            l2.add(l);
          }
        }
        if (c < s.size() && !consumed.contains(c)) {
          fields.add(s.field(c));
          map.add(c);
          prod.add(producer.get(c));
          l2.add(lin.get(c));
        }
      }
      next.add(map.stream().mapToInt(Integer::intValue).toArray());
      s = new Schema(fields);
      producer = prod;
      lin = l2;
    }
    stages.add(s);
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < s.size(); c++) {
      if (remainder == Remainder.PASSTHROUGH || producer.get(c) >= 0) {
        keep.add(c);
      }
    }
    outputIndex = keep.stream().mapToInt(Integer::intValue).toArray();
    List<Field> outFields = new ArrayList<>();
    List<List<String>> outLineage = new ArrayList<>();
    Set<String> passed = new HashSet<>();
    for (int c : outputIndex) {
      outFields.add(s.field(c));
      Set<String> l = lin.get(c);
      outLineage.add(input.names().stream().filter(l::contains).toList());
      if (producer.get(c) < 0) {
        passed.add(s.field(c).name());
      }
    }
    output = new Schema(outFields);
    lineage = List.copyOf(outLineage);
    requiredInputs = input.names().stream().filter(n -> rawRead.contains(n) || passed.contains(n)).toList();
    requiredIndex = java.util.stream.IntStream.range(0, input.size())
        .filter(i -> requiredInputs.contains(input.field(i).name())).toArray();
    // Direct matrix writing: every output of the step reaches the pipeline output untouched.
    direct = new boolean[steps.size()];
    directColumns = new int[steps.size()][];
    Map<Integer, Integer> finalPos = new HashMap<>();
    for (int i = 0; i < outputIndex.length; i++) {
      finalPos.put(outputIndex[i], i);
    }
    for (int k = 0; k < steps.size(); k++) {
      FittedStep fs = steps.get(k);
      int nOut = fs.fitted().outputs().size();
      if (!(fs.fitted() instanceof MatrixWriter) || nOut == 0) {
        continue;
      }
      int[] cols = new int[nOut];
      boolean ok = true;
      for (int o = 0; o < nOut && ok; o++) {
        int idx = follow(k, o);
        Integer pos = idx < 0 ? null : finalPos.get(idx);
        ok = pos != null && fs.fitted().outputs().get(o).field().type().isNumeric();
        cols[o] = ok ? pos : -1;
      }
      if (ok) {
        direct[k] = true;
        directColumns[k] = cols;
      }
    }
  }

  /** Where output {@code o} of step {@code k} ends up in the last stage, or -1 if a later step consumes it. */
  private int follow(int k, int o) {
    int[] map = next.get(k);
    int pos = -1;
    for (int c = 0; c < map.length; c++) {
      if (map[c] == -(o + 1)) {
        pos = c;
      }
    }
    for (int j = k + 1; j < next.size() && pos >= 0; j++) {
      int[] m = next.get(j);
      int found = -1;
      for (int c = 0; c < m.length; c++) {
        if (m[c] == pos) {
          found = c;
        }
      }
      pos = found;
    }
    return pos;
  }

  private static int indexOf(Schema s, String name) {
    return s.contains(name) ? s.indexOf(name) : -1;
  }

  private static int min(int[] a) {
    int m = Integer.MAX_VALUE;
    for (int x : a) {
      m = Math.min(m, x);
    }
    return m;
  }
}
