package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** {@link BundleZipReader} on archives a bundle test cannot easily make: ZIP64 end records, lying directories. */
class ModelBundleZipTest {
  static final BundleLimits MANY = BundleLimits.defaults().withMaxEntries(100_000);

  /** Reads every entry's bytes; the last {@code next()} checks the central directory. */
  static List<byte[]> readAll(byte[] zip, BundleLimits limits) {
    List<byte[]> out = new ArrayList<>();
    try (BundleZipReader r = new BundleZipReader(new ByteArrayInputStream(zip), limits, "test.zip")) {
      while (r.next() != null) {
        out.add(r.readAll(1 << 20, "entry"));
      }
    }
    return out;
  }

  static byte[] zipOf(int entries, String comment) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setComment(comment);
      for (int i = 0; i < entries; i++) {
        ZipEntry e = new ZipEntry("e" + i);
        e.setMethod(i % 2 == 0 ? ZipEntry.DEFLATED : ZipEntry.STORED);
        byte[] data = ("entry " + i).getBytes(UTF_8);
        if (e.getMethod() == ZipEntry.STORED) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(data);
          e.setSize(data.length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void readsAnArchiveWithZip64EndRecordsAndDataDescriptors() throws IOException {
    byte[] zip = zipOf(70_000, null);
    assertTrue(indexOf(zip, new byte[] {0x50, 0x4b, 0x06, 0x06}) > 0, "ZipOutputStream wrote a ZIP64 end record");
    List<byte[]> entries = readAll(zip, MANY);
    assertEquals(70_000, entries.size());
    assertArrayEquals("entry 69999".getBytes(UTF_8), entries.get(69_999));
    ValidationException cut = assertThrows(ValidationException.class,
        () -> readAll(java.util.Arrays.copyOf(zip, zip.length - 30), MANY));
    assertTrue(cut.getMessage().contains("central directory"), cut.getMessage());
  }

  @Test
  void acceptsAnArchiveComment() throws IOException {
    assertEquals(3, readAll(zipOf(3, "made by hand"), MANY).size());
  }

  @Test
  void refusesACentralDirectoryThatDisagreesWithTheEntries() {
    byte[] zip = TestZip.write(List.of(TestZip.Entry.stored("a", "x".getBytes(UTF_8)),
        TestZip.Entry.stored("b", "y".getBytes(UTF_8))));
    int cen = indexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
    byte[] otherCrc = zip.clone();
    otherCrc[cen + 16] ^= 1;
    ValidationException crc = assertThrows(ValidationException.class, () -> readAll(otherCrc, MANY));
    assertTrue(crc.getMessage().contains("central directory lists 'a'"), crc.getMessage());
    byte[] otherName = zip.clone();
    otherName[cen + 46] = 'z';
    ValidationException name = assertThrows(ValidationException.class, () -> readAll(otherName, MANY));
    assertTrue(name.getMessage().contains("central directory lists 'z' where the entries hold 'a'"),
        name.getMessage());
    byte[] otherCount = zip.clone();
    otherCount[zip.length - 12] = 3;
    otherCount[zip.length - 14] = 3;
    ValidationException count = assertThrows(ValidationException.class, () -> readAll(otherCount, MANY));
    assertTrue(count.getMessage().contains("lists 3 entries but 2 were read"), count.getMessage());
  }

  @Test
  void refusesDataBeforeTheFirstEntry() {
    byte[] zip = TestZip.write(List.of(TestZip.Entry.stored("a", "x".getBytes(UTF_8))));
    byte[] prefixed = ModelBundleTampers.concat("#!/bin/sh\n".getBytes(UTF_8), zip);
    ValidationException e = assertThrows(ValidationException.class, () -> readAll(prefixed, MANY));
    assertTrue(e.getMessage().contains("does not start with a ZIP entry"), e.getMessage());
  }

  @Test
  void refusesUnknownCompressionMethods() {
    TestZip.Entry bzip2 = new TestZip.Entry("a", 12, "x".getBytes(UTF_8), 0, 1);
    ValidationException e = assertThrows(ValidationException.class,
        () -> readAll(TestZip.write(List.of(bzip2)), MANY));
    assertTrue(e.getMessage().contains("method 12"), e.getMessage());
  }

  @Test
  void anEntryMustBeReadBeforeTheNext() {
    byte[] zip = TestZip.write(List.of(TestZip.Entry.stored("a", "x".getBytes(UTF_8)),
        TestZip.Entry.stored("b", "y".getBytes(UTF_8))));
    try (BundleZipReader r = new BundleZipReader(new ByteArrayInputStream(zip), MANY, "test.zip")) {
      assertEquals("a", r.next());
      assertThrows(IllegalStateException.class, r::next);
      assertArrayEquals("x".getBytes(UTF_8), r.readAll(10, "a"));
      assertEquals("b", r.next());
      assertArrayEquals("y".getBytes(UTF_8), r.readAll(10, "b"));
      assertNull(r.next());
    }
  }

  static int indexOf(byte[] bytes, byte[] needle) {
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
