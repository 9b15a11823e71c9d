package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@link ModelBundleTest} between two {@link FileBlobStore}s, and streams a big version in a small heap. */
class ModelBundleFileTest extends ModelBundleTest {
  @Override
  BlobStore newBlobStore(String name) {
    return FileBlobStore.open(dir.resolve(name));
  }

  @Test
  void exportAndImportOf300MegabytesStreamThroughA64MegabyteHeap() throws Exception {
    long size = 300L << 20;
    Path root = dir.resolve("big");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), ModelBundleChild.class.getName(), "big",
        root.toString(), Long.toString(size)));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      StringBuilder printed = new StringBuilder();
      String result = null;
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("ok ")) {
          result = line;
        } else {
          printed.append(line).append('\n');
        }
      }
      assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child did not end");
      assertEquals(0, child.exitValue(), printed.toString());
      assertTrue(result != null, "the child printed:\n" + printed);
      long bundleSize = Long.parseLong(result.split(" ")[1]);
      assertTrue(bundleSize > size && bundleSize < size + (64 << 10), "bundle of " + bundleSize + " bytes");
      assertEquals(bundleSize, Files.size(root.resolve("big.mlbundle")));
    } finally {
      child.destroyForcibly();
    }
  }
}
