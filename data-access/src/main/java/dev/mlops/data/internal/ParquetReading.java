package dev.mlops.data.internal;

import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import dev.mlops.data.internal.ParquetSchemas.ReadColumn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;

/**
 * A {@link FrameSource} over a Parquet file: reads the footer, then decodes one row group at a time with
 * parquet-java's column readers over our {@link ChunkPageReader}s. Not API; see {@link ParquetFrames}.
 */
final class ParquetReading implements FrameSource {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_FOOTER_BYTES = 256 << 20;

  private final FileChannel channel;
  private final long fileSize;
  private final String source;
  private final int batchRows;
  private final ParquetMetadataConverter converter = new ParquetMetadataConverter();
  private final MessageType fileSchema;
  private final String createdBy;
  private final List<BlockMetaData> blocks;
  private final List<ReadColumn> columns;
  private final Schema schema;
  private final ColumnReader[] readers;
  private int group = -1;
  private long rowsLeft;
  private boolean closed;

  private ParquetReading(FileChannel channel, String source, int batchRows) throws IOException {
    this.channel = channel;
    this.source = source;
    this.batchRows = batchRows;
    this.fileSize = channel.size();
    ParquetMetadata footer = readFooter();
    this.fileSchema = footer.getFileMetaData().getSchema();
    this.createdBy = footer.getFileMetaData().getCreatedBy();
    this.blocks = footer.getBlocks();
    this.columns = ParquetSchemas.fromParquet(fileSchema, footer.getFileMetaData().getKeyValueMetaData(), source);
    this.schema = ParquetSchemas.schemaOf(columns);
    this.readers = new ColumnReader[columns.size()];
    for (BlockMetaData b : blocks) {
      for (ColumnChunkMetaData c : b.getColumns()) {
        if (c.isEncrypted()) {
          throw new ValidationException(source + " is encrypted; MLOps Commons reads only plain Parquet files");
        }
        if (!ChunkPageReader.supported(c.getCodec())) {
          throw ChunkPageReader.unsupportedCodec("column '" + c.getPath().toDotString() + "' of " + source,
              c.getCodec());
        }
      }
    }
  }

  static FrameSource open(Path file, int batchRows) {
    String source = "Parquet file " + file;
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no " + source + "; check the path", e);
    } catch (IOException e) {
      throw new StorageException("cannot open " + source + ": " + e.getMessage(), e);
    }
    try {
      return new ParquetReading(channel, source, batchRows);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof MlopsException m ? m
          : new StorageException("opening " + source + " failed: " + e.getMessage(), e);
    }
  }

  private ParquetMetadata readFooter() throws IOException {
    if (fileSize < 12) {
      throw notParquet("it has only " + fileSize + " bytes");
    }
    byte[] tail = readFully(fileSize - 8, 8);
    byte[] magic = {tail[4], tail[5], tail[6], tail[7]};
    if (java.util.Arrays.equals(magic, ENCRYPTED_MAGIC)) {
      throw new ValidationException(source + " is encrypted; MLOps Commons reads only plain Parquet files");
    }
    if (!java.util.Arrays.equals(magic, MAGIC) || !java.util.Arrays.equals(readFully(0, 4), MAGIC)) {
      throw notParquet("it does not start and end with the magic bytes PAR1");
    }
    long length = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    if (length > fileSize - 12 || length > MAX_FOOTER_BYTES) {
      throw new IntegrityException(source + " is corrupt: its footer length " + length + " does not fit in its "
          + fileSize + " bytes; the file was damaged or cut short, write it again");
    }
    byte[] footer = readFully(fileSize - 8 - length, (int) length);
    try {
      return converter.readParquetMetadata(new ByteArrayInputStream(footer), ParquetMetadataConverter.NO_FILTER);
    } catch (IOException | RuntimeException e) {
      throw new IntegrityException(source + " is corrupt: its footer cannot be parsed (" + e.getMessage()
          + "); the file was damaged or cut short, write it again", e);
    }
  }

  private ValidationException notParquet(String why) {
    return new ValidationException(source + " is not a Parquet file: " + why + "; give the path of a .parquet file");
  }

  private byte[] readFully(long at, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    long p = at;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, p);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + p);
      }
      p += n;
    }
    return buf.array();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    while (rowsLeft == 0) {
      if (group + 1 >= blocks.size()) {
        return false;
      }
      group++;
      try {
        openGroup(group);
      } catch (UncheckedIOException e) {
        throw failure("reading", e.getCause());
      } catch (ParquetDecodingException e) {
        throw corrupt(e);
      }
    }
    return true;
  }

  @Override
  public Frame next() {
    if (closed) {
      throw new IllegalStateException("this FrameSource over " + source + " is closed");
    }
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows in " + source);
    }
    int n = (int) Math.min(batchRows, rowsLeft);
    try {
      List<Column> out = new ArrayList<>(columns.size());
      for (int c = 0; c < columns.size(); c++) {
        out.add(ParquetColumns.read(columns.get(c), readers[c], n, source + " (row group " + group + ")"));
      }
      rowsLeft -= n;
      return Frame.of(schema, out);
    } catch (UncheckedIOException e) {
      throw failure("reading", e.getCause());
    } catch (ParquetDecodingException e) {
      throw corrupt(e);
    }
  }

  private IntegrityException corrupt(ParquetDecodingException e) {
    return new IntegrityException(source + " is corrupt: row group " + group + " cannot be decoded ("
        + e.getMessage() + "); the file was damaged, write it again", e);
  }

  private void openGroup(int g) {
    BlockMetaData block = blocks.get(g);
    Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
    for (ColumnChunkMetaData c : block.getColumns()) {
      chunks.put(c.getPath(), c);
    }
    Map<ColumnDescriptor, PageReader> pages = new HashMap<>();
    try {
      for (ReadColumn c : columns) {
        ColumnChunkMetaData chunk = chunks.get(ColumnPath.get(c.descriptor().getPath()));
        String where = "column '" + c.field().name() + "' of " + source + " (row group " + g + ")";
        if (chunk == null) {
          throw new IntegrityException(source + " is corrupt: row group " + g + " has no data for column '"
              + c.field().name() + "'; write the file again");
        }
        pages.put(c.descriptor(), new ChunkPageReader(channel, fileSize, chunk, c.descriptor(), converter, where));
      }
    } catch (IOException e) {
      throw failure("reading", e);
    }
    long rows = block.getRowCount();
    PageReadStore store = new PageReadStore() {
      @Override
      public PageReader getPageReader(ColumnDescriptor descriptor) {
        return pages.get(descriptor);
      }

      @Override
      public long getRowCount() {
        return rows;
      }
    };
    if (rows > 0) {
      ColumnReadStoreImpl readStore = new ColumnReadStoreImpl(store, new IgnoringConverter(), fileSchema, createdBy);
      for (int c = 0; c < columns.size(); c++) {
        readers[c] = readStore.getColumnReader(columns.get(c).descriptor());
      }
    }
    rowsLeft = rows;
  }

  private RuntimeException failure(String doing, Throwable e) {
    if (e instanceof MlopsException m) {
      return m;
    }
    return new StorageException(doing + " " + source + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing was written; a failed close of a read-only channel loses nothing.
      }
    }
  }

  /** The converter the column readers require; we read values from the readers directly, so it ignores all. */
  private static final class IgnoringConverter extends GroupConverter {
    private final PrimitiveConverter primitive = new PrimitiveConverter() {};

    @Override
    public Converter getConverter(int fieldIndex) {
      return primitive;
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
