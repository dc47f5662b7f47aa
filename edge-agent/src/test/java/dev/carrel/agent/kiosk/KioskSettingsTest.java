package dev.carrel.agent.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentConfigFile;
import dev.carrel.agent.AgentLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kiosk} section of the agent's YAML: read, defaulted, and refused with the key named. */
class KioskSettingsTest {
    private static final String ENDPOINTS = """
            site: {id: main-library, secret-file: /nonexistent/secret}
            endpoints:
              desk-01-lamp: {driver: fake-lamp}
              desk-01-reader: {driver: fake-reader}
              kiosk-reader: {driver: fake-reader}
            seats:
              desk-01: {lamp: desk-01-lamp, reader: desk-01-reader}
            """;

    @TempDir
    Path dir;

    @Test
    void fullSection_isRead() throws Exception {
        AgentLayout.KioskSettings k = kiosk("""
                kiosk:
                  port: 9090
                  mode: gate
                  library-name: {zh-CN: 中心图书馆, en: Central Library}
                  language: en
                  patron-url: https://library.example.edu/carrel
                  reader: kiosk-reader
                """);
        assertEquals(9090, k.port());
        assertEquals("127.0.0.1", k.host());
        assertEquals(KioskProfile.Mode.GATE, k.profile().mode());
        assertEquals(
                Map.of("zh-CN", "中心图书馆", "en", "Central Library"), k.profile().libraryName());
        assertEquals("en", k.profile().language());
        assertEquals(
                Optional.of(URI.create("https://library.example.edu/carrel")),
                k.profile().patronUrl());
        assertEquals(Optional.of("kiosk-reader"), k.reader());
    }

    @Test
    void bareSection_defaultsToAChineseReadingRoomKiosk() throws Exception {
        AgentLayout.KioskSettings k = kiosk("kiosk: {}\n");
        assertEquals(8081, k.port());
        assertEquals(KioskProfile.Mode.READING_ROOM, k.profile().mode());
        assertEquals("zh-CN", k.profile().language());
        assertEquals(Optional.empty(), k.profile().patronUrl());
        assertEquals(Optional.empty(), k.reader());
    }

    @Test
    void oneLibraryName_servesBothLanguages() throws Exception {
        KioskProfile p = kiosk("kiosk: {library-name: Carrel Library}\n").profile();
        assertEquals("Carrel Library", p.libraryName().get("zh-CN"));
        assertEquals("Carrel Library", p.libraryName().get("en"));
    }

    @Test
    void badValues_areRefused_namingTheKey() {
        refused("kiosk: {mode: lobby}\n", "kiosk.mode");
        refused("kiosk: {language: fr}\n", "kiosk.language");
        refused("kiosk: {library-name: {de: Bibliothek}}\n", "kiosk.library-name.de");
        refused("kiosk: {patron-url: 'ftp://x.example/'}\n", "kiosk.patron-url");
        refused("kiosk: {patron-url: 'not a url'}\n", "kiosk.patron-url");
        refused("kiosk: {colour: blue}\n", "kiosk.colour");
        refused("kiosk: {port: eighty}\n", "kiosk.port");
        refused("kiosk: {reader: nowhere}\n", "kiosk.reader");
    }

    @Test
    void aReaderThatASeatUses_isRefused_becauseATapWouldAlsoCheckIn() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> kiosk("kiosk: {reader: desk-01-reader}\n"));
        assertTrue(e.getMessage().contains("'kiosk.reader'") && e.getMessage().contains("a seat"), e.getMessage());
    }

    private void refused(String section, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kiosk(section), section);
        assertTrue(e.getMessage().contains("'" + key), section + " → " + e.getMessage());
    }

    private AgentLayout.KioskSettings kiosk(String section) throws Exception {
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, ENDPOINTS + section);
        return AgentConfigFile.readLayout(f).kiosk().orElseThrow();
    }
}
