package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.control.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * Issue 7, the patron side of events and volunteering on the phone's pass page: a real hub with access on,
 * real Chromium at a phone's width. Two patrons in two browsers compete for an event's last place; the
 * first withdraws and the second's page shows the place. Volunteer hours credited by staff show, a shift
 * filled meanwhile is refused with a message, and an ended session brings the sign-in back with a message;
 * in both languages, with no string of the other left after a switch. With {@code -Dkiosk.screenshots=<dir>}
 * it also writes the screenshots docs/screenshots/ holds (pass-*-en.png, pass-*-zh-CN.png).
 */
class PassEventsPageTest {
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @TempDir
    Path dir;

    /** The hub's clock: it credits volunteer hours by it, so the test moves it past a shift. */
    private final MutableClock clock = new MutableClock(Instant.now());

    private PassHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void lastPlace_goesToTheWaitlistedPatron_whenTheFirstWithdraws() throws Exception {
        hub = PassHub.start(dir, KioskRig.site(dir), clock);
        hub.importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n"
                + "u2,Bo Chen,postgraduate,04000002,2468\n");
        creditNinetyMinutes("u1", "4711");
        Instant now = clock.instant();
        String talk = event("Lecture: the history of the book", "lecture", 1, now.plus(Duration.ofDays(2)));
        event("Reading club: Borges", "reading_club", 12, now.plus(Duration.ofDays(3)));
        String lastSlot = shift("Shelving returns", 1, now.plus(Duration.ofDays(1)));
        shift("Welcome desk, first week", 3, now.plus(Duration.ofDays(4)));

