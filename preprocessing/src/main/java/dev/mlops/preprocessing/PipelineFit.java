package dev.mlops.preprocessing;

import dev.mlops.core.Column;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Provenance;
import dev.mlops.core.RowHash;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.internal.Spill;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fits a pipeline in as few passes over the data as its steps allow. Each pass walks the steps in order: fitted
 * steps transform the batch, the first unfitted steps whose inputs are already known are fed, steps that learn
 * nothing are fitted on the spot; the walk stops at the first step whose inputs depend on a step still being fed.
 * Imputing and then scaling the same columns takes two passes; one-hot encoding other, named columns joins the
 * first. A single-pass source is spilled to a temporary file during the first pass when more passes follow.
 */
final class PipelineFit {
  private final Pipeline pipeline;
  private final Schema input;
  private final FittedStep[] done;
  private int passes;

  private PipelineFit(Pipeline pipeline, Schema input) {
    this.pipeline = pipeline;
    this.input = input;
    this.done = new FittedStep[pipeline.steps().size()];
  }

  /** Fits on a source that can be read only once. */
  static FittedPipeline fit(Pipeline p, FrameSource source) {
    PipelineFit f = new PipelineFit(p, source.schema());
    Spill[] spill = new Spill[1];
    try {
      return f.run(pass -> pass == 0 ? source : spill[0].read(), needMore -> {
        if (needMore) {
          spill[0] = Spill.create(source.schema(), p.spillDirectory());
        }
        return spill[0];
      });
    } finally {
      if (spill[0] != null) {
        spill[0].close();
      }
    }
  }

  /** Fits on an in-memory frame (read as often as needed, in one batch). */
  static FittedPipeline fit(Pipeline p, Frame frame) {
    PipelineFit f = new PipelineFit(p, frame.schema());
    return f.run(pass -> FrameSource.of(frame), needMore -> null);
  }

  interface Passes {
    FrameSource open(int pass);
  }

  interface SpillFactory {
    Spill create(boolean needMore);
  }

  private FittedPipeline run(Passes passes, SpillFactory spills) {
    BackgroundHash[] cleanup = new BackgroundHash[1];
    try {
      return run(passes, spills, cleanup);
    } finally {
      if (cleanup[0] != null) {
        cleanup[0].stop();
      }
    }
  }

  private FittedPipeline run(Passes passes, SpillFactory spills, BackgroundHash[] cleanup) {
    List<Step> steps = pipeline.steps();
    BackgroundHash hash = new BackgroundHash(new RowHash(input));
    cleanup[0] = hash;
    DataProfile.Builder profile = pipeline.profileOptions() == null ? null
        : DataProfile.builder(input, pipeline.profileOptions());
    long rows = 0;
    while (true) {
      Walk walk = walk();
      if (walk.fed.isEmpty()) {
        break;
      }
      boolean first = this.passes == 0;
      Spill spill = first ? spills.create(walk.blocked) : null;
      try (FrameSource src = passes.open(this.passes)) {
        checkSchema(src.schema());
        while (src.hasNext()) {
          Frame batch = src.next();
          if (batch.rowCount() == 0) {
            continue;
          }
          if (first) {
            checkSchema(batch.schema());
            hash.add(batch);
            rows += batch.rowCount();
            if (profile != null) {
              profile.accept(batch);
            }
            if (spill != null) {
              spill.write(batch);
            }
          }
          walk.feed(batch);
        }
      }
      if (first && rows == 0) {
        throw new ValidationException("the training data has no rows; a pipeline is fitted on at least one row");
      }
      for (int k : walk.fed) {
        done[k] = new FittedStep(steps.get(k), walk.contexts[k], finish(steps.get(k), walk.fitters[k]));
      }
      this.passes++;
    }
    if (this.passes == 0) {
      // Only steps that learn nothing: the data is still hashed, so the pipeline names what it was fitted on.
      try (FrameSource src = passes.open(0)) {
        while (src.hasNext()) {
          Frame b = src.next();
          hash.add(b);
          rows += b.rowCount();
          if (profile != null) {
            profile.accept(b);
          }
        }
      }
    }
    TrainingData training = new TrainingData(rows, hash.finish(), RowHash.ENCODING);
    Instant at = pipeline.clock().instant();
    return new FittedPipeline(pipeline, input, Arrays.asList(done), training, at, Provenance.currentLibraryVersion(),
        profile == null ? null : profile.build());
  }

  /**
   * Hashes the training rows on a second thread while the steps fit on the caller's, in batch order (one worker,
   * tasks in submission order), so the content hash costs a multi-core machine almost no fit time.
   */
  static final class BackgroundHash {
    private final RowHash hash;
    private final java.util.concurrent.ExecutorService worker;
    private java.util.concurrent.Future<?> last;

