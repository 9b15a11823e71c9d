package dev.mlops.data;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Hex;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.Sha256;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The content hash of a dataset: SHA-256 over a canonical encoding of its column names and types and of its rows,
 * so equal data has an equal hash whatever file format holds it and however it was cut into batches. Field tags,
 * nullability and row batches do not count. Not API; the encoding is documented for auditors:
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
 */
final class RowHash {
  static final String ENCODING = "mlops-rows-v1";
  private final MessageDigest digest = Sha256.newDigest();
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
  private long rows;

  RowHash(Schema schema) {
    StringBuilder head = new StringBuilder(ENCODING).append('\n');
    for (Field f : schema.fields()) {
      head.append(f.name()).append('\t').append(f.type().name()).append('\n');
    }
    digest.update(head.append('\n').toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Adds the rows of {@code f}. */
  void add(Frame f) {
    int n = f.rowCount();
    int cols = f.columnCount();
    Column[] columns = new Column[cols];
    for (int c = 0; c < cols; c++) {
      columns[c] = f.column(c);
    }
    for (int r = 0; r < n; r++) {
      for (Column col : columns) {
        value(col, r);
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
      byte[] utf8 = s.getString(r).getBytes(StandardCharsets.UTF_8);
      buf.put((byte) 4);
      room(4);
      buf.putInt(utf8.length);
      for (int off = 0; off < utf8.length; ) {
        room(1);
        int len = Math.min(buf.remaining(), utf8.length - off);
        buf.put(utf8, off, len);
        off += len;
      }
    } else if (col instanceof TimestampColumn t) {
      buf.put((byte) 5).putLong(t.getMicros(r));
    } else {
      throw new IllegalStateException("no encoding for " + col.getClass());
    }
  }

  private void room(int bytes) {
    if (buf.remaining() < bytes) {
      digest.update(buf.array(), 0, buf.position());
      buf.clear();
    }
  }

  long rows() {
    return rows;
  }

  /** The hash, in lower-case hex; ends the use of this object. */
  String finish() {
    digest.update(buf.array(), 0, buf.position());
    buf.clear();
    return Hex.encode(digest.digest());
  }
}
