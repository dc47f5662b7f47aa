package dev.carrel.agent.bench;

import dev.carrel.agent.outbox.OutboxEntry;
import dev.carrel.agent.outbox.Retention;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.WireCodec;
import java.time.Clock;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Realistic events for the benchmark: gate decisions with a credential hash, as a busy gate makes them. */
final class Samples {
    private final EventIds ids = new EventIds(Clock.systemUTC(), new SplittableRandom(42));
    private final WireCodec codec = new WireCodec();
    private final SplittableRandom random = new SplittableRandom(1);
    private long seq;

    OutboxEntry next() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        Event event = new Event(
                ids.next(),
                1,
                seq++,
                Clock.systemUTC().instant(),
                new EventBody.GateDecision(
                        "main-entrance-gate-1",
                        new CredentialHash(HexFormat.of().formatHex(hash)),
                        EventBody.GateDecision.Decision.ALLOW,
                        EventBody.GateDecision.Reason.ALLOW_LISTED,
                        EventBody.GateDecision.Source.LOCAL));
        return new OutboxEntry(
                event.id(), 1, event.seq(), event.type().wire(), Retention.NEVER_DROP, codec.encode(event));
    }
}
