package dev.mlops.data;

import dev.mlops.core.BlobStore;
import dev.mlops.core.testing.BlobStoreContract;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@link BlobStoreContract}, unchanged, against {@link S3BlobStore} on {@link S3TestServer}: each test gets a fresh
 * bucket and a store under the prefix {@code store/}, beside objects outside the prefix ({@code store-x/a},
 * {@code storex}, {@code a}) that the store must never see.
 */
class S3BlobStoreContractTest extends BlobStoreContract {
  @Override
  protected BlobStore newStore() {
    S3TestServer server = S3TestServer.shared();
    String bucket = server.newBucket();
    for (String outside : new String[] {"store-x/a", "storex", "a", "sto"}) {
      server.admin().putObject(b -> b.bucket(bucket).key(outside), RequestBody.fromString("not in the store"));
    }
    return server.store(bucket).prefix("store").open();
  }
}
