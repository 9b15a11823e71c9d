// Run with JDK 19 or newer: Double.toString there is specified to give the shortest, closest decimal.
if (Runtime.version().feature() < 19) throw new IllegalStateException("needs JDK 19+");
Random rnd = new Random(20261127L);
StringBuilder sb = new StringBuilder("# bits(hex) Double.toString on JDK " + Runtime.version() + "; made by core/src/test/resources/golden/make-shortest-doubles.jsh\n");
for (int i = 0; i < 3000; i++) {
  double d;
  switch (i % 4) {
    case 0: d = Double.longBitsToDouble(rnd.nextLong()); break;
    case 1: d = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20); break;
    case 2: d = Double.longBitsToDouble(rnd.nextLong() & 0x000fffffffffffffL); break; // subnormal
    default: d = Math.round(rnd.nextDouble() * 1e6) / 1e3 + 0.1 * rnd.nextInt(10);
  }
  if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) continue;
  sb.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(' ').append(Double.toString(d)).append('\n');
}
Files.writeString(Path.of("core/src/test/resources/golden/shortest-doubles.txt"), sb.toString());
