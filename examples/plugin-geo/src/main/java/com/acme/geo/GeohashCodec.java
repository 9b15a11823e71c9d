package com.acme.geo;

/**
 * Geohash encoding: the bits of the longitude and the latitude interleaved (longitude first), each bit halving
 * the interval that holds the coordinate (a value on the midpoint goes to the upper half), five bits per
 * character of the alphabet {@code 0123456789bcdefghjkmnpqrstuvwxyz}.
 */
final class GeohashCodec {
  static final double MAX_LAT = 90;
  static final double MAX_LON = 180;
  private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();

  private GeohashCodec() {}

  /** Whether {@code v} is in {@code [-max, max]} (false for NaN and infinities). */
  static boolean inRange(double v, double max) {
    return v >= -max && v <= max;
  }

  /** The geohash of an in-range point; {@code precision} is 1 to 12. */
  static String encode(double lat, double lon, int precision) {
    double latLo = -MAX_LAT;
    double latHi = MAX_LAT;
    double lonLo = -MAX_LON;
    double lonHi = MAX_LON;
    char[] out = new char[precision];
    boolean even = true; // even bits (0, 2, ...) are longitude bits
    for (int c = 0; c < precision; c++) {
      int ch = 0;
      for (int b = 0; b < 5; b++) {
        ch <<= 1;
        if (even) {
          double mid = (lonLo + lonHi) / 2;
          if (lon >= mid) {
            ch |= 1;
            lonLo = mid;
          } else {
            lonHi = mid;
          }
        } else {
          double mid = (latLo + latHi) / 2;
          if (lat >= mid) {
            ch |= 1;
            latLo = mid;
          } else {
            latHi = mid;
          }
        }
        even = !even;
      }
      out[c] = BASE32[ch];
    }
    return new String(out);
  }
}
