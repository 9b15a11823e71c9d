package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class FrameSourceTest {
  private static final Schema SCHEMA = Schema.of(Field.of("n", ColumnType.LONG), Field.of("s", ColumnType.STRING));

  private static Frame frame(int from, int to) {
    LongColumn.Builder n = LongColumn.builder(to - from);
    StringColumn.Builder s = StringColumn.builder(to - from);
    for (int i = from; i < to; i++) {
      n.add(i);
      s.add(i % 3 == 0 ? null : "k" + (i % 4));
    }
    return Frame.of(SCHEMA, List.of(n.build(), s.build()));
  }

  @Test
  void ofFramesYieldsThemInOrderAndReadAllJoinsThem() {
    try (FrameSource src = FrameSource.of(frame(0, 3), frame(3, 5), frame(5, 9))) {
      assertEquals(SCHEMA, src.schema());
      assertEquals(frame(0, 3), src.next());
      assertEquals(frame(3, 9), src.readAll());
      assertFalse(src.hasNext());
    }
  }

  @Test
  void ofFrameCutsIntoBatches() {
    Frame whole = frame(0, 130);
    try (FrameSource src = FrameSource.of(whole, 64)) {
      List<Integer> sizes = new ArrayList<>();
      List<Frame> batches = new ArrayList<>();
      while (src.hasNext()) {
        Frame b = src.next();
        sizes.add(b.rowCount());
        batches.add(b);
      }
      assertEquals(List.of(64, 64, 2), sizes);
      assertEquals(whole, Frame.concat(batches));
      assertThrows(NoSuchElementException.class, src::next);
    }
    assertEquals(whole, FrameSource.of(whole, 1_000).readAll());
    assertEquals(whole, FrameSource.of(whole, Integer.MAX_VALUE).readAll());
  }

  @Test
  void rejectsBatchRowsBelowOne() {
    assertThrows(ValidationException.class, () -> FrameSource.of(frame(0, 1), 0));
  }

  @Test
  void emptySourceReadsAsEmptyFrameWithTheSchema() {
    try (FrameSource src = FrameSource.of(SCHEMA, Collections.emptyIterator())) {
      Frame all = src.readAll();
      assertEquals(SCHEMA, all.schema());
      assertEquals(0, all.rowCount());
    }
    assertEquals(Frame.empty(SCHEMA), FrameSource.of(Frame.empty(SCHEMA), 10).readAll());
  }

  @Test
  void rejectsBatchesOfAnotherSchema() {
    Frame other = Frame.builder().longs("n", 1).build();
    assertThrows(ValidationException.class, () -> FrameSource.of(frame(0, 1), other));
    FrameSource src = FrameSource.of(SCHEMA, List.of(frame(0, 1), other).iterator());
    src.next();
    ValidationException e = assertThrows(ValidationException.class, src::next);
    assertTrue(e.getMessage().contains("declared"), e.getMessage());
  }

  @Test
  void closedSourceHasNoMoreBatches() {
    FrameSource src = FrameSource.of(frame(0, 2), frame(2, 4));
    src.close();
    src.close();
    assertFalse(src.hasNext());
    assertThrows(IllegalStateException.class, src::next);
  }
}
