package dev.carrel.demo;

import dev.carrel.agent.EdgeAgent;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision;
import dev.carrel.protocol.EventBody.GatePassage;
import dev.carrel.protocol.SeatState;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Simulated patrons: they come through the gate, take a free desk (presence, seat, lamp and outlet events),
 * sometimes use the discussion room, leave after a while, and now and then leave feedback at the gate. The
 * events are what the real agents will publish once the gate and seat logic land.
 */
final class PatronSimulation {
    private final Function<String, Optional<EdgeAgent>> agents;
    private final ScheduledExecutorService timer;
    private final Random random;
    private final Mac mac;
    private final Map<Integer, Integer> deskToPatron = new ConcurrentHashMap<>();
    private int nextPatron = 1;

    PatronSimulation(Function<String, Optional<EdgeAgent>> agents, ScheduledExecutorService timer, long seed)
            throws GeneralSecurityException {
        this.agents = agents;
        this.timer = timer;
        this.random = new Random(seed);
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("carrel-demo-site-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    void start(long meanArrivalMillis) {
        timer.scheduleWithFixedDelay(this::arrive, 500, Math.max(200, meanArrivalMillis), TimeUnit.MILLISECONDS);
    }

    private synchronized void arrive() {
        int patron = nextPatron++;
        CredentialHash credential = credential(patron);
        CredentialKind kind = CredentialKind.values()[random.nextInt(4)];
        publish(DemoLibrary.GATE, new EventBody.CredentialPresented(readerFor(kind), kind, credential));
        publish(
                DemoLibrary.GATE,
                new GateDecision(
                        "gate-1",
                        credential,
                        GateDecision.Decision.ALLOW,
                        GateDecision.Reason.ALLOW_LISTED,
                        GateDecision.Source.LOCAL));
        publish(DemoLibrary.GATE, new GatePassage("gate-1", GatePassage.Direction.IN, Optional.of(credential)));
        List<Integer> free = new ArrayList<>();
        for (int d = 1; d <= DemoLibrary.DESKS; d++) {
            if (!deskToPatron.containsKey(d)) {
                free.add(d);
            }
        }
        if (!free.isEmpty() && random.nextInt(5) > 0) {
            int desk = free.get(random.nextInt(free.size()));
            deskToPatron.put(desk, patron);
            sit(desk);
            timer.schedule(() -> leave(desk, credential), 8 + random.nextInt(40), TimeUnit.SECONDS);
        } else {
            useRoom(true);
            timer.schedule(
                    () -> {
                        useRoom(false);
                        exit(credential);
                    },
                    5 + random.nextInt(20),
                    TimeUnit.SECONDS);
        }
    }

    private void sit(int desk) {
        String d = DemoLibrary.desk(desk);
        publish(DemoLibrary.READING_ROOM, new EventBody.PresenceChanged(d + "-presence", true, Optional.of(60)));
        publish(
                DemoLibrary.READING_ROOM,
                new EventBody.SeatStateChanged(d, SeatState.OCCUPIED, SeatState.FREE, "walk_up", Optional.empty()));
        publish(DemoLibrary.READING_ROOM, new EventBody.LampState(d + "-lamp", true, 80));
        publish(
                DemoLibrary.READING_ROOM,
                new EventBody.OutletState(d + "-outlet", true, Optional.of(35.0), Optional.empty()));
    }

    private void leave(int desk, CredentialHash credential) {
        String d = DemoLibrary.desk(desk);
        publish(DemoLibrary.READING_ROOM, new EventBody.PresenceChanged(d + "-presence", false, Optional.empty()));
        publish(
                DemoLibrary.READING_ROOM,
                new EventBody.SeatStateChanged(d, SeatState.FREE, SeatState.OCCUPIED, "check_out", Optional.empty()));
        publish(DemoLibrary.READING_ROOM, new EventBody.LampState(d + "-lamp", false, 0));
        publish(
                DemoLibrary.READING_ROOM,
                new EventBody.OutletState(d + "-outlet", false, Optional.of(0.0), Optional.empty()));
        deskToPatron.remove(desk);
        exit(credential);
    }

    private void useRoom(boolean present) {
        publish(
                DemoLibrary.DISCUSSION_ROOM,
                new EventBody.PresenceChanged("room-a-presence", present, Optional.empty()));
        publish(DemoLibrary.DISCUSSION_ROOM, new EventBody.LampState("room-a-lamp", present, present ? 100 : 0));
    }

    private synchronized void exit(CredentialHash credential) {
        publish(DemoLibrary.GATE, new GatePassage("gate-1", GatePassage.Direction.OUT, Optional.of(credential)));
        if (random.nextInt(3) == 0) {
            publish(
                    DemoLibrary.GATE,
                    new EventBody.Feedback(
                            "gate-1-kiosk", EventBody.Feedback.Context.EXIT, 3 + random.nextInt(3), Optional.empty()));
        }
    }

    private void publish(String agent, EventBody body) {
        agents.apply(agent).ifPresent(a -> a.events().publish(body));
    }

    private static String readerFor(CredentialKind kind) {
        return switch (kind) {
            case FACE -> "gate-1-face";
            case QR_PASS -> "gate-1-qr";
            default -> "gate-1-reader";
        };
    }

    private CredentialHash credential(int patron) {
        synchronized (mac) {
            return CredentialHash.of(mac.doFinal(("card_uid:04A1B2C3" + patron).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
