package dev.carrel.demo;

import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.agent.seats.Seat;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakePresenceSensor;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.SeatState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Simulated patrons: they come through the gate, sit at a free desk (the desk's simulated sensor sees
 * them and they check in, so the agent's real seat logic switches lamp and outlet on), sometimes step away
 * long enough for an automatic leave, leave, and now and then give feedback at the gate.
 */
final class PatronSimulation {
    private final Function<String, Optional<EdgeAgent>> agents;
    private final ScheduledExecutorService timer;
    private final Random random;
    private final Function<String, CredentialHash> cards;
    private final java.util.Set<Integer> inside = new java.util.HashSet<>();

    PatronSimulation(
            Function<String, Optional<EdgeAgent>> agents, ScheduledExecutorService timer, Path siteSecret, long seed)
            throws IOException {
        this.agents = agents;
        this.timer = timer;
        this.random = new Random(seed);
        this.cards = cards(siteSecret);
    }

    /** Hashes a demo card number as the gate does, with the site's secret. */
    static Function<String, CredentialHash> cards(Path siteSecret) throws IOException {
        CredentialHasher hasher = new CredentialHasher(SiteSecret.read(siteSecret));
        return card -> {
            try {
                return hasher.hash(CredentialKind.CARD_UID, card);
            } catch (CredentialHasher.MalformedCredentialException e) {
                throw new IllegalStateException("the simulation made a bad card number " + card, e);
            }
        };
    }

    void start(long meanArrivalMillis) {
        timer.scheduleWithFixedDelay(this::arrive, 500, Math.max(200, meanArrivalMillis), TimeUnit.MILLISECONDS);
    }

    private synchronized void arrive() {
        int n = 1 + random.nextInt(DemoPatrons.COUNT);
        if (!inside.add(n)) {
            return; // already in the library
        }
        String card = DemoPatrons.card(n);
        CredentialHash patron = cards.apply(card);
        // The patron taps their campus card on the gate's (simulated) reader: the gate decides, pulses the
        // relay and records the credential, the decision and the passage.
        agents.apply(DemoLibrary.GATE)
                .flatMap(a -> a.devices().find("gate-1-reader", FakeCredentialReader.class))
                .ifPresent(reader -> reader.present(dev.carrel.drivers.CredentialKind.CARD_UID, card));
        String agent = random.nextInt(6) == 0 ? DemoLibrary.DISCUSSION_ROOM : DemoLibrary.READING_ROOM;
        Optional<String> seat = freeSeat(agent);
        if (seat.isEmpty()) {
            timer.schedule(() -> exit(n, patron), 10, TimeUnit.SECONDS);
            return;
        }
        sit(agent, seat.get(), patron);
        if (random.nextInt(4) == 0) {
            // Steps out for a while: the sensor stops seeing them and the agent starts a leave by itself.
            timer.schedule(() -> presence(agent, seat.get(), false), 10, TimeUnit.SECONDS);
            timer.schedule(() -> presence(agent, seat.get(), true), 70 + random.nextInt(60), TimeUnit.SECONDS);
        }
        timer.schedule(() -> leave(agent, seat.get(), n, patron), 30 + random.nextInt(150), TimeUnit.SECONDS);
    }

    private Optional<String> freeSeat(String agent) {
        List<String> free = agents.apply(agent).stream()
                .flatMap(a -> a.seats().seats().stream())
                .filter(s -> s.state() == SeatState.FREE)
                .map(Seat::id)
                .toList();
        return free.isEmpty() ? Optional.empty() : Optional.of(free.get(random.nextInt(free.size())));
    }

    private void sit(String agent, String seat, CredentialHash patron) {
        presence(agent, seat, true);
        agents.apply(agent).ifPresent(a -> a.seats().checkIn(seat, patron, "desk_reader"));
    }

    private void leave(String agent, String seat, int n, CredentialHash patron) {
        agents.apply(agent).ifPresent(a -> a.seats().checkOut(seat, patron));
        presence(agent, seat, false);
        exit(n, patron);
    }

    private void presence(String agent, String seat, boolean present) {
        agents.apply(agent)
                .flatMap(a -> a.devices().find(seat + "-presence", FakePresenceSensor.class))
                .ifPresent(sensor -> sensor.set(present ? Presence.PRESENT : Presence.ABSENT));
    }

    private synchronized void exit(int n, CredentialHash patron) {
        inside.remove(n);
        // Out through the gate's exit reader: the gate opens, records the passage OUT and says goodbye.
        agents.apply(DemoLibrary.GATE)
                .flatMap(a -> a.devices().find("gate-1-exit-reader", FakeCredentialReader.class))
                .ifPresent(reader -> reader.present(dev.carrel.drivers.CredentialKind.CARD_UID, DemoPatrons.card(n)));
        if (random.nextInt(3) == 0) {
            gate(new EventBody.Feedback(
                    "gate-1",
                    EventBody.Feedback.Context.EXIT,
                    3 + random.nextInt(3),
                    Optional.empty(),
                    Optional.of(patron)));
        }
    }

    private void gate(EventBody body) {
        agents.apply(DemoLibrary.GATE).ifPresent(a -> a.events().publish(body));
    }
}
