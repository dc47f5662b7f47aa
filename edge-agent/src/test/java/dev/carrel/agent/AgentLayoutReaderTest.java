package dev.carrel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLayoutReaderTest {
    @TempDir
    Path dir;

    @Test
    void layout_readsEndpointsSeatsAndRules() throws Exception {
        AgentLayout layout = AgentConfigFile.readLayout(file("""
                endpoints:
                  desk-01-lamp: {driver: gpio-relay-lamp, pin: 17, active-low: true}
                  desk-01-presence: {driver: fake-presence}
                seats:
                  desk-01: {lamp: desk-01-lamp, presence: desk-01-presence}
                rules:
                  leave-minutes: 45
                """));
        assertEquals(2, layout.endpoints().size());
        assertEquals("17", layout.endpoints().getFirst().settings().get("pin"));
        assertEquals("true", layout.endpoints().getFirst().settings().get("active-low"));
        assertEquals(Optional.of("desk-01-presence"), layout.seats().getFirst().presence());
        assertEquals(Duration.ofMinutes(45), layout.rules().leaveLength());
        assertEquals(Duration.ofMinutes(15), layout.rules().checkInGrace());
    }

    @Test
    void seat_boundToAMissingEndpoint_isAnErrorNamingBoth() throws Exception {
        Path f = file("""
                endpoints:
                  desk-01-lamp: {driver: fake-lamp}
                seats:
                  desk-01: {lamp: desk-01-lmp}
                """);
        var e = assertThrows(IllegalArgumentException.class, () -> AgentConfigFile.readLayout(f));
        assertTrue(e.getMessage().contains("seats.desk-01") && e.getMessage().contains("desk-01-lmp"), e.getMessage());
    }

    @Test
    void errors_nameTheOffendingKey() throws Exception {
        assertKey("endpoints: {lamp: {pin: 3}}", "endpoints.lamp.driver");
        assertKey("endpoints: {lamp: fake-lamp}", "endpoints.lamp");
        assertKey("endpoints: {lamp: {driver: fake-lamp}}\nseats: {s1: {lamp: lamp, bulb: lamp}}", "seats.s1.bulb");
        assertKey("rules: {leave-minutes: soon}", "rules.leave-minutes");
        assertKey("rules: {leave-minutes: 0}", "rules.leave-minutes");
        assertKey("rules: {lunch: 3}", "rules.lunch");
        assertKey("endpoints: {l: {driver: fake-lamp}}\nseats: {a: {lamp: l}, b: {lamp: l}}", "seats.b");
    }

    @Test
    void gate_readsExitReadersAndRelay_andRefusesAReaderThatIsBoth() throws Exception {
        String site = "site: {id: lib, secret-file: /etc/carrel/site-secret}\n"
                + "endpoints: {in-card: {driver: fake-reader}, out-card: {driver: fake-reader},"
                + " turnstile: {driver: fake-gate}, turnstile-out: {driver: fake-gate}, led: {driver: fake-indicator}}\n";
        AgentLayout.GateSettings gate =
                AgentConfigFile.readLayout(file(site + """
                        gate:
                          id: gate-1
                          readers: [in-card]
                          relay: turnstile
                          indicator: led
                          exit-readers: [out-card]
                          exit-relay: turnstile-out
                        """)).gate().orElseThrow();
        assertEquals(java.util.List.of("out-card"), gate.exitReaders());
        assertEquals(Optional.of("turnstile-out"), gate.exitRelay());

        AgentLayout.GateSettings oneDoor = AgentConfigFile.readLayout(
                        file(site + "gate: {id: g, readers: [in-card], relay: turnstile, indicator: led}"))
                .gate()
                .orElseThrow();
        assertEquals(java.util.List.of(), oneDoor.exitReaders());
        assertEquals(Optional.empty(), oneDoor.exitRelay());

        String door = site + "gate: {id: g, readers: [in-card], relay: turnstile, indicator: led, ";
        assertKey(door + "exit-readers: [in-card]}", "gate.exit-readers");
        assertKey(door + "exit-relay: ''}", "gate.exit-relay");
        assertKey(door + "exit-readers: out-card}", "gate.exit-readers");
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> AgentConfigFile.readLayout(file(door + "exit-readers: [back-door]}")));
        assertTrue(e.getMessage().contains("back-door"), e.getMessage());
    }

    private void assertKey(String yaml, String key) throws Exception {
        Path f = file(yaml);
        var e = assertThrows(IllegalArgumentException.class, () -> AgentConfigFile.readLayout(f));
        assertTrue(e.getMessage().contains("'" + key + "'"), "expected key " + key + " in: " + e.getMessage());
    }

    private Path file(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "agent", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
