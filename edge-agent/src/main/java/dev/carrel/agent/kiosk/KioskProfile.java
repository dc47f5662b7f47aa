package dev.carrel.agent.kiosk;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kiosk is and says, from the {@code kiosk} section of the agent's YAML: which screens it shows, the
 * library's name in each language, the language it starts in, and the patron web page its QR code opens.
 * Validated once; every error names its key.
 *
 * @param libraryName by language tag ({@code en}, {@code zh-CN}); a name given once is used for both
 */
public record KioskProfile(Mode mode, Map<String, String> libraryName, String language, Optional<URI> patronUrl) {

    /** The languages the pages carry; the first is the default. */
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    public static final KioskProfile DEFAULT =
            new KioskProfile(Mode.READING_ROOM, Map.of("en", "Library", "zh-CN", "图书馆"), "zh-CN", Optional.empty());

    /**
     * The screens: gate (idle and gate results), reading-room (seat map), room (discussion room door), event
     * (check-in at a library event: a card or pass on the kiosk's reader becomes an {@code event_check_in}).
     */
    public enum Mode {
        GATE("gate"),
        READING_ROOM("reading-room"),
        ROOM("room"),
        EVENT("event");

        private final String wire;

        Mode(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Mode of(String text) {
            for (Mode m : values()) {
                if (m.wire.equals(text)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    "configuration key 'kiosk.mode' must be gate, reading-room, room or event, not '" + text + "'");
        }
    }

    public KioskProfile {
        if (mode == null) {
            throw new IllegalArgumentException("configuration key 'kiosk.mode' is required");
        }
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(
                    "configuration key 'kiosk.language' must be one of " + LANGUAGES + ", not '" + language + "'");
        }
        libraryName = names(libraryName);
        patronUrl = patronUrl == null ? Optional.empty() : patronUrl;
        patronUrl.ifPresent(KioskProfile::checkUrl);
    }

    private static Map<String, String> names(Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            throw new IllegalArgumentException("configuration key 'kiosk.library-name' is required");
        }
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((lang, name) -> {
            if (!LANGUAGES.contains(lang)) {
                throw new IllegalArgumentException("configuration key 'kiosk.library-name." + lang
                        + "' is not a kiosk language; expected " + LANGUAGES);
            }
            if (name == null || name.isBlank() || name.length() > 80) {
                throw new IllegalArgumentException(
                        "configuration key 'kiosk.library-name." + lang + "' must be 1-80 characters");
            }
            out.put(lang, name.strip());
        });
        String any = out.values().iterator().next();
        LANGUAGES.forEach(lang -> out.putIfAbsent(lang, any));
        return Map.copyOf(out);
    }

    private static void checkUrl(URI url) {
        String scheme = url.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "configuration key 'kiosk.patron-url' must be an http(s) address with a host, not '" + url + "'");
        }
        if (url.toString().length() > 500) {
            throw new IllegalArgumentException(
                    "configuration key 'kiosk.patron-url' is too long for a QR code a phone reads from a step away");
        }
    }
}
