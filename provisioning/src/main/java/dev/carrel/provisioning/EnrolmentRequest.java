package dev.carrel.provisioning;

/**
 * What a new device sends to {@code POST /api/enrolment}.
 *
 * @param token the one-time enrolment token's text
 * @param publicKey the device's Ed25519 public key, X.509 (SubjectPublicKeyInfo) in base64
 * @param hostname the device's host name, for the administrator's list
 */
public record EnrolmentRequest(String token, String publicKey, String hostname) {}
