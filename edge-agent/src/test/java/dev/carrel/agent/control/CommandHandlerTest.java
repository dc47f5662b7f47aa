package dev.carrel.agent.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.control.CommandHandler.Applied;
import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.CommandReply.Outcome;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandHandlerTest {
    private static final AgentId ME = AgentId.of("reading-room-1");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WireCodec codec = new WireCodec();
    private final List<Command> applied = new ArrayList<>();
    private final List<CommandReply> replies = new ArrayList<>();
    private final CommandHandler handler = new CommandHandler(
            c -> {
                applied.add(c);
                return Applied.ok();
            },
            replies::add,
            clock);

    @Test
    void command_inTime_isAppliedOnceAndAnsweredApplied() {
        Command c = lamp(NOW.plusSeconds(30));
        handler.accept(inbound(c));
        assertEquals(List.of(c), applied);
        assertEquals(Outcome.APPLIED, replies.getLast().outcome());
        assertEquals(c.id(), replies.getLast().commandId());
    }

    @Test
    void command_redelivered_isNotAppliedAgain_butAnsweredTheSame() {
        Command c = lamp(NOW.plusSeconds(30));
        handler.accept(inbound(c));
        handler.accept(inbound(c));
        assertEquals(1, applied.size());
        assertEquals(2, replies.size());
        assertEquals(replies.get(0), replies.get(1));
    }

    @Test
    void command_pastItsExpiry_isNotApplied_andAnsweredExpired() {
        handler.accept(inbound(lamp(NOW.minusSeconds(1))));
        assertTrue(applied.isEmpty());
        assertEquals(Outcome.EXPIRED, replies.getLast().outcome());
    }

    @Test
    void malformedCommand_withAReadableId_isRejectedNamingTheField_andNothingIsApplied() {
        String id = EventIds.system().next().toString();
        String json = "{\"v\":1,\"id\":\"" + id + "\",\"expiresAt\":\"2026-11-23T10:00:30Z\","
                + "\"body\":{\"endpointId\":\"desk-01-lamp\",\"on\":true,\"brightness\":140}}";
        handler.accept(new Inbound(
                Topic.command(ME, "lamp"), json.getBytes(UTF_8), Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(applied.isEmpty());
        CommandReply reply = replies.getLast();
        assertEquals(Outcome.REJECTED, reply.outcome());
        assertTrue(
                reply.detail().orElseThrow().contains("body.brightness"),
                reply.detail().orElseThrow());
    }

    @Test
    void garbage_withoutAnId_isDroppedWithoutAReply() {
        handler.accept(new Inbound(
                Topic.command(ME, "lamp"), new byte[] {1, 2, 3}, Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(applied.isEmpty());
        assertTrue(replies.isEmpty());
    }

    @Test
    void executorFailure_isAnsweredFailed_notThrown() {
        CommandHandler failing = new CommandHandler(
                c -> {
                    throw new IllegalStateException("relay stuck");
                },
                replies::add,
                clock);
        failing.accept(inbound(lamp(NOW.plusSeconds(30))));
        assertEquals(Outcome.FAILED, replies.getLast().outcome());
        assertTrue(replies.getLast().detail().orElseThrow().contains("relay stuck"));
    }

    private Command lamp(Instant expiresAt) {
        return new Command(
                EventIds.system().next(), expiresAt, new CommandBody.SetLamp("desk-01-lamp", true, Optional.of(60)));
    }

    private Inbound inbound(Command c) {
        return new Inbound(
                WireCodec.topicFor(ME, c), codec.encode(c), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
