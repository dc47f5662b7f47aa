package dev.carrel.hub.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.Hub;
import dev.carrel.hub.control.MutableClock;
import dev.carrel.hub.staff.StaffRole;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/spaces/zones/{zone}/seat-codes} over real HTTP on the reservation tests' library (zone
 * {@code reading}: desk-1, desk-2, desk-3; {@code room-a} a room): one card and one QR code per seat, each
 * code read back by ZXing's decoder; who may print them; and the clear refusals when the hub cannot. Also the
 * pass page's redirect, which must keep the code's {@code ?seat=}.
 */
class SeatCodesApiTest {
    private static final String PUBLIC = "https://library.example.edu/pass/";
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);
    private static final Pattern CARD =
            Pattern.compile("<section class=\"card\" data-seat=\"([^\"]+)\">(.*?)</section>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Hub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", dir.resolve("hub").toString(),
                "carrel.broker.host", "127.0.0.1",
                "carrel.broker.port", "0",
                "carrel.broker.persistent", "false",
                "carrel.spaces-file", "classpath:spaces-reservations.yaml"));
        config.putAll(extra);
        hub = Hub.start(
                Config.just(ConfigSources.create(config)), new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));
    }

    /** Access on: the site secret, and the pass page's public address unless {@code publicUrl} is empty. */
    private Map<String, String> access(String publicUrl) throws Exception {
        Path secret = dir.resolve("site-secret");
        if (!Files.exists(secret)) {
            Files.createFile(
                    secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secret, Base64.getEncoder().encodeToString(new byte[32]));
        }
        Map<String, String> m = new HashMap<>(Map.of(
                "carrel.site.id", "lib",
                "carrel.site.secret-file", secret.toString(),
                "carrel.passes.pin-iterations", "1000"));
        if (!publicUrl.isEmpty()) {
            m.put("carrel.passes.public-url", publicUrl);
        }
        return m;
    }

    private String token(String user, StaffRole role) throws Exception {
        var accounts = hub.staff().accounts();
        accounts.create(user, role, accounts.randomPassword());
        return hub.staff().issueToken(user);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    @Test
    void seatCodes_forFacilities_oneDecodableCodePerSeatOfTheZone() throws Exception {
        start(access(PUBLIC));
        HttpResponse<String> r = get("/api/spaces/zones/reading/seat-codes", token("fac1", StaffRole.FACILITIES));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                "text/html; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        String html = r.body();
        assertEquals(3, SVG.matcher(html).results().count(), "one QR code per seat of the zone");
        Matcher card = CARD.matcher(html);
        List<String> seats = new ArrayList<>();
        while (card.find()) {
            String seat = card.group(1);
            seats.add(seat);
            String inside = card.group(2);
            Matcher svg = SVG.matcher(inside);
            assertTrue(svg.find(), "card " + seat + " has its code");
            assertEquals(PUBLIC + "?seat=" + seat, QrDecode.text(svg.group()), "what a phone reads at " + seat);
            assertTrue(inside.contains(">" + seat + "<"), "the seat number is printed: " + inside);
            assertTrue(inside.contains("用手机扫码"), "the zh-CN instruction");
            assertTrue(inside.contains("Scan with your phone to check in"), "the English instruction");
        }
        assertEquals(List.of("desk-1", "desk-2", "desk-3"), seats, "the zone's seats, not desk-9 of walkup");
    }

    @Test
    void seatCodes_needAFacilitiesOrAdminSession() throws Exception {
        start(access(PUBLIC));
        String path = "/api/spaces/zones/reading/seat-codes";

        assertEquals(401, get(path, "").statusCode());
        assertEquals(403, get(path, token("lib1", StaffRole.LIBRARIAN)).statusCode());
        assertEquals(200, get(path, hub.staff().issueToken("admin")).statusCode());
        assertEquals(
                200,
                get("/api/spaces/zones/reading", token("lib2", StaffRole.LIBRARIAN))
                        .statusCode(),
                "the librarian still reads the zone itself");
    }

    @Test
    void seatCodes_unknownZoneOrRoom_isRefusedClearly() throws Exception {
        start(access(PUBLIC));
        String admin = hub.staff().issueToken("admin");

        assertEquals(
                "no zone 'nope'",
                error(get("/api/spaces/zones/nope/seat-codes", admin), 404)
                        .get("error")
                        .asText());
        assertTrue(error(get("/api/spaces/zones/room-a/seat-codes", admin), 409)
                .get("error")
                .asText()
                .contains("rooms have no seat check-in"));
    }

    @Test
    void seatCodes_withoutThePublicUrl_sayWhichKeyToSet() throws Exception {
        start(access(""));
        String message = error(
                        get("/api/spaces/zones/reading/seat-codes", hub.staff().issueToken("admin")), 409)
                .get("error")
                .asText();
        assertTrue(message.contains("carrel.passes.public-url"), message);
    }

    @Test
    void seatCodes_withAccessOff_sayThePassPageIsOff() throws Exception {
        start(Map.of());
        String message = error(
                        get("/api/spaces/zones/reading/seat-codes", hub.staff().issueToken("admin")), 409)
                .get("error")
                .asText();
        assertTrue(message.contains("carrel.site.secret-file"), message);
    }

    @Test
    void passPageRedirect_keepsTheSeatAndLanguage() throws Exception {
        start(access(PUBLIC));

        HttpResponse<String> withQuery = get("/pass/?seat=desk-2&lang=zh-CN", "");
        assertEquals(303, withQuery.statusCode());
        assertEquals(
                "/pass/index.html?seat=desk-2&lang=zh-CN",
                withQuery.headers().firstValue("Location").orElseThrow());
        assertEquals(
                "/pass/index.html?seat=desk-2",
                get("/pass?seat=desk-2", "").headers().firstValue("Location").orElseThrow());
        assertEquals(
                "/pass/index.html",
                get("/pass/", "").headers().firstValue("Location").orElseThrow());
    }
}
