package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.demo.kiosk.KioskBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's engagement page (issue 7, docs/engagement.md) in headless Chromium against the demo with a
 * week of simulated history, so the kiosks' ratings are there: a librarian reads the monthly satisfaction by
 * zone and by patron group and its CSV, creates an event and a volunteer shift through the forms (a refused
 * one first), sees how full an event is, and cancels; facilities staff are not offered the page and refused by
 * the API; in Chinese no English of the dashboard's own is left.
 */
class EngagementPageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String LIBRARIAN = "leah";
    private static final String LIBRARIAN_PASSWORD = "reading-room-44!";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Demo demo;
    private static KioskBrowser browser;
    private static Dashboard dashboard;
    private static HubApi admin;

    @BeforeAll
    static void start() throws Exception {
        browser = KioskBrowser.open(KioskBrowser.LANDSCAPE);
        demo = Demo.start(dir.resolve("demo"), 0, Duration.ofSeconds(10), 0, 7, Map.of());
        dashboard = new Dashboard(browser, demo.hub().httpPort());
        admin = new HubApi(demo.hub());
        createStaff(LIBRARIAN, "librarian", LIBRARIAN_PASSWORD);
        createStaff("fritz", "facilities", "boiler-room-44!");
        dashboard.signIn(LIBRARIAN, LIBRARIAN_PASSWORD);
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
    void satisfaction_showsTheWeeksScoresByZoneAndByGroup_withItsCsv() throws Exception {
        assertEquals(List.of("floor", "patrons", "analytics", "engagement"), dashboard.offered());
        dashboard.load("engagement", "en");
        browser.untilVisible("#sat-body table.sat");
        String from =
                new Select(browser.find("#sat-from")).getFirstSelectedOption().getDomAttribute("value");
        String to = new Select(browser.find("#sat-to")).getFirstSelectedOption().getDomAttribute("value");
        assertEquals(java.time.YearMonth.parse(to).minusMonths(5).toString(), from, "the last six months");

        long byZone = assertTableIsTheReport("zone", from, to);
        assertTrue(byZone > 0, "the demo's week has ratings");
        assertTrue(
                browser.all("#sat-body td[data-count='0']").stream()
                        .allMatch(c -> c.getText().equals("—")),
                "a month nobody rated shows a dash");
        assertTrue(!browser.all("#sat-body td[data-count='0']").isEmpty(), "six months, one week of ratings");

        browser.click("input[name=sat-by][value=group]");
        browser.until(
                d -> browser.find("#sat-body").getDomAttribute("data-query").startsWith("by=group"));
        assertEquals(byZone, assertTableIsTheReport("group", from, to), "every rating has one zone and one group");
        assertTrue(browser.text("#sat-body").contains("undergraduate"));

        String csv = browser.find("#sat-csv").getDomAttribute("href");
        assertEquals("/api/engagement/satisfaction?by=group&from=" + from + "&to=" + to + "&format=csv", csv);
        assertTrue(
                fetch(csv).matches("200 text/csv.*\nmonth,group,count,average,score_1,.*"), "the CSV: " + fetch(csv));

        assertEquals(10, browser.all("#fb-list tr[data-feedback]").size(), "the newest ten ratings first");
        browser.click("#fb-more");
        browser.until(d -> browser.all("#fb-list tr[data-feedback]").size() > 10, WAIT);
        List<WebElement> feedback = browser.all("#fb-list tr[data-feedback]");
        for (WebElement row : feedback) {
            int score = Integer.parseInt(row.findElement(org.openqa.selenium.By.cssSelector("td[data-score]"))
                    .getText());
            assertTrue(score >= 3 && score <= 5, "the demo's leavers rate 3 to 5: " + row.getText());
        }
    }

    @Test
    void event_isRefusedWithTheFieldNamed_thenCreatedThroughTheForm_listedAndCancelled() throws Exception {
        dashboard.load("engagement", "en");
        browser.find("#ev-form [name=title]").sendKeys("Poetry evening");
        new Select(browser.find("#ev-form [name=kind]")).selectByValue("workshop");
        new Select(browser.find("#ev-form [name=zone]")).selectByValue("reading-room-1");
        setValue("#ev-form [name=capacity]", "12");
        String starts = browser.find("#ev-form [name=startsAt]").getDomProperty("value");
        setValue("#ev-form [name=endsAt]", starts); // not after the start: the hub refuses it

        browser.click("#ev-form button[type=submit]");
        browser.untilText("#ev-form-error", "Ends: must be after 'startsAt'");
        assertEquals(
                true,
                browser.driver()
                        .executeScript("return document.querySelector('#ev-form [name=endsAt]').matches(':invalid')"));
        assertEquals(0, eventsTitled("Poetry evening").size(), "a refused event is not created");

        setValue("#ev-form [name=endsAt]", starts.substring(0, 11) + "16:00");
        browser.click("#ev-form button[type=submit]");
        browser.until(d -> eventsTitled("Poetry evening").size() == 1, WAIT);
        String id =
                eventsTitled("Poetry evening").get(0).path("event").path("id").asText();
        String row = "#ev-upcoming tr[data-event='" + id + "']";
        browser.untilVisible(row);
        assertEquals("", browser.text("#ev-form-error"));
        assertEquals("", browser.find("#ev-form [name=title]").getDomProperty("value"), "ready for the next");
        assertEquals("scheduled", browser.find(row).getDomAttribute("data-state"));
        assertTrue(
                browser.text(row).contains("workshop") && browser.text(row).contains("Reading room"),
                browser.text(row));
        assertEquals(List.of("12", "0", "0", "0"), counts(row));

        browser.click(row + " button.cancel");
        browser.driver().switchTo().alert().accept();
        browser.until(d -> "cancelled".equals(browser.find(row).getDomAttribute("data-state")), WAIT);
        assertTrue(browser.all(row + " button.cancel").isEmpty(), "a cancelled event is not offered for cancelling");
        assertTrue(eventsTitled("Poetry evening").get(0).path("event").has("cancelledAt"));
    }

    @Test
    void event_showsRegisteredWaitlistedAndCheckedIn_andItsRegistrations() throws Exception {
        admin.importPatrons("id,name,group,card_uid,pin\nev-1,Ann Lee,undergraduate,04E0E001,4711\n"
                + "ev-2,Bo Chen,postgraduate,04E0E002,2468\n");
        Instant start = Instant.now().plus(Duration.ofMinutes(10)); // check-in is open from 30 minutes before
        JsonNode made = JSON.readTree(admin.send(
                        "POST",
                        "/api/engagement/events",
                        "application/json",
                        "{\"title\":\"Knitting circle\",\"kind\":\"reading_club\",\"capacity\":1,\"startsAt\":\""
                                + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1)) + "\"}")
                .body());
        String id = made.path("event").path("id").asText();
        register(id, "ev-1", "4711");
        register(id, "ev-2", "2468");
        dashboard.api("POST", "/api/engagement/events/" + id + "/check-ins", "{\"patron\":\"ev-1\"}");

        dashboard.load("engagement", "en");
        String row = "#ev-upcoming tr[data-event='" + id + "']";
        browser.untilVisible(row);
        assertEquals(List.of("1", "1", "1", "1"), counts(row), "capacity, registered, waitlisted, checked in");
        browser.click(row);
        browser.untilVisible("#ev-detail tr[data-patron='ev-2']");
        assertEquals("place", browser.find("#ev-detail tr[data-patron='ev-1']").getDomAttribute("data-state"));
        assertTrue(browser.text("#ev-detail tr[data-patron='ev-1']").contains("by staff"));
        assertTrue(browser.text("#ev-detail tr[data-patron='ev-2']").contains("waitlist, position 1"));
    }

    @Test
    void shift_isCreatedThroughTheForm_listedAndCancelled_andTheHoursHaveTheirCsv() throws Exception {
        dashboard.load("engagement", "en");
        browser.find("#vs-form [name=title]").sendKeys("Shelving returns");
        setValue("#vs-form [name=slots]", "3");
        browser.click("#vs-form button[type=submit]");
        String row = "#vs-list tr[data-state='scheduled']";
        browser.until(d -> browser.all(row).stream().anyMatch(r -> r.getText().contains("Shelving returns")), WAIT);
        WebElement shift = browser.all(row).stream()
                .filter(r -> r.getText().contains("Shelving returns"))
                .findFirst()
                .orElseThrow();
        String id = shift.getDomAttribute("data-shift");
        String mine = "#vs-list tr[data-shift='" + id + "']";
        assertEquals("0 / 3", browser.text(mine + " td.signed-up"));

        browser.click(mine + " button.cancel");
        browser.driver().switchTo().alert().accept();
        browser.until(d -> "cancelled".equals(browser.find(mine).getDomAttribute("data-state")), WAIT);
        assertTrue(JSON.readTree(admin.get("/api/engagement/shifts/" + id).body())
                .path("shift")
                .has("cancelledAt"));

        String csv = browser.find("#vh-csv").getDomAttribute("href");
        assertTrue(csv.startsWith("/api/engagement/volunteer-hours?from="), csv);
        assertTrue(fetch(csv).matches("200 text/csv.*\npatron,minutes,shifts"), fetch(csv));
    }

    @Test
    void facilities_isNotOfferedThePage_andTheApiRefusesIt() {
        try {
            dashboard.signIn("fritz", "boiler-room-44!");
            assertTrue(!dashboard.offered().contains("engagement"), String.valueOf(dashboard.offered()));
            dashboard.load("engagement", "en");
            assertTrue(browser.text("#view").contains("Your role may not open this page"));
            assertEquals(403, dashboard.status("GET", "/api/engagement/satisfaction", null));
            assertEquals(403, dashboard.status("GET", "/api/engagement/satisfaction?format=csv", null));
            assertEquals(403, dashboard.status("GET", "/api/engagement/events", null));
            assertEquals(403, dashboard.status("POST", "/api/engagement/shifts", "{\"title\":\"x\"}"));
        } finally {
            dashboard.signIn(LIBRARIAN, LIBRARIAN_PASSWORD);
        }
    }

    @Test
    void chinese_showsNoEnglishOfTheDashboardsOwn() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(2));
        admin.send(
                "POST",
                "/api/engagement/shifts",
                "application/json",
                "{\"title\":\"Welcome desk\",\"slots\":2,\"startsAt\":\"" + start + "\",\"endsAt\":\""
                        + start.plus(Duration.ofHours(2)) + "\"}");
        admin.send(
                "POST",
                "/api/engagement/events",
                "application/json",
                "{\"title\":\"Author talk\",\"capacity\":40,\"zone\":\"reading-room-1\",\"startsAt\":\"" + start
                        + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(2)) + "\"}");
        dashboard.load("engagement", "zh-CN");
        browser.untilVisible("#sat-body table.sat");
        browser.untilVisible("#ev-upcoming tr[data-event]");
        browser.click("#ev-upcoming tr[data-event]");
        browser.untilVisible("#ev-detail section");
        browser.click("#vs-list tr[data-shift]");
        browser.untilVisible("#vs-detail section");
        browser.find("#ev-form [name=title]").clear();
        browser.click("#ev-form button[type=submit]");
        browser.untilText("#ev-form-error", "名称");
        assertTrue(browser.text("#nav").contains("读者活动"));
        List<String> english = browser.visibleText().stream()
                .filter(text -> text.replaceAll("CSV", "").matches("(?s).*[A-Za-z]{3,}.*"))
                .filter(text -> !List.of("Carrel", "English").contains(text))
                .toList();
        assertEquals(List.of(), english, "the engagement page shows English in Chinese");
    }

    /** Checks the page's table against the API's report for the same query; answers the ratings counted. */
    private static long assertTableIsTheReport(String by, String from, String to) throws Exception {
        JsonNode report =
                JSON.readTree(admin.get("/api/engagement/satisfaction?by=" + by + "&from=" + from + "&to=" + to)
                        .body());
        long total = 0;
        for (JsonNode m : report.path("months")) {
            String cell = "#sat-body tr[data-key='" + m.path("key").asText() + "'] td[data-month='"
                    + m.path("month").asText() + "']";
            assertEquals(m.path("count").asText(), browser.find(cell).getDomAttribute("data-count"), cell);
            if (m.path("count").asLong() > 0) {
                String average =
                        String.format(Locale.ROOT, "%.1f", m.path("average").asDouble());
                assertEquals(
                        average + " " + m.path("count").asLong() + " rated",
                        browser.text(cell).replace('\n', ' '),
                        cell);
            }
            total += m.path("count").asLong();
        }
        assertEquals(
                report.path("months").size(),
                browser.all("#sat-body td[data-month]").size());
        return total;
    }

    /** The events the hub lists with that title, as {event, counts}. */
    private static List<JsonNode> eventsTitled(String title) {
        try {
            JsonNode all = JSON.readTree(admin.get("/api/engagement/events").body());
            List<JsonNode> out = new java.util.ArrayList<>();
            all.forEach(v -> {
                if (v.path("event").path("title").asText().equals(title)) {
                    out.add(v);
                }
            });
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An event row's capacity, registered, waitlisted and checked-in figures. */
    private static List<String> counts(String row) {
        return browser.all(row + " td.num").stream().map(WebElement::getText).toList();
    }

    private static void setValue(String css, String value) {
        browser.driver()
                .executeScript(
                        "const i = document.querySelector(arguments[0]); i.value = arguments[1];"
                                + " i.dispatchEvent(new Event('input', {bubbles: true}));",
                        css,
                        value);
    }

    /** A GET from the signed-in page: "status content-type\nfirst line of the body". */
    private static String fetch(String path) {
        return String.valueOf(browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(async r => done(r.status + ' '"
                                + " + r.headers.get('Content-Type') + '\\n' + (await r.text()).split('\\r\\n')[0]));",
                        path));
    }

    /** The patron signs in on the pass page's API and registers for the event. */
    private static void register(String event, String patron, String pin) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + demo.hub().httpPort();
        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(URI.create(base + "/pass/api/sign-in"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, signedIn.statusCode(), signedIn.body());
        String cookie =
                signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(base + "/pass/api/events/" + event + "/registration"))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(registered.statusCode() < 300, registered.statusCode() + " " + registered.body());
    }

    private static void createStaff(String username, String role, String password) throws Exception {
        HttpResponse<String> r = admin.send(
                "POST",
                "/api/staff",
                "application/json",
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }
}
