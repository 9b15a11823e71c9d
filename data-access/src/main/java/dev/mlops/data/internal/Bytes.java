package dev.mlops.data.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.bytes.BytesInput;

/** The bytes of a parquet-java {@link BytesInput} as one array (without its deprecated copy methods). Not API. */
record Bytes(byte[] array, int length) {

  static Bytes of(BytesInput in) throws IOException {
    long size = in.size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("a Parquet page of " + size + " bytes is larger than a Java array can hold");
    }
    byte[] buf = new byte[(int) size];
    int[] at = {0};
    in.writeAllTo(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        check(1);
        buf[at[0]++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        check(len);
        System.arraycopy(b, off, buf, at[0], len);
        at[0] += len;
      }

      private void check(int more) throws IOException {
        if (more > buf.length - at[0]) {
          throw new IOException("a Parquet page wrote more than the " + buf.length + " bytes it declared");
        }
      }
    });
    return new Bytes(buf, at[0]);
  }
}
