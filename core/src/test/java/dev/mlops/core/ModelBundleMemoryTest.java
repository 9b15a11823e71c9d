package dev.mlops.core;

/** Runs {@link ModelBundleTest} between two {@link MemoryBlobStore}s. */
class ModelBundleMemoryTest extends ModelBundleTest {
  @Override
  BlobStore newBlobStore(String name) {
    return MemoryBlobStore.create();
  }
}
