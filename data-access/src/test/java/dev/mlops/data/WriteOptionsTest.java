package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import org.junit.jupiter.api.Test;

class WriteOptionsTest {
  @Test
  void defaultsWriteIntoAnExistingTableAThousandRowsABatch() {
    WriteOptions d = WriteOptions.defaults();
    assertFalse(d.createTable());
    assertEquals(1000, d.batchSize());
  }

  @Test
  void withMethodsReturnACopyChangingOneThing() {
    WriteOptions d = WriteOptions.defaults();
    assertEquals(new WriteOptions(true, 1000), d.withCreateTable());
    assertEquals(new WriteOptions(false, 5000), d.withBatchSize(5000));
    assertEquals(new WriteOptions(true, 7), d.withBatchSize(7).withCreateTable());
    assertEquals(new WriteOptions(true, 7), d.withCreateTable().withBatchSize(7));
    assertEquals(WriteOptions.defaults(), d, "the original is unchanged");
  }

  @Test
  void theBatchSizeIsOneToAHundredThousand() {
    for (int bad : new int[] {0, -1, 100_001, Integer.MAX_VALUE}) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> WriteOptions.defaults().withBatchSize(bad));
      assertTrue(e.getMessage().contains("batchSize is " + bad + "; it must be 1 to 100,000"), e.getMessage());
      assertThrows(ValidationException.class, () -> new WriteOptions(true, bad));
    }
    assertEquals(1, WriteOptions.defaults().withBatchSize(1).batchSize());
    assertEquals(100_000, WriteOptions.defaults().withBatchSize(100_000).batchSize());
  }
}
