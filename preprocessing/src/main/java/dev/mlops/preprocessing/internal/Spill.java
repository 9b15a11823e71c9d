package dev.mlops.preprocessing.internal;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A temporary file of frame batches (not API), for fitting a pipeline whose steps need more than one pass over a
 * single-pass source: the first pass writes the batches here, later passes read them back, exactly (bits of
 * doubles, nulls, dictionaries). The file is deleted on {@link #close()}.
 */
public final class Spill implements AutoCloseable {
  private final Schema schema;
  private final Path file;
  private DataOutputStream out;
  private long batches;

  private Spill(Schema schema, Path file) throws IOException {
    this.schema = schema;
    this.file = file;
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  /** A new spill file in {@code dir} (the system temporary directory when null). */
  public static Spill create(Schema schema, Path dir) {
    try {
      Path f = dir == null ? Files.createTempFile("mlops-fit-", ".spill") : Files.createTempFile(dir, "mlops-fit-", ".spill");
      f.toFile().deleteOnExit();
      return new Spill(schema, f);
    } catch (IOException e) {
      throw new StorageException("cannot create a temporary file to spill training data for a multi-pass fit (in "
          + (dir == null ? System.getProperty("java.io.tmpdir") : dir) + "): " + e.getMessage(), e);
    }
  }

  /** Appends a batch. */
  public void write(Frame batch) {
    try {
      int n = batch.rowCount();
      out.writeInt(n);
      for (int c = 0; c < schema.size(); c++) {
        Column col = batch.column(c);
        for (int r = 0; r < n; r++) {
          out.writeBoolean(col.isNull(r));
        }
        if (col instanceof DoubleColumn d) {
          for (int r = 0; r < n; r++) {
            out.writeLong(Double.doubleToRawLongBits(d.getDouble(r)));
          }
        } else if (col instanceof LongColumn l) {
          for (int r = 0; r < n; r++) {
            out.writeLong(l.isNull(r) ? 0 : l.getLong(r));
          }
        } else if (col instanceof BooleanColumn b) {
          for (int r = 0; r < n; r++) {
            out.writeBoolean(!b.isNull(r) && b.getBoolean(r));
          }
        } else if (col instanceof TimestampColumn t) {
          for (int r = 0; r < n; r++) {
            out.writeLong(t.isNull(r) ? 0 : t.getMicros(r));
          }
        } else if (col instanceof StringColumn s) {
          List<String> dict = s.dictionary();
          out.writeInt(dict.size());
          for (String v : dict) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
          }
          for (int r = 0; r < n; r++) {
            out.writeInt(s.code(r));
          }
        } else {
          throw new IllegalStateException("cannot spill " + col.getClass());
        }
      }
      batches++;
    } catch (IOException e) {
      throw new StorageException("cannot write training data to the spill file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Ends writing; the batches can now be read, as often as needed. */
  public void finishWriting() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
    } catch (IOException e) {
      throw new StorageException("cannot write the spill file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The number of batches written. */
  public long batches() {
    return batches;
  }

  /** A new pass over the batches written. */
  public FrameSource read() {
    finishWriting();
    DataInputStream in;
    try {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new StorageException("cannot read the spill file " + file + ": " + e.getMessage(), e);
    }
    return new FrameSource() {
      long left = batches;

      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public Frame next() {
        if (left <= 0) {
          throw new NoSuchElementException();
        }
        left--;
        try {
          return readBatch(in);
        } catch (EOFException e) {
          throw new StorageException("the spill file " + file + " ended early; was it removed?", e);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private Frame readBatch(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<Column> cols = new ArrayList<>(schema.size());
    for (Field f : schema.fields()) {
      boolean[] nulls = new boolean[n];
      for (int r = 0; r < n; r++) {
        nulls[r] = in.readBoolean();
      }
      switch (f.type()) {
        case DOUBLE -> {
          double[] v = new double[n];
          for (int r = 0; r < n; r++) {
            v[r] = Double.longBitsToDouble(in.readLong());
          }
          cols.add(DoubleColumn.of(v, nulls));
        }
        case LONG -> {
          long[] v = new long[n];
          for (int r = 0; r < n; r++) {
            v[r] = in.readLong();
          }
          cols.add(LongColumn.of(v, nulls));
        }
        case BOOLEAN -> {
          boolean[] v = new boolean[n];
          for (int r = 0; r < n; r++) {
            v[r] = in.readBoolean();
          }
          cols.add(BooleanColumn.of(v, nulls));
        }
        case TIMESTAMP -> {
          long[] v = new long[n];
          for (int r = 0; r < n; r++) {
            v[r] = in.readLong();
          }
          cols.add(TimestampColumn.ofMicros(v, nulls));
        }
        case STRING -> {
          String[] dict = new String[in.readInt()];
          for (int i = 0; i < dict.length; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            dict[i] = new String(b, StandardCharsets.UTF_8);
          }
          int[] codes = new int[n];
          for (int r = 0; r < n; r++) {
            codes[r] = in.readInt();
          }
          cols.add(StringColumn.ofCodes(codes, Arrays.asList(dict)));
        }
        default -> throw new IllegalStateException("cannot read " + f.type());
      }
    }
    return Frame.of(schema, cols);
  }

  /** Deletes the file. */
  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StorageException("cannot delete the spill file " + file + ": " + e.getMessage(), e);
    }
  }
}
