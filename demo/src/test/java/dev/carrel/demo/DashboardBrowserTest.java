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
        // A week of simulated history, so the analytics page has data.
        demo = Demo.start(dir.resolve("demo"), 0, Duration.ofSeconds(10), 0, 7, Dashboard.FAST_ALERTS);
        dashboard = new Dashboard(browser, demo.hub().httpPort());
        HubApi api = new HubApi(demo.hub());
        for (String agent : DemoLibrary.agents()) {
            api.awaitAgent(agent, HubApi.up(), WAIT);
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
                List.of(
                        "fleet",
                        "floor",
                        "lighting",
                        "schedules",
                        "patrons",
                        "analytics",
                        "engagement",
                        "devices",
                        "audit"),
                dashboard.offered());
    }

    @Test
    void librarian_isNotOfferedWhatTheRoleMayNotDo_andTheApiRefusesIt() {
        signedInAs("lena", "librarian", "reading-room-42!", () -> {
            assertEquals(List.of("floor", "patrons", "analytics", "engagement"), dashboard.offered());
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
        });
    }

    @Test
    void analytics_librarianSeesTheWeek_changesTheRange_andDownloadsCsv() {
        signedInAs("lina", "librarian", "reading-room-43!", () -> {
            dashboard.load("analytics", "en");
            browser.untilVisible("#an-summary");
            assertTrue(
                    positive("#an-visits rect.chart-bar") > 0,
                    "entries per day are charted for the week: " + browser.text("#an-visits"));
            assertTrue(
                    positive("#an-seats td[data-utilisation]") > 0,
                    "the heat map shows seat use: " + browser.text("#an-seats"));
            assertTrue(
                    !browser.all("#an-awards-time tbody tr").isEmpty(),
                    "the verified-time award has a top list: " + browser.text("#an-awards-time"));
            assertTrue(browser.text("#an-awards-time .rule").contains("Ties"));
            String entries = browser.text("#an-summary [data-key=entries] b");
            assertTrue(!"0".equals(entries), "the week has entries");
            assertTrue(
                    browser.text("#an-zones thead").contains("Average leave (min)"),
                    "zones show leaves: " + browser.text("#an-zones thead"));

            // The week by month: one bar a calendar month (two when the week spans a month's end).
            browser.driver()
                    .executeScript("const i = document.getElementById('an-interval'); i.value = 'month';"
                            + " i.dispatchEvent(new Event('change', {bubbles: true}));");
            browser.until(d -> "month".equals(browser.find("#an-body").getDomAttribute("data-interval")));
            List<String> months = browser.all("#an-visits svg:first-of-type rect.chart-bar").stream()
                    .map(e -> e.getDomAttribute("data-label"))
                    .toList();
            assertTrue(
                    !months.isEmpty()
                            && months.size() <= 2
                            && months.stream().allMatch(m -> m.matches("\\d{4}-\\d{2}")),
                    "visits per month: " + months);
            assertTrue(positive("#an-visits rect.chart-bar") > 0, "the months have entries");
            assertTrue(browser.text("#an-visits").contains("Returning visitors per month"), browser.text("#an-visits"));
            browser.driver()
                    .executeScript("const i = document.getElementById('an-interval'); i.value = 'day';"
                            + " i.dispatchEvent(new Event('change', {bubbles: true}));");
            browser.until(d -> "day".equals(browser.find("#an-body").getDomAttribute("data-interval")));

            // One day of the week: fewer entries than the whole week, but some.
            String day = (String) browser.driver()
                    .executeScript("const f = document.getElementById('an-from'), t = document.getElementById('an-to');"
                            + " const d = new Date(Date.parse(t.value) - 2 * 86400000).toISOString().slice(0, 10);"
                            + " f.value = d; t.value = d; t.dispatchEvent(new Event('change', {bubbles: true}));"
                            + " return d;");
            browser.until(d -> (day + "/" + day).equals(browser.find("#an-body").getDomAttribute("data-range")));
            String dayEntries = browser.text("#an-summary [data-key=entries] b");
            assertTrue(
                    !"0".equals(dayEntries) && !entries.equals(dayEntries),
                    "one day has entries, not the week's: " + dayEntries + " of " + entries);

            // A range before the history: every figure is zero and the views say so, nothing breaks.
            browser.driver()
                    .executeScript("const f = document.getElementById('an-from'), t = document.getElementById('an-to');"
                            + " f.value = '2020-01-01'; t.value = '2020-01-07';"
                            + " t.dispatchEvent(new Event('change', {bubbles: true}));");
            browser.until(
                    d -> "2020-01-01/2020-01-07".equals(browser.find("#an-body").getDomAttribute("data-range")));
            assertEquals("0", browser.text("#an-summary [data-key=entries] b"));
            assertTrue(browser.text("#an-visits").contains("No data in this range"));
            assertEquals(0, positive("#an-visits rect.chart-bar"));

            String csv = browser.find("#an-visits a.csv").getDomAttribute("href");
            assertTrue(csv.startsWith("/api/analytics/visits.csv?from=2020-01-01"), csv);
            Object answer = browser.driver()
                    .executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "fetch(arguments[0]).then(async r => done(r.status + ' '"
                                    + " + r.headers.get('Content-Type') + ' ' + (await r.text()).split('\\r\\n')[0]));",
                            csv);
            assertTrue(String.valueOf(answer).matches("200 text/csv.* period,entries,.*"), String.valueOf(answer));
        });
    }

    @Test
    void analytics_isNotOfferedToFacilities_andTheApiRefusesIt() {
        signedInAs("fran", "facilities", "boiler-room-42!", () -> {
            assertTrue(!dashboard.offered().contains("analytics"), String.valueOf(dashboard.offered()));
            dashboard.load("analytics", "en");
            assertTrue(browser.text("#view").contains("Your role may not open this page"));
            assertEquals(403, dashboard.status("GET", "/api/analytics/summary", null));
            assertEquals(403, dashboard.status("GET", "/api/analytics/visits.csv", null));
        });
    }

    /** Runs {@code body} signed in as a staff member of that role (created if new), then signs the admin in again. */
    private static void signedInAs(String username, String role, String password, Runnable body) {
        dashboard.load("fleet", "en");
        long created = dashboard.status(
                "POST",
                "/api/staff",
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\"}");
        assertTrue(created == 201 || created == 409, "creating " + username + " answered " + created);
        try {
            dashboard.signIn(username, password);
            body.run();
        } finally {
            dashboard.signIn("admin", demo.adminPassword());
        }
    }

    /** How many of the elements carry a positive data-value or data-utilisation. */
    private static long positive(String css) {
        return browser.all(css).stream()
                .map(e -> java.util.Objects.requireNonNullElse(
                        e.getDomAttribute("data-value"), e.getDomAttribute("data-utilisation")))
                .filter(v -> v != null && Double.parseDouble(v) > 0)
                .count();
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
        browser.find("#patron-q").sendKeys("2024777"); // the demo's 240 patrons fill the first pages
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
    void lighting_aSwitchForAStoppedAgent_expiresInsteadOfApplying() throws Exception {
        String agent = "discussion-room-1";
        dashboard.load("lighting", "en");
        assertTrue(demo.kill(agent));
        try {
            String rows = dashboard.submitLighting("zone", "discussion-room-1", "off", 100, 15);
            assertEquals(1, browser.all(rows).size(), "the room's one lamp");
            assertEquals("pending", browser.find(rows).getDomAttribute("data-state"));
            browser.until(d -> "expired".equals(browser.find(rows).getDomAttribute("data-state")), WAIT.plus(WAIT));
            assertTrue(browser.text(rows + " td.state").equalsIgnoreCase("expired"), browser.text(rows));
            assertTrue(browser.text(rows + " td.detail").startsWith("no acknowledgement before"), browser.text(rows));
            assertEquals("—", browser.text(rows + " td.reported"), "the lamp reported nothing");
        } finally {
            demo.startAgent(agent);
        }
    }

    @Test
    void lighting_aSeatsLampIsDimmedFromThePage() {
        dashboard.load("lighting", "en");
        String rows = dashboard.submitLighting("seat", "desk-07", "on", 40, 60);
        browser.until(
                d -> "applied".equals(browser.find(rows).getDomAttribute("data-state"))
                        && "true".equals(browser.find(rows + " td.reported").getDomAttribute("data-on")),
                WAIT);
        assertEquals(1, browser.all(rows).size(), "one seat, one lamp");
        assertEquals("reading-room-1/desk-07-lamp", browser.text(rows + " td:first-child"));
        assertTrue(browser.text(rows + " td.reported").startsWith("On 40%"), browser.text(rows));
        dashboard.load("floor", "en");
        browser.untilVisible(".seat[data-seat='desk-07']");
        assertEquals("on", browser.find(".seat[data-seat='desk-07']").getDomAttribute("data-lamp"));
    }

    @Test
    void lighting_showsTheReadingRoomsPowerAndEnergyToday_whileItsPlugsMeter() {
        // The demo's plugs meter a laptop's 5-60 W while on; the agent reports every 5 s (its telemetry interval).
        dashboard.api("POST", "/api/control", "{\"target\":{\"zone\":\"reading-room-1\"},\"outlet\":{\"on\":true}}");
        dashboard.load("lighting", "en");
        String zone = "#power tr[data-zone='reading-room-1']";
        browser.until(
                d -> !browser.all(zone).isEmpty()
                        && number(browser.find(zone + " td.energy").getDomAttribute("data-wh")) > 0,
                Duration.ofSeconds(40));
        assertTrue(number(browser.find(zone + " td.watts").getDomAttribute("data-w")) >= 5, browser.text(zone));
        assertTrue(browser.text(zone).matches("(?s).*\\d+(\\.\\d+)? kWh.*"), browser.text(zone));
        assertEquals("24", browser.text(zone + " td:last-child"), "every desk's plug meters");
    }

    private static double number(String value) {
        return value == null || value.isEmpty() ? 0 : Double.parseDouble(value);
    }

    @Test
    void floorPlan_showsALampChangeLiveWithoutReload() throws Exception {
        dashboard.load("floor", "en");
        browser.untilVisible(".seat[data-seat='desk-05']");
        assertEquals(
                "/api/spaces/zones/reading-room-1/seat-codes",
                browser.find("section.zone[data-zone='reading-room-1'] a.seat-codes")
                        .getDomAttribute("href"),
                "facilities and admins print the desks' QR codes from the floor plan");
        assertTrue(
                browser.all("section.zone[data-zone='discussion-room-1'] a.seat-codes")
                        .isEmpty(),
                "a room has no seat codes");
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
    void fleet_offlineAlert_isAcknowledgedThenResolvedFromThePage() throws Exception {
        dashboard.load("fleet", "en");
        String agent = "discussion-room-1";
        browser.until(d -> "true".equals(dashboard.agentRow(agent).getDomAttribute("data-online")), WAIT);
        assertTrue(demo.kill(agent));
        try {
            String row = "#alerts tr[data-kind='offline'][data-agent='" + agent + "']";
            browser.until(d -> !browser.all(row).isEmpty(), WAIT);
            String alert = "#alerts tr[data-alert='" + browser.find(row).getDomAttribute("data-alert") + "']";
            assertTrue("open".equalsIgnoreCase(browser.text(alert + " td:nth-child(5)")), browser.text(alert));

            browser.click(alert + " button.ack");
            browser.until(d -> "acknowledged".equalsIgnoreCase(browser.text(alert + " td:nth-child(5)"))
                    && browser.all(alert + " button.ack").isEmpty());

            browser.click(alert + " button.resolve");
            browser.until(d -> browser.all(alert).isEmpty());
            // Resolved by staff while the agent is still away: it does not come back on the next refresh.
            Thread.sleep(3_500);
            assertTrue(browser.all(alert).isEmpty(), "a resolved alert stays resolved");
            assertTrue(browser.all(row).isEmpty(), "and no new one is raised while the agent stays offline");
        } finally {
            demo.startAgent(agent);
        }
    }

    @Test
    void agentPage_syncCommand_isConfirmedByTheAgent() {
        dashboard.load("agents/reading-room-1", "en");
        browser.click("button[data-command='sync']");
        browser.until(d -> !browser.all("#agent-commands li").isEmpty());
        String li = "#agent-commands li:first-child";
        browser.until(d -> "applied".equals(browser.find(li).getDomAttribute("data-state")), WAIT);
        assertTrue(browser.text(li).contains("Sync now") && browser.text(li).contains("applied"), browser.text(li));
    }

    @Test
    void fleet_filterNarrowsTheRows_andAColumnSortsThem() {
        dashboard.load("fleet", "en");
        browser.until(d -> agentsShown().size() == 3, WAIT);
        assertEquals(List.of("discussion-room-1", "gate-1", "reading-room-1"), agentsShown(), "by id at first");

        browser.find("#agent-filter").sendKeys("room");
        browser.until(d -> agentsShown().equals(List.of("discussion-room-1", "reading-room-1")));
        browser.find("#agent-filter").clear();
        browser.find("#agent-filter").sendKeys("GATE");
        browser.until(d -> agentsShown().equals(List.of("gate-1")));
        browser.find("#agent-filter")
                .sendKeys(org.openqa.selenium.Keys.chord(
                        org.openqa.selenium.Keys.CONTROL, "a", org.openqa.selenium.Keys.BACK_SPACE));
        browser.until(d -> agentsShown().size() == 3);

        new org.openqa.selenium.support.ui.Select(browser.find("#agent-show")).selectByValue("offline");
        browser.until(d -> agentsShown().isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.find("#agent-show")).selectByValue("online");
        browser.until(d -> agentsShown().size() == 3);

        browser.click("th[data-sort='id']");
        browser.until(d -> agentsShown().equals(List.of("reading-room-1", "gate-1", "discussion-room-1")));
        assertEquals(
                "desc",
                browser.find("th[data-sort='id']")
                        .getDomAttribute("class")
                        .replace("sortable", "")
                        .trim());
        browser.click("th[data-sort='id']");
        browser.until(d -> agentsShown().equals(List.of("discussion-room-1", "gate-1", "reading-room-1")));
    }

    /** The agents the fleet table shows, in order. */
    private static List<String> agentsShown() {
        return browser.all("table.agents tbody tr").stream()
                .map(r -> r.getDomAttribute("data-agent"))
                .toList();
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
                "fleet",
                "agents/reading-room-1",
                "floor",
                "lighting",
                "schedules",
                "patrons",
                "analytics",
                "engagement",
                "devices",
                "audit")) {
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
