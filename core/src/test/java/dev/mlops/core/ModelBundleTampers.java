package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Ways to damage a bundle, for {@link ModelBundleTest#aTamperedBundleIsRejectedBeforeAnythingIsWritten}. */
final class ModelBundleTampers {
  private ModelBundleTampers() {}

  /** A good bundle of {@link ModelBundleTest#publishThree()}'s m@2, its entries, and ways to change them. */
  record Fixture(byte[] good, List<TestZip.Entry> entries, ModelVersion v) {
    byte[] with(UnaryOperator<List<TestZip.Entry>> change) {
      return TestZip.write(change.apply(new ArrayList<>(entries)));
    }

    byte[] adding(TestZip.Entry e) {
      return with(l -> {
        l.add(e);
        return l;
      });
    }

    byte[] replacing(String name, byte[] data) {
      return with(l -> {
        l.replaceAll(e -> e.name().equals(name) ? TestZip.Entry.stored(name, data) : e);
        return l;
      });
    }

    String weightsEntry() {
      return "blobs/sha256/" + v.manifest().file("model.bin").sha256();
    }

    byte[] entry(String name) {
      return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().data();
    }

    byte[] editedHeader(UnaryOperator<ObjectNode> edit) {
      ObjectNode h = (ObjectNode) Json.parseTree(new String(entry("bundle.json"), UTF_8), "bundle.json");
      return replacing("bundle.json", Json.toPrettyJson(edit.apply(h)).getBytes(UTF_8));
    }
  }

  /** A way to damage a bundle, the error it must give, and a fragment its message must hold. */
  record Tamper(String name, Class<? extends MlopsException> type, String fragment, Damage damage) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Damage {
    byte[] apply(Fixture f);
  }

  static byte[] flipAt(byte[] good, String content, int delta) {
    byte[] out = good.clone();
    out[indexOf(good, content) + delta] ^= 0x20;
    return out;
  }

  static int indexOf(byte[] bytes, String content) {
    byte[] needle = content.getBytes(UTF_8);
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("'" + content + "' not in the bundle");
  }

  static Stream<Tamper> tampers() {
    return Stream.of(
        new Tamper("flipped byte in a blob", ValidationException.class, "damaged",
            f -> flipAt(f.good(), ModelBundleTest.WEIGHTS, 5)),
        new Tamper("blob replaced, its CRC fixed", IntegrityException.class, "was recorded",
            f -> f.replacing(f.weightsEntry(), ModelBundleTest.WEIGHTS.toUpperCase(java.util.Locale.ROOT).getBytes(UTF_8))),
        new Tamper("blob longer than the manifest says", IntegrityException.class, "more than the",
            f -> f.replacing(f.weightsEntry(), (ModelBundleTest.WEIGHTS + "!").getBytes(UTF_8))),
        new Tamper("blob shorter than the manifest says", IntegrityException.class, "but the manifest lists",
            f -> f.replacing(f.weightsEntry(), ModelBundleTest.WEIGHTS.substring(1).getBytes(UTF_8))),
        new Tamper("blob missing", IntegrityException.class, "incomplete",
            f -> f.with(l -> {
              l.removeIf(e -> e.name().equals(f.weightsEntry()));
              return l;
            })),
        new Tamper("extra blob", ValidationException.class, "no file of",
            f -> f.adding(TestZip.Entry.stored("blobs/sha256/" + Sha256.ofUtf8("extra"), "extra".getBytes(UTF_8)))),
        new Tamper("extra file", ValidationException.class, "not a name a bundle holds",
            f -> f.adding(TestZip.Entry.stored("notes.txt", "hi".getBytes(UTF_8)))),
        new Tamper("entry ../../evil", ValidationException.class, "path traversal",
            f -> f.adding(TestZip.Entry.stored("../../evil", "x".getBytes(UTF_8)))),
        new Tamper("entry blobs/sha256/../x", ValidationException.class, "path traversal",
            f -> f.adding(TestZip.Entry.stored("blobs/sha256/../x", "x".getBytes(UTF_8)))),
        new Tamper("absolute entry", ValidationException.class, "absolute",
            f -> f.adding(TestZip.Entry.stored("/etc/evil", "x".getBytes(UTF_8)))),
        new Tamper("drive-letter entry", ValidationException.class, "absolute",
            f -> f.adding(TestZip.Entry.stored("C:/evil", "x".getBytes(UTF_8)))),
        new Tamper("backslash entry", ValidationException.class, "backslash",
            f -> f.adding(TestZip.Entry.stored("blobs\\sha256\\x", "x".getBytes(UTF_8)))),
        new Tamper("duplicate blob", ValidationException.class, "twice",
            f -> f.adding(TestZip.Entry.stored(f.weightsEntry(), ModelBundleTest.WEIGHTS.getBytes(UTF_8)))),
        new Tamper("duplicate bundle.json", ValidationException.class, "twice",
            f -> f.adding(TestZip.Entry.stored("bundle.json", f.entry("bundle.json")))),
        new Tamper("blob before bundle.json", ValidationException.class, "first entry",
            f -> f.with(l -> {
              l.add(0, l.remove(l.size() - 1));
              return l;
            })),
        new Tamper("manifest edited", IntegrityException.class, "bundle.json lists",
            f -> f.replacing("record.json", new String(f.entry("record.json"), UTF_8).replace("0.25", "0.75")
                .getBytes(UTF_8))),
        new Tamper("header names another version", IntegrityException.class, "inconsistent",
            f -> f.editedHeader(h -> h.put("version", 3))),
        new Tamper("header lists other files", IntegrityException.class, "inconsistent",
            f -> f.editedHeader(h -> {
              ((ArrayNode) h.get("files")).remove(0);
              return h;
            })),
        new Tamper("header of another format", ValidationException.class, "format",
            f -> f.editedHeader(h -> h.put("format", "mlops-model-bundle@9"))),
        new Tamper("record not JSON", ValidationException.class, "record.json",
            f -> f.replacing("record.json", "{not json".getBytes(UTF_8))),
        new Tamper("truncated in half", ValidationException.class, "not a valid model bundle",
            f -> Arrays.copyOf(f.good(), f.good().length / 2)),
        new Tamper("truncated inside a blob", ValidationException.class, "is damaged",
            f -> Arrays.copyOf(f.good(), indexOf(f.good(), ModelBundleTest.WEIGHTS) + 10)),
        new Tamper("truncated by one byte", ValidationException.class, "central directory",
            f -> Arrays.copyOf(f.good(), f.good().length - 1)),
        new Tamper("end record cut off", ValidationException.class, "central directory",
            f -> Arrays.copyOf(f.good(), f.good().length - 22)),
        new Tamper("central directory cut off", ValidationException.class, "central directory",
            f -> Arrays.copyOf(f.good(), lastEntryEnd(f))),
        new Tamper("garbage appended", ValidationException.class, "central directory",
            f -> concat(f.good(), "trailing".getBytes(UTF_8))),
        new Tamper("not a ZIP file", ValidationException.class, "not a ZIP file",
            f -> "model weights, honest".getBytes(UTF_8)),
        new Tamper("empty file", ValidationException.class, "not a ZIP file", f -> new byte[0]));
  }

  /** Where the central directory starts, as the end record says: the end of the last entry. */
  static int lastEntryEnd(Fixture f) {
    byte[] g = f.good();
    int end = g.length - 22;
    return (g[end + 16] & 0xff) | (g[end + 17] & 0xff) << 8 | (g[end + 18] & 0xff) << 16 | (g[end + 19] & 0xff) << 24;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
