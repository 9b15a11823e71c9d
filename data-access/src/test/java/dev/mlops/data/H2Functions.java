package dev.mlops.data;

/** Java functions the H2 tests register with CREATE ALIAS. */
public final class H2Functions {
  private H2Functions() {}

  /**
   * Sleeps {@code millis} and returns it: H2 has no sleep function of its own. The row argument keeps H2 from
   * computing a call with constant arguments once, as it does for a DETERMINISTIC function.
   */
  public static int sleepMillis(int millis, long row) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
