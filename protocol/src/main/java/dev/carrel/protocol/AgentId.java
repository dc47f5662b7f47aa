package dev.carrel.protocol;

import java.util.regex.Pattern;

/**
 * An edge agent's id: its MQTT client id, its broker user name and a topic level. Lower-case letters, digits
 * and inner dashes, 1-64 characters, so it can never carry the wildcards {@code +}, {@code #} or the level
 * separator {@code /} into a topic or an ACL pattern.
 */
public record AgentId(String value) implements Comparable<AgentId> {
    private static final Pattern FORM = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    public AgentId {
        Check.present("agentId", value);
        if (!FORM.matcher(value).matches()) {
            throw new InvalidFieldException(
                    "agentId", "must be 1-64 lower-case letters, digits or inner dashes, got '" + value + "'");
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
