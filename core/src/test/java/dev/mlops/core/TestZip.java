package dev.mlops.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads bundles into entries and writes ZIP files byte by byte, for tests that need what ZipOutputStream refuses:
 * duplicate names, entries that expand to a gigabyte, headers that say anything.
 */
final class TestZip {
  /** One entry as it is written: its name, method, the bytes stored (compressed or not), CRC and size. */
  record Entry(String name, int method, byte[] stored, long crc, long size) {
    static Entry stored(String name, byte[] data) {
      CRC32 crc = new CRC32();
      crc.update(data);
      return new Entry(name, ZipEntry.STORED, data, crc.getValue(), data.length);
    }

    static Entry deflated(String name, byte[] data) {
      CRC32 crc = new CRC32();
      crc.update(data);
      Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1 << 16];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      d.end();
      return new Entry(name, ZipEntry.DEFLATED, out.toByteArray(), crc.getValue(), data.length);
    }

    /** {@code size} zero bytes, deflated as they are generated (a gigabyte fits in about a megabyte). */
    static Entry deflatedZeros(String name, long size) {
      byte[] zeros = new byte[1 << 20];
      CRC32 crc = new CRC32();
      Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1 << 16];
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(zeros.length, left);
        crc.update(zeros, 0, n);
        d.setInput(zeros, 0, n);
        left -= n;
        while (!d.needsInput()) {
          out.write(buf, 0, d.deflate(buf));
        }
      }
      d.finish();
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      d.end();
      return new Entry(name, ZipEntry.DEFLATED, out.toByteArray(), crc.getValue(), size);
    }

    /** The uncompressed bytes of a STORED entry. */
    byte[] data() {
      if (method != ZipEntry.STORED) {
        throw new IllegalStateException(name + " is compressed");
      }
      return stored;
    }
  }

  private TestZip() {}

  /** The entries of a ZIP file in order, STORED with their content. */
  static List<Entry> read(Path file) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        out.add(Entry.stored(e.getName(), zip.readAllBytes()));
      }
    }
    return out;
  }

  /** A ZIP file of {@code entries}, in order, with a central directory and end record. */
  static byte[] write(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream cen = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      int offset = out.size();
      int version = e.method() == ZipEntry.STORED ? 10 : 20;
      u32(out, 0x04034b50L);
      u16(out, version);
      u16(out, 0x0800);
      u16(out, e.method());
      u16(out, 0);
      u16(out, 0x21);
      u32(out, e.crc());
      u32(out, e.stored().length);
      u32(out, e.size());
      u16(out, name.length);
      u16(out, 0);
      out.writeBytes(name);
      out.writeBytes(e.stored());
      u32(cen, 0x02014b50L);
      u16(cen, 20);
      u16(cen, version);
      u16(cen, 0x0800);
      u16(cen, e.method());
      u16(cen, 0);
      u16(cen, 0x21);
      u32(cen, e.crc());
      u32(cen, e.stored().length);
      u32(cen, e.size());
      u16(cen, name.length);
      u16(cen, 0);
      u16(cen, 0);
      u16(cen, 0);
      u16(cen, 0);
      u32(cen, 0);
      u32(cen, offset);
      cen.writeBytes(name);
    }
    int cdOffset = out.size();
    out.writeBytes(cen.toByteArray());
    u32(out, 0x06054b50L);
    u16(out, 0);
    u16(out, 0);
    u16(out, entries.size());
    u16(out, entries.size());
    u32(out, cen.size());
    u32(out, cdOffset);
    u16(out, 0);
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private static void u32(ByteArrayOutputStream out, long v) {
    u16(out, (int) (v & 0xffff));
    u16(out, (int) ((v >>> 16) & 0xffff));
  }
}
