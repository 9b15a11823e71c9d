/**
 * The built-in pipeline steps: each a parameter record ({@code Bin}, {@code Log1p}, ...) with its registered type.
 *
 * <p>Stability: experimental.
 */
package dev.mlops.preprocessing.steps;
