package dev.carrel.hub.patrons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.Hub;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/patrons/imports} and its removal limit over real HTTP, as the dashboard uses it. */
class PatronImportApiTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Hub hub;
    private String auth;

    @BeforeEach
    void start() throws Exception {
        Path secret = dir.resolve("site-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, Base64.getEncoder().encodeToString(new byte[32]));
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.ofEntries(
                        Map.entry("server.host", "127.0.0.1"),
                        Map.entry("server.port", "0"),
                        Map.entry("carrel.data-dir", dir.resolve("hub").toString()),
                        Map.entry("carrel.broker.host", "127.0.0.1"),
                        Map.entry("carrel.broker.port", "0"),
                        Map.entry("carrel.broker.persistent", "false"),
                        Map.entry("carrel.spaces-file", "classpath:spaces-test.yaml"),
                        Map.entry("carrel.site.id", "lib"),
                        Map.entry("carrel.site.secret-file", secret.toString()),
                        Map.entry("carrel.access.import-removal-limit-percent", "25"),
                        Map.entry("carrel.passes.pin-iterations", "1000"),
                        Map.entry("carrel.staff.password-iterations", "10000")))),
                Clock.systemUTC());
        auth = "Bearer " + hub.staff().issueToken("admin");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void truncatedExport_dryRunShowsTheRemovals_realImportRefusedUntilConfirmedWithThatCount() throws Exception {
        assertEquals("done", imported("", csv(8)).path("state").asText());

        JsonNode dry = imported("?dryRun=true", csv(5)); // 3 of 8 missing: 37.5%, above the configured 25%
        assertEquals(3, dry.path("removed").asInt());
        assertTrue(dry.path("removalsNeedConfirmation").asBoolean(), dry.toString());

        JsonNode refused = imported("", csv(5));
        assertEquals("failed", refused.path("state").asText());
        assertEquals(
                "confirmRemovals", refused.path("errors").get(0).path("field").asText());
        assertTrue(
                refused.path("errors").get(0).path("message").asText().contains("more than the 25%"),
                refused.toString());
        assertEquals(8, hub.access().orElseThrow().patrons().store().ids().size(), "nobody removed");

        JsonNode confirmed = imported("?confirmRemovals=3", csv(5));
        assertEquals("done", confirmed.path("state").asText(), confirmed.toString());
        assertEquals(3, confirmed.path("removed").asInt());
        assertEquals(5, hub.access().orElseThrow().patrons().store().ids().size());
    }

    @Test
    void confirmRemovals_notAWholeNumber_orWithoutRemoveMissing_is400AndStartsNothing() throws Exception {
        for (String query :
                new String[] {"?confirmRemovals=three", "?confirmRemovals=-1", "?removeMissing=false&confirmRemovals=0"
                }) {
            HttpResponse<String> r = post(query, csv(2));
            assertEquals(400, r.statusCode(), query + ": " + r.body());
            assertTrue(r.body().contains("confirmRemovals"), r.body());
        }
        assertEquals(0, hub.access().orElseThrow().patrons().store().ids().size());
    }

    private static String csv(int patrons) {
        StringBuilder b = new StringBuilder("id,name,group,card_uid\n");
        for (int i = 0; i < patrons; i++) {
            b.append("p").append(i).append(",Pat Ron,visitor,0400000").append(i).append('\n');
        }
        return b.toString();
    }

    private HttpResponse<String> post(String query, String csv) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/api/patrons/imports" + query))
                        .header("Authorization", auth)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts an import and returns its report once it has ended. */
    private JsonNode imported(String query, String csv) throws Exception {
        HttpResponse<String> started = post(query, csv);
        assertEquals(202, started.statusCode(), started.body());
        String location = started.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = json.readTree(http.send(
                            HttpRequest.newBuilder(uri(location))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String state = job.path("state").asText();
            if (state.equals("done") || state.equals("failed")) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import did not end");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }
}