        try (KioskBrowser ann = phone();
                KioskBrowser bo = phone()) {
            signIn(ann, "u1", "4711", "en");
            ann.click("[data-tab=events]");
            String offered = "#event-list [data-event='" + talk + "']";
            ann.untilText(offered, "1 place left");
            ann.click(offered + " button.register");
            ann.untilText("#notice", "you have a place");
            ann.untilText("#my-events [data-event='" + talk + "'] .state", "You have a place");
            assertTrue(ann.all(offered).isEmpty(), "a registered event moves to my registrations");
            screenshot(ann, "pass-events-en");

            signIn(bo, "u2", "2468", "en");
            bo.click("[data-tab=events]");
            bo.untilText(offered, "Full");
            bo.click(offered + " button.register");
            bo.untilText("#notice", "number 1 on the waitlist");
            bo.untilText("#my-events [data-event='" + talk + "'] .state", "Waitlist position 1");

            ann.click("#my-events [data-event='" + talk + "'] button.withdraw");
            ann.untilText("#notice", "Withdrawn");
            ann.untilText(offered, "Full");

            bo.click("[data-tab=pass]");
            bo.click("[data-tab=events]");
            bo.untilText("#my-events [data-event='" + talk + "'] .state", "You have a place");
            switchTo(bo, "zh-CN");
            bo.untilText("#my-events [data-event='" + talk + "'] .state", "您已获得名额");
            screenshot(bo, "pass-events-zh-CN");

            volunteering(ann, lastSlot);
            sessionEnds(ann);
        }
    }

    /** Hours credited, a shift filled by someone else meanwhile (409), a sign-up, in both languages. */
    private void volunteering(KioskBrowser ann, String lastSlot) throws Exception {
        ann.click("[data-tab=volunteering]");
        ann.untilText("#hours", "1 h 30 min over 1 shift");
        String slot = "#shift-list [data-shift='" + lastSlot + "']";
        ann.untilText(slot, "1 slot left");
        hub.send("POST", "/pass/api/volunteering/" + lastSlot + "/signup", "{}", hub.signIn("u2", "2468"), 200);
        ann.click(slot + " button.signup");
        ann.untilText("#error", "this shift has just filled up");
        ann.untilText(slot, "No slots left");
        ann.click("#shift-list li:last-child button.signup");
        ann.untilText("#notice", "Signed up");
        ann.untilText("#shift-list li:last-child", "You are signed up");
        assertForeignFree(ann, "en");
        screenshot(ann, "pass-volunteering-en");
        switchTo(ann, "zh-CN");
        ann.untilText("#hours", "1 小时 30 分钟");
        screenshot(ann, "pass-volunteering-zh-CN");
        switchTo(ann, "en");
    }

    /** The session ends on the hub (signed out elsewhere); the next action says so and asks to sign in. */
    private void sessionEnds(KioskBrowser ann) throws Exception {
        String cookie = "carrel_pass="
                + ann.driver().manage().getCookieNamed("carrel_pass").getValue();
        hub.send("POST", "/pass/api/sign-out", "{}", cookie, 204);
        ann.click("[data-tab=events]");
        ann.untilText("#error", "Your session has ended");
        ann.untilVisible("#signin");
        assertTrue(!ann.visible("#signed-in"), "the lists are gone with the session");
        screenshot(ann, "pass-session-ended-en");
        switchTo(ann, "zh-CN");
        ann.untilText("#error", "登录已过期");
        screenshot(ann, "pass-session-ended-zh-CN");
    }

    /** u1 signs up for a shift that is about to start, staff check them in, and 90 minutes later out. */
    private void creditNinetyMinutes(String patron, String pin) throws Exception {
        Instant start = clock.instant().plus(Duration.ofMinutes(10));
        String id = shift("Book sale", 2, start);
        hub.send("POST", "/pass/api/volunteering/" + id + "/signup", "{}", hub.signIn(patron, pin), 200);
        String who = "{\"patron\":\"" + patron + "\"}";
        hub.send("POST", "/api/engagement/shifts/" + id + "/check-ins", who, "", 200);
        clock.advance(Duration.ofMinutes(100));
        hub.send("POST", "/api/engagement/shifts/" + id + "/check-outs", who, "", 200);
        clock.advance(Duration.ofMinutes(60));
    }

    private String event(String title, String kind, int capacity, Instant start) throws Exception {
        JsonNode created = hub.send(
                "POST",
                "/api/engagement/events",
                "{\"title\":\"" + title + "\",\"kind\":\"" + kind + "\",\"zone\":\"reading-room-1\",\"capacity\":"
                        + capacity + ",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(2))
                        + "\"}",
                "",
                201);
        return created.get("event").get("id").asText();
    }

    private String shift(String title, int slots, Instant start) throws Exception {
        JsonNode created = hub.send(
                "POST",
                "/api/engagement/shifts",
                "{\"title\":\"" + title + "\",\"slots\":" + slots + ",\"startsAt\":\"" + start + "\",\"endsAt\":\""
                        + start.plus(Duration.ofHours(3)) + "\"}",
                "",
                201);
        return created.get("shift").get("id").asText();
    }

    private static KioskBrowser phone() {
        return KioskBrowser.open(PHONE);
    }

    private void signIn(KioskBrowser browser, String patron, String pin, String lang) {
        browser.driver().get(hub.uri("/pass/?lang=" + lang).toString());
        browser.untilVisible("#signin");
        browser.find("input[name=patron]").sendKeys(patron);
        browser.find("input[name=pin]").sendKeys(pin);
        browser.click("#signin button");
        browser.untilVisible("#qr svg");
        assertEquals(lang, browser.language());
    }

    static void switchTo(KioskBrowser browser, String lang) {
        browser.click("#lang");
        browser.until(d -> browser.language().equals(lang));
        assertForeignFree(browser, lang);
    }

    /** After a switch, no visible string outside the library's own words is in the other language. */
    static void assertForeignFree(KioskBrowser browser, String lang) {
        Pattern foreign = lang.equals("en") ? HAN : LATIN;
        List<String> left = browser.visibleText().stream()
                .filter(s -> foreign.matcher(s).find())
                .toList();
        assertEquals(List.of(), left, "strings of the other language left in " + lang);
    }

    static void screenshot(KioskBrowser browser, String name) throws Exception {
        Optional<String> target =
                Optional.ofNullable(System.getProperty("kiosk.screenshots")).filter(s -> !s.isBlank());
        if (target.isPresent()) {
            browser.screenshot(Path.of(target.get()).resolve(name + ".png"));
        }
    }
}
