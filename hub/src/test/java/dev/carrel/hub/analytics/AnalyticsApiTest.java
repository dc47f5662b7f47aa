package dev.carrel.hub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.staff.StaffRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics API's formats, its refusals of bad input, and the loans feed behind the loans award. */
class AnalyticsApiTest {
    @TempDir
    Path dir;

    AnalyticsRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new AnalyticsRig(dir, Instant.parse("2026-03-10T12:00:00Z"), Map.of());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void everyView_answersCsvWithASuffixOrFormatCsv_withAHeaderLine() throws Exception {
        for (String view : new String[] {
            "summary",
            "visits",
            "peak-hours",
            "dwell",
            "seats",
            "zones",
            "energy",
            "segments",
            "awards/time",
            "awards/loans"
        }) {
            HttpResponse<String> suffix = raw("GET", "/api/analytics/" + view + ".csv?from=2026-03-01", "");
            assertEquals(200, suffix.statusCode(), view + ": " + suffix.body());
            assertTrue(suffix.headers().firstValue("content-type").orElse("").startsWith("text/csv"), view);
            HttpResponse<String> param = raw("GET", "/api/analytics/" + view + "?from=2026-03-01&format=csv", "");
            assertEquals(suffix.body(), param.body(), view);
            HubHttp.Answer json = rig.http.get("/api/analytics/" + view + "?from=2026-03-01");
            assertEquals(200, json.status(), view + ": " + json.text());
            String header = suffix.body().substring(0, suffix.body().indexOf("\r\n"));
            assertEquals(String.join(",", names(json.body().get("columns"))), header, view);
        }
        String visits = raw("GET", "/api/analytics/visits.csv?from=2026-03-09&to=2026-03-10", "")
                .body();
        assertEquals(
                "period,entries,visitors,newVisitors,returningVisitors,unpairedEntries,averageDwellMinutes\r\n"
                        + "2026-03-09,0,0,0,0,0,\r\n2026-03-10,0,0,0,0,0,\r\n",
                visits);
    }

    private static String[] names(JsonNode columns) {
        String[] out = new String[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns.get(i).asText();
        }
        return out;
    }

    @Test
    void badParameters_are400NamingTheParameter() throws Exception {
        Map<String, String> bad = Map.of(
                "/api/analytics/visits?from=yesterday", "'from'",
                "/api/analytics/visits?from=2026-03-10&to=2026-03-01", "'from'",
                "/api/analytics/visits?from=2024-01-01&to=2026-03-01", "'to'",
                "/api/analytics/visits?interval=week", "'interval'",
                "/api/analytics/visits?from=2026-01-01&to=2026-12-31&interval=hour", "'to'",
                "/api/analytics/segments?group=wizards", "'group'",
                "/api/analytics/segments?by=shoe-size", "'by'",
                "/api/analytics/awards/time?quarter=2026-Q5", "'quarter'",
                "/api/analytics/awards/time?limit=0", "'limit'",
                "/api/analytics/zones?format=xml", "'format'");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HubHttp.Answer a = rig.http.get(e.getKey());
            assertEquals(400, a.status(), e.getKey() + " -> " + a.text());
            assertTrue(a.body().get("error").asText().contains(e.getValue()), e.getKey() + " -> " + a.text());
        }
    }

    @Test
    void loans_aBadRowChangesNothing_aGoodFileRanksTheQuarterWithTheStatedTieRule() throws Exception {
        rig.patron("p1", "faculty", "Law", AnalyticsRig.card("p1"));
        HttpResponse<String> bad =
                raw("PUT", "/api/analytics/loans", "patron_id,date,loans\np1,2026-03-01,4\np2,March,1\n");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("line 3 date"), bad.body());
        assertEquals(0, rig.count("SELECT count(*) FROM analytics_loans"));

        String csv = "patron_id,date,loans\r\n"
                + "p1,2026-03-01,4\r\n" // p1: 4 loans on one day
                + "p2,2026-02-01,2\r\np2,2026-02-02,2\r\n" // p2: 4 loans on two days: wins the tie
                + "p3,2026-01-05,1\r\n"
                + "p4,2026-04-01,9\r\n"; // next quarter
        HttpResponse<String> good = raw("PUT", "/api/analytics/loans", csv);
        assertEquals(200, good.statusCode(), good.body());
        JsonNode rows = rig.http
                .get("/api/analytics/awards/loans?quarter=2026-Q1")
                .body()
                .get("rows");
        assertEquals(3, rows.size());
        assertEquals("p2", rows.get(0).get("patronId").asText());
        assertEquals("p1", rows.get(1).get("patronId").asText());
        assertEquals("Name p1", rows.get(1).get("name").asText());
        assertEquals("faculty", rows.get(1).get("group").asText());
        assertEquals(
                1,
                rig.http
                        .get("/api/analytics/awards/loans?quarter=2026-Q1&group=faculty")
                        .body()
                        .get("rows")
                        .size());
        // A second upload replaces a day's count rather than adding to it.
        raw("PUT", "/api/analytics/loans", "patron_id,date,loans\np1,2026-03-01,1\n");
        assertEquals(1, rig.count("SELECT loans FROM analytics_loans WHERE patron_id = 'p1'"));
    }

    @Test
    void roles_librarianReadsAndFeeds_facilitiesIsRefused_noSessionIs401() throws Exception {
        rig.hub
                .staff()
                .accounts()
                .create("fac", StaffRole.FACILITIES, rig.hub.staff().accounts().randomPassword());
        HubHttp facilities = new HubHttp(rig.hub.httpPort(), rig.hub.staff().issueToken("fac"));
        assertEquals(403, facilities.get("/api/analytics/summary").status());
        assertEquals(
                401,
                new HubHttp(rig.hub.httpPort()).get("/api/analytics/summary").status());
        assertEquals(200, rig.http.get("/api/analytics/summary").status());
        assertEquals(
                200,
                raw("PUT", "/api/analytics/loans", "patron_id,date,loans\n").statusCode());
        assertEquals(200, raw("POST", "/api/analytics/refresh", "").statusCode());
    }

    @Test
    void refresh_rollsUpNowAndNamesTheDays() throws Exception {
        rig.passage(Instant.parse("2026-03-10T09:00:00Z"), true, AnalyticsRig.card("x"));
        HttpResponse<String> r = raw("POST", "/api/analytics/refresh", "");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("2026-03-10"), r.body());
        assertEquals(
                1,
                rig.http
                        .get("/api/analytics/summary?from=2026-03-10&to=2026-03-10")
                        .body()
                        .get("rows")
                        .get(0)
                        .get("entries")
                        .asInt());
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.hub.httpPort() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", method.equals("PUT") ? "text/csv" : "application/json")
                .header("Authorization", "Bearer " + rig.token)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
