/** Implementation of mlops-preprocessing: not API, may change in any release. */
package dev.mlops.preprocessing.internal;
