package dev.carrel.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandName;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.CommandReply.Outcome;
import dev.carrel.protocol.EventId;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.WireCodec;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Takes commands from {@code commands/{name}} and answers each on {@code replies/{name}} (DESIGN §4).
 *
 * <p>A command id is applied at most once: a re-delivery gets the first answer again. A command past its
 * expiry is answered {@code expired} and not applied. A malformed one is answered {@code rejected} with the
 * field at fault when its id can be read, and changes nothing.
 */
public final class CommandHandler {
    private static final Logger LOG = Logger.getLogger(CommandHandler.class.getName());
    private static final int REMEMBERED = 1024;

    /** Carries out one valid, unexpired command and says how it went. */
    public interface Executor {
        Applied apply(Command command);
    }

    /** What applying gave: the outcome and a detail for staff. */
    public record Applied(Outcome outcome, Optional<String> detail) {
        public static Applied ok() {
            return new Applied(Outcome.APPLIED, Optional.empty());
        }

        public static Applied failed(String detail) {
            return new Applied(Outcome.FAILED, Optional.of(detail));
        }
    }

    private final WireCodec codec = new WireCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final Executor executor;
    private final Consumer<CommandReply> replies;
    private final Clock clock;
    private final Map<EventId, CommandReply> answered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EventId, CommandReply> eldest) {
            return size() > REMEMBERED;
        }
    };

    public CommandHandler(Executor executor, Consumer<CommandReply> replies, Clock clock) {
        this.executor = executor;
        this.replies = replies;
        this.clock = clock;
    }

    public synchronized void accept(Inbound inbound) {
        Optional<CommandName> name = inbound.topic().name().flatMap(CommandName::fromWire);
        Command command;
        try {
            command = codec.decode(inbound.topic(), inbound.payload(), Command.class);
        } catch (PayloadException e) {
            LOG.warning(() -> "rejected command on " + inbound.topic() + ": " + e.getMessage());
            Optional<EventId> id = readableId(inbound.payload());
            if (id.isPresent() && name.isPresent()) {
                reply(new CommandReply(
                        id.get(), name.get(), Outcome.REJECTED, Optional.of(e.getMessage()), clock.instant()));
            }
            return;
        }
        CommandReply earlier = answered.get(command.id());
        if (earlier != null) {
            reply(earlier); // at-least-once delivery: the same answer, not a second application
            return;
        }
        CommandReply answer;
        if (command.expired(clock.instant())) {
            answer = reply(command, new Applied(Outcome.EXPIRED, Optional.of("expired at " + command.expiresAt())));
        } else {
            answer = reply(command, safely(command));
        }
        answered.put(command.id(), answer);
        reply(answer);
    }

    private Applied safely(Command command) {
        try {
            return executor.apply(command);
        } catch (RuntimeException e) {
            return Applied.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private CommandReply reply(Command command, Applied applied) {
        return new CommandReply(command.id(), command.name(), applied.outcome(), applied.detail(), clock.instant());
    }

    private void reply(CommandReply reply) {
        replies.accept(reply);
    }

    private Optional<EventId> readableId(byte[] payload) {
        try {
            JsonNode id = json.readTree(payload).path("id");
            return id.isTextual() ? Optional.of(EventId.parse(id.asText())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
