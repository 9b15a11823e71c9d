package dev.mlops.core;
/** STUB. */
public record ModelSignature(String keyId, String algorithm, String publicKeySha256, String signature) {}
