/**
 * Preprocessing pipelines: a spec of steps fitted once on training data and applied identically in
 * training and serving, saved as versioned JSON, extensible by plugins.
 *
 * <p>Status: the module is laid out; its API lands with the preprocessing issue.
 */
package dev.mlops.preprocessing;
