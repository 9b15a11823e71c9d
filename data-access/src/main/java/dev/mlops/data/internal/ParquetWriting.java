package dev.mlops.data.internal;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes frames as one Parquet file with parquet-java's low-level writer (file writer, page store, column
 * writers), which needs neither Hadoop classes nor a Hadoop configuration. Not API; see {@link ParquetFrames}.
 */
final class ParquetWriting {
  /** How many rows go by between checks of the buffered size (a check sums over all columns). */
  private static final int SIZE_CHECK_ROWS = 4096;

  private final Schema schema;
  private final MessageType parquetSchema;
  private final List<ColumnDescriptor> descriptors;
  private final ParquetProperties props;
  private final ParquetFileWriter file;
  private final long rowGroupBytes;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private ColumnWriter[] writers;
  private long rowsInGroup;

  private ParquetWriting(Schema schema, OutputStream out, long rowGroupBytes) throws IOException {
    this.schema = schema;
    this.parquetSchema = ParquetSchemas.toParquet(schema);
    this.descriptors = parquetSchema.getColumns();
    this.rowGroupBytes = rowGroupBytes;
    this.props = ParquetProperties.builder().withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0).build();
    this.file = new ParquetFileWriter(new StreamOutputFile(out), parquetSchema, ParquetFileWriter.Mode.CREATE,
        rowGroupBytes, 0, props.getColumnIndexTruncateLength(), props.getStatisticsTruncateLength(),
        props.getPageWriteChecksumEnabled(), (FileEncryptionProperties) null);
  }

  static void write(Schema schema, Iterator<Frame> batches, OutputStream out, long rowGroupBytes)
      throws IOException {
    ParquetWriting w = new ParquetWriting(schema, out, rowGroupBytes);
    boolean done = false;
    try {
      w.file.start();
      w.startGroup();
      while (batches.hasNext()) {
        w.append(batches.next());
      }
      w.flushGroup();
      w.file.end(Map.of(ParquetFrames.SCHEMA_KEY, ParquetSchemas.toJson(schema)));
      done = true;
    } finally {
      if (!done) {
        w.closeStores();
        w.file.abort();
      }
    }
    out.flush();
  }

  private void startGroup() {
    BytesInputCompressor compressor = new SnappyCompressor();
    pages = ColumnChunkPageWriteStore.builder().withSchema(parquetSchema).withAllocator(props.getAllocator())
        .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
        .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
        .withCompressorProvider(d -> compressor).build();
    columns = props.newColumnWriteStore(parquetSchema, pages, pages);
    writers = new ColumnWriter[descriptors.size()];
    for (int c = 0; c < writers.length; c++) {
      writers[c] = columns.getColumnWriter(descriptors.get(c));
    }
    rowsInGroup = 0;
  }

  private void flushGroup() throws IOException {
    if (rowsInGroup > 0) {
      file.startBlock(rowsInGroup);
      columns.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
    }
    closeStores();
  }

  private void closeStores() {
    if (columns != null) {
      columns.close();
      columns = null;
    }
    if (pages != null) {
      pages.close();
      pages = null;
    }
  }

  private void append(Frame batch) throws IOException {
    if (!batch.schema().equals(schema)) {
      throw new ValidationException("a batch has schema " + batch.schema() + " but the Parquet file is being "
          + "written with " + schema + "; give every batch the schema passed to write");
    }
    ValueWriter[] values = new ValueWriter[batch.columnCount()];
    for (int c = 0; c < values.length; c++) {
      values[c] = valueWriter(batch.column(c), schema.field(c).nullable() ? 1 : 0);
    }
    int rows = batch.rowCount();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < values.length; c++) {
        values[c].write(writers[c], r);
      }
      columns.endRecord();
      rowsInGroup++;
      if (rowsInGroup % SIZE_CHECK_ROWS == 0 && columns.getBufferedSize() >= rowGroupBytes) {
        flushGroup();
        startGroup();
      }
    }
  }

  /** Writes one row of one column to a column writer. */
  private interface ValueWriter {
    void write(ColumnWriter w, int row);
  }

  private static ValueWriter valueWriter(Column column, int definedLevel) {
    return switch (column.type()) {
      case DOUBLE -> {
        DoubleColumn d = (DoubleColumn) column;
        yield (w, r) -> {
          if (d.isNull(r)) {
            w.writeNull(0, 0);
          } else {
            w.write(d.getDouble(r), 0, definedLevel);
          }
        };
      }
      case LONG -> {
        LongColumn l = (LongColumn) column;
        yield (w, r) -> {
          if (l.isNull(r)) {
            w.writeNull(0, 0);
          } else {
            w.write(l.getLong(r), 0, definedLevel);
          }
        };
      }
      case BOOLEAN -> {
        BooleanColumn b = (BooleanColumn) column;
        yield (w, r) -> {
          if (b.isNull(r)) {
            w.writeNull(0, 0);
          } else {
            w.write(b.getBoolean(r), 0, definedLevel);
          }
        };
      }
      case STRING -> {
        StringColumn s = (StringColumn) column;
        Binary[] dictionary = new Binary[s.dictionarySize()];
        yield (w, r) -> {
          int code = s.code(r);
          if (code < 0) {
            w.writeNull(0, 0);
          } else {
            Binary v = dictionary[code];
            if (v == null) {
              v = Binary.fromString(s.getString(r));
              dictionary[code] = v;
            }
            w.write(v, 0, definedLevel);
          }
        };
      }
      case TIMESTAMP -> {
        TimestampColumn t = (TimestampColumn) column;
        yield (w, r) -> {
          if (t.isNull(r)) {
            w.writeNull(0, 0);
          } else {
            w.write(t.getMicros(r), 0, definedLevel);
          }
        };
      }
    };
  }

  /** Compresses pages with our pure-Java {@link Snappy}. */
  private static final class SnappyCompressor implements BytesInputCompressor {
    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      Bytes raw = Bytes.of(bytes);
      return BytesInput.from(Snappy.compress(raw.array(), raw.length()));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.SNAPPY;
    }

    @Override
    public void release() {}
  }

  /**
   * An {@link OutputFile} over a caller's stream: counts the position parquet-java needs, and on close flushes
   * but leaves the stream open for its owner to close.
   */
  private static final class StreamOutputFile implements OutputFile {
    private final OutputStream out;

    StreamOutputFile(OutputStream out) {
      this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return new PositionOutputStream() {
        private long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          pos += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.flush();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return "stream";
    }
  }
}
