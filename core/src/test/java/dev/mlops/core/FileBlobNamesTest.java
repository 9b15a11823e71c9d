package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-name probe and rules of {@link FileBlobStore}. */
class FileBlobNamesTest {
  @TempDir Path dir;

  @Test
  void probeFindsThisLinuxFileSystemCaseAndNormalizationSensitiveAndPreserving() throws IOException {
    assertEquals(new FileBlobNames.Probe(true, true, true), FileBlobNames.probe(dir));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "the probe deletes its files");
    }
  }

  @Test
  void refusesAFileSystemThatIgnoresCaseNamingTheProblemAndTheFixes() {
    StorageException e = assertThrows(StorageException.class,
        () -> FileBlobNames.check(new FileBlobNames.Probe(false, false, true), dir));
    assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("ignores case"), e.getMessage());
    assertTrue(e.getMessage().contains("case-sensitive volume") && e.getMessage().contains("MemoryBlobStore")
        && e.getMessage().contains("S3"), e.getMessage());
  }

  @Test
  void refusesAFileSystemThatRewritesNames() {
    StorageException e = assertThrows(StorageException.class,
        () -> FileBlobNames.check(new FileBlobNames.Probe(true, false, false), dir));
    assertTrue(e.getMessage().contains("rewrites file names"), e.getMessage());
  }

  @Test
  void acceptsACaseSensitiveFileSystemThatKeepsNames() {
    assertDoesNotThrow(() -> FileBlobNames.check(new FileBlobNames.Probe(true, true, true), dir));
    assertDoesNotThrow(() -> FileBlobNames.check(new FileBlobNames.Probe(true, false, true), dir));
  }

  @Test
  void acceptsOnlyNfcKeysWhereTheFileSystemIgnoresNormalization() {
    String decomposed = "models/e\u0301t\u00e9.json"; // é as e plus a combining accent, then precomposed
    String composed = "models/\u00e9t\u00e9.json";
    ValidationException e = assertThrows(ValidationException.class,
        () -> FileBlobNames.resolve(dir, decomposed, true, "file:" + dir));
    assertTrue(e.getMessage().contains("NFC") && e.getMessage().contains("Normalizer.normalize"), e.getMessage());
    assertEquals(dir.resolve(composed), FileBlobNames.resolve(dir, composed, true, "file:" + dir));
    assertEquals(dir.resolve(decomposed), FileBlobNames.resolve(dir, decomposed, false, "file:" + dir));
  }

  @Test
  void openLeavesNoProbeFileBehind() throws IOException {
    FileBlobStore.open(dir).close();
    try (Stream<Path> temps = Files.list(dir.resolve(".mlops/tmp"))) {
      assertEquals(0, temps.count());
    }
  }
}
