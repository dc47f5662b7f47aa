package dev.carrel.hub.enrolment;

import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.CredentialsTool;
import dev.carrel.hub.broker.EmbeddedBroker;
import dev.carrel.protocol.AgentId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Seats on the hub's embedded broker. With a credentials file ({@code carrel.broker.credentials-file}) the
 * salted hash goes into the file, which the running broker re-reads at the next connect and which survives a
 * restart; without one the seat lives in memory and is lost when the hub stops (the device must re-enrol).
 * Its methods are synchronized: each reads, changes and rewrites the whole file, and two enrolments at once
 * must not lose one of the two.
 */
public final class EmbeddedBrokerSeats implements BrokerSeats {
    private final BrokerUsers users;
    private final Optional<Path> credentialsFile;
    private final Optional<EmbeddedBroker> broker;

    public EmbeddedBrokerSeats(BrokerUsers users, Optional<Path> credentialsFile, Optional<EmbeddedBroker> broker) {
        this.users = users;
        this.credentialsFile = credentialsFile;
        this.broker = broker;
    }

    @Override
    public synchronized String admit(AgentId agent) {
        return credentialsFile.isPresent()
                ? CredentialsTool.addAgent(credentialsFile.get(), agent)
                : users.issue(agent.value(), BrokerUsers.Role.AGENT);
    }

    @Override
    public synchronized void cutOff(AgentId agent) {
        // The file first: the broker re-reads it at every connect, so a reconnect racing this is refused too.
        credentialsFile.ifPresent(f -> CredentialsTool.removeAgent(f, agent));
        users.revoke(agent.value());
        broker.ifPresent(b -> b.disconnect(agent.value()));
    }
}
