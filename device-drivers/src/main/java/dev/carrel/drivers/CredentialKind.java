package dev.carrel.drivers;

/** What a patron presented at a reader. */
public enum CredentialKind {
    /** An ISO 14443A card UID read by an NFC reader. */
    CARD_UID,
    /** A card number from a Wiegand access-control reader. */
    WIEGAND,
    /** Text of a QR code or barcode. */
    QR,
    /** A patron id reported by a face-recognition terminal. */
    FACE,
    /** A phone presenting an NFC credential (host card emulation). */
    NFC_PHONE
}
