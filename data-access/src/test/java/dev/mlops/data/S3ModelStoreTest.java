package dev.mlops.data;

import dev.mlops.core.BlobStore;
import dev.mlops.core.testing.ModelStoreContract;

/** {@link ModelStoreContract}, unchanged, over {@link S3BlobStore} in a fresh bucket of {@link S3TestServer}. */
class S3ModelStoreTest extends ModelStoreContract {
  @Override
  protected BlobStore newBlobStore() {
    S3TestServer server = S3TestServer.shared();
    return server.store(server.newBucket()).open();
  }
}