    BackgroundHash(RowHash hash) {
      this.hash = hash;
      this.worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlops-fit-hash");
        t.setDaemon(true);
        return t;
      });
    }

    void add(Frame batch) {
      last = worker.submit(() -> hash.add(batch));
    }

    String finish() {
      try {
        if (last != null) {
          last.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while hashing the training data", e);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof RuntimeException r ? r : new IllegalStateException("hashing the training data failed", c);
      }
      stop();
      return hash.finish();
    }

    void stop() {
      worker.shutdownNow();
    }
  }

  private void checkSchema(Schema s) {
    if (!s.names().equals(input.names())) {
      throw new ValidationException("a training batch has columns " + s.names() + " but the source's schema is "
          + input.names());
    }
  }

  private static FittedTransform finish(Step step, Fitter fitter) {
    FittedTransform ft = fitter.finish();
    if (ft == null) {
      throw new IllegalStateException("step '" + step.name() + "' (" + step.transform().type().qualifiedId()
          + ") finished fitting with null; this is a bug in the step");
    }
    return ft;
  }

  /** The plan of one pass: which steps are applied and which are fed, in order. */
  private Walk walk() {
    List<Step> steps = pipeline.steps();
    Walk w = new Walk(steps.size());
    Schema schema = input;
    Set<String> pendingInputs = new HashSet<>();
    for (int k = 0; k < steps.size(); k++) {
      Step step = steps.get(k);
      if (done[k] != null) {
        w.actions.add(k);
        schema = after(schema, done[k]);
        continue;
      }
      List<String> names;
      if (pendingInputs.isEmpty() && w.fed.isEmpty()) {
        names = resolve(step, schema);
      } else {
        List<String> fixed = fixedNames(step.columns());
        if (fixed == null || !schema.names().containsAll(fixed) || fixed.stream().anyMatch(pendingInputs::contains)) {
          w.blocked = true;
          break;
        }
        names = resolve(step, schema);
      }
      StepContext ctx = new StepContext(step.name(), ordered(schema, names));
      Fitter fitter = startFit(step, ctx);
      if (!step.transform().needsData()) {
        done[k] = new FittedStep(step, ctx, finish(step, fitter));
        w.actions.add(k);
        schema = after(schema, done[k]);
        continue;
      }
      w.contexts[k] = ctx;
      w.fitters[k] = fitter;
      w.fed.add(k);
      w.actions.add(-(k + 1));
      pendingInputs.addAll(names);
    }
    // Steps after the last fed one need not run in this pass.
    int lastFed = w.fed.isEmpty() ? -1 : w.fed.get(w.fed.size() - 1);
    w.actions.removeIf(a -> (a >= 0 ? a : -a - 1) > lastFed);
    return w;
  }

  private static Schema ordered(Schema schema, List<String> names) {
    List<Field> fields = new ArrayList<>();
    for (String n : names) {
      fields.add(schema.field(n));
    }
    return new Schema(fields);
  }

  private static Fitter startFit(Step step, StepContext ctx) {
    Fitter f = step.transform().fitter(ctx);
    if (f == null) {
      throw new IllegalStateException("step '" + step.name() + "' (" + step.transform().type().qualifiedId()
          + ") returned no fitter; this is a bug in the step");
    }
    return f;
  }

  private static List<String> resolve(Step step, Schema schema) {
    List<String> names;
    try {
      names = step.columns().resolve(schema);
    } catch (ValidationException e) {
      throw new ValidationException("step '" + step.name() + "': " + e.getMessage(), e);
    }
    if (names.isEmpty()) {
      throw new ValidationException("step '" + step.name() + "' selects no column (" + step.columns() + ") from "
          + schema.names() + "; check its column selection");
    }
    return names;
  }

  /** The names a selection takes whatever the schema, or null when it depends on the schema. */
  private static List<String> fixedNames(Columns c) {
    if (c instanceof Columns.Names n) {
      return n.names();
    }
    if (c instanceof Columns.Except e && e.base() instanceof Columns.Names n) {
      return n.names().stream().filter(x -> !e.without().contains(x)).toList();
    }
    return null;
  }

  /** The working schema after a fitted step. */
  private static Schema after(Schema schema, FittedStep fs) {
    Plan p = new Plan(schema, List.of(fs), Remainder.PASSTHROUGH);
    return p.stages.get(1);
  }

  /** One pass: actions in step order (k = apply fitted step k, -(k+1) = feed step k). */
  private final class Walk {
    final List<Integer> actions = new ArrayList<>();
    final List<Integer> fed = new ArrayList<>();
    final StepContext[] contexts;
    final Fitter[] fitters;
    boolean blocked;
    /** Per action: how the fitted step rearranges the batch (the schema is the same for every batch). */
    private final java.util.Map<Integer, Plan> plans = new java.util.HashMap<>();

    Walk(int n) {
      contexts = new StepContext[n];
      fitters = new Fitter[n];
    }

    void feed(Frame batch) {
      Frame w = batch;
      for (int a : actions) {
        if (a >= 0) {
          w = apply(a, done[a], w);
        } else {
          int k = -a - 1;
          List<Column> cols = new ArrayList<>();
          for (String n : contexts[k].inputs().names()) {
            cols.add(w.column(n));
          }
          fitters[k].accept(Frame.of(contexts[k].inputs(), cols));
        }
      }
    }

    private Frame apply(int k, FittedStep fs, Frame w) {
      Plan p = plans.computeIfAbsent(k, x -> new Plan(w.schema(), List.of(fs), Remainder.PASSTHROUGH));
      List<Column> in = new ArrayList<>();
      for (int i : p.inputIndex.get(0)) {
        in.add(w.column(i));
      }
      List<Column> outs = fs.fitted().apply(Frame.of(fs.context().inputs(), in));
      int[] map = p.next.get(0);
      List<Column> next = new ArrayList<>();
      for (int m : map) {
        next.add(m >= 0 ? w.column(m) : outs.get(-m - 1));
      }
      return Frame.of(p.stages.get(1), next);
    }
  }
}
