package dev.mlops.core;

import dev.mlops.core.testing.ModelStoreContract;

/** Runs the {@link ModelStoreContract} on {@link MemoryBlobStore}. */
class MemoryModelStoreTest extends ModelStoreContract {
  @Override
  protected BlobStore newBlobStore() {
    return MemoryBlobStore.create();
  }
}
