package dev.mlops.core;

import dev.mlops.core.testing.ModelStoreConcurrencyContract;

/** Runs the {@link ModelStoreConcurrencyContract} on {@link MemoryBlobStore}. */
class MemoryModelStoreConcurrencyTest extends ModelStoreConcurrencyContract {
  @Override
  protected BlobStore newBlobStore() {
    return MemoryBlobStore.create();
  }
}
