/**
 * Governed access to production data: pooled JDBC sources that stream into {@link dev.mlops.core.Frame}s,
 * dataset snapshots with provenance, an audit log, and the S3 {@link dev.mlops.core.BlobStore}.
 *
 * <p>Status: the module is laid out; its API lands with the data-access issue.
 */
package dev.mlops.data;
