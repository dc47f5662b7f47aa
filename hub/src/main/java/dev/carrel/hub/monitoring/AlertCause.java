package dev.carrel.hub.monitoring;

/**
 * The cause an alert is about: at most one alert per cause is active at a time.
 *
 * @param subject what within the agent, e.g. {@code reader-1/serial_lost} for a fault; empty for causes that
 *     concern the agent as a whole
 */
public record AlertCause(String agent, AlertKind kind, String subject) {
    public AlertCause {
        if (agent == null || agent.isEmpty() || kind == null || subject == null) {
            throw new IllegalArgumentException("an alert cause needs an agent, a kind and a subject");
        }
    }

    public static AlertCause of(String agent, AlertKind kind) {
        return new AlertCause(agent, kind, "");
    }
}
