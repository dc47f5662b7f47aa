package dev.carrel.drivers;

import java.util.function.Consumer;

/**
 * A reader that turns something a patron presents — a card, a phone, a QR code, a face — into a
 * {@link Credential}. The value is raw; the edge agent hashes it before it leaves the device.
 */
public interface CredentialReader extends Device {

    /** Called on a driver thread for each credential read. */
    void onCredential(Consumer<Credential> listener);
}
