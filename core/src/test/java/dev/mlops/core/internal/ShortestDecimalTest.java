package dev.mlops.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact search gives the digits that JDK 19+ {@link Double#toString(double)} is specified to give, on
 * whatever JDK the tests run: golden texts made on JDK 25 by {@code golden/make-shortest-doubles.jsh}, for
 * doubles of random bits, scaled Gaussians, subnormals and short decimals. This is what keeps CSV bytes (and so
 * content hashes) the same on JDK 17 and JDK 25.
 */
class ShortestDecimalTest {

  private static List<String> golden() throws IOException {
    try (InputStream in = ShortestDecimalTest.class.getResourceAsStream("/golden/shortest-doubles.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }
  }

  @Test
  void exactSearchMatchesTheShortestDigitsOfModernJdks() throws IOException {
    List<String> lines = golden();
    assertTrue(lines.size() > 2500, "golden file too small: " + lines.size());
    for (String line : lines) {
      String[] parts = line.split(" ");
      double d = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
      BigDecimal expected = new BigDecimal(parts[1]);
      BigDecimal actual = ShortestDecimal.of(d, false);
      assertEquals(0, expected.compareTo(actual), () -> "digits of " + parts[1] + ": got " + actual);
    }
  }

  @Test
  void javaStyleLayoutMatchesModernJdkText() throws IOException {
    for (String line : golden()) {
      String[] parts = line.split(" ");
      double d = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
      StringBuilder out = new StringBuilder();
      ShortestDecimal.appendJavaStyle(out, d);
      assertEquals(parts[1], out.toString());
      assertEquals(d, Double.parseDouble(out.toString()));
    }
  }
}
