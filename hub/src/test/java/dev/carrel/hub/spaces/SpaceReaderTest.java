package dev.carrel.hub.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.InvalidFieldException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpaceReaderTest {

    private static SpaceReader.Contents demo() throws IOException {
        try (InputStream in = SpaceReaderTest.class.getClassLoader().getResourceAsStream("spaces-demo.yaml")) {
            return SpaceReader.readYaml(in);
        }
    }

    private static SpaceReader.Contents yaml(String text) throws IOException {
        return SpaceReader.readYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String ONE_DESK = """
            agents:
              room-1: {desk-1-lamp: dimmable_lamp, desk-1-outlet: outlet}
            sites:
              - id: lib
                buildings:
                  - id: main
                    floors:
                      - id: f1
                        zones:
                          - id: z1
                            seats:
                              - {id: desk-1, lamp: %s, outlet: room-1/desk-1-outlet}
            """;

    @Test
    void demoFile_matchesTheDemoAgents_andValidates() throws IOException {
        SpaceReader.Contents c = demo();
        SpaceModel m = c.model();
        SpaceValidator.validate(m, Map.of());
        assertEquals(24, m.seatsIn("reading-room-1").size());
        assertEquals(
                SpaceModel.ZoneKind.ROOM,
                m.zone("discussion-room-1").orElseThrow().kind());
        assertEquals(
                "reading-room-1/desk-07-lamp",
                m.seat("desk-07").orElseThrow().lamp().orElseThrow().toString());
        assertEquals(1, m.gates().size());
        assertTrue(c.schedules().containsKey("main"));
        assertEquals(3, m.agentsIn("main").size());
    }

    @Test
    void validate_seatBoundToMissingEndpoint_namesSeatAndEndpoint() throws IOException {
        SpaceModel m = yaml(ONE_DESK.formatted("room-1/desk-1-lampx")).model();
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> SpaceValidator.validate(m, Map.of()));
        assertEquals("seats[desk-1].lamp", e.field());
        assertTrue(e.reason().contains("seat 'desk-1'"), e.reason());
        assertTrue(e.reason().contains("'room-1/desk-1-lampx'"), e.reason());
    }

    @Test
    void validate_endpointAnnouncedInABirth_isKnownWithoutDeclaring() throws IOException {
        SpaceModel m = yaml(ONE_DESK.formatted("room-2/lamp")).model();
        SpaceValidator.validate(
                m, Map.of(EndpointRef.parse("x", "room-2/lamp"), dev.carrel.protocol.Endpoint.Kind.LAMP));
    }

    @Test
    void validate_outletBoundAsLamp_isAnError() throws IOException {
        SpaceModel m = yaml(ONE_DESK.formatted("room-1/desk-1-outlet")).model();
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> SpaceValidator.validate(m, Map.of()));
        assertTrue(e.reason().contains("outlet, not a lamp"), e.reason());
    }

    @Test
    void read_misspeltField_isRefusedWithItsPath() {
        InvalidFieldException e = assertThrows(
                InvalidFieldException.class,
                () -> yaml(ONE_DESK.formatted("room-1/desk-1-lamp").replace("zones:", "zonez:")));
        assertEquals("sites[0].buildings[0].floors[0].zonez", e.field());
    }

    @Test
    void read_badEndpointReference_namesTheField() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> yaml(ONE_DESK.formatted("nolamp")));
        assertEquals("sites[0].buildings[0].floors[0].zones[0].seats[0].lamp", e.field());
    }
}
