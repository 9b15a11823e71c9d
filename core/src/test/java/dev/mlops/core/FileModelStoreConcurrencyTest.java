package dev.mlops.core;

import dev.mlops.core.testing.ModelStoreConcurrencyContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link ModelStoreConcurrencyContract} on {@link FileBlobStore}. */
class FileModelStoreConcurrencyTest extends ModelStoreConcurrencyContract {
  @TempDir Path dir;

  @Override
  protected BlobStore newBlobStore() {
    return FileBlobStore.open(dir.resolve("store"));
  }
}
