package dev.mlops.data;

import dev.mlops.core.BlobStore;
import dev.mlops.core.testing.ModelStoreGcContract;

/** {@link ModelStoreGcContract}, unchanged, over {@link S3BlobStore} on {@link S3TestServer}. */
class S3ModelStoreGcTest extends ModelStoreGcContract {
  @Override
  protected BlobStore newBlobStore() {
    S3TestServer server = S3TestServer.shared();
    return server.store(server.newBucket()).open();
  }
}
