package dev.mlops.core;

import dev.mlops.core.testing.ModelStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link ModelStoreContract} on {@link FileBlobStore}. */
class FileModelStoreTest extends ModelStoreContract {
  @TempDir Path dir;

  @Override
  protected BlobStore newBlobStore() {
    return FileBlobStore.open(dir.resolve("store"));
  }
}
