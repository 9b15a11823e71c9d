/**
 * Implementation of MLOps Commons data access (Parquet reading and writing, ...). Not API: anything here may
 * change or disappear in any release; use the types in {@code dev.mlops.data}.
 */
package dev.mlops.data.internal;
