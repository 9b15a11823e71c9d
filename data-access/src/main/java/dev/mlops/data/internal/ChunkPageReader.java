package dev.mlops.data.internal;

import dev.mlops.core.IntegrityException;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The pages of one column chunk, read from the file one page at a time as the column reader asks for them (so
 * memory holds one page per column, whatever the row group's size), checked against the page's CRC-32 when the
 * writer recorded one, and decompressed by our codecs. This is our
 * own small replacement for parquet-java's file reader, whose options builder loads Hadoop classes. Not API.
 */
final class ChunkPageReader implements PageReader {
  /** The largest page we accept; real pages are about 1 MiB, so a larger size means a corrupt header. */
  private static final int MAX_PAGE_BYTES = 1 << 30;

  private final FileChannel channel;
  private final String where;
  private final ColumnDescriptor descriptor;
  private final CompressionCodecName codec;
  private final ParquetMetadataConverter converter;
  private final long valueCount;
  private final long end;
  private final DictionaryPage dictionary;
  private long pos;
  private PageHeader pending;

  ChunkPageReader(FileChannel channel, long fileSize, ColumnChunkMetaData chunk, ColumnDescriptor descriptor,
      ParquetMetadataConverter converter, String where) throws IOException {
    this.channel = channel;
    this.where = where;
    this.descriptor = descriptor;
    this.codec = chunk.getCodec();
    this.converter = converter;
    this.valueCount = chunk.getValueCount();
    this.pos = chunk.getStartingPos();
    this.end = pos + chunk.getTotalSize();
    if (pos < 4 || chunk.getTotalSize() < 0 || end > fileSize) {
      throw corrupt("its column chunk spans bytes " + pos + " to " + end + " of a " + fileSize + "-byte file");
    }
    PageHeader first = nextHeader();
    if (first != null && first.getType() == org.apache.parquet.format.PageType.DICTIONARY_PAGE) {
      dictionary = readDictionary(first);
    } else {
      dictionary = null;
      pending = first;
    }
  }

  /** Whether {@code codec} is one we can decompress. */
  static boolean supported(CompressionCodecName codec) {
    return codec == CompressionCodecName.UNCOMPRESSED || codec == CompressionCodecName.SNAPPY
        || codec == CompressionCodecName.GZIP;
  }

  @Override
  public DictionaryPage readDictionaryPage() {
    return dictionary;
  }

  @Override
  public long getTotalValueCount() {
    return valueCount;
  }

  @Override
  public DataPage readPage() {
    try {
      while (true) {
        PageHeader h = pending != null ? pending : nextHeader();
        pending = null;
        if (h == null) {
          return null;
        }
        switch (h.getType()) {
          case DATA_PAGE:
            return dataPageV1(h);
          case DATA_PAGE_V2:
            return dataPageV2(h);
          case DICTIONARY_PAGE:
            throw corrupt("it has a second dictionary page at byte " + pos);
          default:
            pos += pageSize(h.getCompressed_page_size(), end - pos); // an index page: not needed to read
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DataPage dataPageV1(PageHeader h) throws IOException {
    DataPageHeader d = h.getData_page_header();
    byte[] data = decompress(readBody(h), h.getUncompressed_page_size());
    return new DataPageV1(BytesInput.from(data), d.getNum_values(), data.length, emptyStats(),
        encoding(d.getRepetition_level_encoding()), encoding(d.getDefinition_level_encoding()),
        encoding(d.getEncoding()));
  }

  private DataPage dataPageV2(PageHeader h) throws IOException {
    DataPageHeaderV2 d = h.getData_page_header_v2();
    byte[] body = readBody(h);
    int rl = d.getRepetition_levels_byte_length();
    int dl = d.getDefinition_levels_byte_length();
    if (rl < 0 || dl < 0 || (long) rl + dl > body.length) {
      throw corrupt("a v2 data page declares " + rl + " + " + dl + " bytes of levels in a " + body.length
          + "-byte page");
    }
    int dataLength = body.length - rl - dl;
    int uncompressedData = h.getUncompressed_page_size() - rl - dl;
    boolean compressed = !d.isSetIs_compressed() || d.isIs_compressed();
    byte[] data;
    if (compressed) {
      data = decompress(body, rl + dl, dataLength, uncompressedData);
    } else {
      data = new byte[dataLength];
      System.arraycopy(body, rl + dl, data, 0, dataLength);
    }
    return DataPageV2.uncompressed(d.getNum_rows(), d.getNum_nulls(), d.getNum_values(),
        BytesInput.from(body, 0, rl), BytesInput.from(body, rl, dl), encoding(d.getEncoding()),
        BytesInput.from(data), emptyStats());
  }

  private DictionaryPage readDictionary(PageHeader h) throws IOException {
    DictionaryPageHeader d = h.getDictionary_page_header();
    byte[] data = decompress(readBody(h), h.getUncompressed_page_size());
    return new DictionaryPage(BytesInput.from(data), d.getNum_values(), encoding(d.getEncoding()));
  }

  private Statistics<?> emptyStats() {
    return Statistics.createStats(descriptor.getPrimitiveType());
  }

  private Encoding encoding(org.apache.parquet.format.Encoding e) {
    if (e == null) {
      throw corrupt("a page header has no encoding");
    }
    return converter.getEncoding(e);
  }

  private PageHeader nextHeader() throws IOException {
    if (pos >= end) {
      return null;
    }
    HeaderStream in = new HeaderStream(pos);
    PageHeader h;
    try {
      h = Util.readPageHeader(in);
    } catch (IOException e) {
      if (in.failure != null) {
        throw in.failure;
      }
      throw corrupt("the page header at byte " + pos + " cannot be parsed (" + e.getMessage() + ")", e);
    }
    pos = in.next;
    return h;
  }

  private byte[] readBody(PageHeader h) throws IOException {
    int size = pageSize(h.getCompressed_page_size(), end - pos);
    byte[] body = new byte[size];
    ByteBuffer buf = ByteBuffer.wrap(body);
    long at = pos;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, at);
      if (n < 0) {
        throw new EOFException(where + " ends inside a page at byte " + at);
      }
      at += n;
    }
    pos += size;
    if (h.isSetCrc()) {
      CRC32 crc = new CRC32();
      crc.update(body);
      if ((int) crc.getValue() != h.getCrc()) {
        throw corrupt("the page before byte " + pos + " has CRC-32 " + Integer.toHexString((int) crc.getValue())
            + " but its header says " + Integer.toHexString(h.getCrc()));
      }
    }
    return body;
  }

  private int pageSize(int size, long room) {
    if (size < 0 || size > room) {
      throw corrupt("a page at byte " + pos + " declares " + size + " bytes but its column chunk has " + room
          + " left");
    }
    return size;
  }

  private byte[] decompress(byte[] in, int uncompressed) throws IOException {
    return decompress(in, 0, in.length, uncompressed);
  }

  private byte[] decompress(byte[] in, int off, int len, int uncompressed) throws IOException {
    if (uncompressed < 0 || uncompressed > MAX_PAGE_BYTES) {
      throw corrupt("a page at byte " + pos + " declares " + uncompressed + " uncompressed bytes");
    }
    try {
      switch (codec) {
        case UNCOMPRESSED:
          if (len != uncompressed) {
            throw new IOException("an uncompressed page holds " + len + " bytes but declares " + uncompressed);
          }
          byte[] copy = new byte[len];
          System.arraycopy(in, off, copy, 0, len);
          return copy;
        case SNAPPY:
          return Snappy.decompress(in, off, len, uncompressed);
        case GZIP:
          try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(in, off, len))) {
            byte[] out = g.readNBytes(uncompressed);
            if (out.length != uncompressed || g.read() != -1) {
              throw new IOException("a GZIP page does not hold the " + uncompressed + " bytes it declares");
            }
            return out;
          }
        default:
          throw unsupportedCodec(where, codec);
      }
    } catch (IOException e) {
      throw corrupt("a " + codec + " page before byte " + pos + " cannot be decompressed (" + e.getMessage() + ")",
          e);
    }
  }

  static ValidationException unsupportedCodec(String where, CompressionCodecName codec) {
    return new ValidationException(where + " is compressed with " + codec + ", which MLOps Commons cannot read "
        + "without native libraries; SNAPPY (the default of Spark and pandas), GZIP and uncompressed can be read: "
        + "rewrite the file with one of those, e.g. df.to_parquet(path, compression='snappy')");
  }

  private IntegrityException corrupt(String what) {
    return new IntegrityException(where + " is corrupt: " + what + "; the file was damaged or cut short, write it "
        + "again");
  }

  private IntegrityException corrupt(String what, Throwable cause) {
    return new IntegrityException(where + " is corrupt: " + what + "; the file was damaged or cut short, write it "
        + "again", cause);
  }

  /**
   * The bytes of the column chunk from a position on, through a small buffer, for the Thrift header parser;
   * {@link #next} is the position after the last byte handed out, so the page body starts there.
   */
  private final class HeaderStream extends InputStream {
    private final ByteBuffer buf = ByteBuffer.allocate(8192);
    private long bufStart;
    private long next;
    private IOException failure;

    HeaderStream(long from) {
      this.next = from;
      this.bufStart = from;
      buf.limit(0);
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      int b = buf.get((int) (next - bufStart)) & 0xFF;
      next++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int at = (int) (next - bufStart);
      int n = Math.min(len, buf.limit() - at);
      buf.get(at, b, off, n);
      next += n;
      return n;
    }

    private boolean fill() throws IOException {
      if (next >= end) {
        return false;
      }
      if (next < bufStart + buf.limit()) {
        return true;
      }
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - next));
      try {
        int n = channel.read(buf, next);
        if (n <= 0) {
          return false;
        }
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      buf.flip();
      bufStart = next;
      return true;
    }
  }
}
