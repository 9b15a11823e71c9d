/**
 * Governed access to production data: pooled JDBC sources that stream into {@link dev.mlops.core.Frame}s
 * ({@link dev.mlops.data.JdbcSource}, {@link dev.mlops.data.JdbcConfig}, {@link dev.mlops.data.Query}), dataset
 * snapshots with provenance ({@link dev.mlops.data.DatasetStore}), a hash-chained audit log
 * ({@link dev.mlops.data.AuditLog}), and the S3 {@link dev.mlops.core.BlobStore} ({@link dev.mlops.data.S3BlobStore}).
 *
 * <pre>{@code
 * try (JdbcSource warehouse = JdbcSource.open(JdbcConfig.load(Path.of("sources.yaml"), "warehouse"), audit)) {
 *   Snapshot s = DatasetStore.open(blobs).snapshot("churn-train", warehouse,
 *       Query.of("SELECT * FROM accounts WHERE signup < ?", cutoff), "churn model training");
 * }
 * }</pre>
 *
 * <p>Optional dependencies: the AWS SDK for Java 2.x ({@code software.amazon.awssdk:s3}) for S3, parquet-java
 * ({@code org.apache.parquet:parquet-hadoop}, no Hadoop) for Parquet snapshots, and the JDBC driver of your
 * database. Packages named {@code internal} are not API.
 */
package dev.mlops.data;
