package dev.carrel.demo.kiosk;

import static dev.carrel.demo.kiosk.PassEventsPageTest.screenshot;
import static dev.carrel.demo.kiosk.PassEventsPageTest.switchTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.hub.reservations.Booking;
import dev.carrel.hub.reservations.Reservations;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * Issue 7, booking at the kiosk end to end, in headless Chromium: a real hub (patrons, reservations, the demo
 * library's space model) and the reading room as a real edge agent whose kiosk has its own (simulated) card
 * reader. A card tap, "book a seat" and a free seat make a booking at the hub over MQTT 5 request/response,
 * and the seat is {@code reserved} at the agent; with the hub down, the kiosk says booking needs the library
 * system and nothing is booked. At a discussion room's door the same tap books the room: the page shows the
 * hub's join code, and a second patron's try for the same time gets the refusal as a sentence. With
 * {@code -Dkiosk.screenshots=<dir>} the door test writes room-booking-{en,zh-CN}.png (the start and length
 * chosen) and room-booked-{en,zh-CN}.png (the answer with the join code).
 */
class KioskBookingEndToEndTest {
    private static final String CARD = "04A1B2C3";
    private static final String CARD2 = "04A1B2C5";

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Monday 09:50 in the demo library's time zone: open, and bookable now. */
    private static final Clock CLOCK =
            Clock.fixed(LocalDateTime.parse("2026-11-23T09:50").atZone(BERLIN).toInstant(), ZoneOffset.UTC);

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
        start("reading-room-1", site -> KioskRig.readingRoom(12, site), KioskBrowser.LANDSCAPE, b -> {});
    }

    /**
     * The hub with its patrons, and one kiosk agent (the reading room's, or a discussion room's door) whose page
     * the browser loads once {@code prepare} has set it up.
     */
    private void start(
            String agent,
            Function<AgentLayout.SiteSettings, AgentLayout> layout,
            Dimension screen,
            Consumer<KioskBrowser> prepare)
            throws Exception {
        browser = KioskBrowser.open(screen);
        prepare.accept(browser);
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
        importPatrons("id,name,group,card_uid,pin\n2023004217,Zhang San,undergraduate," + CARD + ",4711\n"
                + "2023004218,Li Si,undergraduate," + CARD2 + ",2468\n");
        room = EdgeAgent.start(
                KioskRig.config(agent, dir.resolve(agent), Optional.of(hub)),
                layout.apply(site),
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

    @Test
    void doorKiosk_bookThisRoom_showsTheHubsJoinCode_andARoomTakenIsSaidAsASentence() throws Exception {
        start("discussion-room-1", KioskRig::room, KioskBrowser.PORTRAIT, this::hubTimeInTheBrowser);

        KioskRig.reader(room, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
        browser.click("#room-panel [data-action='action.bookRoom']");
        browser.untilVisible("#room-panel [data-start='now'].chosen");
        browser.click("#room-panel [data-minutes='60']");
        browser.untilVisible("#room-panel [data-minutes='60'].chosen");
        inBothLanguages("room-booking");
        browser.click("#room-panel [data-action='roomBooking.book']");
        browser.untilVisible("#room-booked .join-code");

        String shown = browser.text("#room-booked .join-code");
        List<Booking> bookings = hub.reservations().reservations().mine("2023004217");
        assertEquals(1, bookings.size(), bookings.toString());
        Booking booked = bookings.getFirst();
        assertEquals(Booking.Kind.ROOM, booked.kind());
        assertEquals("discussion-room-1", booked.resourceId());
        assertEquals(CLOCK.instant().plus(Duration.ofMinutes(60)), booked.end());
        assertEquals(booked.joinCode().orElseThrow(), shown, "the door shows the hub's join code");
        assertTrue(browser.text("#room-booked").contains("还需 2 人"), browser.text("#room-booked"));
        assertTrue(
                browser.visibleText().stream().noneMatch(t -> t.matches("(?s).*[A-Za-z].*")),
                "no Latin letter in zh-CN: " + browser.visibleText());
        inBothLanguages("room-booked");
        browser.untilText("#room-booked", "还需 2 人");
        browser.click("#room-booked [data-action='action.done']");
        browser.untilText("#bookings-list", "09:50");

        // Zhang books the room again for 11:30 on his phone; the door does not know it yet. Li asks at the door
        // for 11:00-12:30 (now is not offered: the room is booked now), and the hub refuses.
        hub.reservations()
                .reservations()
                .book(
                        "2023004217",
                        new Reservations.Request(
                                Booking.Kind.ROOM, "discussion-room-1", Optional.of(berlin("11:30")), 60));
        KioskRig.reader(room, "kiosk-reader").present(CredentialKind.CARD_UID, CARD2);
        browser.click("#room-panel [data-action='action.bookRoom']");
        String eleven = "#room-panel [data-start='" + berlin("11:00") + "']";
        browser.click(eleven.replace("Z']", ".000Z']"));
        assertTrue(browser.all("#room-panel [data-start='now']").isEmpty(), "now is not offered");
        browser.click("#room-panel [data-minutes='90']");
        browser.click("#room-panel [data-action='roomBooking.book']");
        browser.untilText("#toast", "该时段研讨室已被预约");
        browser.click("#lang");
        browser.click("#room-panel [data-action='roomBooking.book']");
        browser.untilText("#toast", "The room is already booked for that time");
        assertTrue(hub.reservations().reservations().mine("2023004218").isEmpty(), "nothing booked for Li");
    }

    /**
     * The door's screen as it is in zh-CN (the kiosk's own language), then switched to English with no Chinese
     * left, and back. With {@code -Dkiosk.screenshots=<dir>} it writes {@code <name>-zh-CN.png} and
     * {@code <name>-en.png} at the door kiosk's real size.
     */
    private void inBothLanguages(String name) throws Exception {
        screenshot(browser, name + "-zh-CN");
        switchTo(browser, "en");
        screenshot(browser, name + "-en");
        switchTo(browser, "zh-CN");
    }

    private static Instant berlin(String time) {
        return LocalDateTime.parse("2026-11-23T" + time).atZone(BERLIN).toInstant();
    }

    /**
     * The door page reads the time from the browser: this makes the browser's clock the hub's (fixed) one and
     * its time zone the library's, so "now" and the later starts it offers are the hub's.
     */
    private void hubTimeInTheBrowser(KioskBrowser b) {
        b.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", BERLIN.getId()));
        b.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                                (() => {
                                  const Real = Date;
                                  const offset = %d - Real.now();
                                  class HubDate extends Real {
                                    constructor(...a) { if (a.length === 0) super(Real.now() + offset); else super(...a); }
                                    static now() { return Real.now() + offset; }
                                  }
                                  globalThis.Date = HubDate;
                                })();""".formatted(
                        CLOCK.millis())));
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
