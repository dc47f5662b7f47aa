package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.demo.kiosk.KioskBrowser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The staff dashboard in headless Chromium against the demo: the real hub, its broker and the three
 * simulated agents. Offline alerts are raised after one second here (five minutes by default) so a stopped
 * agent's alert shows within the test.
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static Demo demo;
    private static KioskBrowser browser;
    private static Dashboard dashboard;

    @BeforeAll
    static void start() throws Exception {
        browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
        demo = Demo.start(dir.resolve("demo"), 0, Duration.ofSeconds(10), 0, Dashboard.withPatrons(dir));
        dashboard = new Dashboard(browser, demo.hub().httpPort());
        HubApi api = new HubApi(demo.hub());
        for (String agent : DemoLibrary.agents()) {
            api.awaitAgent(agent, HubApi.online(1), WAIT);
        }
        dashboard.signIn("admin", demo.adminPassword());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void signIn_refusesAWrongPassword_thenSignsInAndOut() {
        dashboard.load("fleet", "en");
        browser.click("#signout");
        browser.untilVisible("form.signin");
        browser.find("input[name=username]").sendKeys("admin");
        browser.find("input[name=password]").sendKeys("not-the-password");
        browser.click("#signin");
        browser.untilText("form.signin .error", "Wrong user name or password");
        assertTrue(dashboard.offered().isEmpty(), "nothing is offered before sign-in");
        dashboard.signIn("admin", demo.adminPassword());
        assertEquals(
                List.of("fleet", "floor", "lighting", "schedules", "patrons", "devices", "audit"), dashboard.offered());
    }

    @Test
    void librarian_isNotOfferedWhatTheRoleMayNotDo_andTheApiRefusesIt() {
        dashboard.load("fleet", "en");
        long created = dashboard.status(
                "POST",
                "/api/staff",
                "{\"username\":\"lena\",\"role\":\"librarian\",\"password\":\"reading-room-42!\"}");
        assertTrue(created == 201 || created == 409, "creating the librarian answered " + created);
        try {
            dashboard.signIn("lena", "reading-room-42!");
            assertEquals(List.of("floor", "patrons"), dashboard.offered());
            dashboard.load("lighting", "en");
            assertTrue(browser.text("#view").contains("Your role may not open this page"));
            assertEquals(
                    403,
                    dashboard.status(
                            "POST",
                            "/api/control",
                            "{\"target\":{\"zone\":\"reading-room-1\"},\"lamp\":{\"on\":false}}"));
            assertEquals(403, dashboard.status("GET", "/api/telemetry/latest", null));
            dashboard.load("floor", "en");
            browser.untilVisible(".seat[data-seat='desk-01']");
        } finally {
            dashboard.signIn("admin", demo.adminPassword());
        }
    }

    @Test
    void auditLog_showsTheSwitchingDoneThroughThePage() {
        dashboard.api("POST", "/api/control", "{\"target\":{\"seat\":\"desk-02\"},\"lamp\":{\"on\":true}}");
        dashboard.load("audit", "en");
        browser.find("#audit-path").sendKeys("/api/control");
        browser.until(d -> browser.all("#audit-list tr[data-audit]").stream()
                        .allMatch(r -> r.getText().contains("/api/control"))
                && !browser.all("#audit-list tr[data-audit]").isEmpty());
        assertTrue(browser.text("#audit-list tbody tr:first-child").contains("admin"));
    }

    @Test
    void patron_isImportedExportedAndErasedFromThePage() throws Exception {
        Path csv = java.nio.file.Files.writeString(
                dir.resolve("cards.csv"), "id,name,group,card_uid\n2024777,Test Patron,undergraduate,04C0FFEE\n");
        dashboard.load("patrons", "en");
        browser.find("#import-dry").click(); // a real import, not a dry run
        browser.find("#import-file").sendKeys(csv.toString());
        browser.find("#import-file").submit();
        browser.until(d -> "done".equals(browser.find("#import-report").getDomAttribute("data-state")), WAIT);
        browser.click("tr[data-patron='2024777']");
        browser.untilVisible("#patron-detail #export");
        assertEquals(200, dashboard.status("GET", browser.find("#export").getDomAttribute("href"), null));
        browser.click("#erase");
        browser.driver().switchTo().alert().accept();
        browser.untilVisible("#erased");
        assertEquals(404, dashboard.status("GET", "/api/patrons/2024777", null));
    }

    @Test
    void fleet_showsTheDemosAgentsOnline() {
        dashboard.load("fleet", "en");
        for (String agent : DemoLibrary.agents()) {
            browser.until(d -> "true".equals(dashboard.agentRow(agent).getDomAttribute("data-online")), WAIT);
        }
        assertEquals(
                DemoLibrary.agents().size(),
                browser.all("table.agents tbody tr").size());
    }

    @Test
    void zoneLampsOff_eachLampTurnsOffAsAcknowledged() throws Exception {
        dashboard.switchZoneLamps("reading-room-1", true);
        int lamps = dashboard.switchZoneLamps("reading-room-1", false);
        assertEquals(24, lamps, "one command per desk lamp of the demo's reading room");
        for (WebElement row : browser.all("section.request:first-child tr[data-command]")) {
            assertEquals(
                    "false",
                    row.findElement(org.openqa.selenium.By.cssSelector("td.reported"))
                            .getDomAttribute("data-on"));
        }
    }

    @Test
    void floorPlan_showsALampChangeLiveWithoutReload() throws Exception {
        dashboard.load("floor", "en");
        browser.untilVisible(".seat[data-seat='desk-05']");
        Object before = browser.driver()
                .executeScript("return window.performance.navigation.type + ':' + performance.timeOrigin");
        String lamp = browser.find(".seat[data-seat='desk-05']").getDomAttribute("data-lamp");
        boolean on = !"on".equals(lamp);
        dashboard.api("POST", "/api/control", "{\"target\":{\"seat\":\"desk-05\"},\"lamp\":{\"on\":" + on + "}}");
        browser.until(
                d -> (on ? "on" : "off")
                        .equals(browser.find(".seat[data-seat='desk-05']").getDomAttribute("data-lamp")),
                WAIT);
        assertEquals(
                before,
                browser.driver()
                        .executeScript("return window.performance.navigation.type + ':' + performance.timeOrigin"),
                "the page was not reloaded");
    }

    @Test
    void stoppedAgent_turnsOfflineWithAnAlert() throws Exception {
        dashboard.load("fleet", "en");
        String agent = "discussion-room-1";
        browser.until(d -> "true".equals(dashboard.agentRow(agent).getDomAttribute("data-online")), WAIT);
        assertTrue(demo.kill(agent));
        try {
            browser.until(d -> "false".equals(dashboard.agentRow(agent).getDomAttribute("data-online")), WAIT);
            browser.untilVisible("#alerts tr[data-kind='offline'][data-agent='" + agent + "']");
        } finally {
            demo.startAgent(agent);
        }
    }

    @Test
    void enrolmentToken_isShownAsAQrCode() {
        dashboard.load("devices", "en");
        browser.find("#token-zone").clear();
        browser.find("#token-zone").sendKeys("reading-room-1");
        browser.click("#make-token");
        browser.untilVisible("#token-made .qr img");
        browser.until(d -> (Boolean) browser.driver()
                .executeScript("const i = document.querySelector('#token-made .qr img');"
                        + " return i.complete && i.naturalWidth > 0"));
        String id = browser.find("#token-made .qr").getDomAttribute("data-token");
        browser.untilVisible("#tokens tr[data-token='" + id + "']");
        assertTrue(browser.text("#token-made code.token").length() > 16);
    }

    @Test
    void everyPage_speaksBothLanguages_withNoEnglishLeftInChinese() {
        for (String page : List.of(
                "fleet", "agents/reading-room-1", "floor", "lighting", "schedules", "patrons", "devices", "audit")) {
            dashboard.load(page, "zh-CN");
            assertEquals("zh-CN", browser.language());
            assertTrue(browser.text("#nav").contains("楼层平面"), page);
            // Every word the dashboard writes is translated (acronyms Chinese uses as they are aside); ids, names
            // and the hub's data are marked translate="no".
            List<String> english = browser.visibleText().stream()
                    .filter(text -> text.replaceAll("CPU|CSV|NFC|HH:MM", "").matches("(?s).*[A-Za-z]{3,}.*"))
                    .filter(text -> !List.of("Carrel", "English", "admin").contains(text))
                    .toList();
            assertEquals(List.of(), english, page + " shows English in Chinese");
            dashboard.load(page, "en");
            assertTrue(browser.text("#nav").contains("Floor plan"), page);
        }
    }
}
