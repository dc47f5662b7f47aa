package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.protocol.CredentialHash;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * Regenerates docs/screenshots/: every kiosk screen in both languages at its kiosk's real size, from real
 * agents on simulated drivers (offline, so the offline notice shows where it would). Opt-in, since it
 * writes into the source tree:
 *
 * <pre>./mvnw -pl demo verify -Dtest=KioskScreenshots -Dkiosk.screenshots=$PWD/docs/screenshots</pre>
 *
 * <p>The room door's booking needs a real hub, so its shots (room-booking-*, room-booked-*) come from
 * {@link KioskBookingEndToEndTest} with the same property rather than from a second rig here.
 */
class KioskScreenshots {
    @TempDir
    Path dir;

    @Test
    void everyScreen_inBothLanguages() throws Exception {
        String target = System.getProperty("kiosk.screenshots", "");
        assumeTrue(!target.isBlank(), "set -Dkiosk.screenshots=<folder> to regenerate the kiosk screenshots");
        Path out = Path.of(target);
        AgentLayout.SiteSettings site = KioskRig.site(dir);
        try (KioskBrowser browser = KioskBrowser.open(KioskBrowser.PORTRAIT)) {
            gate(browser, out, site);
            readingRoom(browser, out, site);
            room(browser, out, site);
        }
    }

    private void gate(KioskBrowser browser, Path out, AgentLayout.SiteSettings site) throws Exception {
        Path data = dir.resolve("gate-1");
        KioskRig.savedTwin(
                data,
                Map.of(
                        "zones",
                        List.of(
                                zone("rr-1", "第一阅览室", "Reading room 1", 37, 120),
                                zone("rr-2", "第二阅览室", "Reading room 2", 4, 80),
                                zone("exam", "考研自习区", "Exam preparation area", 0, 200))));
        try (EdgeAgent agent = KioskRig.start(KioskRig.config("gate-1", data, Optional.empty()), KioskRig.gate(site))) {
            int port = agent.kioskPort().orElseThrow();
            for (String lang : List.of("zh-CN", "en")) {
                browser.resize(KioskBrowser.PORTRAIT);
                browser.load(port, "?lang=" + lang);
                browser.screenshot(out.resolve("gate-idle-" + lang + ".png"));
                agent.kioskFeed()
                        .publish(new dev.carrel.agent.kiosk.KioskEvent.Greeting(
                                "Zhang S.", List.of("2 本图书 11月27日到期", "预约书已到：一楼总服务台")));
                browser.untilVisible("#verdict.allow");
                browser.screenshot(out.resolve("gate-greeting-" + lang + ".png"));
                agent.kioskFeed()
                        .publish(new dev.carrel.agent.kiosk.KioskEvent.Farewell("Zhang S.", List.of("预约书已到：一楼总服务台")));
                browser.untilVisible("#verdict.bye");
                browser.screenshot(out.resolve("gate-farewell-" + lang + ".png"));
                KioskRig.reader(agent, "gate-1-reader").present(CredentialKind.CARD_UID, "04DEAD00");
                browser.untilVisible("#verdict.deny");
                browser.screenshot(out.resolve("gate-refusal-" + lang + ".png"));
                browser.load(port, "?lang=" + lang);
                browser.click("#rate");
                browser.untilVisible("#feedback.active");
                browser.screenshot(out.resolve("feedback-" + lang + ".png"));
                browser.click(".score[data-score='4']");
                browser.click(".topic[data-topic='seats']");
                browser.untilVisible(".topic.chosen");
                browser.screenshot(out.resolve("feedback-more-" + lang + ".png"));
            }
        }
    }

    private void readingRoom(KioskBrowser browser, Path out, AgentLayout.SiteSettings site) throws Exception {
        Path data = dir.resolve("reading-room-1");
        KioskRig.savedTwin(data, Map.of());
        AgentLayout layout = KioskRig.readingRoom(24, site);
        try (EdgeAgent agent = KioskRig.start(KioskRig.config("reading-room-1", data, Optional.empty()), layout)) {
            for (int d : new int[] {2, 3, 7, 11, 12, 15, 20}) {
                agent.seats().checkIn(String.format("desk-%02d", d), patron(d), "desk_reader");
            }
            agent.seats().leave("desk-07", patron(7));
            agent.seats().reserve("desk-09", patron(9), Instant.now().plusSeconds(900));
            agent.seats().checkIn("desk-14", KioskRig.hash(site, "04AABBCC"), "desk_reader");
            int port = agent.kioskPort().orElseThrow();
            for (String lang : List.of("zh-CN", "en")) {
                browser.resize(KioskBrowser.LANDSCAPE);
                browser.load(port, "?lang=" + lang);
                browser.screenshot(out.resolve("seat-map-" + lang + ".png"));
                KioskRig.reader(agent, "kiosk-reader").present(CredentialKind.CARD_UID, "04AABBCC");
                browser.untilVisible("#seat-panel [data-action='action.checkout']");
                browser.screenshot(out.resolve("seat-map-your-seat-" + lang + ".png"));
            }
        }
    }

    private void room(KioskBrowser browser, Path out, AgentLayout.SiteSettings site) throws Exception {
        Path data = dir.resolve("room-a");
        KioskRig.savedTwin(
                data,
                Map.of(
                        "bookings",
                        List.of(
                                Map.of("from", "08:00", "to", "10:00", "size", 5),
                                Map.of("from", "00:00", "to", "23:59", "size", 4, "joinCode", "4821"),
                                Map.of("from", "23:59", "to", "24:00", "size", 3))));
        try (EdgeAgent agent = KioskRig.start(KioskRig.config("room-a", data, Optional.empty()), KioskRig.room(site))) {
            int port = agent.kioskPort().orElseThrow();
            for (String lang : List.of("zh-CN", "en")) {
                browser.resize(new Dimension(1080, 1920));
                browser.load(port, "?lang=" + lang);
                KioskRig.reader(agent, "kiosk-reader").present(CredentialKind.CARD_UID, "04ABCDEF");
                browser.untilVisible("#room-panel [data-action='action.checkin']");
                browser.screenshot(out.resolve("room-" + lang + ".png"));
            }
        }
    }

    private static Map<String, Object> zone(String id, String zh, String en, int free, int total) {
        return Map.of("id", id, "name", Map.of("zh-CN", zh, "en", en), "free", free, "total", total);
    }

    private static CredentialHash patron(int n) {
        return new CredentialHash(String.format("%064x", n));
    }
}
