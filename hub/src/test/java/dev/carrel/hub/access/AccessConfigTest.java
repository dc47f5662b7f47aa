package dev.carrel.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code carrel.passes.public-url}: optional, and when set an http(s) address a printed code may carry. */
class AccessConfigTest {

    private static AccessConfig read(String publicUrl) {
        Map<String, String> keys = new java.util.HashMap<>(
                Map.of("carrel.site.id", "lib", "carrel.site.secret-file", "/etc/carrel/site-secret"));
        if (publicUrl != null) {
            keys.put("carrel.passes.public-url", publicUrl);
        }
        return AccessConfig.from(Config.just(ConfigSources.create(keys)).get("carrel"))
                .orElseThrow();
    }

    @Test
    void publicUrl_unset_isEmpty() {
        assertEquals(Optional.empty(), read(null).passes().publicUrl());
        assertEquals(Optional.empty(), read("").passes().publicUrl());
    }

    @Test
    void publicUrl_httpOrHttps_isKept_aBareHostGetsItsSlash() {
        assertEquals(
                Optional.of(URI.create("https://library.example.edu/pass/")),
                read("https://library.example.edu/pass/").passes().publicUrl());
        assertEquals(
                Optional.of(URI.create("http://10.0.0.5:8080/pass")),
                read("http://10.0.0.5:8080/pass").passes().publicUrl());
        assertEquals(
                Optional.of(URI.create("https://pass.library.example.edu/")),
                read("https://pass.library.example.edu").passes().publicUrl());
    }

    @Test
    void publicUrl_notAnHttpAddressWithoutQuery_isRefusedNamingTheKey() {
        for (String bad : new String[] {
            "library.example.edu/pass/",
            "ftp://library.example.edu/pass/",
            "https:///pass/",
            "https://library.example.edu/pass/?lang=en",
            "https://library.example.edu/pass/#top",
            "https://user:secret@library.example.edu/pass/",
            "https://library example/pass/"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bad), bad);
            assertTrue(e.getMessage().contains("'carrel.passes.public-url'"), e.getMessage());
        }
    }
}
