package com.acme.geo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.ColumnType;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;

/**
 * The {@code acme.geohash} step: replaces a latitude and a longitude column (DOUBLE, degrees) by one STRING column
 * holding the <a href="https://en.wikipedia.org/wiki/Geohash">geohash</a> of each point at {@code precision}
 * characters (1 to 12; 5 is a cell of about 4.9 km x 4.9 km, 7 about 153 m x 153 m at the equator). The output
 * can then be one-hot encoded or hashed by a later step.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.builder()
 *     .step("geo", Columns.names("lat", "lon"), Geohash.of(5))
 *     .step("cell", Columns.names("geohash"), OneHot.of().withHandleUnknown(OneHot.HandleUnknown.IGNORE))
 *     .build();
 * // in a spec: {"name": "geo", "type": "acme.geohash@1", "columns": ["lat", "lon"],
 * //             "params": {"precision": 5, "output": "cell", "invalid": "null"}}
 * }</pre>
 *
 * <ul>
 *   <li>Inputs: exactly two DOUBLE columns. {@code lat} and {@code lon} name which is which; by default the first
 *       selected column is the latitude and the second the longitude.
 *   <li>Missing values: a null (or NaN) latitude or longitude gives a null geohash.
 *   <li>Invalid values: a latitude outside [-90, 90] or a longitude outside [-180, 180] (infinities included) is
 *       an error naming the step, column and row ({@code invalid: error}, the default) or gives a null geohash
 *       ({@code invalid: null}).
 *   <li>Output: one STRING column named {@code output} (default {@code geohash}) carrying the tags of both inputs,
 *       so a geohash of {@code pii} coordinates is {@code pii} too.
 * </ul>
 *
 * <p>Nothing is learned ({@link #needsData()} is false), so the step costs a pipeline no pass over the data.
 *
 * @param lat the input column holding the latitude, or null for the first input
 * @param lon the input column holding the longitude, or null for the second input
 * @param precision the geohash length, 1 to 12; required
 * @param output the output column's name; default {@code geohash}
 * @param invalid what an out-of-range coordinate gives; default {@code error}
 */
public record Geohash(String lat, String lon, Integer precision, String output, Invalid invalid)
    implements Transform {
  /** The longest geohash: 60 bits, a cell of about 3.7 cm x 1.9 cm. */
  public static final int MAX_PRECISION = 12;

  /** What an out-of-range coordinate gives. */
  public enum Invalid {
    /** A ValidationException naming the step, column and row. */
    @JsonProperty("error") ERROR,
    /** A null geohash, as for a missing coordinate. */
    @JsonProperty("null") NULL
  }

  /** Checks the parameters and fills in the defaults. */
  public Geohash {
    if (precision == null) {
      throw new ValidationException("acme.geohash: precision is missing; give the geohash length, 1 to "
          + MAX_PRECISION + " (for example 5, a cell of about 5 km)");
    }
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new ValidationException("acme.geohash: precision is " + precision + "; it must be 1 to "
          + MAX_PRECISION + " characters (12 is already a cell of a few centimetres)");
    }
    output = output == null ? "geohash" : output;
    if (output.isBlank()) {
      throw new ValidationException("acme.geohash: output is blank; name the output column or leave it out for"
          + " 'geohash'");
    }
    invalid = invalid == null ? Invalid.ERROR : invalid;
    if (lat != null && lat.equals(lon)) {
      throw new ValidationException("acme.geohash: lat and lon are both '" + lat + "'; name two different columns");
    }
  }

  /** A geohash of {@code precision} characters of the first (latitude) and second (longitude) input. */
  public static Geohash of(int precision) {
    return new Geohash(null, null, precision, null, null);
  }

  /** This step reading the latitude from {@code lat} and the longitude from {@code lon}. */
  public Geohash withColumns(String lat, String lon) {
    return new Geohash(lat, lon, precision, output, invalid);
  }

  /** This step writing its output to a column named {@code output}. */
  public Geohash withOutput(String output) {
    return new Geohash(lat, lon, precision, output, invalid);
  }

  /** This step with another policy for out-of-range coordinates. */
  public Geohash withInvalid(Invalid invalid) {
    return new Geohash(lat, lon, precision, output, invalid);
  }

  /**
   * The geohash of a point: {@code encode(57.64911, 10.40744, 11)} is {@code "u4pruydqqvj"}.
   *
   * @throws IllegalArgumentException if the point is out of range or NaN, or the precision is not 1 to 12
   */
  public static String encode(double latitude, double longitude, int precision) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException("precision is " + precision + "; it must be 1 to " + MAX_PRECISION);
    }
    if (!GeohashCodec.inRange(latitude, GeohashCodec.MAX_LAT) || !GeohashCodec.inRange(longitude,
        GeohashCodec.MAX_LON)) {
      throw new IllegalArgumentException("(" + latitude + ", " + longitude + ") is not a point: latitude must be in"
          + " [-90, 90] and longitude in [-180, 180]");
    }
    return GeohashCodec.encode(latitude, longitude, precision);
  }

  @Override
  public TransformType<Geohash> type() {
    return GeohashType.INSTANCE;
  }

  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Fitter fitter(StepContext context) {
    FittedGeohash fitted = FittedGeohash.create(this, context);
    return Fitter.of(() -> fitted);
  }

  /** Checks the step's inputs: two DOUBLE columns, holding {@code lat} and {@code lon} when they are named. */
  void check(StepContext context) {
    if (context.inputs().size() != 2) {
      throw new ValidationException("step '" + context.stepName() + "' (acme.geohash) selects "
          + context.inputs().size() + " columns " + context.inputs().names()
          + "; it takes exactly two, the latitude and the longitude");
    }
    context.requireTypes(ColumnType.DOUBLE);
    for (String name : new String[] {lat, lon}) {
      if (name != null && !context.inputs().names().contains(name)) {
        throw new ValidationException("step '" + context.stepName() + "' (acme.geohash): column '" + name
            + "' is not among its inputs " + context.inputs().names() + "; select it, or fix lat/lon");
      }
    }
  }
}
