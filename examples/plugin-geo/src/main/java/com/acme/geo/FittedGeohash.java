package com.acme.geo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fitted {@link Geohash}: nothing learned, only the parameters and which input is the latitude. The batch and
 * the record path both go through {@link #hash}, so they give the same strings.
 */
final class FittedGeohash implements RecordTransform {
  private final StepContext context;
  private final Geohash params;
  private final int latIndex;
  private final int lonIndex;
  private final List<OutputColumn> outputs;

  private FittedGeohash(StepContext context, Geohash params, int latIndex, int lonIndex) {
    this.context = context;
    this.params = params;
    this.latIndex = latIndex;
    this.lonIndex = lonIndex;
    Field lat = context.inputs().field(latIndex);
    Field lon = context.inputs().field(lonIndex);
    Set<String> tags = new LinkedHashSet<>(lat.tags());
    tags.addAll(lon.tags());
    this.outputs = List.of(new OutputColumn(Field.of(params.output(), ColumnType.STRING).withTags(tags),
        List.of(lat.name(), lon.name())));
  }

  /** Checks the inputs and resolves which is the latitude and which the longitude. */
  static FittedGeohash create(Geohash params, StepContext context) {
    params.check(context);
    List<String> names = context.inputs().names();
    int lat;
    int lon;
    if (params.lat() != null) {
      lat = names.indexOf(params.lat());
      lon = params.lon() != null ? names.indexOf(params.lon()) : 1 - lat;
    } else if (params.lon() != null) {
      lon = names.indexOf(params.lon());
      lat = 1 - lon;
    } else {
      lat = 0;
      lon = 1;
    }
    return new FittedGeohash(context, params, lat, lon);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame inputs) {
    DoubleColumn lat = (DoubleColumn) inputs.column(latIndex);
    DoubleColumn lon = (DoubleColumn) inputs.column(lonIndex);
    int rows = inputs.rowCount();
    StringColumn.Builder out = StringColumn.builder(rows);
    for (int r = 0; r < rows; r++) {
      out.add(hash(lat.isNull(r) ? Double.NaN : lat.getDouble(r), lon.isNull(r) ? Double.NaN : lon.getDouble(r),
          "row " + r));
    }
    return List.of(out.build());
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    return new Object[] {hash(toDouble(inputs[latIndex]), toDouble(inputs[lonIndex]), "the record")};
  }

  private static double toDouble(Object v) {
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  /** The geohash of one point; null when a coordinate is missing (NaN) or, under {@code invalid: null}, invalid. */
  private String hash(double lat, double lon, String where) {
    if (Double.isNaN(lat) || Double.isNaN(lon)) {
      return null;
    }
    boolean latOk = GeohashCodec.inRange(lat, GeohashCodec.MAX_LAT);
    boolean lonOk = GeohashCodec.inRange(lon, GeohashCodec.MAX_LON);
    if (latOk && lonOk) {
      return GeohashCodec.encode(lat, lon, params.precision());
    }
    if (params.invalid() == Geohash.Invalid.NULL) {
      return null;
    }
    Field f = context.inputs().field(latOk ? lonIndex : latIndex);
    throw new ValidationException("step '" + context.stepName() + "' (acme.geohash): " + (latOk ? "longitude"
        : "latitude") + " column '" + f.name() + "' has " + (f.isPii() ? "a value" : String.valueOf(latOk ? lon : lat))
        + " at " + where + ", outside " + (latOk ? "[-180, 180]" : "[-90, 90]")
        + "; fix the data, or set invalid: null to give a missing geohash");
  }

  @Override
  public JsonNode state() {
    return StateJson.object(); // everything is in the parameters and the input schema
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }
}
