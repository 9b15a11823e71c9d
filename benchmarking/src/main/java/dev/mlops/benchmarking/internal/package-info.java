/**
 * Implementation details of the benchmarking module, shared by its adapter packages. Not API: anything here may
 * change or go in any release.
 */
package dev.mlops.benchmarking.internal;
