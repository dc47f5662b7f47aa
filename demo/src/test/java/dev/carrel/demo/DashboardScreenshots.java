package dev.carrel.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.carrel.demo.kiosk.KioskBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * Regenerates the dashboard's screenshots in docs/screenshots/: every page in both languages, from the demo
 * with patrons on, simulated visitors, a stopped agent's alert, a lighting request and an enrolment token.
 * Opt-in, since it writes into the source tree:
 *
 * <pre>./mvnw -pl demo verify -Dtest=DashboardScreenshots -Ddashboard.screenshots=$PWD/docs/screenshots</pre>
 */
class DashboardScreenshots {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PATRONS = """
            id,name,group,college,status,valid_until,card_uid
            2023001,张三,undergraduate,计算机学院,active,2027-07-31,04A1B2C3
            2023002,李四,postgraduate,数学学院,active,2027-07-31,04A1B2C4
            2023003,王五,undergraduate,物理学院,suspended,2027-07-31,04A1B2C5
            T1001,Anna Schmidt,faculty,History,active,2030-12-31,04A1B2C6
            V0042,Visitor 42,visitor,,active,2026-12-31,04A1B2C7
            2023004,赵六,undergraduate,化学学院,active,2027-07-31,
            """;

    @TempDir
    Path dir;

    @Test
    void everyPage_inBothLanguages() throws Exception {
        String target = System.getProperty("dashboard.screenshots", "");
        assumeTrue(!target.isBlank(), "set -Ddashboard.screenshots=<folder> to regenerate the dashboard screenshots");
        Path out = Path.of(target);
        Map<String, String> config = Dashboard.withPatrons(dir);
        Path csv = Files.writeString(dir.resolve("campus-cards.csv"), PATRONS);
        try (KioskBrowser browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
                Demo demo = Demo.start(dir.resolve("demo"), 0, Duration.ofSeconds(10), 2_500, config)) {
            HubApi api = new HubApi(demo.hub());
            for (String agent : DemoLibrary.agents()) {
                api.awaitAgent(agent, HubApi.up(), WAIT);
            }
            Dashboard dashboard = new Dashboard(browser, demo.hub().httpPort());
            for (String lang : List.of("zh-CN", "en")) {
                dashboard.load("sign-in", lang);
                browser.untilVisible("form.signin");
                browser.screenshot(out.resolve("dashboard-sign-in-" + lang + ".png"));
            }
            dashboard.signIn("admin", demo.adminPassword());
            dashboard.switchZoneLamps("reading-room-1", true);
            for (String desk : List.of("desk-03", "desk-08", "desk-09", "desk-15", "desk-21")) {
                dashboard.api(
                        "POST", "/api/control", "{\"target\":{\"seat\":\"" + desk + "\"},\"lamp\":{\"on\":false}}");
            }
            demo.kill("gate-1");
            Thread.sleep(4_000); // the simulated visitors fill some seats; the gate's offline alert opens
            for (String lang : List.of("zh-CN", "en")) {
                dashboard.load("fleet", lang);
                browser.untilVisible("#alerts tr[data-kind='offline']");
                browser.screenshot(out.resolve("dashboard-fleet-" + lang + ".png"));
                dashboard.load("agents/reading-room-1", lang);
                browser.untilVisible("svg.chart");
                browser.screenshot(out.resolve("dashboard-agent-" + lang + ".png"));
                dashboard.load("floor", lang);
                browser.untilVisible(".seat[data-seat='desk-01']");
                browser.screenshot(out.resolve("dashboard-floor-" + lang + ".png"));
                dashboard.load("lighting", lang);
                new Select(browser.find("#target")).selectByValue("discussion-room-1");
                new Select(browser.find("#lamp")).selectByValue("on");
                browser.click("#switch");
                browser.untilVisible("tr[data-command][data-state='applied']");
                browser.screenshot(out.resolve("dashboard-lighting-" + lang + ".png"));
                browser.resize(new org.openqa.selenium.Dimension(1920, 1900)); // the whole six-week calendar
                dashboard.load("schedules", lang);
                browser.untilVisible(".calendar .day");
                browser.screenshot(out.resolve("dashboard-schedules-" + lang + ".png"));
                browser.resize(KioskBrowser.LANDSCAPE);
                dashboard.load("patrons", lang);
                browser.find("#import-dry").click();
                browser.find("#import-file").sendKeys(csv.toString());
                browser.find("#import-file").submit();
                browser.until(d -> "done".equals(browser.find("#import-report").getDomAttribute("data-state")), WAIT);
                browser.find("#patron-q").sendKeys("20230"); // the demo's 240 patrons fill the first pages
                browser.untilVisible("tr[data-patron='2023001']");
                browser.click("tr[data-patron='2023001']");
                browser.untilVisible("#patron-detail .panel");
                browser.screenshot(out.resolve("dashboard-patrons-" + lang + ".png"));
                dashboard.load("devices", lang);
                browser.click("#make-token");
                browser.untilVisible("#token-made .qr img");
                browser.screenshot(out.resolve("dashboard-devices-" + lang + ".png"));
                dashboard.load("audit", lang);
                browser.untilVisible("#audit-list tr[data-audit]");
                browser.screenshot(out.resolve("dashboard-audit-" + lang + ".png"));
            }
        }
    }

