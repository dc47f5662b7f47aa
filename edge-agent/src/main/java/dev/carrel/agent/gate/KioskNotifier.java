package dev.carrel.agent.gate;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.util.List;
import java.util.Optional;

/**
 * Tells the gate's kiosk what to show after a decision (the agent's local web server implements it). Called
 * after the relay has pulsed; it must not block.
 */
public interface KioskNotifier {

    /**
     * Welcome, with the short greeting form ("Zhang S.") when it is known and the patron's reminders (books
     * due, holds ready) when there are any.
     */
    void greet(Optional<String> shortName, List<String> reminders);

    /** Sorry: the reason the patron may not enter, for the kiosk to explain. */
    void refuse(Reason reason);

    /**
     * Goodbye at an exit reader, with the short greeting form and reminders when the allow-list knows the
     * patron; {@code patron} is the credential read (empty when the read was no credential), so the kiosk's
     * feedback question that follows can count the score under the patron's group.
     */
    void farewell(Optional<CredentialHash> patron, Optional<String> shortName, List<String> reminders);
}
