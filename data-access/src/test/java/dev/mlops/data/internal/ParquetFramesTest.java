package dev.mlops.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFramesTest {
  @TempDir Path dir;

  @Test
  void isAvailableWhenParquetJavaIsOnTheClassPath() {
    assertTrue(ParquetFrames.available());
  }

  @Test
  void pinnedVersionIsTheOneOnTheClassPath() {
    assertEquals(ParquetFrames.PARQUET_VERSION, org.apache.parquet.Version.VERSION_NUMBER);
    assertTrue(ParquetFrames.MISSING_DEPENDENCY.contains(
        "org.apache.parquet:parquet-hadoop:" + ParquetFrames.PARQUET_VERSION));
  }

  @Test
  void roundTripsEveryTypeWithNullsNullabilityAndTags() throws IOException {
    Frame f = ParquetFixtures.everyType();
    Path file = write(f.schema(), List.of(f));
    Frame back = readAll(file, 1000);
    assertEquals(f.schema(), back.schema());
    assertEquals(f, back);
    assertEquals(Arrays.asList("pii", "source:crm"), List.copyOf(back.schema().field("email").tags()));
    assertFalse(back.schema().field("id").nullable());
    assertTrue(back.isNull(2, "seen"));
    assertTrue(Double.isNaN(back.getDouble(1, "score")));
  }

  @Test
  void writesTheSchemaTypedForOtherReadersAndKeepsOursInTheMetadata() throws IOException {
    Frame f = ParquetFixtures.everyType();
    ParquetMetadata footer = footer(write(f.schema(), List.of(f)));
    MessageType t = footer.getFileMetaData().getSchema();
    assertEquals(PrimitiveType.PrimitiveTypeName.INT64, t.getType("id").asPrimitiveType().getPrimitiveTypeName());
    assertTrue(t.getType("id").isRepetition(Type.Repetition.REQUIRED));
    assertTrue(t.getType("score").isRepetition(Type.Repetition.OPTIONAL));
    assertEquals(PrimitiveType.PrimitiveTypeName.DOUBLE, t.getType("score").asPrimitiveType().getPrimitiveTypeName());
    assertEquals(PrimitiveType.PrimitiveTypeName.BOOLEAN, t.getType("active").asPrimitiveType().getPrimitiveTypeName());
    assertEquals(LogicalTypeAnnotation.stringType(), t.getType("email").getLogicalTypeAnnotation());
    assertEquals(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
        t.getType("seen").getLogicalTypeAnnotation());
    for (BlockMetaData b : footer.getBlocks()) {
      for (ColumnChunkMetaData c : b.getColumns()) {
        assertEquals(CompressionCodecName.SNAPPY, c.getCodec());
      }
    }
    String json = footer.getFileMetaData().getKeyValueMetaData().get(ParquetFrames.SCHEMA_KEY);
    assertEquals(ParquetSchemas.toJson(f.schema()), json);
    assertTrue(json.contains("\"tags\":[\"pii\",\"source:crm\"]"), json);
  }

  @Test
  void writesTheSameBytesForTheSameData() throws IOException {
    Frame f = ParquetFixtures.everyType();
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ParquetFrames.write(f.schema(), List.of(f).iterator(), a);
    ParquetFrames.write(f.schema(), List.of(f.slice(0, 2), f.slice(2, 6)).iterator(), b);
    assertArrayEquals(a.toByteArray(), b.toByteArray());
  }

  @Test
  void leavesTheCallersStreamOpen() throws IOException {
    Frame f = ParquetFixtures.everyType();
    boolean[] closed = {false};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        bytes.write(b);
      }

      @Override
      public void close() {
        closed[0] = true;
      }
    };
    ParquetFrames.write(f.schema(), List.of(f).iterator(), out);
    assertFalse(closed[0]);
    assertTrue(bytes.size() > 0);
  }

  @Test
  void writesAFileWithNoRowsWhenThereAreNoBatches() throws IOException {
    Schema s = ParquetFixtures.everyType().schema();
    Path file = write(s, List.of());
    try (FrameSource in = ParquetFrames.read(file, 10)) {
      assertEquals(s, in.schema());
      assertFalse(in.hasNext());
      assertEquals(Frame.empty(s), in.readAll());
    }
    assertEquals(0, footer(file).getBlocks().size());
  }

  @Test
  void writesAFileWithNoRowsFromEmptyBatches() throws IOException {
    Frame empty = Frame.empty(ParquetFixtures.everyType().schema());
    Path file = write(empty.schema(), List.of(empty, empty));
    assertEquals(empty, readAll(file, 10));
  }

  @Test
  void streamsManyBatchesIntoManyRowGroupsAndBackInBatchesOfTheAskedSize() throws IOException {
    Path file = dir.resolve("many.parquet");
    Schema s = new Schema(ParquetFixtures.generatedSchemaFields());
    try (OutputStream out = Files.newOutputStream(file)) {
      ParquetFrames.write(s, ParquetFixtures.generated(200_000, 7_777), out, 256 << 10);
    }
    assertTrue(footer(file).getBlocks().size() > 3, "row groups: " + footer(file).getBlocks().size());
    List<Frame> batches = new ArrayList<>();
    try (FrameSource in = ParquetFrames.read(file, 10_000)) {
      while (in.hasNext()) {
        Frame b = in.next();
        assertTrue(b.rowCount() > 0 && b.rowCount() <= 10_000, "batch of " + b.rowCount());
        batches.add(b);
      }
    }
    assertTrue(batches.size() >= 20);
    List<Frame> expected = new ArrayList<>();
    ParquetFixtures.generated(200_000, 50_000).forEachRemaining(expected::add);
    assertEquals(Frame.concat(expected), Frame.concat(batches));
  }

  @Test
  void streamsDataLargerThanARowGroupWithoutHoldingIt() throws IOException {
    long rows = 1_500_000;
    Path file = dir.resolve("large.parquet");
    Schema s = new Schema(ParquetFixtures.generatedSchemaFields());
    try (OutputStream out = Files.newOutputStream(file)) {
      ParquetFrames.write(s, ParquetFixtures.generated(rows, 100_000), out, 4 << 20);
    }
    ParquetMetadata footer = footer(file);
    assertTrue(footer.getBlocks().size() >= 3, "row groups: " + footer.getBlocks().size());
    long seen = 0;
    long idSum = 0;
    long nulls = 0;
    int[] labels = new int[100];
    try (FrameSource in = ParquetFrames.read(file, 65_536)) {
      while (in.hasNext()) {
        Frame b = in.next();
        for (int i = 0; i < b.rowCount(); i++) {
          long id = b.getLong(i, "id");
          assertEquals(seen + i, id);
          idSum += id;
          if (b.isNull(i, "x")) {
            nulls++;
          } else {
            assertEquals(id * 0.25, b.getDouble(i, "x"));
          }
          labels[Integer.parseInt(b.getString(i, "label").substring(6))]++;
        }
        seen += b.rowCount();
      }
    }
    assertEquals(rows, seen);
    assertEquals(rows * (rows - 1) / 2, idSum);
    assertEquals((rows + 12) / 13, nulls);
    for (int l : labels) {
      assertEquals(rows / 100, l);
    }
  }

  @Test
  void rejectsABatchWithAnotherSchema() {
    Frame f = ParquetFixtures.everyType();
    Frame other = f.drop("kind");
    ValidationException e = assertThrows(ValidationException.class,
        () -> ParquetFrames.write(f.schema(), List.of(f, other).iterator(), new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("a batch has schema"), e.getMessage());
  }

  @Test
  void rejectsABatchSizeBelowOne() throws IOException {
    Path file = write(ParquetFixtures.everyType().schema(), List.of());
    ValidationException e = assertThrows(ValidationException.class, () -> ParquetFrames.read(file, 0));
    assertEquals("batchRows is 0; it must be at least 1", e.getMessage());
  }

  @Test
  void saysSoForAMissingFile() {
    Path missing = dir.resolve("nope.parquet");
    NotFoundException e = assertThrows(NotFoundException.class, () -> ParquetFrames.read(missing, 10));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void saysSoForAFileThatIsNotParquet() throws IOException {
    Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n3,4\n5,6\n");
    ValidationException e = assertThrows(ValidationException.class, () -> ParquetFrames.read(csv, 10));
    assertTrue(e.getMessage().contains("is not a Parquet file"), e.getMessage());
  }

  @Test
  void saysSoForAFileCutShort() throws IOException {
    Frame f = ParquetFixtures.everyType();
    Path file = write(f.schema(), List.of(f));
    byte[] all = Files.readAllBytes(file);
    Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(all, all.length - 20));
    ValidationException e = assertThrows(ValidationException.class, () -> ParquetFrames.read(cut, 10));
    assertTrue(e.getMessage().contains("is not a Parquet file"), e.getMessage());
  }

  @Test
  void saysWhichPageIsCorruptWhenCompressedDataIsDamaged() throws IOException {
    Frame f = ParquetFixtures.everyType();
    Path file = write(f.schema(), List.of(f));
    byte[] all = Files.readAllBytes(file);
    ColumnChunkMetaData email = footer(file).getBlocks().get(0).getColumns().get(4);
    long start = email.getStartingPos();
    // Overwrite the chunk's pages after their first few header bytes with 0xFF: headers or Snappy data break.
    for (long p = start + 4; p < start + email.getTotalSize(); p++) {
      all[(int) p] = (byte) 0xFF;
    }
    Path damaged = Files.write(dir.resolve("damaged.parquet"), all);
    dev.mlops.core.IntegrityException e = assertThrows(dev.mlops.core.IntegrityException.class, () -> {
      try (FrameSource in = ParquetFrames.read(damaged, 10)) {
        in.readAll();
      }
    });
    assertTrue(e.getMessage().contains("column 'email'") && e.getMessage().contains("is corrupt"), e.getMessage());
  }

  @Test
  void detectsAChangedByteInAPageByItsChecksum() throws IOException {
    Frame f = ParquetFixtures.everyType();
    Path file = write(f.schema(), List.of(f));
    byte[] all = Files.readAllBytes(file);
    ColumnChunkMetaData weight = footer(file).getBlocks().get(0).getColumns().get(6);
    int last = (int) (weight.getStartingPos() + weight.getTotalSize() - 1);
    all[last] ^= 0x01;
    Path damaged = Files.write(dir.resolve("flipped.parquet"), all);
    dev.mlops.core.IntegrityException e = assertThrows(dev.mlops.core.IntegrityException.class, () -> {
      try (FrameSource in = ParquetFrames.read(damaged, 10)) {
        in.readAll();
      }
    });
    assertTrue(e.getMessage().contains("column 'weight'") && e.getMessage().contains("CRC-32"), e.getMessage());
  }

  @Test
  void refusesSchemaMetadataOfAnUnknownVersion() {
    MessageType t = ParquetSchemas.toParquet(Schema.of(Field.of("x", ColumnType.DOUBLE)));
    String json = "{\"fields\":[],\"version\":2}";
    ValidationException e = assertThrows(ValidationException.class,
        () -> ParquetSchemas.fromParquet(t, Map.of(ParquetFrames.SCHEMA_KEY, json), "f.parquet"));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void takesTypesFromTheFileAndTagsFromTheMetadataByName() {
    Schema written = Schema.of(Field.of("x", ColumnType.LONG).withTags("pii"), Field.of("y", ColumnType.STRING));
    MessageType rewritten = ParquetSchemas.toParquet(
        Schema.of(Field.of("y", ColumnType.STRING), Field.of("x", ColumnType.DOUBLE).withNullable(false)));
    Schema read = ParquetSchemas.schemaOf(ParquetSchemas.fromParquet(rewritten,
        Map.of(ParquetFrames.SCHEMA_KEY, ParquetSchemas.toJson(written)), "f.parquet"));
    assertEquals(Schema.of(Field.of("y", ColumnType.STRING),
        Field.of("x", ColumnType.DOUBLE).withNullable(false).withTags("pii")), read);
  }

  @Test
  void readsFilesWithoutOurMetadataByTheirParquetTypes() throws IOException {
    Frame f = ParquetFixtures.everyType();
    Path file = write(f.schema(), List.of(f));
    ParquetMetadata footer = footer(file);
    Schema read = ParquetSchemas.schemaOf(ParquetSchemas.fromParquet(footer.getFileMetaData().getSchema(),
        Collections.emptyMap(), "f.parquet"));
    List<Field> untagged = new ArrayList<>();
    for (Field fl : f.schema().fields()) {
      untagged.add(fl.withTags(List.of()));
    }
    assertEquals(new Schema(untagged), read);
  }

  private Path write(Schema schema, List<Frame> batches) throws IOException {
    Path file = Files.createTempFile(dir, "frames", ".parquet");
    try (OutputStream out = Files.newOutputStream(file)) {
      ParquetFrames.write(schema, batches.iterator(), out);
    }
    return file;
  }

  static Frame readAll(Path file, int batchRows) {
    try (FrameSource in = ParquetFrames.read(file, batchRows)) {
      return in.readAll();
    }
  }

  static ParquetMetadata footer(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int length = ByteBuffer.wrap(all, all.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return new ParquetMetadataConverter().readParquetMetadata(
        new ByteArrayInputStream(all, all.length - 8 - length, length), ParquetMetadataConverter.NO_FILTER);
  }
}
