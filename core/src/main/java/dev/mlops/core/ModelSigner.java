package dev.mlops.core;
/** STUB. */
public final class ModelSigner { public String keyId() { return "k"; } public ModelSignature sign(byte[] payload) { return null; } }
