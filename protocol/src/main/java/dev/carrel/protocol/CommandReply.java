package dev.carrel.protocol;

import java.time.Instant;
import java.util.Optional;

/** The agent's answer to a {@link Command}, on {@code replies/{name}}. */
public record CommandReply(EventId commandId, CommandName command, Outcome outcome, Optional<String> detail, Instant ts)
        implements Message {

    public enum Outcome {
        APPLIED,
        FAILED,
        EXPIRED,
        REJECTED
    }

    public CommandReply {
        Check.present("commandId", commandId);
        Check.present("command", command);
        Check.present("outcome", outcome);
        detail = Check.optional("detail", detail);
        detail.ifPresent(d -> Check.text("detail", d, 500));
        Check.present("ts", ts);
    }
}
