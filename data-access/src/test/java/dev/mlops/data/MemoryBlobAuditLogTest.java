package dev.mlops.data;

import dev.mlops.core.BlobStore;
import dev.mlops.core.MemoryBlobStore;
import org.junit.jupiter.api.AfterEach;

/** The audit log contract on a {@link MemoryBlobStore}. */
class MemoryBlobAuditLogTest extends BlobAuditLogContract {
  private final MemoryBlobStore store = MemoryBlobStore.create();

  @Override
  BlobStore blobs() {
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }
}
