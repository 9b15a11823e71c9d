/**
 * Implementation of MLOps Commons core (CSV parsing and writing, ...). Not API: anything here may change or
 * disappear in any release; use the types in {@code dev.mlops.core}.
 */
package dev.mlops.core.internal;
