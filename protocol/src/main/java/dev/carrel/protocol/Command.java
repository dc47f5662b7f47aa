package dev.carrel.protocol;

import java.time.Instant;

/**
 * A command from the hub on {@code commands/{name}}. The agent applies a command id at most once and never
 * after {@code expiresAt}; the hub also sets the MQTT message expiry so the broker drops a stale one.
 */
public record Command(EventId id, Instant expiresAt, CommandBody body) implements Message {

    public Command {
        Check.present("id", id);
        Check.present("expiresAt", expiresAt);
        Check.present("body", body);
    }

    public CommandName name() {
        return body.name();
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
