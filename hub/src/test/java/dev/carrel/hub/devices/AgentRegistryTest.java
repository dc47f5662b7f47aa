package dev.carrel.hub.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.store.Database;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.WireJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session rule on a real SQLite file: births and deaths applied in the order the broker may deliver them. */
class AgentRegistryTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dir;

    private Database database;
    private Connection writer;
    private AgentRegistry registry;

    @BeforeEach
    void open() throws SQLException {
        Path file = dir.resolve("hub.db");
        database = Database.open(file);
        // The registry only needs a connection to write on; an auto-commit one makes each apply visible at once.
        writer = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        registry = new AgentRegistry(database, WireJson.mapper());
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        database.close();
    }

    @Test
    void apply_birthOfUnknownAgent_insertsItOnline() throws SQLException {
        registry.apply(writer, AGENT, birth(1, "1.0.0"), T0);

        AgentView view = registry.find(AGENT).orElseThrow();
        assertTrue(view.online());
        assertEquals(1, view.session());
        assertEquals("1.0.0", view.version());
        assertEquals(T0, view.lastSeen());
    }

    @Test
    void apply_birthOfNewerSession_updatesSessionAndVersion() throws SQLException {
        registry.apply(writer, AGENT, birth(1, "1.0.0"), T0);

        registry.apply(writer, AGENT, birth(2, "1.1.0"), T0.plusSeconds(5));

        AgentView view = registry.find(AGENT).orElseThrow();
        assertTrue(view.online());
        assertEquals(2, view.session());
        assertEquals("1.1.0", view.version());
        assertEquals(T0.plusSeconds(5), view.lastSeen());
    }

    @Test
    void apply_deathOfSameSession_marksAgentOffline() throws SQLException {
        registry.apply(writer, AGENT, birth(3, "1.0.0"), T0);

        registry.apply(writer, AGENT, new Status.Death(3), T0.plusSeconds(30));

        AgentView view = registry.find(AGENT).orElseThrow();
        assertFalse(view.online());
        assertEquals(3, view.session());
    }

    @Test
    void apply_lateDeathOfOlderSession_keepsAgentOnline() throws SQLException {
        registry.apply(writer, AGENT, birth(1, "1.0.0"), T0);
        registry.apply(writer, AGENT, birth(2, "1.0.0"), T0.plusSeconds(1));

        registry.apply(writer, AGENT, new Status.Death(1), T0.plusSeconds(2));

        AgentView view = registry.find(AGENT).orElseThrow();
        assertTrue(view.online());
        assertEquals(2, view.session());
    }

    @Test
    void apply_redeliveredBirthAfterItsOwnDeath_staysOffline() throws SQLException {
        registry.apply(writer, AGENT, birth(4, "1.0.0"), T0);
        registry.apply(writer, AGENT, new Status.Death(4), T0.plusSeconds(10));

        registry.apply(writer, AGENT, birth(4, "1.0.0"), T0.plusSeconds(11));

        AgentView view = registry.find(AGENT).orElseThrow();
        assertFalse(view.online());
        assertEquals(4, view.session());
    }

    @Test
    void apply_deathOfNewerSessionThanStored_marksOfflineWithThatSession() throws SQLException {
        // The birth of session 6 was lost (or not yet delivered); its will says the agent is gone now.
        registry.apply(writer, AGENT, birth(5, "1.0.0"), T0);

        registry.apply(writer, AGENT, new Status.Death(6), T0.plusSeconds(10));

        AgentView view = registry.find(AGENT).orElseThrow();
        assertFalse(view.online());
        assertEquals(6, view.session());
    }

    @Test
    void apply_birthOfSessionBelowAnOfflineNewerOne_staysOffline() throws SQLException {
        registry.apply(writer, AGENT, new Status.Death(6), T0);

        registry.apply(writer, AGENT, birth(5, "1.0.0"), T0.plusSeconds(1));

        AgentView view = registry.find(AGENT).orElseThrow();
        assertFalse(view.online());
        assertEquals(6, view.session());
    }

    @Test
    void apply_birthWithEndpoints_storesThemForFind() throws SQLException {
        List<Endpoint> endpoints = List.of(
                new Endpoint("lamp-1", Endpoint.Kind.DIMMABLE_LAMP),
                new Endpoint("reader-1", Endpoint.Kind.CREDENTIAL_READER));

        registry.apply(writer, AGENT, new Status.Birth(1, "1.0.0", endpoints, T0), T0);

        assertEquals(endpoints, registry.find(AGENT).orElseThrow().endpoints());
        assertEquals(endpoints, registry.list().getFirst().endpoints());
    }

    @Test
    void find_unknownAgent_isEmpty() throws SQLException {
        registry.apply(writer, AGENT, birth(1, "1.0.0"), T0);

        assertEquals(Optional.empty(), registry.find(AgentId.of("someone-else")));
    }

    @Test
    void touch_onlyMovesLastSeenForward() throws SQLException {
        registry.apply(writer, AGENT, birth(1, "1.0.0"), T0);

        registry.touch(writer, AGENT, T0.plusSeconds(60));
        registry.touch(writer, AGENT, T0.plusSeconds(30)); // a late, re-delivered message

        assertEquals(T0.plusSeconds(60), registry.find(AGENT).orElseThrow().lastSeen());
    }

    @Test
    void touch_unknownAgent_createsNothing() throws SQLException {
        registry.touch(writer, AGENT, T0);

        assertEquals(Optional.empty(), registry.find(AGENT));
    }

    private static Status.Birth birth(long session, String version) {
        return new Status.Birth(session, version, List.of(), T0);
    }
}
