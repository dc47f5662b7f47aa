package dev.carrel.hub.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.Hub;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.control.MutableClock;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff sign-in, roles, CSRF, lock-out, API tokens and the audit log, over real HTTP against a real hub. */
class StaffAccessTest {
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final String CONTROL = "{\"target\":{\"zone\":\"z1\"},\"lamp\":{\"on\":false}}";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Hub hub;

    /** A browser's view: its session cookie and CSRF token, or an API token. */
    private record Client(String cookie, String csrf, String bearer) {
        static final Client NOBODY = new Client("", "", "");
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    @BeforeEach
    void start() throws Exception {
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.spaces-file", "classpath:spaces-test.yaml",
                        "carrel.staff.initial-admin-password", ADMIN_PASSWORD,
                        "carrel.staff.password-iterations", "10000",
                        "carrel.staff.secure-cookie", "false"))),
                clock);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void withoutASessionEveryStaffRouteIs401_andPublicOnesAnswer() throws Exception {
        for (String path : new String[] {"/api/agents", "/api/alerts", "/api/spaces", "/api/audit", "/api/staff"}) {
            Answer a = send(Client.NOBODY, "GET", path, null, null);
            assertEquals(401, a.status(), path);
            assertTrue(a.raw().headers().firstValue("WWW-Authenticate").isPresent(), path);
        }
        assertEquals(
                401,
                send(Client.NOBODY, "POST", "/api/control", CONTROL, "application/json")
                        .status());
        assertEquals(401, send(Client.NOBODY, "GET", "/api/session", null, null).status());
        assertEquals(
                200, send(Client.NOBODY, "GET", "/observe/health", null, null).status());
        assertEquals(
                401,
                send(new Client("", "", "crl_forged"), "GET", "/api/agents", null, null)
                        .status());
    }

    @Test
    void eachRoleGetsWhatItNeedsAndA403ForTheRest() throws Exception {
        Client admin = signIn("admin", ADMIN_PASSWORD);
        create(admin, "fiona", "facilities");
        create(admin, "li", "librarian");
        Client facilities = signIn("fiona", "fiona-password-1");
        Client librarian = signIn("li", "li-password-123");

        assertEquals(
                202,
                send(facilities, "POST", "/api/control", CONTROL, "application/json")
                        .status());
        assertEquals(200, send(facilities, "GET", "/api/agents", null, null).status());
        Answer refused = send(facilities, "GET", "/api/patrons", null, null);
        assertEquals(403, refused.status());
        assertTrue(
                refused.body().get("error").asText().contains("facilities"),
                refused.body().toString());
        assertEquals(403, send(facilities, "GET", "/api/audit", null, null).status());
        assertEquals(
                403,
                send(facilities, "POST", "/api/enrolment/tokens", "{}", "application/json")
                        .status());

        assertEquals(
                403,
                send(librarian, "POST", "/api/control", CONTROL, "application/json")
                        .status());
        assertEquals(403, send(librarian, "GET", "/api/agents", null, null).status());
        assertEquals(200, send(librarian, "GET", "/api/spaces", null, null).status());
        assertEquals(403, send(librarian, "GET", "/api/staff", null, null).status());

        assertEquals(200, send(admin, "GET", "/api/audit", null, null).status());
        assertEquals(
                202,
                send(admin, "POST", "/api/control", CONTROL, "application/json").status());
    }

    @Test
    void aStateChangeRidingOnTheCookieNeedsTheCsrfToken() throws Exception {
        Client admin = signIn("admin", ADMIN_PASSWORD);
        Client noToken = new Client(admin.cookie(), "", "");
        Answer form = send(
                noToken, "POST", "/api/control", "target.zone=z1&lamp.on=false", "application/x-www-form-urlencoded");
        assertEquals(403, form.status());
        assertTrue(
                form.body().get("error").asText().contains("X-CSRF-Token"),
                form.body().toString());
        Answer wrong = send(
                new Client(admin.cookie(), "not-the-token", ""), "POST", "/api/control", CONTROL, "application/json");
        assertEquals(403, wrong.status());
        assertEquals(
                0,
                HubHttp.count(dir.resolve("hub/carrel-hub.db"), "SELECT count(*) FROM commands"),
                "a refused request changes nothing");
        assertEquals(
                202,
                send(admin, "POST", "/api/control", CONTROL, "application/json").status());
        assertEquals(200, send(noToken, "GET", "/api/agents", null, null).status(), "reading needs no token");
    }

    @Test
    void repeatedFailuresLockTheAccountUntilTheLockoutEnds() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(401, signInAnswer("admin", "wrong password!!").status());
        }
        assertEquals(423, signInAnswer("admin", "wrong password!!").status());
        assertEquals(423, signInAnswer("admin", ADMIN_PASSWORD).status(), "locked even with the right password");
        assertEquals(401, signInAnswer("nobody", ADMIN_PASSWORD).status());
        clock.advance(Duration.ofMinutes(15));
        assertEquals(200, signInAnswer("admin", ADMIN_PASSWORD).status());
    }

    @Test
    void sessionsEndOnSignOutAndWhenIdle() throws Exception {
        Client admin = signIn("admin", ADMIN_PASSWORD);
        assertEquals(200, send(admin, "GET", "/api/session", null, null).status());
        clock.advance(Duration.ofHours(2));
        assertEquals(401, send(admin, "GET", "/api/agents", null, null).status(), "idle for the whole idle time");

        Client again = signIn("admin", ADMIN_PASSWORD);
        Answer out = send(again, "DELETE", "/api/session", null, null);
        assertEquals(204, out.status());
        assertTrue(out.raw().headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, send(again, "GET", "/api/agents", null, null).status());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        Answer a = signInAnswer("admin", ADMIN_PASSWORD);
        String cookie = a.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("carrel_session="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals("admin", a.body().get("username").asText());
        assertEquals("admin", a.body().get("role").asText());
        assertFalse(a.body().get("csrf").asText().isEmpty());
    }

    @Test
    void apiTokensWorkWithoutCsrfUntilRevoked() throws Exception {
        Client admin = signIn("admin", ADMIN_PASSWORD);
        Answer made = send(admin, "POST", "/api/staff/tokens", "{\"label\":\"nightly export\"}", "application/json");
        assertEquals(201, made.status());
        Client robot = new Client("", "", made.body().get("token").asText());
        assertEquals(
                202,
                send(robot, "POST", "/api/control", CONTROL, "application/json").status());
        assertEquals(
                204,
                send(
                                admin,
                                "DELETE",
                                "/api/staff/tokens/" + made.body().get("id").asText(),
                                null,
                                null)
                        .status());
        assertEquals(401, send(robot, "GET", "/api/agents", null, null).status());
        Answer list = send(admin, "GET", "/api/staff/tokens", null, null);
        assertFalse(list.body().toString().contains(robot.bearer()), "the token itself is never shown again");
    }

    @Test
    void badAccountRequestsAreRefusedAndChangeNothing() throws Exception {
        Client admin = signIn("admin", ADMIN_PASSWORD);
        assertEquals(
                400,
                send(admin, "POST", "/api/staff", "{\"username\":\"x\",\"role\":\"janitor\"}", "application/json")
                        .status());
        assertEquals(
                400,
                send(
                                admin,
                                "POST",
                                "/api/staff",
                                "{\"username\":\"Bad Name\",\"role\":\"librarian\"}",
                                "application/json")
                        .status());
        assertEquals(
                400,
                send(
                                admin,
                                "POST",
                                "/api/staff",
                                "{\"username\":\"ann\",\"role\":\"librarian\",\"password\":\"short\"}",
                                "application/json")
                        .status());
        assertEquals(
                400,
                send(
                                admin,
                                "POST",
                                "/api/staff",
                                "{\"username\":\"ann\",\"role\":\"librarian\",\"colour\":1}",
                                "application/json")
                        .status());
        assertEquals(
                400,
                send(admin, "POST", "/api/staff", "not json", "application/json")
                        .status());
        assertEquals(
                409,
                send(admin, "PATCH", "/api/staff/admin", "{\"role\":\"librarian\"}", "application/json")
                        .status(),
                "the last administrator stays one");
        Answer list = send(admin, "GET", "/api/staff", null, null);
        assertEquals(1, list.body().size(), list.body().toString());
        assertEquals("admin", list.body().get(0).get("role").asText());

        Answer generated =
                send(admin, "POST", "/api/staff", "{\"username\":\"ann\",\"role\":\"librarian\"}", "application/json");
        assertEquals(201, generated.status());
        signIn("ann", generated.body().get("password").asText());
    }

    @Test
    void everyStaffActionIsAuditedWithWhoWhatWhenAndWhere() throws Exception {
        Client admin = signIn("admin", ADMIN_PASSWORD);
        create(admin, "fiona", "facilities");
        Client facilities = signIn("fiona", "fiona-password-1");
        send(facilities, "POST", "/api/control", CONTROL, "application/json");
        send(facilities, "GET", "/api/patrons", null, null);
        signInAnswer("fiona", "a wrong password");

        JsonNode fiona = awaitAudit(admin, "?actor=fiona", n -> n.size() >= 2);
        JsonNode control = find(fiona, "/api/control");
        assertEquals("POST", control.get("method").asText());
        assertEquals(202, control.get("status").asInt());
        assertEquals("127.0.0.1", control.get("remote").asText());
        assertEquals("session", control.get("via").asText());
        assertEquals(clock.instant().toString(), control.get("at").asText());
        assertEquals("signed in", find(fiona, "/api/session").get("detail").asText());
        assertTrue(control.get("detail").asText().startsWith("lamps off in zone z1: request "), control.toString());
        assertTrue(fiona.toString().contains("/api/staff") == false, "fiona created nobody");

        JsonNode all = awaitAudit(admin, "?path=/api/session", n -> n.size() >= 3);
        assertTrue(all.toString().contains("failed sign-in as 'fiona'"), all.toString());
        JsonNode created = awaitAudit(admin, "?actor=admin&path=/api/staff", n -> n.size() >= 1);
        assertTrue(created.toString().contains("created facilities account 'fiona'"), created.toString());
        assertEquals(
                400, send(admin, "GET", "/api/audit?from=yesterday", null, null).status());
    }

    private JsonNode awaitAudit(Client admin, String query, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = send(admin, "GET", "/api/audit" + query, null, null).body();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("audit " + query + " never matched; last: " + last);
    }

    private static JsonNode find(JsonNode entries, String pathPrefix) {
        for (JsonNode e : entries) {
            if (e.get("path").asText().startsWith(pathPrefix)) {
                return e;
            }
        }
        throw new AssertionError("no audit entry for " + pathPrefix + " in " + entries);
    }

    private void create(Client admin, String username, String role) throws Exception {
        String password = username + (username.length() < 4 ? "-password-123" : "-password-1");
        Answer a = send(
                admin,
                "POST",
                "/api/staff",
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\"}",
                "application/json");
        assertEquals(201, a.status(), a.raw().body());
    }

    private Client signIn(String username, String password) throws Exception {
        Answer a = signInAnswer(username, password);
        assertEquals(200, a.status(), a.raw().body());
        String cookie = a.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Client(cookie, a.body().get("csrf").asText(), "");
    }

    private Answer signInAnswer(String username, String password) throws Exception {
        return send(
                Client.NOBODY,
                "POST",
                "/api/session",
                json.writeValueAsString(Map.of("username", username, "password", password)),
                "application/json");
    }

    private Answer send(Client client, String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (!client.cookie().isEmpty()) {
            b.header("Cookie", client.cookie());
        }
        if (!client.csrf().isEmpty()) {
            b.header("X-CSRF-Token", client.csrf());
        }
        if (!client.bearer().isEmpty()) {
            b.header("Authorization", "Bearer " + client.bearer());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node;
        try {
            node = r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
        } catch (java.io.IOException e) {
            node = json.nullNode();
        }
        return new Answer(r.statusCode(), node, r);
    }
}
