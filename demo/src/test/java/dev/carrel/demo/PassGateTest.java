package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.GateConfig;
import dev.carrel.agent.gate.PassVerifier;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.hub.Hub;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "Done when": a QR pass from the hub's pass API, checked by the gate's own verifier with the hub's
 * public key. One scanned in time is accepted with the hub down; one scanned after its expiry is refused.
 * Sign-in locks out after repeated wrong PINs; a suspended patron gets no pass.
 */
class PassGateTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private String auth = "";

    /** A clock a test moves by hand, for the gate. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void forward(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void passInTime_acceptedWithTheHubDown_afterExpiry_refused_wrongPins_lockOut() throws Exception {
        Hub hub = startHub();
        int port = hub.httpPort();
        importAndWait(
                port,
                "id,name,group,card_uid,pin\n2023004217,Zhang San,undergraduate,04A1B2C3,4711\n"
                        + "2023004218,Ada Lovelace,faculty,04A1B2C5,2468\n");
        String cookie = signIn(port, "2023004217", "4711");
        String first = pass(port, cookie);
        String second = pass(port, cookie);
        var key = hub.access().orElseThrow().extras().passKeys().publicKey();

        for (int i = 1; i < 5; i++) {
            assertEquals(401, signInStatus(port, "2023004218", "0000"), "try " + i);
        }
        assertEquals(429, signInStatus(port, "2023004218", "0000"), "the fifth wrong PIN locks the sign-in");
        assertEquals(429, signInStatus(port, "2023004218", "2468"), "locked out even with the right PIN");
        HttpResponse<String> page = get(port, "/pass/index.html", "");
        assertEquals(303, get(port, "/pass/", "").statusCode());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("api/sign-in"), "the phone page is served");
        hub.access().orElseThrow().patrons().suspend("2023004217");
        assertEquals(403, get(port, "/pass/api/current", cookie).statusCode());
        hub.close();

        MovableClock clock = new MovableClock();
        try (SystemScheduler time = new SystemScheduler(clock)) {
            GateConfig config = GateConfig.of(
                    "gate-north",
                    SiteSecret.of(PatronGateTest.SECRET),
                    "main-library",
                    List.of(key),
                    GateConfig.Fallback.DENY);
            PassVerifier gate = new PassVerifier(config, time);
            assertEquals(Reason.PASS_VALID, gate.check(first).reason());
            assertEquals(Reason.PASS_REPLAYED, gate.check(first).reason());
            clock.forward(Duration.ofSeconds(60 + 30 + 1)); // validity 60 s, gate skew 30 s
            assertEquals(Reason.PASS_EXPIRED, gate.check(second).reason());
        }
    }

    private Hub startHub() throws Exception {
        Hub hub = GateAgentRig.hub(dir, Map.of());
        auth = "Bearer " + hub.staff().issueToken("admin");
        return hub;
    }

    private void importAndWait(int port, String csv) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/patrons/imports"))
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        PatronGateTest.await(() -> get(port, location, "").body().contains("\"state\":\"done\""), "import done");
        assertTrue(get(port, location, "").body().contains("\"added\":2"));
    }

    private String signIn(int port, String patron, String pin) throws Exception {
        HttpResponse<String> r = signInResponse(port, patron, pin);
        assertEquals(204, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private int signInStatus(int port, String patron, String pin) throws Exception {
        return signInResponse(port, patron, pin).statusCode();
    }

    private HttpResponse<String> signInResponse(int port, String patron, String pin) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pass/api/sign-in"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String pass(int port, String cookie) {
        HttpResponse<String> r = get(port, "/pass/api/current", cookie);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<svg"), "the QR code comes as SVG");
        Matcher m = Pattern.compile("\"pass\":\"(CP1\\.[^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    private HttpResponse<String> get(int port, String path, String cookie) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (!cookie.isEmpty()) {
                b.header("Cookie", cookie);
            }
            if (path.startsWith("/api/")) {
                b.header("Authorization", auth);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
