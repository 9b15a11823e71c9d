package dev.mlops.core;

import dev.mlops.core.testing.ModelStoreGcContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link ModelStoreGcContract} on {@link FileBlobStore}. */
class FileModelStoreGcTest extends ModelStoreGcContract {
  @TempDir Path dir;

  @Override
  protected BlobStore newBlobStore() {
    return FileBlobStore.open(dir.resolve("store"));
  }
}
