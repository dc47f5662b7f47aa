package dev.carrel.hub.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.TwinReported;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST rules (400 naming the field, 404, nothing changes), zone/seat CRUD, the SSE stream, the spec. */
class FacilitiesApiTest {
    @TempDir
    Path dir;

    private Hub hub;
    private Http api;

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
                        "carrel.spaces-file", "classpath:spaces-test.yaml"))),
                Clock.systemUTC());
        api = new Http(hub);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void assertError(int status, String field, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
        assertTrue(r.body().contains(field), "error should name " + field + ": " + r.body());
    }

    @Test
    void control_badInput_is400NamingTheField_andSendsNothing() throws Exception {
        assertError(400, "$", api.send("POST", "/api/control", "{not json"));
        assertError(
                400,
                "target.room",
                api.send("POST", "/api/control", "{\"target\":{\"room\":\"z1\"},\"lamp\":{\"on\":true}}"));
        assertError(
                400,
                "target.zone",
                api.send("POST", "/api/control", "{\"target\":{\"zone\":\"nowhere\"},\"lamp\":{\"on\":true}}"));
        assertError(
                400,
                "lamp.on",
                api.send("POST", "/api/control", "{\"target\":{\"zone\":\"z1\"},\"lamp\":{\"on\":\"yes\"}}"));
        assertError(
                400,
                "lamp.brightness",
                api.send(
                        "POST",
                        "/api/control",
                        "{\"target\":{\"seat\":\"desk-1\"},\"lamp\":{\"on\":true,\"brightness\":101}}"));
        assertError(
                400,
                "target.zone",
                api.send("POST", "/api/control", "{\"target\":{\"zone\":\"z2\"},\"lamp\":{\"on\":true}}"));
        assertError(404, "nope", api.get("/api/control/nope"));
        assertEquals(
                0,
                hub.facilities()
                        .twins()
                        .view(dev.carrel.protocol.AgentId.of("room-1"))
                        .desiredVersion());
    }

    @Test
    void seats_crud_andABindingToAMissingEndpoint_namesBoth_andChangesNothing() throws Exception {
        api.json("PUT", "/api/spaces/seats/desk-9", "{\"zone\":\"z2\"}", 201);
        api.json("PUT", "/api/spaces/seats/desk-9", "{\"zone\":\"z2\"}", 200);
        String before = api.get("/api/spaces/seats/desk-1").body();
        HttpResponse<String> r =
                api.send("PUT", "/api/spaces/seats/desk-1", "{\"zone\":\"z1\",\"lamp\":\"room-1/ghost\"}");
        assertError(400, "seats[desk-1].lamp", r);
        assertTrue(r.body().contains("seat 'desk-1'") && r.body().contains("room-1/ghost"), r.body());
        assertEquals(before, api.get("/api/spaces/seats/desk-1").body());
        assertError(400, "zone", api.send("PUT", "/api/spaces/seats/desk-1", "{\"zone\":7}"));
        assertError(400, "seats[desk-9].zone", api.send("PUT", "/api/spaces/seats/desk-9", "{\"zone\":\"nowhere\"}"));
        assertError(404, "desk-404", api.send("DELETE", "/api/spaces/seats/desk-404", null));
        assertError(409, "z1", api.send("DELETE", "/api/spaces/zones/z1", null));
        api.json("DELETE", "/api/spaces/seats/desk-9", null, 204);
        api.json("PUT", "/api/spaces/zones/z3", "{\"floor\":\"f1\",\"kind\":\"room\"}", 201);
        assertEquals(
                "room",
                api.json("GET", "/api/spaces/zones/z3", null, 200).get("kind").asText());
        assertError(404, "ghost", api.get("/api/agents/ghost/twin"));
        assertError(400, "id", api.get("/api/agents/Not_Valid/twin"));
        assertEquals(200, api.get("/openapi.yaml").statusCode());
    }

    @Test
    void stream_carriesALampChangeFromAnAgentEvent() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        api.client()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/stream?zone=z1"))
                                .header("Authorization", api.authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.facilities().feed().subscribers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (FakeAgent room = new FakeAgent(
                hub.brokerUri(),
                "room-1",
                hub.brokerUsers().issue("room-1", BrokerUsers.Role.AGENT),
                List.of(new Endpoint("desk-1-lamp", Endpoint.Kind.DIMMABLE_LAMP)))) {
            room.event(new EventBody.LampState("desk-1-lamp", true, 55));
            String line;
            do {
                line = lines.poll(10, TimeUnit.SECONDS);
            } while (line != null && !line.startsWith("data:"));
            assertTrue(line != null, "no event on the stream");
            assertTrue(line.contains("\"seat\":\"desk-1\"") && line.contains("\"brightness\":55"), line);
        }
    }

    @Test
    void zoneState_carriesAPlugsPowerAndMeter_andATwinReportKeepsTheMeter() throws Exception {
        try (FakeAgent room = new FakeAgent(
                hub.brokerUri(),
                "room-1",
                hub.brokerUsers().issue("room-1", BrokerUsers.Role.AGENT),
                List.of(new Endpoint("desk-1-outlet", Endpoint.Kind.OUTLET)))) {
            room.event(new EventBody.OutletState(
                    "desk-1-outlet", true, java.util.Optional.of(35.5), java.util.Optional.of(1204.25)));
            JsonNode outlet = outletOfDesk1(o -> o.path("energyWh").asDouble() == 1204.25);
            assertEquals(35.5, outlet.get("powerW").asDouble());
            assertTrue(outlet.get("on").asBoolean());

            // The twin says only on or off: the meter's total stays, the power too while the plug stays on.
            room.send(new TwinReported(
                    1, twinOutlet(true), java.time.Instant.now().plusSeconds(1)));
            outlet = outletOfDesk1(o -> "twin".equalsIgnoreCase(o.path("source").asText()));
            assertEquals(1204.25, outlet.get("energyWh").asDouble());
            assertEquals(35.5, outlet.get("powerW").asDouble());
            room.send(new TwinReported(
                    2, twinOutlet(false), java.time.Instant.now().plusSeconds(2)));
            outlet = outletOfDesk1(o -> !o.get("on").asBoolean());
            assertEquals(1204.25, outlet.get("energyWh").asDouble());
            assertTrue(
                    outlet.path("powerW").isMissingNode()
                            || outlet.get("powerW").isNull(),
                    outlet.toString());
        }
    }

    private static Map<String, Object> twinOutlet(boolean on) {
        return Map.of("lamps", Map.of(), "outlets", Map.of("desk-1-outlet", Map.of("on", on)));
    }

    private JsonNode outletOfDesk1(java.util.function.Predicate<JsonNode> until) throws Exception {
        JsonNode zone = api.await(
                "/api/spaces/zones/z1/state",
                z -> until.test(z.get("seats").get(0).path("outlet")),
                Duration.ofSeconds(10));
        assertEquals("desk-1", zone.get("seats").get(0).get("id").asText());
        return zone.get("seats").get(0).get("outlet");
    }
}
