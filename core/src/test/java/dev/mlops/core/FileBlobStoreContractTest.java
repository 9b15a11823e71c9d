package dev.mlops.core;

import dev.mlops.core.testing.BlobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link BlobStoreContract} against {@link FileBlobStore}; file-specific tests are in FileBlobStoreTest. */
class FileBlobStoreContractTest extends BlobStoreContract {
  @TempDir Path dir;

  @Override
  protected BlobStore newStore() {
    return FileBlobStore.open(dir.resolve("store"));
  }
}
