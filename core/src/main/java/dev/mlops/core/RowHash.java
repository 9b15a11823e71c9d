package dev.mlops.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The content hash of a dataset: SHA-256 over a canonical encoding of its column names and types and of its rows,
 * so equal data has an equal hash whatever file format holds it and however it was cut into batches. Field tags,
 * nullability and row batches do not count. Dataset snapshots use it as their content id and fitted pipelines as
 * the hash of their training data, so a pipeline fitted on a snapshot names the snapshot's id. The encoding is
 * documented for auditors:
 *
 * <pre>
 * "mlops-rows-v1\n"
 * per column: name (UTF-8) "\t" type name ("DOUBLE", "LONG", "BOOLEAN", "STRING", "TIMESTAMP") "\n"
 * "\n"
 * per row, per column, one value:
 *   null      0x00
 *   DOUBLE    0x01, the 8 bytes of Double.doubleToLongBits (big-endian; every NaN the same)
 *   LONG      0x02, 8 bytes big-endian
 *   BOOLEAN   0x03, 0x00 or 0x01
 *   STRING    0x04, the UTF-8 length as 4 bytes big-endian, the UTF-8 bytes
 *   TIMESTAMP 0x05, microseconds since the epoch, 8 bytes big-endian
 * </pre>
 *
 * <pre>{@code
 * RowHash h = new RowHash(frame.schema());
 * h.add(frame);
 * String id = h.finish();      // 64 hex digits
 * }</pre>
 *
 * <p>Stability: stable (the encoding never changes under this name; a new one gets a new name).
 */
public final class RowHash {
  /** The name of the encoding, recorded next to every hash made with it. */
  public static final String ENCODING = "mlops-rows-v1";
  private final MessageDigest digest = Sha256.newDigest();
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
  private long rows;

  /** A hash of rows with {@code schema}'s column names and types. */
  public RowHash(Schema schema) {
    StringBuilder head = new StringBuilder(ENCODING).append('\n');
    for (Field f : schema.fields()) {
      head.append(f.name()).append('\t').append(f.type().name()).append('\n');
    }
    digest.update(head.append('\n').toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Adds the rows of {@code f}. */
  public void add(Frame f) {
    int n = f.rowCount();
    int cols = f.columnCount();
    Column[] columns = new Column[cols];
    byte[][][] utf8 = new byte[cols][][];
    for (int c = 0; c < cols; c++) {
      columns[c] = f.column(c);
      if (columns[c] instanceof StringColumn s) {
        utf8[c] = new byte[s.dictionarySize()][];
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < cols; c++) {
        Column col = columns[c];
        if (col instanceof StringColumn s && !s.isNull(r)) {
          int code = s.code(r);
          byte[] b = utf8[c][code];
          if (b == null) {
            b = s.getString(r).getBytes(StandardCharsets.UTF_8);
            utf8[c][code] = b;
          }
          string(b);
        } else {
          value(col, r);
        }
      }
    }
    rows += n;
  }

  private void value(Column col, int r) {
    room(9);
    if (col.isNull(r)) {
      buf.put((byte) 0);
    } else if (col instanceof DoubleColumn d) {
      buf.put((byte) 1).putLong(Double.doubleToLongBits(d.getDouble(r)));
    } else if (col instanceof LongColumn l) {
      buf.put((byte) 2).putLong(l.getLong(r));
    } else if (col instanceof BooleanColumn b) {
      buf.put((byte) 3).put((byte) (b.getBoolean(r) ? 1 : 0));
    } else if (col instanceof StringColumn s) {
      string(s.getString(r).getBytes(StandardCharsets.UTF_8));
    } else if (col instanceof TimestampColumn t) {
      buf.put((byte) 5).putLong(t.getMicros(r));
    } else {
      throw new IllegalStateException("no encoding for " + col.getClass());
    }
  }

  private void string(byte[] utf8) {
    room(5);
    buf.put((byte) 4).putInt(utf8.length);
    for (int off = 0; off < utf8.length; ) {
      room(1);
      int len = Math.min(buf.remaining(), utf8.length - off);
      buf.put(utf8, off, len);
      off += len;
    }
  }

  private void room(int bytes) {
    if (buf.remaining() < bytes) {
      digest.update(buf.array(), 0, buf.position());
      buf.clear();
    }
  }

  /** The rows added so far. */
  public long rows() {
    return rows;
  }

  /** The hash, in lower-case hex; ends the use of this object. */
  public String finish() {
    digest.update(buf.array(), 0, buf.position());
    buf.clear();
    return Hex.encode(digest.digest());
  }
}
