package dev.carrel.hub.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.Hub;
import dev.carrel.protocol.AgentId;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker credentials file: salted hashes only, errors that name the line, re-read while running. */
class CredentialsFileTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");

    @TempDir
    Path dir;

    @Test
    void addAgent_storesOnlyASaltedHash_andTheSecretAuthenticates() throws Exception {
        Path file = dir.resolve("broker-credentials.properties");

        String secret = CredentialsTool.addAgent(file, AGENT);

        String text = Files.readString(file);
        assertFalse(text.contains(secret), "the secret itself is never written");
        assertTrue(text.contains("reading-room-2 = agent:sha256:"), text);
        BrokerUsers users = BrokerUsers.load(file);
        assertEquals(Optional.of(BrokerUsers.Role.AGENT), users.authenticate("reading-room-2", bytes(secret)));
        assertEquals(Optional.empty(), users.authenticate("reading-room-2", bytes(secret + "x")));
    }

    @Test
    void addAgent_again_replacesTheOldSecret() {
        Path file = dir.resolve("creds");
        String first = CredentialsTool.addAgent(file, AGENT);

        String second = CredentialsTool.addAgent(file, AGENT);

        BrokerUsers users = BrokerUsers.load(file);
        assertEquals(Optional.empty(), users.authenticate(AGENT.value(), bytes(first)));
        assertTrue(users.authenticate(AGENT.value(), bytes(second)).isPresent());
    }

    @Test
    void load_malformedLine_namesTheFileAndTheLine() throws Exception {
        Path file = dir.resolve("creds");
        CredentialsTool.addAgent(file, AGENT);
        String good = Files.readAllLines(file).getLast();
        Files.writeString(file, "# comment\n" + good + "\nreading-room-3 = agent:sha256:not-base64!:x\n");

        CredentialsFileException e = assertThrows(CredentialsFileException.class, () -> BrokerUsers.load(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void load_eachKindOfMistake_isRefusedWithItsReason() throws Exception {
        Path file = dir.resolve("creds");
        CredentialsTool.addAgent(file, AGENT);
        String value = Files.readAllLines(file).getLast().split("=", 2)[1].strip();
        Map<String, String> mistakes = Map.of(
                "no equals sign",
                "expected 'user = role:sha256:salt:hash'",
                "Reading Room = " + value,
                "must be non-empty, without spaces",
                "x+y = " + value,
                "without spaces, '+', '#' or '/'",
                "Gate_1 = " + value,
                "agent must be 1-64 lower-case",
                "gate-1 = robot" + value.substring(value.indexOf(':')),
                "role must be 'agent' or 'hub'",
                "gate-1 = agent:md5" + value.substring(value.indexOf(":sha256") + 7),
                "hash algorithm must be 'sha256'",
                "gate-1 = agent:sha256:AAAA:" + value.substring(value.lastIndexOf(':') + 1),
                "salt must be 16 bytes",
                "gate-1 = agent:sha256",
                "expected 'role:sha256:salt:hash'");
        for (var mistake : mistakes.entrySet()) {
            Files.writeString(file, "\n" + mistake.getKey() + "\n");

            CredentialsFileException e = assertThrows(CredentialsFileException.class, () -> BrokerUsers.load(file));

            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
            assertTrue(e.getMessage().contains(mistake.getValue()), mistake.getKey() + " -> " + e.getMessage());
        }
    }

    @Test
    void load_sameUserTwice_namesBothLines() throws Exception {
        Path file = dir.resolve("creds");
        CredentialsTool.addAgent(file, AGENT);
        String line = Files.readAllLines(file).getLast();
        Files.writeString(file, line + "\n\n" + line + "\n");

        CredentialsFileException e = assertThrows(CredentialsFileException.class, () -> BrokerUsers.load(file));

        assertTrue(e.getMessage().contains("line 3: user 'reading-room-2' is already on line 1"), e.getMessage());
    }

    @Test
    void load_missingFile_isAnErrorThatSaysHowToCreateIt() {
        CredentialsFileException e =
                assertThrows(CredentialsFileException.class, () -> BrokerUsers.load(dir.resolve("absent")));

        assertTrue(e.getMessage().contains("add-agent"), e.getMessage());
    }

    @Test
    void runningUsers_seeAnAgentAddedOrRemovedLater_andKeepTheLastGoodFileWhenItBreaks() throws Exception {
        Path file = dir.resolve("creds");
        String first = CredentialsTool.addAgent(file, AGENT);
        BrokerUsers users = BrokerUsers.load(file);

        String later = CredentialsTool.addAgent(file, AgentId.of("gate-1"));
        assertTrue(users.authenticate("gate-1", bytes(later)).isPresent(), "added while running");

        Files.writeString(file, Files.readString(file) + "broken line\n");
        assertTrue(users.authenticate("gate-1", bytes(later)).isPresent(), "a broken file keeps the last good users");

        assertEquals(
                2,
                CredentialsTool.run(
                        new String[] {"remove-agent", "gate-1", "--credentials", file.toString()}, quiet(), quiet()),
                "remove-agent refuses a broken file");
        Files.writeString(file, Files.readString(file).replace("broken line\n", ""));
        assertEquals(
                0,
                CredentialsTool.run(
                        new String[] {"remove-agent", "gate-1", "--credentials", file.toString()}, quiet(), quiet()));
        assertEquals(Optional.empty(), users.authenticate("gate-1", bytes(later)), "removed while running");
        assertTrue(users.authenticate(AGENT.value(), bytes(first)).isPresent());
    }

    @Test
    void tool_addAgent_printsTheSecretOnceOnStandardOutput() throws Exception {
        Path file = dir.resolve("creds");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = CredentialsTool.run(
                new String[] {"add-agent", "gate-1", "--credentials", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                quiet());

        assertEquals(0, status);
        String secret = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(43, secret.length(), "32 random bytes in base64url");
        assertTrue(BrokerUsers.load(file).authenticate("gate-1", bytes(secret)).isPresent());
    }

    @Test
    void tool_badArguments_exitWith2() {
        assertEquals(2, CredentialsTool.run(new String[] {"add-agent", "gate-1"}, quiet(), quiet()));
        assertEquals(
                2,
                CredentialsTool.run(
                        new String[] {
                            "add-agent",
                            "Gate 1",
                            "--credentials",
                            dir.resolve("c").toString()
                        },
                        quiet(),
                        quiet()));
        assertEquals(
                2,
                CredentialsTool.run(
                        new String[] {"fly", "--credentials", dir.resolve("c").toString()}, quiet(), quiet()));
    }

    @Test
    void hubStart_withABrokenCredentialsFile_failsNamingTheLine() throws Exception {
        Path file = dir.resolve("creds");
        Files.writeString(file, "# agents\nreading-room-2 = agent:sha256:short:short\n");
        Config config = Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", dir.resolve("hub").toString(),
                "carrel.broker.host", "127.0.0.1",
                "carrel.broker.port", "0",
                "carrel.broker.persistent", "false",
                "carrel.broker.credentials-file", file.toString())));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Hub.start(config, Clock.systemUTC())
                        .close());

        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
