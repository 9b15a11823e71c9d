package dev.mlops.core;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link BlobStore} that passes every call to another and remembers the keys written or deleted. */
final class WriteCountingBlobStore implements BlobStore {
  private final BlobStore store;
  private final List<String> writes = new ArrayList<>();

  WriteCountingBlobStore(BlobStore store) {
    this.store = store;
  }

  /** Every key put, put-if-absent (whether created or not) or deleted, in order, as "put KEY" and so on. */
  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  private synchronized void note(String op, String key) {
    writes.add(op + " " + key);
  }

  @Override
  public BlobInfo put(String key, InputStream data) {
    note("put", key);
    return store.put(key, data);
  }

  @Override
  public boolean putIfAbsent(String key, InputStream data) {
    note("putIfAbsent", key);
    return store.putIfAbsent(key, data);
  }

  @Override
  public InputStream get(String key) {
    return store.get(key);
  }

  @Override
  public Optional<BlobInfo> stat(String key) {
    return store.stat(key);
  }

  @Override
  public BlobPage list(String prefix, String startAfter, int limit) {
    return store.list(prefix, startAfter, limit);
  }

  @Override
  public boolean delete(String key) {
    note("delete", key);
    return store.delete(key);
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {
    store.close();
  }
}
