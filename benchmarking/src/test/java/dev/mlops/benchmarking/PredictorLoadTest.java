package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PredictorLoadTest {
  static final Matrix X = PredictorBasicsTest.X;

  /** A clock that advances 5 ms at each reading after the first. */
  static AtomicLong clock() {
    return new AtomicLong(-5_000_000);
  }

  @Test
  void aJavaPredictorLoadsThroughTheSamePath() {
    AtomicLong now = clock();
    AtomicInteger rowsSeen = new AtomicInteger();
    Loaded<Predictor> loaded = Predictors.load("rule", () -> Predictors.function("rule", List.of("low", "high"),
        row -> {
          rowsSeen.incrementAndGet();
          return row[1] > 15 ? 1 : 0;
        }), X, () -> now.addAndGet(5_000_000));
    assertEquals(Duration.ofMillis(5), loaded.stats().load());
    assertEquals(Duration.ofMillis(5), loaded.stats().firstPrediction());
    assertEquals(OptionalLong.empty(), loaded.stats().sizeBytes());
    assertEquals(1, rowsSeen.get(), "the warm-up predicts one row");
    assertEquals("rule", loaded.predictor().name());
  }

  @Test
  void theRealClockMeasuresSomething() {
    Loaded<Predictor> loaded = Predictors.load("sum", () -> Predictors.regression("sum", row -> row[0] + row[1]), X);
    assertTrue(loaded.stats().load().toNanos() >= 0);
    assertTrue(loaded.stats().firstPrediction().toNanos() >= 0);
  }

  @Test
  void aFailingFirstPredictionClosesThePredictor() {
    AtomicBoolean closed = new AtomicBoolean();
    Predictor broken = new Predictor() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Framework framework() {
        return new Framework("Java", "test");
      }

      @Override
      public Task task() {
        return Task.REGRESSION;
      }

      @Override
      public List<String> labels() {
        return List.of();
      }

      @Override
      public Predictions predict(Matrix features) {
        throw new ValidationException("broken");
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
    ValidationException e = assertThrows(ValidationException.class, () -> Predictors.load("broken", () -> broken, X));
    assertEquals("broken", e.getMessage());
    assertTrue(closed.get());
  }

  @Test
  void badArgumentsAreRejected() {
    Matrix empty = new Matrix(0, 2, new double[0], List.of("a", "b"));
    ValidationException noRows = assertThrows(ValidationException.class,
        () -> Predictors.load("x", () -> Predictors.regression("x", row -> 0), empty));
    assertTrue(noRows.getMessage().contains("empty"), noRows.getMessage());
    ValidationException nothing = assertThrows(ValidationException.class,
        () -> Predictors.load("x", () -> null, X));
    assertTrue(nothing.getMessage().contains("returned null"), nothing.getMessage());
  }

  @Test
  void closingTheLoadedClosesThePredictor() {
    AtomicBoolean closed = new AtomicBoolean();
    Predictor p = Predictors.regression("x", row -> 0);
    Predictor closing = new Predictor() {
      @Override
      public String name() {
        return p.name();
      }

      @Override
      public Framework framework() {
        return p.framework();
      }

      @Override
      public Task task() {
        return p.task();
      }

      @Override
      public List<String> labels() {
        return p.labels();
      }

      @Override
      public Predictions predict(Matrix features) {
        return p.predict(features);
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
    try (Loaded<Predictor> loaded = Predictors.load("x", () -> closing, X)) {
      assertSame(closing, loaded.predictor());
    }
    assertTrue(closed.get());
  }
}
