package dev.carrel.demo.kiosk;

import static dev.carrel.demo.kiosk.PassEventsPageTest.PHONE;
import static dev.carrel.demo.kiosk.PassEventsPageTest.assertForeignFree;
import static dev.carrel.demo.kiosk.PassEventsPageTest.screenshot;
import static dev.carrel.demo.kiosk.PassEventsPageTest.switchTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.control.MutableClock;
import dev.carrel.hub.passes.QrDecode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, the check-in by a seat's QR code end to end: the code printed for desk-03 (read back with ZXing)
 * opens the pass page in real Chromium at a phone's width; Ann signs in, the card offers the check-in of her
 * booking there, too early it says so, in time it checks her in at the hub (seat_qr) and tells her to sit
 * down before the grace ends, since the demo's desks have presence sensors. The code of another desk says
 * she has no booking there and changes nothing. With {@code -Dkiosk.screenshots=<dir>} it writes
 * pass-seat-checkin-en.png and pass-seat-checkin-zh-CN.png.
 */
class PassSeatCheckInPageTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String CARD = "#seat-card";

    @TempDir
    Path dir;

    /** A Monday in term; Ann's booking is 10:00-11:00, check-in from 09:45 until 10:15. */
    private final MutableClock clock = new MutableClock(at("2026-11-23T09:30"));

    private PassHub hub;

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void seatCode_opensTheCheckIn_tooEarlyThenInTime_anotherSeatsCodeChangesNothing() throws Exception {
        hub = PassHub.start(dir, KioskRig.site(dir), clock);
        hub.importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n");
        String ann = hub.signIn("u1", "4711");
        String start = at("2026-11-23T10:00").toString();
        String booking = hub.send(
                        "POST",
                        "/pass/api/reservations",
                        "{\"seat\":\"desk-03\",\"start\":\"" + start + "\",\"minutes\":60}",
                        ann,
                        201)
                .get("id")
                .asText();

        try (KioskBrowser phone = KioskBrowser.open(PHONE)) {
            phone.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Berlin"));
            phone.driver()
                    .get(hub.uri("/pass/" + printedQuery("desk-03") + "&lang=en")
                            .toString());
            phone.untilText(CARD + " h2", "Check in at desk-03");
            phone.untilText(CARD, "Sign in to check in");
            signIn(phone);
            phone.untilText(CARD, "check in at the seat by 10:15");

            phone.click(CARD + " button.check-in");
            phone.untilText(CARD + " .outcome", "Too early");
            assertEquals("booked", booking(booking).get("state").asText());
            assertTrue(booking(booking).path("checkedInAt").isMissingNode()
                    || booking(booking).get("checkedInAt").isNull());

            clock.set(at("2026-11-23T09:50"));
            phone.click(CARD + " button.check-in");
            phone.untilText(CARD + " h2", "Checked in at desk-03");
            phone.untilText(CARD + " .state", "Now sit down at the desk: its sensor must see you by 10:15");
            assertTrue(phone.all(CARD + " .outcome").isEmpty(), "the refusal is gone");
            JsonNode checked = booking(booking);
            assertEquals("seat_qr", checked.get("checkInSource").asText(), checked.toString());
            assertEquals(
                    at("2026-11-23T09:50").toString(),
                    checked.get("checkedInAt").asText());
            assertEquals("booked", checked.get("state").asText(), "desk-03 has a sensor: presence is awaited");

            assertForeignFree(phone, "en");
            screenshot(phone, "pass-seat-checkin-en");
            switchTo(phone, "zh-CN");
            phone.untilText(CARD + " .state", "请现在就座");
            screenshot(phone, "pass-seat-checkin-zh-CN");
            switchTo(phone, "en");

            anotherSeatsCode(phone, booking, checked);
        }
    }

    /**
     * Peer report from the seat card: Bo, with no booking at desk-07, is offered the report; nobody is checked in
     * there, so the card says why it cannot be reported, in his language, and nothing is stored.
     */
    @Test
    void seatCode_withoutABookingThere_offersAReport_andSaysWhyItIsRefused() throws Exception {
        hub = PassHub.start(dir, KioskRig.site(dir), clock);
        hub.importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n");
        try (KioskBrowser phone = KioskBrowser.open(PHONE)) {
            phone.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Berlin"));
            phone.driver()
                    .get(hub.uri("/pass/" + printedQuery("desk-07") + "&lang=en")
                            .toString());
            signIn(phone);
            phone.untilText(CARD + " h2", "You have no booking at desk-07");
            phone.click(CARD + " button.report");
            phone.untilText(CARD + " .outcome", "Nobody is checked in at this seat now");
            switchTo(phone, "zh-CN");
            phone.untilText(CARD + " .outcome", "此座位目前无人签到");
            assertForeignFree(phone, "zh-CN");
        }
    }

    /** desk-07's code: no booking there, Ann's own is named, the Bookings tab is offered; nothing changes. */
    private void anotherSeatsCode(KioskBrowser phone, String booking, JsonNode before) throws Exception {
        phone.driver()
                .get(hub.uri("/pass/" + printedQuery("desk-07") + "&lang=en").toString());
        phone.untilText(CARD + " h2", "You have no booking at desk-07");
        phone.untilText(CARD, "Your booking is at desk-03");
        assertTrue(phone.all(CARD + " button.check-in").isEmpty(), "nothing to check in here");
        assertEquals(before, booking(booking), "Ann's booking is as it was");
        assertEquals(
                0,
                hub.send("GET", "/api/reservations/bookings?seat=desk-07", null, "", 200)
                        .size());

        phone.click(CARD + " button.open-bookings");
        phone.untilVisible("#bookings");
        phone.untilText("#my-bookings li:first-child", "desk-03");
    }

    /** The query of the address printed in desk's code, read from its QR code as a phone's camera would. */
    private String printedQuery(String desk) throws Exception {
        String html = hub.page("/api/spaces/zones/reading-room-1/seat-codes");
        Matcher card = Pattern.compile("data-seat=\"" + desk + "\">.*?(<svg .*?</svg>)", Pattern.DOTALL)
                .matcher(html);
        assertTrue(card.find(), "a card for " + desk);
        String address = QrDecode.text(card.group(1));
        assertEquals(PassHub.PUBLIC_URL + "?seat=" + desk, address);
        return address.substring(PassHub.PUBLIC_URL.length());
    }

    private JsonNode booking(String id) throws Exception {
        return hub.send("GET", "/api/reservations/bookings/" + id, null, "", 200)
                .get("booking");
    }

    private void signIn(KioskBrowser phone) {
        phone.untilVisible("#signin");
        phone.find("input[name=patron]").sendKeys("u1");
        phone.find("input[name=pin]").sendKeys("4711");
        phone.click("#signin button");
        phone.untilVisible("#qr svg");
    }
}
