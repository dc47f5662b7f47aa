package dev.carrel.agent.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.control.ClosingSchedule;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatEffects;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.agent.seats.SqliteSeatStore;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.SeatState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskServerTest {
    private static final CredentialHash ZHANG = new CredentialHash("c".repeat(64));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final KioskFeed feed = new KioskFeed();
    private final List<EventBody> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final KioskPatron patron = new KioskPatron(Clock.systemUTC());
    private SqliteSeatStore store;
    private SeatSessions seats;
    private KioskServer server;

    @BeforeEach
    void start() {
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        SeatBinding desk = new SeatBinding(
                "desk-01",
                Optional.of("desk-01-lamp"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        seats = new SeatSessions(List.of(desk), SeatRules.DEFAULTS, store, new NoEffects(), Clock.systemUTC());
        server = new KioskServer(
                "127.0.0.1",
                0,
                new KioskServer.Parts(
                        "reading-room-1",
                        KioskProfile.DEFAULT,
                        seats,
                        patron,
                        feed,
                        new KioskServer.Sources(
                                () -> true,
                                new KioskTwin(Map::of),
                                () -> ClosingSchedule.NONE,
                                events::add,
                                Clock.systemUTC(),
                                Optional.empty())));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void pages_andState_areServedFromTheKioskJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), page.body());
        HttpResponse<String> state = get("/api/state");
        assertEquals(200, state.statusCode());
        assertTrue(state.body().contains("\"agent\":\"reading-room-1\""), state.body());
        assertTrue(state.body().contains("{\"id\":\"desk-01\",\"state\":\"free\"}"), state.body());
    }

    @Test
    void checkIn_withoutACardTapped_isRefused_andChangesNothing() throws Exception {
        HttpResponse<String> r = post("/api/seats/desk-01/check-in");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("tap your card first"));
        assertEquals(SeatState.FREE, seats.seat("desk-01").orElseThrow().state());
    }

    @Test
    void checkIn_afterATap_holdsTheSeatForThatPatron() throws Exception {
        patron.tapped(ZHANG);
        HttpResponse<String> r = post("/api/seats/desk-01/check-in");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Optional.of(ZHANG), seats.seat("desk-01").orElseThrow().patron());
        assertEquals(Optional.empty(), patron.current(), "the tap is used once");
    }

    @Test
    void unknownSeat_is404() throws Exception {
        patron.tapped(ZHANG);
        assertEquals(404, post("/api/seats/desk-99/check-in").statusCode());
    }

    @Test
    void eventStream_startsWithConnectionAndSeats_thenCarriesGreetings() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri("/api/events")).build();
        HttpResponse<Stream<String>> res = http.send(req, HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = res.body().iterator();
        List<String> seen = new ArrayList<>();
        // the seat map as it is now, though no seat has changed since the agent started
        while (seen.stream().noneMatch(l -> l.contains("{\"id\":\"desk-01\",\"state\":\"free\"}"))) {
            seen.add(lines.next());
        }
        feed.publish(new KioskEvent.Greeting("Zhang S.", List.of("1 book due tomorrow")));
        while (seen.stream().noneMatch(l -> l.contains("Zhang S."))) {
            seen.add(lines.next());
        }
        assertTrue(seen.contains("event:connection"), seen.toString());
        assertTrue(seen.contains("event:greeting"), seen.toString());
        res.body().close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final class NoEffects implements SeatEffects {
        @Override
        public void power(SeatBinding seat, boolean on) {}

        @Override
        public void warn(SeatBinding seat) {}

        @Override
        public void attention(SeatBinding seat, boolean on) {}

        @Override
        public void publish(EventBody event) {}
    }
}
