package dev.mlops.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Json;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parquet files written by pandas and pyarrow (several codecs, page versions and types, and Spark's legacy
 * INT96 timestamps) read as pandas wrote them, and the file our writer makes is the one pandas was shown to
 * read. The files, the expected values and the evidence come from {@code parquet/make_interop.py}, run once by
 * hand: these tests need no Python.
 */
class ParquetInteropTest {

  @Test
  void readsWhatPandasAndPyarrowWroteWithTheValuesTheyWrote() throws Exception {
    JsonNode expected = Json.parseTree(Files.readString(resource("expected.json"), StandardCharsets.UTF_8),
        "expected.json");
    List<String> files = new ArrayList<>();
    expected.fieldNames().forEachRemaining(files::add);
    assertEquals(List.of("pandas_people.parquet", "pyarrow_types_gzip_v2.parquet", "pyarrow_types_plain.parquet",
        "spark_style_int96.parquet"), files);
    for (String name : files) {
      Frame f = ParquetFramesTest.readAll(resource(name), 1000);
      JsonNode columns = expected.get(name);
      assertEquals(columns.size(), f.columnCount(), name);
      for (Map.Entry<String, JsonNode> e : columns.properties()) {
        String where = name + " column " + e.getKey();
        Field field = f.schema().field(e.getKey());
        assertEquals(ColumnType.valueOf(e.getValue().get("type").asText()), field.type(), where);
        assertEquals(e.getValue().get("nullable").asBoolean(), field.nullable(), where);
        assertValues(e.getValue().get("values"), f.column(e.getKey()), where);
      }
    }
  }

  @Test
  void readsSparkStyleFilesInBatchesThatDoNotSpanRowGroups() throws Exception {
    List<Integer> sizes = new ArrayList<>();
    try (FrameSource in = ParquetFrames.read(resource("spark_style_int96.parquet"), 700)) {
      while (in.hasNext()) {
        sizes.add(in.next().rowCount());
      }
    }
    assertEquals(List.of(700, 300, 700, 300, 500), sizes);
  }

  @Test
  void refusesANestedColumnNamingIt() throws Exception {
    ValidationException e = assertThrows(ValidationException.class,
        () -> ParquetFrames.read(resource("unsupported_list.parquet"), 10));
    assertTrue(e.getMessage().startsWith("column 'tags' of Parquet file ") && e.getMessage().contains("nested"),
        e.getMessage());
  }

  @Test
  void refusesPlainBinaryNamingTheColumnAndType() throws Exception {
    ValidationException e = assertThrows(ValidationException.class,
        () -> ParquetFrames.read(resource("unsupported_binary.parquet"), 10));
    assertTrue(e.getMessage().startsWith("column 'blob' of Parquet file ")
        && e.getMessage().contains("is Parquet type binary, which MLOps Commons cannot read"), e.getMessage());
  }

  @Test
  void refusesACodecThatNeedsNativeCodeSayingWhichCanBeRead() throws Exception {
    ValidationException e = assertThrows(ValidationException.class,
        () -> ParquetFrames.read(resource("unsupported_zstd.parquet"), 10));
    assertTrue(e.getMessage().contains("column 'x' of Parquet file") && e.getMessage().contains("ZSTD")
        && e.getMessage().contains("SNAPPY"), e.getMessage());
  }

  @Test
  void writesExactlyTheFileThatPandasWasShownToRead() throws Exception {
    ByteArrayOutputStream now = new ByteArrayOutputStream();
    ParquetFixtures.writeEveryType(now);
    assertArrayEquals(Files.readAllBytes(resource("written_by_mlops.parquet")), now.toByteArray(),
        "our writer's output changed: run ParquetFixtures.main to rewrite written_by_mlops.parquet, then "
            + "make_interop.py to check it with pandas again, and commit both");
    String evidence = Files.readString(resource("written_by_mlops.read_by_pandas.txt"), StandardCharsets.UTF_8);
    assertTrue(evidence.contains("seen: timestamp[us, tz=UTC]") && evidence.contains("codecs: SNAPPY"), evidence);
    assertEquals(ParquetFixtures.everyType(), ParquetFramesTest.readAll(resource("written_by_mlops.parquet"), 4));
  }

  private static void assertValues(JsonNode values, Column column, String where) {
    assertEquals(values.size(), column.size(), where);
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      String at = where + " row " + i;
      if (v.isNull()) {
        assertTrue(column.isNull(i), at + " should be null");
        continue;
      }
      assertFalse(column.isNull(i), at + " should not be null");
      switch (column.type()) {
        case LONG -> assertEquals(v.asLong(), (long) (Long) column.get(i), at);
        case DOUBLE -> assertEquals(0, Double.compare(pythonDouble(v.asText()), (Double) column.get(i)),
            at + ": " + v.asText() + " vs " + column.get(i));
        case BOOLEAN -> assertEquals(v.asBoolean(), column.get(i), at);
        case STRING -> assertEquals(v.asText(), column.get(i), at);
        case TIMESTAMP -> assertEquals(v.asLong(), ((TimestampColumn) column).getMicros(i), at);
      }
    }
  }

  private static double pythonDouble(String repr) {
    return switch (repr) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(repr);
    };
  }

  private static Path resource(String name) throws IOException {
    try {
      return Path.of(ParquetInteropTest.class.getResource("/parquet/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("test resource parquet/" + name + " is missing", e);
    }
  }
}
