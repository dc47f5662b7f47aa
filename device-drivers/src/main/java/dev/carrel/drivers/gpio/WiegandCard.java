package dev.carrel.drivers.gpio;

/**
 * A Wiegand frame that passed its parity checks.
 *
 * @param bits 26 or 34
 * @param facility the facility (site) code: 8 bits in a 26-bit frame, 16 in a 34-bit one
 * @param card the card number: 16 bits in both formats
 */
public record WiegandCard(int bits, int facility, int card) {

    /** The credential value: {@code facility:card}, both decimal. */
    public String value() {
        return facility + ":" + card;
    }
}
