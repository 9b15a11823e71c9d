package dev.mlops.data;

import dev.mlops.core.BlobStore;
import dev.mlops.core.testing.ModelStoreConcurrencyContract;

/** {@link ModelStoreConcurrencyContract}, unchanged, over {@link S3BlobStore} on {@link S3TestServer}. */
class S3ModelStoreConcurrencyTest extends ModelStoreConcurrencyContract {
  @Override
  protected BlobStore newBlobStore() {
    S3TestServer server = S3TestServer.shared();
    return server.store(server.newBucket()).prefix("models/registry").open();
  }
}
