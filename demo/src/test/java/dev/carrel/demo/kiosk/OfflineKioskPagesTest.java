package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading room's seat map (1920×1080) and a discussion room's door (1080×1920) in headless Chromium,
 * against agents on simulated drivers that have no hub at all: the kiosk says it is offline, and checking in
 * at the kiosk still works, lamp included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineKioskPagesTest {
    static final String CARD = "04112233";

    @TempDir
    static Path dir;

    private KioskBrowser browser;
    private EdgeAgent readingRoom;
    private EdgeAgent room;

    @BeforeAll
    void start() throws Exception {
        browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
        AgentLayout.SiteSettings site = KioskRig.site(dir);
        Path rr = dir.resolve("reading-room-1");
        KioskRig.savedTwin(rr, Map.of());
        readingRoom =
                KioskRig.start(KioskRig.config("reading-room-1", rr, Optional.empty()), KioskRig.readingRoom(12, site));
        Path door = dir.resolve("room-a");
        KioskRig.savedTwin(
                door,
                Map.of(
                        "bookings",
                        List.of(
                                Map.of("from", "00:00", "to", "23:59", "size", 4, "joinCode", "4821"),
                                Map.of("from", "23:59", "to", "24:00"))));
        room = KioskRig.start(KioskRig.config("room-a", door, Optional.empty()), KioskRig.room(site));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, readingRoom, room}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    @Test
    void offline_showsItsNoticeDiscreetly() {
        browser.load(readingRoom.kioskPort().orElseThrow(), "");
        browser.untilVisible("#offline");
        assertEquals("离线：入馆和座位功能照常可用", browser.text("#offline"));
        assertTrue(browser.visible("#seats.active"), "the seat map stays usable");
    }

    @Test
    void seatCheckIn_atTheKiosk_turnsTheSimulatedLampOn() {
        browser.load(readingRoom.kioskPort().orElseThrow(), "");
        assertFalse(KioskRig.lamp(readingRoom, "desk-03-lamp").state().on());
        KioskRig.reader(readingRoom, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
        browser.untilText("#seat-panel .say", "已读卡");
        browser.click(".seat[data-seat='desk-03']");
        browser.untilVisible(".seat[data-seat='desk-03'][data-state='occupied']");
        browser.untilText("#toast", "03");
        assertTrue(KioskRig.lamp(readingRoom, "desk-03-lamp").state().on(), "lamp of desk-03");
        assertEquals(
                SeatState.OCCUPIED,
                readingRoom.seats().seat("desk-03").orElseThrow().state());

        KioskRig.reader(readingRoom, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
        browser.untilText("#seat-panel .say", "03");
        browser.click("#seat-panel [data-action='action.checkout']");
        browser.untilVisible("#feedback.active");
        assertFalse(KioskRig.lamp(readingRoom, "desk-03-lamp").state().on(), "check-out switches it off");
        browser.click("#feedback-skip");
        browser.untilVisible("#seats.active");
    }

    @Test
    void choosingASeat_withoutATap_asksForTheCard_andChangesNothing() {
        browser.load(readingRoom.kioskPort().orElseThrow(), "");
        browser.click(".seat[data-seat='desk-05']");
        browser.untilText("#toast", "请先刷卡");
        assertEquals(
                SeatState.FREE,
                readingRoom.seats().seat("desk-05").orElseThrow().state());
    }

    @Test
    void languageSwitch_changesEveryVisibleString_onTheSeatMap() {
        browser.load(readingRoom.kioskPort().orElseThrow(), "");
        KioskRig.reader(readingRoom, "kiosk-reader").present(CredentialKind.CARD_UID, "04999999");
        browser.untilText("#seat-panel .say", "已读卡");
        assertNoLatin();
        browser.click("#lang");
        browser.untilText("#seat-panel .say", "Card read");
        assertNoHan();
        assertEquals("Offline: entry and seats keep working", browser.text("#offline"));
    }

    @Test
    void roomDoor_showsTodaysBookings_theCurrentJoinCode_andChecksInByCard() {
        browser.resize(KioskBrowser.PORTRAIT);
        try {
            browser.load(room.kioskPort().orElseThrow(), "");
            browser.untilVisible("#room.active");
            browser.untilText("#room-state", "当前空闲");
            assertEquals(2, browser.all("#bookings-list li").size());
            assertEquals("4821", browser.text("#bookings-list li.now .code"));
            assertNoLatin();
            KioskRig.reader(room, "kiosk-reader").present(CredentialKind.CARD_UID, CARD);
            browser.untilVisible("#room-panel [data-action='action.checkin']");
            browser.click("#room-panel [data-action='action.checkin']");
            browser.untilText("#room-state", "使用中");
            assertTrue(KioskRig.lamp(room, "room-a-lamp").state().on());
        } finally {
            browser.resize(KioskBrowser.LANDSCAPE);
        }
    }

    private void assertNoLatin() {
        List<String> text = browser.visibleText();
        assertEquals(
                List.of(),
                text.stream()
                        .filter(s -> GateKioskPageTest.LATIN.matcher(s).find())
                        .toList());
    }

    private void assertNoHan() {
        List<String> text = browser.visibleText();
        assertEquals(
                List.of(),
                text.stream()
                        .filter(s -> GateKioskPageTest.HAN.matcher(s).find())
                        .toList());
    }
}