    /** The analytics page over the demo's simulated week (a demo of its own: the history needs its site key). */
    @Test
    void analytics_inBothLanguages() throws Exception {
        String target = System.getProperty("dashboard.screenshots", "");
        assumeTrue(!target.isBlank(), "set -Ddashboard.screenshots=<folder> to regenerate the dashboard screenshots");
        Path out = Path.of(target);
        try (KioskBrowser browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
                Demo demo = Demo.start(dir.resolve("week"), 0, Duration.ofSeconds(10), 0, 7, Dashboard.FAST_ALERTS)) {
            Dashboard dashboard = new Dashboard(browser, demo.hub().httpPort());
            dashboard.signIn("admin", demo.adminPassword());
            browser.resize(new org.openqa.selenium.Dimension(1920, 2300)); // the whole page, heat map and awards too
            for (String lang : List.of("zh-CN", "en")) {
                dashboard.load("analytics", lang);
                browser.untilVisible("#an-seats table.heat");
                browser.screenshot(out.resolve("dashboard-analytics-" + lang + ".png"));
            }
        }
    }

    /** The engagement page: the simulated week's ratings, a few events (one opened) and volunteer shifts. */
    @Test
    void engagement_inBothLanguages() throws Exception {
        String target = System.getProperty("dashboard.screenshots", "");
        assumeTrue(!target.isBlank(), "set -Ddashboard.screenshots=<folder> to regenerate the dashboard screenshots");
        Path out = Path.of(target);
        try (KioskBrowser browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
                Demo demo = Demo.start(dir.resolve("week"), 0, Duration.ofSeconds(10), 0, 7, Dashboard.FAST_ALERTS)) {
            HubApi api = new HubApi(demo.hub());
            java.time.Instant day = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            String first = "";
            for (String[] e : new String[][] {
                {"讲座：古籍修复入门", "lecture", "reading-room-1", "2", "80"},
                {"Workshop: citing with Zotero", "workshop", "discussion-room-1", "3", "12"},
                {"读书会：《红楼梦》", "reading_club", "", "6", "20"}
            }) {
                java.time.Instant at = day.plus(Duration.ofDays(Long.parseLong(e[3])));
                String made = api.send(
                                "POST",
                                "/api/engagement/events",
                                "application/json",
                                String.format(
                                        "{\"title\":\"%s\",\"kind\":\"%s\",\"zone\":\"%s\",\"capacity\":%s,"
                                                + "\"startsAt\":\"%s\",\"endsAt\":\"%s\"}",
                                        e[0], e[1], e[2], e[4], at, at.plus(Duration.ofMinutes(90))))
                        .body();
                first = first.isEmpty() ? made.replaceAll("(?s).*\"id\":\"(ev-[0-9a-f]+)\".*", "$1") : first;
            }
            for (int d = 1; d <= 2; d++) {
                java.time.Instant at = day.plus(Duration.ofDays(d));
                api.send(
                        "POST",
                        "/api/engagement/shifts",
                        "application/json",
                        String.format(
                                "{\"title\":\"%s\",\"zone\":\"reading-room-1\",\"slots\":%d,\"startsAt\":\"%s\","
                                        + "\"endsAt\":\"%s\"}",
                                d == 1 ? "还书上架" : "Welcome desk", d + 1, at, at.plus(Duration.ofHours(3))));
            }
            Dashboard dashboard = new Dashboard(browser, demo.hub().httpPort());
            dashboard.signIn("admin", demo.adminPassword());
            browser.resize(new org.openqa.selenium.Dimension(1920, 2400)); // the whole page
            for (String lang : List.of("zh-CN", "en")) {
                dashboard.load("engagement", lang);
                browser.untilVisible("#sat-body table.sat");
                browser.click("input[name=sat-by][value=group]");
                browser.until(d ->
                        browser.find("#sat-body").getDomAttribute("data-query").startsWith("by=group"));
                browser.click("#ev-upcoming tr[data-event='" + first + "']");
                browser.untilVisible("#ev-detail section");
                browser.driver().executeScript("window.scrollTo(0, 0)");
                browser.screenshot(out.resolve("dashboard-engagement-" + lang + ".png"));
            }
        }
    }
}
