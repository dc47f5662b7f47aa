package dev.carrel.hub.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.Hub;
import dev.carrel.hub.control.Http;
import dev.carrel.hub.control.MutableClock;
import dev.carrel.protocol.AgentId;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules on a real hub and SQLite file, with a clock the test moves forward. */
class HolidayClosureTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final AgentId ROOM_1 = AgentId.of("room-1");
    private static final String SCHEDULE = """
            {"weekly": {"mon": "08:00-22:00", "tue": "08:00-22:00", "wed": "08:00-22:00", "thu": "08:00-22:00",
                        "fri": "08:00-22:00", "sat": "08:00-22:00", "sun": "08:00-22:00"},
             "exceptions": [{"date": "2026-12-24", "hours": "08:00-16:00", "note": "Christmas Eve"},
                            {"date": "2026-12-25", "closed": true},
                            {"from": "2027-01-25", "to": "2027-02-12", "kind": "exam", "hours": "07:00-24:00"}]}
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(at("2026-12-24T12:00"));
    private Hub hub;
    private Http api;

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

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
                clock);
        api = new Http(hub);
        api.json("PUT", "/api/schedules/main", SCHEDULE, 200);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private long desiredVersion() throws Exception {
        return hub.facilities().twins().view(ROOM_1).desiredVersion();
    }

    private boolean lampDesiredOff() throws Exception {
        Object lamps = hub.facilities().twins().view(ROOM_1).desired().get("lamps");
        return lamps instanceof Map<?, ?> m
                && m.get("desk-1-lamp") instanceof Map<?, ?> e
                && Boolean.FALSE.equals(e.get("on"));
    }

    private void tickAt(String local) throws Exception {
        clock.set(at(local));
        hub.facilities().schedules().tick();
    }

    @Test
    void holidayClosure_switchesTheZoneOffAtTheNewClosingTime_onThatDayOnly() throws Exception {
        JsonNode today = api.json("GET", "/api/schedules/main/today", null, 200);
        assertEquals("16:00", today.get("closes").asText());
        assertEquals("holiday", today.get("kind").asText());
        assertTrue(
                hub.facilities().twins().view(ROOM_1).desired().get("schedule") instanceof Map<?, ?>,
                "the schedule is pushed into the agent's twin");

        tickAt("2026-12-24T15:59");
        assertFalse(lampDesiredOff(), "switched off before the holiday closing time");
        tickAt("2026-12-24T16:00");
        assertTrue(lampDesiredOff(), "not switched off at the holiday closing time");

        // The next day keeps the regular hours: nothing at 16:00, the zone goes off at 22:00.
        tickAt("2026-12-26T09:00");
        long version = desiredVersion();
        tickAt("2026-12-26T16:00");
        tickAt("2026-12-26T16:30");
        assertEquals(version, desiredVersion(), "the holiday closing time applied on another day");
        tickAt("2026-12-26T22:00");
        assertTrue(desiredVersion() > version);
        assertTrue(lampDesiredOff());
    }

    @Test
    void today_closedHoliday_andExamExtendedHours() throws Exception {
        clock.set(at("2026-12-25T10:00"));
        JsonNode closed = api.json("GET", "/api/schedules/main/today", null, 200);
        assertFalse(closed.get("open").asBoolean());
        clock.set(at("2027-02-01T10:00"));
        JsonNode exam = api.json("GET", "/api/schedules/main/today", null, 200);
        assertEquals("07:00", exam.get("opens").asText());
        assertEquals("24:00", exam.get("closes").asText());
        assertEquals("exam", exam.get("kind").asText());
    }

    @Test
    void badSchedule_is400NamingTheField_andChangesNothing() throws Exception {
        String before = api.get("/api/schedules/main").body();
        var r = api.send("PUT", "/api/schedules/main", "{\"weekly\": {\"mon\": \"22:00-08:00\"}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("weekly.mon"), r.body());
        assertEquals(before, api.get("/api/schedules/main").body());
        assertEquals(404, api.send("PUT", "/api/schedules/nowhere", SCHEDULE).statusCode());
        assertEquals(404, api.get("/api/schedules/nowhere/today").statusCode());
    }
}
