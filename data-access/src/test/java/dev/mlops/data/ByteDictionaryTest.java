package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ByteDictionaryTest {
  private static int code(ByteDictionary d, String s) {
    byte[] b = ("..." + s + "!").getBytes(StandardCharsets.UTF_8); // the value in the middle of a larger buffer
    return d.code(b, 3, b.length - 4, false);
  }

  @Test
  void numbersValuesInOrderOfFirstAppearance() {
    ByteDictionary d = new ByteDictionary();
    assertEquals(0, code(d, "b"));
    assertEquals(1, code(d, "a"));
    assertEquals(0, code(d, "b"));
    assertEquals(2, code(d, ""));
    assertEquals(3, code(d, "ünï ✓"));
    assertEquals(2, code(d, ""));
    assertEquals(List.of("b", "a", "", "ünï ✓"), d.values());
  }

  @Test
  void aRepeatedValueIsTheSameStringObject() {
    ByteDictionary d = new ByteDictionary();
    code(d, "k1");
    code(d, "k1");
    assertSame(d.values().get(0), d.values().get(code(d, "k1")));
  }

  @Test
  void keepsManyDistinctValuesAcrossGrowth() {
    ByteDictionary d = new ByteDictionary();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      expected.add("value-" + i);
      assertEquals(i, code(d, "value-" + i));
    }
    for (int i = 0; i < 50_000; i += 7) {
      assertEquals(i, code(d, "value-" + i));
    }
    assertEquals(expected, d.values());
  }

  @Test
  void clearStartsANewBatchFromCodeZero() {
    ByteDictionary d = new ByteDictionary();
    code(d, "x");
    code(d, "y");
    d.clear();
    assertEquals(List.of(), d.values());
    assertEquals(0, code(d, "y"));
    assertEquals(List.of("y"), d.values());
  }

  @Test
  void uuidsBecomeTheirLowerCaseText() {
    UUID u = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
    byte[] b = new byte[16];
    java.nio.ByteBuffer.wrap(b).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    ByteDictionary d = new ByteDictionary();
    assertEquals(0, d.code(b, 0, 16, true));
    assertEquals("123e4567-e89b-12d3-a456-426614174000", d.values().get(0));
  }
}
