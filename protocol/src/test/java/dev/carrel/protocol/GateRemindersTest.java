package dev.carrel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateRemindersTest {

    @Test
    void encodeDecode_roundTrips() throws Exception {
        GateReminders r = new GateReminders(
                7,
                Instant.parse("2025-03-01T06:00:00Z"),
                Map.of("p-7f3a", List.of("2 books due Fri 14 Mar", "Hold ready: Main desk")));
        GateReminders back = GateReminders.decode(r.encode());
        assertEquals(r, back);
        assertEquals(List.of(), back.forPatron("p-other"));
    }

    @Test
    void decode_badPayload_namesTheField() {
        String[][] cases = {
            {"{\"v\":2,\"version\":1,\"ts\":\"2025-03-01T06:00:00Z\",\"patrons\":{}}", "v"},
            {"{\"v\":1,\"ts\":\"2025-03-01T06:00:00Z\",\"patrons\":{}}", "version"},
            {"{\"v\":1,\"version\":1,\"ts\":\"yesterday\",\"patrons\":{}}", "ts"},
            {"{\"v\":1,\"version\":1,\"ts\":\"2025-03-01T06:00:00Z\",\"patrons\":{\"p 1\":[]}}", "patrons key"},
            {"{\"v\":1,\"version\":1,\"ts\":\"2025-03-01T06:00:00Z\",\"patrons\":{\"p1\":[1]}}", "patrons.p1"},
            {
                "{\"v\":1,\"version\":1,\"ts\":\"2025-03-01T06:00:00Z\",\"patrons\":{\"p1\":[\"" + "x".repeat(65)
                        + "\"]}}",
                "patrons.p1[0]"
            },
            {"[]", "$"}
        };
        for (String[] c : cases) {
            PayloadException e = assertThrows(
                    PayloadException.class, () -> GateReminders.decode(c[0].getBytes(StandardCharsets.UTF_8)), c[0]);
            assertEquals(c[1], e.field(), c[0]);
        }
    }
}
