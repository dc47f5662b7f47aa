package dev.carrel.hub.enrolment;

import dev.carrel.protocol.AgentId;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Seats on an external broker, from {@code carrel.broker.mosquitto.password-file}, {@code acl-file} and
 * {@code pid-file} (docs/operations.md). Without them the hub cannot make broker credentials, and enrolment
 * says so instead of handing out a secret no broker knows.
 */
public final class ExternalBrokerSeats {
    private ExternalBrokerSeats() {}

    /**
     * @param mosquitto the {@code carrel.broker.mosquitto} node
     * @throws IllegalArgumentException when only some of the three keys are set
     */
    public static BrokerSeats from(Config mosquitto, String hubUser, String hubPassword) {
        Optional<String> passwords = text(mosquitto, "password-file");
        Optional<String> acl = text(mosquitto, "acl-file");
        Optional<String> pid = text(mosquitto, "pid-file");
        if (passwords.isEmpty() && acl.isEmpty() && pid.isEmpty()) {
            return new Unavailable();
        }
        for (var key : new String[] {"password-file", "acl-file", "pid-file"}) {
            if (text(mosquitto, key).isEmpty()) {
                throw new IllegalArgumentException("configuration key '" + mosquitto.key() + "." + key
                        + "' is required with the other carrel.broker.mosquitto keys");
            }
        }
        return MosquittoSeats.open(
                Path.of(passwords.get()),
                Path.of(acl.get()),
                hubUser,
                hubPassword,
                new MosquittoReload(Path.of(pid.get())));
    }

    private static Optional<String> text(Config c, String key) {
        return c.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** An external broker whose users the hub does not manage. */
    private static final class Unavailable implements BrokerSeats {
        private static final String WHY = "the hub does not manage the external broker's users: set"
                + " carrel.broker.mosquitto.password-file, acl-file and pid-file (docs/operations.md)";

        @Override
        public String admit(AgentId agent) {
            throw new IllegalStateException(WHY);
        }

        @Override
        public void cutOff(AgentId agent) {
            throw new IllegalStateException(WHY);
        }
    }
}
