package dev.mlops.core;

import java.time.Duration;

/**
 * What {@link ModelStore#gc()} did.
 *
 * <p>Stability: stable.
 *
 * @param blobsDeleted unreferenced blobs removed
 * @param bytesFreed their total size
 * @param blobsKept blobs kept because a live version references them
 * @param blobsTooYoung unreferenced blobs kept because they are younger than the grace period
 * @param stagingDeleted leftovers of failed or killed publishes removed
 * @param staleLeasesDeleted leases of publishers that died, removed
 * @param grace the grace period used
 * @param took how long gc ran
 */
public record GcReport(long blobsDeleted, long bytesFreed, long blobsKept, long blobsTooYoung, long stagingDeleted,
    long staleLeasesDeleted, Duration grace, Duration took) {}
