package dev.mlops.data;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where an {@link AuditLog} keeps its entries and its head: the part that differs between a {@link
 * dev.mlops.core.BlobStore} and a database table. {@link ChainedAuditLog} does the numbering, chaining and verifying on
 * top. Implementations are thread-safe and keep nothing but hints in memory, so several instances (in one process or
 * many) can share one log. Not API.
 */
interface AuditStore {

  /**
   * The highest stored entry: its number and its stored hash ({@link AuditAnchor#EMPTY} for an empty log). Entries
   * other writers appended since an earlier call are seen.
   *
   * @throws dev.mlops.core.IntegrityException if that entry's stored hash cannot be read
   */
  AuditAnchor last();

  /**
   * Appends the entry {@code next} makes from the current last entry ({@link AuditAnchor#EMPTY} if none), storing it
   * only if no entry has its number and moving the head up to it; if another writer took the number first, re-reads
   * the last entry and calls {@code next} again, up to {@link ChainedAuditLog#MAX_ATTEMPTS} times. Returns the entry
   * stored.
   *
   * @throws dev.mlops.core.ConflictException if every attempt lost
   * @throws dev.mlops.core.IntegrityException if the last entry's stored hash cannot be read
   */
  AuditEntry append(Function<AuditAnchor, AuditEntry> next);

  /** The stored entries numbered {@code fromSeq} or more, ascending by number, read lazily. */
  Iterator<Stored> read(long fromSeq);

  /**
   * The stored head (the last entry as recorded by the writers), or empty if there is none.
   *
   * @throws dev.mlops.core.ValidationException if it is there but cannot be read
   */
  Optional<AuditAnchor> head();

  /** Names the log for messages, e.g. {@code audit/warehouse in file:/srv/mlops}. */
  String describe();

  /**
   * One stored entry as read: its number (from where it is stored) and the entry, or why it cannot be read.
   *
   * @param seq the number the entry is stored under
   * @param entry the entry, or {@code null} if it cannot be read
   * @param problem why it cannot be read, or {@code null}
   */
  record Stored(long seq, AuditEntry entry, String problem) {}
}
