package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.protocol.SeatState;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, booking at the kiosk end to end, in headless Chromium: a real hub (patrons, reservations, the demo
 * library's space model) and the reading room as a real edge agent whose kiosk has its own (simulated) card
 * reader. A card tap, "book a seat" and a free seat make a booking at the hub over MQTT 5 request/response,
 * and the seat is {@code reserved} at the agent; with the hub down, the kiosk says booking needs the library
 * system and nothing is booked.
 */
class KioskBookingEndToEndTest {
    private static final String CARD = "04A1B2C3";

    /** Monday 09:50 in the demo library's time zone: open, and bookable now. */
    private static final Clock CLOCK = Clock.fixed(
            LocalDateTime.parse("2026-11-23T09:50")
                    .atZone(ZoneId.of("Europe/Berlin"))
                    .toInstant(),
            ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Hub hub;
    private EdgeAgent room;
    private KioskBrowser browser;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, room, hub}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    private void start() throws Exception {
        browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
        AgentLayout.SiteSettings site = KioskRig.site(dir);
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.ofEntries(
                        Map.entry("server.host", "127.0.0.1"),
                        Map.entry("server.port", "0"),
                        Map.entry("carrel.data-dir", dir.resolve("hub").toString()),
                        Map.entry("carrel.broker.host", "127.0.0.1"),
                        Map.entry("carrel.broker.port", "0"),
                        Map.entry("carrel.broker.persistent", "false"),
                        Map.entry("carrel.spaces-file", "classpath:spaces-demo.yaml"),
                        Map.entry("carrel.site.id", KioskRig.SITE),
                        Map.entry("carrel.site.secret-file", site.secretFile().toString()),
                        Map.entry("carrel.passes.pin-iterations", "1000"),
                        Map.entry("carrel.reservations.sweep-every", "1h")))),
                CLOCK);
        importPatrons("id,name,group,card_uid,pin\n2023004217,Zhang San,undergraduate," + CARD + ",4711\n");
        room = EdgeAgent.start(
                KioskRig.config("reading-room-1", dir.resolve("reading-room-1"), Optional.of(hub)),
                KioskRig.readingRoom(12, site),
                Hardware.none(),
                CLOCK);
        KioskRig.awaitOnline(room);
        browser.load(room.kioskPort().orElseThrow(), "");
    }

    @Test
    void cardTap_bookASeat_isABookingAtTheHub_andTheSeatIsReservedAtTheAgent() throws Exception {
        start();

        KioskRig.reader(room, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
        browser.untilText("#seat-panel .say", "已读卡");
        browser.click("#seat-panel [data-action='action.book']");
        browser.untilText("#seat-panel .say", "预约");
        browser.click(".seat[data-seat='desk-03']");
        browser.untilText("#toast", "已预约 03 号座位");

        var bookings = hub.reservations().reservations().mine("2023004217");
        assertEquals(1, bookings.size(), bookings.toString());
        assertEquals("desk-03", bookings.getFirst().resourceId());
        assertEquals(CLOCK.instant(), bookings.getFirst().start());
        browser.untilVisible(".seat[data-seat='desk-03'][data-state='reserved']");
        assertEquals(
                SeatState.RESERVED, room.seats().seat("desk-03").orElseThrow().state());
    }

    @Test
    void hubDown_theKioskSaysBookingNeedsTheLibrarySystem_andNothingIsBooked() throws Exception {
        start();
        hub.close();
        hub = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (room.connected()) {
            assertTrue(System.nanoTime() < deadline, "the agent notices the hub is gone");
            Thread.sleep(50);
        }

        KioskRig.reader(room, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
        browser.untilText("#seat-panel .say", "已读卡");
        browser.click("#seat-panel [data-action='action.book']");
        browser.click(".seat[data-seat='desk-05']");
        browser.untilText("#toast", "预约需要连接图书馆系统");
        assertEquals(SeatState.FREE, room.seats().seat("desk-05").orElseThrow().state());

        // The kiosk API says the same to any client, with its code; the screen still acts for the patron.
        KioskRig.reader(room, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + room.kioskPort().orElseThrow() + "/api/seats/desk-05/book"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"minutes\":120}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"hub_offline\""), r.body());
        assertTrue(r.body().contains("walk up to a free seat instead"), r.body());
    }

    private void importPatrons(String csv) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + hub.httpPort();
        String token = "Bearer " + hub.staff().issueToken("admin");
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/patrons/imports"))
                        .header("Authorization", token)
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        URI job = URI.create(base + r.headers().firstValue("Location").orElseThrow());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!http.send(
                        HttpRequest.newBuilder(job)
                                .header("Authorization", token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .contains("\"state\":\"done\"")) {
            assertTrue(System.nanoTime() < deadline, "the import finishes");
            Thread.sleep(50);
        }
    }
}
