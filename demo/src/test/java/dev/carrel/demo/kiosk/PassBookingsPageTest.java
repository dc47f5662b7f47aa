package dev.carrel.demo.kiosk;

import static dev.carrel.demo.kiosk.PassEventsPageTest.PHONE;
import static dev.carrel.demo.kiosk.PassEventsPageTest.assertForeignFree;
import static dev.carrel.demo.kiosk.PassEventsPageTest.screenshot;
import static dev.carrel.demo.kiosk.PassEventsPageTest.switchTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.control.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 7, reservations on the patron's phone: a real hub with access on and the demo's library, real
 * Chromium at a phone's width in the library's time zone. Ann has a no-show from the morning; on the
 * Bookings tab she is refused a seat Bo booked a moment earlier, books another, books the discussion room
 * and sees its join code, appeals the violation (pending for staff), and cancels the seat; in both languages,
 * with no string of the other left after a switch. With {@code -Dkiosk.screenshots=<dir>} it writes
 * pass-bookings-en.png and pass-bookings-zh-CN.png.
 */
class PassBookingsPageTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    /** A Monday in term, the library open 08:00-22:00; the hub books and sweeps by this clock. */
    private final MutableClock clock = new MutableClock(at("2026-11-23T09:50"));

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
    void bookSeat_refusedWhenTaken_bookRoom_appealTheNoShow_cancel() throws Exception {
        hub = PassHub.start(dir, KioskRig.site(dir), clock);
        hub.importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n"
                + "u2,Bo Chen,postgraduate,04000002,2468\n");
        String ann = hub.signIn("u1", "4711");
        String bo = hub.signIn("u2", "2468");
        hub.send("POST", "/pass/api/reservations", seat("desk-05", at("2026-11-23T10:00")), ann, 201);
        clock.set(at("2026-11-23T10:16"));
        hub.hub().reservations().sweep();
        String violation = hub.send("GET", "/pass/api/reservations/violations", null, ann, 200)
                .at("/violations/0/id")
                .asText();

        try (KioskBrowser phone = KioskBrowser.open(PHONE)) {
            phone.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Berlin"));
            signIn(phone);
            phone.click("[data-tab=bookings]");
            phone.untilText("#my-bookings-none", "no current or upcoming booking");
            phone.untilText("#violations [data-violation='" + violation + "']", "No-show");
            assertEquals(
                    "now",
                    new Select(phone.find("#seat-form select[name=start]"))
                            .getFirstSelectedOption()
                            .getAttribute("value"));
            phone.untilVisible("#free-seats [data-seat='desk-01']");
            assertTrue(phone.all("#free-seats [data-seat='desk-05']").size() == 1, "a no-show's seat is free again");

            // Bo takes desk-01 after Ann's list was drawn: her tap is refused, and the list no longer offers it.
            hub.send("POST", "/pass/api/reservations", "{\"seat\":\"desk-01\",\"minutes\":60}", bo, 201);
            phone.click("#free-seats [data-seat='desk-01']");
            phone.untilText("#error", "someone has just booked it");
            phone.until(d -> phone.all("#free-seats [data-seat='desk-01']").isEmpty());

            phone.click("#free-seats [data-seat='desk-02']");
            phone.untilText("#notice", "Seat desk-02 booked");
            // Said again in Chinese at once: the seat id stays the library's own word, the time is rewritten.
            switchTo(phone, "zh-CN");
            phone.untilText("#notice", "已预约座位 desk-02");
            assertEquals("desk-02", phone.text("#notice [translate=no]"));
            switchTo(phone, "en");
            phone.untilText("#notice", "Seat desk-02 booked");
            String booked = "#my-bookings li:first-child";
            phone.untilText(booked, "desk-02");
            phone.untilText(booked + " .state", "check in at the seat by 10:31");

            bookRoom(phone);
            appeal(phone, violation);
            assertForeignFree(phone, "en");
            top(phone);
            screenshot(phone, "pass-bookings-en");
            switchTo(phone, "zh-CN");
            phone.untilText(booked + " .state", "请在 10:31 前到座签到");
            phone.untilText("#violations .state", "申诉已提交");
            top(phone);
            screenshot(phone, "pass-bookings-zh-CN");
            switchTo(phone, "en");

            phone.click(booked + " button.cancel");
            phone.untilText("#notice", "Booking cancelled");
            phone.until(d -> !phone.text("#my-bookings").contains("desk-02"));
            JsonNode mine = hub.send("GET", "/api/reservations/bookings?patron=u1&seat=desk-02", null, "", 200);
            assertEquals("cancelled", mine.at("/0/state").asText(), mine.toString());
        }
    }

    /**
     * The long-term seat section (the demo's reading room is its long-term area): Ann's tap on a seat Bo has
     * just held is refused as a sentence, then she holds desk-03 for 4 weeks from the form and sees it with
     * its end and this week's presence; the hub has it; in Chinese too; she gives it up after a confirm.
     */
    @Test
    void longTermSeat_heldFromTheForm_refusedWhenTaken_givenUpAfterConfirm() throws Exception {
        hub = PassHub.start(dir, KioskRig.site(dir), clock);
        hub.importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n"
                + "u2,Bo Chen,postgraduate,04000002,2468\n");
        String bo = hub.signIn("u2", "2468");
        hub.send("POST", "/pass/api/reservations", seat("desk-01", at("2026-11-23T14:00")), bo, 201);

        try (KioskBrowser phone = KioskBrowser.open(PHONE)) {
            phone.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Berlin"));
            signIn(phone);
            phone.click("[data-tab=bookings]");
            phone.untilText("#long-term h2", "Long-term seat");
            phone.untilVisible("#long-term-seats [data-long-term-seat='desk-02']");
            assertTrue(
                    phone.all("#long-term-seats [data-long-term-seat='desk-01']")
                            .isEmpty(),
                    "Bo has desk-01 this afternoon: it is not free for a week");
            new Select(phone.find("#long-term-form select[name=weeks]")).selectByValue("4");
            phone.untilText("#long-term-rule", "Held until Mon, Dec 21 09:50");
            phone.untilText("#long-term-rule", "at least 15 h");

            // Bo holds desk-04 after Ann's list was drawn: her tap is refused, and the list no longer offers it.
            hub.send("POST", "/pass/api/reservations/long-term", "{\"seat\":\"desk-04\",\"weeks\":2}", bo, 201);
            phone.click("#long-term-seats [data-long-term-seat='desk-04']");
            phone.untilText("#error", "someone has just booked or taken that seat");
            phone.until(d -> phone.all("#long-term-seats [data-long-term-seat='desk-04']")
                    .isEmpty());

            phone.click("#long-term-seats [data-long-term-seat='desk-03']");
            phone.untilText("#notice", "The seat is held for you until Mon, Dec 21 09:50");
            String held = "#long-term-hold [data-long-term]";
            phone.untilText(held, "desk-03");
            phone.untilText(held + " .until", "Held for you until Mon, Dec 21 09:50");
            phone.untilText(held + " .week", "This week so far: 0 h at the seat of the 15 h needed");
            phone.until(d -> phone.all("#long-term-seats button").isEmpty());
            JsonNode holds = hub.send("GET", "/api/reservations/long-term?state=active", null, "", 200);
            JsonNode annHold = holds.findParents("patronId").stream()
                    .filter(h -> h.get("patronId").asText().equals("u1"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the hub has Ann's hold: " + holds));
            assertEquals("desk-03", annHold.get("seatId").asText());
            assertEquals(at("2026-12-21T09:50").toString(), annHold.get("until").asText());

            assertForeignFree(phone, "en");
            showLongTerm(phone);
            screenshot(phone, "pass-bookings-long-term-en");
            switchTo(phone, "zh-CN");
            phone.untilText(held + " .until", "为您保留至");
            phone.untilText(held + " .week", "本周已在座");
            showLongTerm(phone);
            screenshot(phone, "pass-bookings-long-term-zh-CN");
            switchTo(phone, "en");

            phone.click(held + " button.give-up");
            phone.untilText(held + " .confirm", "Give up desk-03?");
            phone.click(held + " button.give-up-yes");
            phone.untilText("#notice", "You have given up your long-term seat");
            phone.untilVisible("#long-term-seats [data-long-term-seat='desk-03']");
            JsonNode cancelled = hub.send("GET", "/api/reservations/long-term?state=cancelled", null, "", 200);
            assertEquals(annHold.get("id").asText(), cancelled.at("/0/id").asText(), cancelled.toString());
        }
    }

    private static void showLongTerm(KioskBrowser phone) {
        phone.driver().executeScript("document.getElementById('long-term').scrollIntoView()");
    }

    /** The discussion room at noon (Ann's seat ends at 11:16): booked for a group, with its join code. */
    private void bookRoom(KioskBrowser phone) throws Exception {
        String noon = at("2026-11-23T12:00").toString();
        new Select(phone.find("#room-form select[name=start]")).selectByValue(noon);
        phone.untilText("#room-group", "At least 3 people");
        phone.click("#room-form button");
        phone.untilText("#notice", "Share the join code");
        JsonNode room = hub.send("GET", "/api/reservations/bookings?room=discussion-room-1", null, "", 200);
        String code = room.at("/0/joinCode").asText();
        assertEquals(6, code.length(), room.toString());
        assertEquals(noon, room.at("/0/start").asText());
        phone.untilText("#notice", code);
        phone.untilText("#my-bookings li:last-child .code", code);
        phone.untilText("#my-bookings li:last-child .state", "3 people needed");
    }

    /** An appeal needs a reason; with one it is sent, and staff have it in their queue. */
    private void appeal(KioskBrowser phone, String violation) throws Exception {
        String item = "#violations [data-violation='" + violation + "']";
        phone.click(item + " button.appeal");
        phone.untilText("#error", "Please write why");
        phone.find(item + " textarea").sendKeys("The bus from the east campus did not come.");
        phone.click(item + " button.appeal");
        phone.untilText("#notice", "Appeal sent");
        phone.untilText(item + " .state", "waiting for the library");
        JsonNode pending = hub.send("GET", "/api/reservations/violations?appeal=pending", null, "", 200);
        assertEquals(violation, pending.at("/0/id").asText(), pending.toString());
        assertEquals(
                "The bus from the east campus did not come.",
                pending.at("/0/appeal/reason").asText());
    }

    private void signIn(KioskBrowser phone) {
        phone.driver().get(hub.uri("/pass/?lang=en").toString());
        phone.untilVisible("#signin");
        phone.find("input[name=patron]").sendKeys("u1");
        phone.find("input[name=pin]").sendKeys("4711");
        phone.click("#signin button");
        phone.untilVisible("#qr svg");
    }

    /** Screenshots show the top of the tab, my bookings first. */
    private static void top(KioskBrowser phone) {
        phone.driver().executeScript("window.scrollTo(0, 0)");
    }

    private static String seat(String seat, Instant start) {
        return "{\"seat\":\"" + seat + "\",\"start\":\"" + start + "\",\"minutes\":60}";
    }
}
