package dev.carrel.drivers.serial;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Scheduler;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A device that prints one id per line on a UART or USB-CDC port: a 2D QR/barcode scanner in serial
 * mode (kind QR), a face-recognition terminal (kind FACE), a card reader in "UID as text" mode (kind
 * CARD_UID). Framing is configurable; see {@link LineFraming}.
 */
public final class LineCredentialReader implements CredentialReader {

    private final String id;
    private final Listeners<Credential> listeners;
    private final SerialConnection connection;

    public LineCredentialReader(
            String id,
            CredentialKind kind,
            LineFraming framing,
            Scheduler scheduler,
            Function<SerialConnection.Session, SerialConnection> connect) {
        this.id = id;
        this.listeners = new Listeners<>(id);
        LineParser parser =
                new LineParser(framing, value -> listeners.emit(new Credential(kind, value, id, scheduler.now())));
        this.connection = connect.apply((data, length) -> parser.feed(data, 0, length));
    }

    public void start() {
        connection.start();
    }

    @Override
    public void onCredential(Consumer<Credential> listener) {
        listeners.add(listener);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<DriverFault> fault() {
        return connection.fault();
    }

    @Override
    public void close() {
        connection.close();
    }
}
