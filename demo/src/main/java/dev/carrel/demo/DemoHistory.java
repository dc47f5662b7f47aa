package dev.carrel.demo;

import dev.carrel.hub.Hub;
import dev.carrel.hub.schedules.Hours;
import dev.carrel.hub.schedules.Schedule;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision;
import dev.carrel.protocol.EventBody.GatePassage;
import dev.carrel.protocol.EventBody.SeatViolation;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.WireCodec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code ./carrel demo --history 7d}: the simulated patrons' past days, written through the hub's real ingest
 * (as if the agents had sent them) in a few seconds, so every analytics view has a week to show. The days
 * follow the building's opening hours; arrivals peak mid-morning and after lunch, a third of the seated
 * patrons take a leave (a long one at lunch), some bookings are no-shows, a few exits are missed, desks'
 * plugs meter their energy, and some leavers give feedback. The ILS's loan counts are made up too.
 */
final class DemoHistory {
    /** Past days are sent in a session of their own, so they never mix with the live agents' sequences. */
    private static final long SESSION = 1_000_000L;

    private static final double[] ARRIVALS_BY_HOUR = {
        0, 0, 0, 0, 0, 0, 0, 1, 3, 6, 7, 5, 3, 6, 6, 4, 3, 2, 3, 2, 1, 0.5, 0, 0
    };

    /** What was written. */
    record Result(int days, int visits, int events, Duration took) {}

    private record Sent(String agent, Event event) {}

    private final Hub hub;
    private final Function<String, CredentialHash> cards;
    private final Random random;
    private final EventIds ids = EventIds.system();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Long> seqs = new HashMap<>();
    private final Map<String, Double> meters = new HashMap<>();
    private final StringBuilder loans = new StringBuilder("patron_id,date,loans\n");
    private int visits;
    private ZoneId zone = ZoneId.of("UTC");

    private DemoHistory(Hub hub, Function<String, CredentialHash> cards, long seed) {
        this.hub = hub;
        this.cards = cards;
        this.random = new Random(seed);
    }

