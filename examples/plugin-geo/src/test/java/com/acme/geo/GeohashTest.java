package com.acme.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Columns;
import dev.mlops.preprocessing.FittedPipeline;
import dev.mlops.preprocessing.Pipeline;
import dev.mlops.preprocessing.Remainder;
import dev.mlops.preprocessing.TransformRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeohashTest {
  static final Schema SCHEMA = Schema.of(Field.of("id", ColumnType.LONG), Field.of("lat", ColumnType.DOUBLE),
      Field.of("lon", ColumnType.DOUBLE));

  static Frame points(Object[]... rows) {
    return Frame.fromRows(SCHEMA, Arrays.stream(rows).map(Arrays::asList).toList());
  }

  static Frame cities() {
    return points(new Object[] {1L, 57.64911, 10.40744}, new Object[] {2L, 42.6, -5.6},
        new Object[] {3L, null, 2.35}, new Object[] {4L, 48.8566, Double.NaN}, new Object[] {5L, 0.0, 0.0},
        new Object[] {6L, -33.8688, 151.2093});
  }

  static FittedPipeline fit(Geohash step, Frame data) {
    return Pipeline.builder().step("geo", Columns.names("lat", "lon"), step).remainder(Remainder.PASSTHROUGH)
        .build().fit(data);
  }

  @Test
  void encodesThePublishedExamples() {
    // Wikipedia, "Geohash": the point 57.64911, 10.40744 (Jutland) is u4pruydqqvj; ezs42 is the cell of 42.6, -5.6.
    assertEquals("u4pruydqqvj", Geohash.encode(57.64911, 10.40744, 11));
    assertEquals("ezs42", Geohash.encode(42.6, -5.6, 5));
    // geohash.org / python-geohash: the origin falls in the upper half of every split.
    assertEquals("s00000000000", Geohash.encode(0, 0, 12));
    assertEquals("u", Geohash.encode(57.64911, 10.40744, 1));
    // The corners of the world.
    assertEquals("zzzzzzzzzzzz", Geohash.encode(90, 180, 12));
    assertEquals("000000000000", Geohash.encode(-90, -180, 12));
  }

  @Test
  void aLongerHashRefinesTheShorterOne() {
    String full = Geohash.encode(-33.8688, 151.2093, 12);
    for (int p = 1; p < 12; p++) {
      assertEquals(full.substring(0, p), Geohash.encode(-33.8688, 151.2093, p));
    }
  }

  @Test
  void replacesTheCoordinatesByOneStringColumnWithNullsForMissingValues() {
    FittedPipeline f = fit(Geohash.of(5), cities());
    assertEquals(List.of("id", "geohash"), f.outputNames());
    assertEquals(ColumnType.STRING, f.outputSchema().field("geohash").type());
    assertEquals(Map.of("id", List.of("id"), "geohash", List.of("lat", "lon")), f.lineage());
    Frame out = f.transform(cities());
    assertEquals("u4pru", out.getString(0, "geohash"));
    assertEquals("ezs42", out.getString(1, "geohash"));
    assertTrue(out.isNull(2, "geohash"), "a null latitude gives null");
    assertTrue(out.isNull(3, "geohash"), "a NaN longitude is missing too");
    assertEquals("s0000", out.getString(4, "geohash"));
  }

  @Test
  void latAndLonNameTheColumnsInEitherOrderAndOutputRenames() {
    Frame swapped = cities().select("id", "lon", "lat");
    FittedPipeline f = Pipeline.builder()
        .step("geo", Columns.names("lon", "lat"), Geohash.of(11).withColumns("lat", null).withOutput("cell"))
        .build().fit(swapped);
    assertEquals(List.of("cell"), f.outputNames());
    assertEquals("u4pruydqqvj", f.transform(swapped).getString(0, "cell"));
    FittedPipeline g = Pipeline.builder()
        .step("geo", Columns.names("lon", "lat"), Geohash.of(11).withColumns(null, "lon")).build().fit(swapped);
    assertEquals("u4pruydqqvj", g.transform(swapped).getString(0, "geohash"));
  }

  @Test
  void anOutOfRangeCoordinateIsAnErrorNamingColumnAndRowOrNull() {
    Frame bad = points(new Object[] {1L, 10.0, 20.0}, new Object[] {2L, 91.0, 20.0});
    FittedPipeline f = fit(Geohash.of(4), bad);
    ValidationException e = assertThrows(ValidationException.class, () -> f.transform(bad));
    assertTrue(e.getMessage().contains("latitude column 'lat' has 91.0 at row 1, outside [-90, 90]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("invalid: null"), e.getMessage());
    Frame badLon = points(new Object[] {1L, 10.0, Double.POSITIVE_INFINITY});
    ValidationException e2 = assertThrows(ValidationException.class, () -> f.transform(badLon));
    assertTrue(e2.getMessage().contains("longitude column 'lon' has Infinity at row 0"), e2.getMessage());

    FittedPipeline lenient = fit(Geohash.of(4).withInvalid(Geohash.Invalid.NULL), bad);
    Frame out = lenient.transform(bad);
    assertFalse(out.isNull(0, "geohash"));
    assertTrue(out.isNull(1, "geohash"));
  }

  @Test
  void aPiiCoordinateIsNotShownInTheMessageAndTheOutputIsPiiToo() {
    Schema s = Schema.of(Field.of("lat", ColumnType.DOUBLE).withTags(Field.PII), Field.of("lon", ColumnType.DOUBLE));
    Frame bad = Frame.fromRows(s, List.of(List.of(123.456, 1.0)));
    FittedPipeline f = Pipeline.builder().step("geo", Columns.names("lat", "lon"), Geohash.of(4)).build()
        .fit(Frame.fromRows(s, List.of(List.of(1.0, 1.0))));
    assertEquals(Set.of(Field.PII), f.outputSchema().field("geohash").tags());
    ValidationException e = assertThrows(ValidationException.class, () -> f.transform(bad));
    assertTrue(e.getMessage().contains("has a value at row 0"), e.getMessage());
    assertFalse(e.getMessage().contains("123.456"), e.getMessage());
  }

  @Test
  void theRecordPathGivesTheSameStringsAsTheBatch() {
    FittedPipeline f = fit(Geohash.of(9), cities());
    Frame in = cities();
    Frame out = f.transform(in);
    for (int r = 0; r < in.rowCount(); r++) {
      Map<String, Object> rec = new HashMap<>();
      for (String c : SCHEMA.names()) {
        rec.put(c, in.get(r, c));
      }
      assertEquals(out.get(r, "geohash"), f.transformRecordValues(rec).get("geohash"), "row " + r);
    }
    Map<String, Object> bad = new HashMap<>(Map.of("id", 9L, "lat", 0.0, "lon", 181.0));
    ValidationException e = assertThrows(ValidationException.class, () -> f.transformRecordValues(bad));
    assertTrue(e.getMessage().contains("longitude column 'lon' has 181.0 at the record"), e.getMessage());
  }

  @Test
  void isFoundByServiceLoaderAndRoundTripsThroughTheSavedForm() {
    TransformRegistry registry = TransformRegistry.load();
    assertTrue(registry.find("acme.geohash@1") instanceof GeohashType);
    String spec = """
        {"steps": [{"name": "geo", "type": "acme.geohash@1", "columns": ["lat", "lon"],
                    "params": {"precision": 7, "output": "cell", "invalid": "null"}}],
         "remainder": "passthrough"}""";
    Pipeline p = Pipeline.fromJson(spec, registry);
    assertEquals(new Geohash(null, null, 7, "cell", Geohash.Invalid.NULL), p.steps().get(0).transform());
    FittedPipeline f = p.fit(cities());
    FittedPipeline back = FittedPipeline.fromJson(f.toJson(), registry);
    assertEquals(f.transform(cities()), back.transform(cities()));
    assertEquals(f.toJson(), back.toJson());
    assertEquals(p, Pipeline.fromJson(p.toJson(), registry), "the spec writes back the parameters it read");
  }

  @Test
  void needsNoPassOverTheData() {
    assertFalse(Geohash.of(3).needsData());
    FittedPipeline f = fit(Geohash.of(3), Frame.empty(SCHEMA));
    assertEquals("u4p", f.transform(cities()).getString(0, "geohash"));
  }

  @Test
  void rejectsBadParametersWithAClearMessage() {
    ValidationException zero = assertThrows(ValidationException.class, () -> Geohash.of(0));
    assertEquals("acme.geohash: precision is 0; it must be 1 to 12 characters (12 is already a cell of a few"
        + " centimetres)", zero.getMessage());
    assertThrows(ValidationException.class, () -> Geohash.of(13));
    ValidationException missing = assertThrows(ValidationException.class,
        () -> new Geohash(null, null, null, null, null));
    assertTrue(missing.getMessage().contains("precision is missing"), missing.getMessage());
    assertThrows(ValidationException.class, () -> Geohash.of(5).withColumns("a", "a"));
    assertThrows(ValidationException.class, () -> Geohash.of(5).withOutput(" "));
    ValidationException inSpec = assertThrows(ValidationException.class, () -> Pipeline.fromJson(
        "{\"steps\": [{\"name\": \"geo\", \"type\": \"acme.geohash\", \"columns\": [\"lat\", \"lon\"],"
            + " \"params\": {\"precision\": 20}}]}"));
    assertTrue(inSpec.getMessage().contains("precision is 20; it must be 1 to 12"), inSpec.getMessage());
    ValidationException unknown = assertThrows(ValidationException.class, () -> Pipeline.fromJson(
        "{\"steps\": [{\"name\": \"geo\", \"type\": \"acme.geohash\", \"columns\": [\"lat\", \"lon\"],"
            + " \"params\": {\"precision\": 5, \"invalid\": \"ignore\"}}]}"));
    assertTrue(unknown.getMessage().contains("geo"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Geohash.encode(95, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> Geohash.encode(0, 0, 13));
  }

  @Test
  void rejectsBadInputsNamingTheColumnAndTypes() {
    ValidationException count = assertThrows(ValidationException.class,
        () -> Pipeline.builder().step("geo", Columns.names("id", "lat", "lon"), Geohash.of(5)).build().fit(cities()));
    assertTrue(count.getMessage().contains("selects 3 columns [id, lat, lon]; it takes exactly two"),
        count.getMessage());
    ValidationException type = assertThrows(ValidationException.class,
        () -> Pipeline.builder().step("geo", Columns.names("id", "lat"), Geohash.of(5)).build().fit(cities()));
    assertTrue(type.getMessage().contains("column 'id' is LONG but the step takes DOUBLE"), type.getMessage());
    ValidationException name = assertThrows(ValidationException.class, () -> Pipeline.builder()
        .step("geo", Columns.names("lat", "lon"), Geohash.of(5).withColumns("latitude", null)).build().fit(cities()));
    assertTrue(name.getMessage().contains("column 'latitude' is not among its inputs [lat, lon]"),
        name.getMessage());
  }

  @Test
  void aMissingCoordinateInARecordIsANullGeohash() {
    FittedPipeline f = fit(Geohash.of(5), cities());
    Map<String, Object> rec = new HashMap<>();
    rec.put("id", 1L);
    rec.put("lat", null);
    rec.put("lon", 3.0);
    assertNull(f.transformRecordValues(rec).get("geohash"));
  }
}
