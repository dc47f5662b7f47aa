package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeGateActuator;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving through the gate releases the patron's seat, though gate and seat are different agents. */
class GateExitReleaseTest {
    @TempDir
    Path dir;

    @Test
    void cardOnTheGatesExitReader_releasesTheSeatThePatronHeldInTheReadingRoom_andOnlyThat() throws Exception {
        try (Demo demo = Demo.start(dir, 0, Duration.ofSeconds(5), 0)) {
            HubApi api = new HubApi(demo.hub());
            for (String agent : DemoLibrary.agents()) {
                api.awaitAgent(agent, HubApi.up(), Duration.ofSeconds(10));
            }
            EdgeAgent room = demo.agent(DemoLibrary.READING_ROOM).orElseThrow();
            EdgeAgent gate = demo.agent(DemoLibrary.GATE).orElseThrow();
            Function<String, CredentialHash> cards = PatronSimulation.cards(dir.resolve("site-secret"));
            String leaving = DemoPatrons.card(7);
            assertInstanceOf(
                    SeatResult.Done.class, room.seats().checkIn("desk-05", cards.apply(leaving), "desk_reader"));
            assertInstanceOf(
                    SeatResult.Done.class,
                    room.seats().checkIn("desk-06", cards.apply(DemoPatrons.card(8)), "desk_reader"));

            gate.devices()
                    .find("gate-1-exit-reader", FakeCredentialReader.class)
                    .orElseThrow()
                    .present(CredentialKind.CARD_UID, leaving);

            FakeGateActuator turnstile =
                    gate.devices().find("gate-1", FakeGateActuator.class).orElseThrow();
            assertEquals(1, turnstile.pulses().size(), "the turnstile opened for the exit");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (room.seats().seat("desk-05").orElseThrow().state() != SeatState.FREE
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(
                    SeatState.FREE, room.seats().seat("desk-05").orElseThrow().state());
            assertEquals(
                    SeatState.OCCUPIED,
                    room.seats().seat("desk-06").orElseThrow().state(),
                    "only that patron's seat");
        }
    }
}
