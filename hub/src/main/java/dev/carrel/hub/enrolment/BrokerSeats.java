package dev.carrel.hub.enrolment;

import dev.carrel.protocol.AgentId;

/**
 * The broker's side of a device's identity: a seat is a user name and secret the broker accepts, limited to
 * the agent's own topics. Embedded Moquette and an external Mosquitto each keep seats their own way.
 */
public interface BrokerSeats {

    /** Makes a new secret for the agent (replacing any earlier one) and returns it, once. */
    String admit(AgentId agent);

    /** The broker refuses the agent from now on, and a live connection is cut at once where it can be. */
    void cutOff(AgentId agent);
}
