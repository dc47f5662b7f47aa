package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./carrel demo --history 7d}: a week written in seconds, and every analytics view shows it. */
class DemoHistoryTest {
    @TempDir
    Path dir;

    @Test
    void historyOfAWeek_isWrittenFast_andEveryAnalyticsViewHasData() throws Exception {
        try (Demo demo = Demo.start(dir, 0, Duration.ofSeconds(5), 0, 7)) {
            DemoHistory.Result history = demo.history().orElseThrow();
            System.out.println("demo history: " + history);
            assertTrue(history.visits() > 300, "visits: " + history.visits());
            assertTrue(history.took().compareTo(Duration.ofSeconds(60)) < 0, "took " + history.took());

            LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
            String range = "?from=" + today.minusDays(7) + "&to=" + today.minusDays(1);
            int port = demo.hub().httpPort();
            String token = demo.hub().staff().issueToken("admin");
            assertRows(
                    port,
                    token,
                    "summary" + range,
                    r -> r.get("entries").asInt() > 300 && r.get("visitors").asInt() > 50);
            assertRows(port, token, "visits" + range, r -> r.get("entries").asInt() > 0);
            assertRows(
                    port,
                    token,
                    "visits" + range + "&interval=hour",
                    r -> r.get("entries").asInt() > 0);
            assertRows(
                    port,
                    token,
                    "peak-hours" + range,
                    r -> r.get("rank").asInt() == 1 && r.get("entries").asInt() > 0);
            assertRows(port, token, "dwell" + range, r -> r.get("visits").asInt() > 0);
            assertRows(port, token, "seats" + range, r -> r.get("utilisation").asDouble() > 0);
            assertRows(port, token, "zones" + range, r -> r.get("sessions").asInt() > 0);
            assertRows(port, token, "zones" + range, r -> r.get("noShows").asInt() > 0);
            assertRows(
                    port,
                    token,
                    "zones" + range + "&kind=room",
                    r -> r.get("occupiedHours").asDouble() > 0);
            assertRows(port, token, "energy" + range, r -> r.get("energyWh").asDouble() > 0);
            assertRows(
                    port,
                    token,
                    "segments" + range,
                    r -> r.get("group").asText().equals("postgraduate")
                            && r.get("satisfaction").asDouble() >= 3);
            assertRows(
                    port,
                    token,
                    "segments" + range + "&by=college",
                    r -> r.get("verifiedHours").asDouble() > 0);
            for (LocalDate d : new LocalDate[] {today.minusDays(7), today.minusDays(1)}) {
                String quarter = "?quarter=" + d.getYear() + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
                assertRows(
                        port,
                        token,
                        "awards/time" + quarter,
                        r -> r.get("verifiedHours").asDouble() > 0);
                assertRows(
                        port,
                        token,
                        "awards/loans" + quarter,
                        r -> r.get("loans").asInt() > 0);
            }
        }
    }

    /** GET /api/analytics/{view} answers 200 and at least one row matches. */
    private static void assertRows(int port, String token, String view, Predicate<JsonNode> row) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/analytics/" + view))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), view + ": " + res.body());
        JsonNode rows = new ObjectMapper().readTree(res.body()).get("rows");
        boolean any = false;
        for (JsonNode r : rows) {
            any |= row.test(r);
        }
        assertTrue(
                any,
                view + " has no matching row: "
                        + res.body().substring(0, Math.min(600, res.body().length())));
    }
}
