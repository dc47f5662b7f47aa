package dev.carrel.protocol;

/** How a patron identified: the reader technology, never the credential itself. */
public enum CredentialKind {
    CARD_UID,
    WIEGAND,
    QR_PASS,
    FACE,
    NFC_PHONE
}
