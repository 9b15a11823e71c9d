package dev.mlops.data;

import dev.mlops.core.BlobStore;
import dev.mlops.core.FileBlobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The audit log contract on a {@link FileBlobStore} in a temporary directory. */
class FileBlobAuditLogTest extends BlobAuditLogContract {
  @TempDir
  Path dir;
  private FileBlobStore store;

  @BeforeEach
  void openStore() {
    store = FileBlobStore.open(dir);
  }

  @Override
  BlobStore blobs() {
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }
}
