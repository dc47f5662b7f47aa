package dev.carrel.drivers.serial;

import java.util.Arrays;

/** What the PN532 sends the host (NXP UM0701-02 §6.2.1). */
public sealed interface Pn532Frame {

    /** {@code 00 00 FF 00 FF 00}: the command was received. */
    record Ack() implements Pn532Frame {}

    /** {@code 00 00 FF FF 00 00}: resend the last frame. */
    record Nack() implements Pn532Frame {}

    /** {@code 00 00 FF 01 FF 7F 81 00}: syntax error in the last command. */
    record Error() implements Pn532Frame {}

    /**
     * A response with TFI {@code D5}.
     *
     * @param code the response code, command code + 1 (e.g. {@code 0x4B} for InListPassiveTarget)
     * @param data the bytes after the code
     */
    record Response(int code, byte[] data) implements Pn532Frame {

        public Response {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && r.code == code && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Response[code=" + Integer.toHexString(code) + ", " + data.length + " bytes]";
        }
    }
}