    static Result write(Hub hub, Function<String, CredentialHash> cards, int days, long seed) throws Exception {
        long start = System.nanoTime();
        DemoHistory h = new DemoHistory(hub, cards, seed);
        SpaceModel model = hub.facilities().spaces().current();
        ZoneId zone = model.sites().isEmpty()
                ? ZoneId.of("UTC")
                : model.sites().getFirst().timezone();
        h.zone = zone;
        LocalDate today = LocalDate.now(zone);
        Optional<Schedule> schedule = hub.facilities().schedules().find("main");
        for (int i = days; i > 0; i--) {
            LocalDate d = today.minusDays(i);
            Optional<Hours> hours = schedule.map(s -> s.day(d).hours()).orElse(Optional.of(new Hours(8 * 60, 22 * 60)));
            if (hours.isPresent()) {
                h.day(d, zone, hours.get());
            }
        }
        h.send();
        hub.analytics().loans(h.loans.toString());
        hub.analytics().refresh();
        return new Result(days, h.visits, h.sent.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void day(LocalDate date, ZoneId zone, Hours hours) {
        long open = date.atStartOfDay(zone).toInstant().toEpochMilli() + hours.open() * 60_000L;
        long close = date.atStartOfDay(zone).toInstant().toEpochMilli() + hours.close() * 60_000L;
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        int count = (int) ((weekend ? 70 : 150) * (0.85 + 0.3 * random.nextDouble()));
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arrivals.add(arrival(date, zone, open, close));
        }
        arrivals.sort(null);
        Map<String, Long> freeAt = new HashMap<>();
        Set<Integer> came = new HashSet<>();
        for (long t : arrivals) {
            int patron = 1 + random.nextInt(DemoPatrons.COUNT);
            if (came.add(patron)) {
                visit(patron, t, close, freeAt);
            }
        }
        for (int i = 0; i < count / 25; i++) {
            noShow(1 + random.nextInt(DemoPatrons.COUNT), open + random.nextLong(close - open - 3_600_000L), freeAt);
        }
        for (int patron : came) {
            if (random.nextInt(3) == 0) {
                loans.append(String.format("D%04d,%s,%d%n", patron, date, 1 + random.nextInt(3)));
            }
        }
    }

    private long arrival(LocalDate date, ZoneId zone, long open, long close) {
        double total = 0;
        for (double w : ARRIVALS_BY_HOUR) {
            total += w;
        }
        while (true) {
            double pick = random.nextDouble() * total;
            int hour = 0;
            while (pick > ARRIVALS_BY_HOUR[hour]) {
                pick -= ARRIVALS_BY_HOUR[hour++];
            }
            long t = date.atStartOfDay(zone).toInstant().toEpochMilli()
                    + hour * 3_600_000L
                    + random.nextLong(3_600_000L);
            if (t >= open && t < close - 1_800_000L) {
                return t;
            }
        }
    }

    private void visit(int patron, long in, long close, Map<String, Long> freeAt) {
        visits++;
        CredentialHash card = cards.apply(DemoPatrons.card(patron));
        long out = Math.min(
                close - 120_000L, in + 1_200_000L + (long) (Math.exp(random.nextGaussian() * 0.7) * 5_400_000L));
        gate(
                in,
                new GateDecision(
                        "gate-1",
                        card,
                        GateDecision.Decision.ALLOW,
                        GateDecision.Reason.ALLOW_LISTED,
                        GateDecision.Source.LOCAL));
        gate(in + 500, new GatePassage("gate-1", GatePassage.Direction.IN, Optional.of(card)));
        if (random.nextInt(4) != 0) {
            boolean room = random.nextInt(10) == 0;
            List<String> seats = room ? List.of("room-a") : desks();
            seats.stream()
                    .filter(s -> freeAt.getOrDefault(s, 0L) < in)
                    .skip(random.nextInt(Math.max(1, seats.size() / 2)))
                    .findFirst()
                    .ifPresent(s -> freeAt.put(
                            s,
                            sit(
                                            room ? DemoLibrary.DISCUSSION_ROOM : DemoLibrary.READING_ROOM,
                                            s,
                                            card,
                                            in + 180_000L,
                                            out - 240_000L)
                                    + 60_000L));
        }
        if (random.nextInt(25) != 0) {
            gate(out, new GatePassage("gate-1", GatePassage.Direction.OUT, Optional.of(card)));
            if (random.nextInt(3) == 0) {
                gate(
                        out + 5_000,
                        new EventBody.Feedback(
                                "gate-1",
                                EventBody.Feedback.Context.EXIT,
                                3 + random.nextInt(3),
                                Optional.empty(),
                                Optional.of(card)));
            }
        }
    }

    private static List<String> desks() {
        List<String> out = new ArrayList<>();
        for (int d = 1; d <= DemoLibrary.DESKS; d++) {
            out.add(DemoLibrary.desk(d));
        }
        return out;
    }

    /** A seat session from {@code from} to {@code to}; returns when the seat is free again. */
    private long sit(String agent, String seat, CredentialHash card, long from, long to) {
        if (to - from < 600_000L) {
            return from;
        }
        boolean booked = random.nextInt(6) == 0;
        if (booked) {
            seat(agent, from - 900_000L, seat, SeatState.RESERVED, SeatState.FREE, "booked", card);
            seat(agent, from, seat, SeatState.OCCUPIED, SeatState.RESERVED, "check_in", card);
        } else {
            seat(agent, from, seat, SeatState.OCCUPIED, SeatState.FREE, "check_in", card);
        }
        presence(agent, from + 30_000L, seat, true);
        double watts = 5 + random.nextInt(55);
        outlet(agent, from + 1_000L, seat, true, 0);
        if (random.nextInt(3) == 0 && to - from > 7_200_000L) {
            long away = from + (to - from) / 3 + random.nextLong((to - from) / 3);
            int hour = Instant.ofEpochMilli(away).atZone(zone).getHour();
            long leave = hour >= 11 && hour <= 13
                    ? 2_700_000L + random.nextLong(1_800_000L) // the lunch break
                    : 600_000L + random.nextLong(1_200_000L);
            long back = Math.min(away + 120_000L + leave, to - 600_000L);
            presence(agent, away, seat, false);
            seat(agent, away + 120_000L, seat, SeatState.AWAY, SeatState.OCCUPIED, "presence_lost", card);
            if (random.nextInt(30) == 0) {
                long overrun = away + 120_000L + 3_600_000L;
                send(
                        agent,
                        overrun,
                        new SeatViolation(
                                seat, card, SeatViolation.Kind.LEAVE_OVERRUN, Optional.of(Instant.ofEpochMilli(away))));
                seat(agent, overrun, seat, SeatState.FREE, SeatState.AWAY, "leave_expired", null);
                outlet(agent, overrun, seat, false, watts * (away - from) / 3_600_000.0);
                return overrun;
            }
            presence(agent, back, seat, true);
            seat(agent, back + 10_000L, seat, SeatState.OCCUPIED, SeatState.AWAY, "returned", card);
        }
        presence(agent, to - 30_000L, seat, false);
        seat(agent, to, seat, SeatState.FREE, SeatState.OCCUPIED, "check_out", null);
        outlet(agent, to + 1_000L, seat, false, watts * (to - from) / 3_600_000.0);
        return to;
    }

    private void noShow(int patron, long at, Map<String, Long> freeAt) {
        CredentialHash card = cards.apply(DemoPatrons.card(patron));
        desks().stream()
                .filter(s -> freeAt.getOrDefault(s, 0L) < at)
                .findFirst()
                .ifPresent(s -> {
                    seat(DemoLibrary.READING_ROOM, at, s, SeatState.RESERVED, SeatState.FREE, "booked", card);
                    long expiry = at + 900_000L;
                    send(
                            DemoLibrary.READING_ROOM,
                            expiry,
                            new SeatViolation(s, card, SeatViolation.Kind.NO_SHOW, Optional.empty()));
                    seat(DemoLibrary.READING_ROOM, expiry, s, SeatState.FREE, SeatState.RESERVED, "no_show", null);
                    freeAt.put(s, expiry + 60_000L);
                });
    }

    private void seat(
            String agent,
            long at,
            String seat,
            SeatState state,
            SeatState previous,
            String cause,
            CredentialHash card) {
        send(agent, at, new EventBody.SeatStateChanged(seat, state, previous, cause, Optional.ofNullable(card)));
    }

    private void presence(String agent, long at, String seat, boolean present) {
        send(agent, at, new EventBody.PresenceChanged(seat + "-presence", present, Optional.empty()));
    }

    private void outlet(String agent, long at, String seat, boolean on, double addWh) {
        double total = meters.merge(seat, addWh, Double::sum);
        send(
                agent,
                at,
                new EventBody.OutletState(
                        seat + "-outlet",
                        on,
                        Optional.of(on ? 30.0 : 0.0),
                        Optional.of(Math.round(total * 1000) / 1000.0)));
    }

    private void gate(long at, EventBody body) {
        send(DemoLibrary.GATE, at, body);
    }

    private void send(String agent, long at, EventBody body) {
        long seq = seqs.merge(agent, 1L, Long::sum) - 1;
        sent.add(new Sent(agent, new Event(ids.next(), SESSION, seq, Instant.ofEpochMilli(at), body)));
    }

    /** Hands every event to the hub's ingest, as the MQTT client would, and waits for all the commits. */
    private void send() throws InterruptedException {
        WireCodec codec = new WireCodec();
        CountDownLatch stored = new CountDownLatch(sent.size());
        for (Sent s : sent) {
            hub.ingest()
                    .accept(
                            WireCodec.topicFor(AgentId.of(s.agent()), s.event()).toString(),
                            codec.encode(s.event()),
                            stored::countDown);
        }
        if (!stored.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hub did not store the demo's history in 120 s");
        }
    }
}
