package dev.carrel.drivers.fake;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.Listeners;
import java.time.Instant;
import java.util.function.Consumer;

/** A reader at which a test presents credentials with {@link #present}. */
public final class FakeCredentialReader extends FakeDevice implements CredentialReader {

    private final Listeners<Credential> listeners;

    public FakeCredentialReader(String id) {
        super(id);
        this.listeners = new Listeners<>(id);
    }

    @Override
    public void onCredential(Consumer<Credential> listener) {
        listeners.add(listener);
    }

    /** As if a patron presented {@code value}; returns what the listeners received. */
    public Credential present(CredentialKind kind, String value) {
        return present(kind, value, Instant.now());
    }

    public Credential present(CredentialKind kind, String value, Instant at) {
        Credential c = new Credential(kind, value, id(), at);
        listeners.emit(c);
        return c;
    }
}
