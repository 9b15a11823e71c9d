package dev.mlops.core;

import dev.mlops.core.testing.ModelStoreGcContract;

/** Runs the {@link ModelStoreGcContract} on {@link MemoryBlobStore}. */
class MemoryModelStoreGcTest extends ModelStoreGcContract {
  @Override
  protected BlobStore newBlobStore() {
    return MemoryBlobStore.create();
  }
}
