package dev.carrel.drivers.config;

import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Device;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.serial.Ld2410Radar;
import dev.carrel.drivers.serial.LineCredentialReader;
import dev.carrel.drivers.serial.LineFraming;
import dev.carrel.drivers.serial.Pn532Reader;
import dev.carrel.drivers.serial.SerialConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** UART devices. Each opens its port in the background and retries with back-off. */
final class SerialDrivers implements DriverFamily {

    private final Wiring wiring;

    SerialDrivers(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Set<String> names() {
        return Set.of("ld2410", "pn532", "serial-line");
    }

    @Override
    public Device create(String driver, Settings s) {
        return switch (driver) {
            case "ld2410" -> ld2410(s);
            case "pn532" -> pn532(s);
            case "serial-line" -> line(s);
            default -> throw new IllegalArgumentException(driver);
        };
    }

    private Device ld2410(Settings s) {
        var port = port(s, 256_000); // LD2410 factory default, 8N1
        Duration debounce = s.millis("debounce-ms", 0, 600_000);
        Duration hold = s.millis("hold-ms", 15_000, 3_600_000);
        int maxCm = s.integer("max-distance-cm", 600, 0, 900);
        s.rejectUnknown();
        var filter = new PresenceFilter(s.endpointId(), wiring.scheduler(), debounce, hold);
        var radar = new Ld2410Radar(s.endpointId(), filter, wiring.scheduler(), maxCm, connect(s.endpointId(), port));
        radar.start();
        return radar;
    }

    private Device pn532(Settings s) {
        var port = port(s, 115_200); // PN532 HSU default, UM0701-02 §6.2.5
        Duration poll = s.millis("poll-ms", 250, 10_000);
        Duration repeat = s.millis("repeat-ms", 3000, 600_000);
        if (poll.isZero()) {
            throw s.error("poll-ms", "must be positive");
        }
        s.rejectUnknown();
        var reader = new Pn532Reader(s.endpointId(), wiring.scheduler(), poll, repeat, connect(s.endpointId(), port));
        reader.start();
        return reader;
    }

    private Device line(Settings s) {
        var port = port(s, 9600);
        CredentialKind kind = s.choice("kind", CredentialKind.class, CredentialKind.QR);
        String prefix = unescape(s, "prefix");
        String suffix = unescape(s, "suffix");
        Optional<Pattern> pattern = s.optional("pattern").map(p -> compile(s, p));
        int max = s.integer("max-length", 512, 1, 65_536);
        s.rejectUnknown();
        var reader = new LineCredentialReader(
                s.endpointId(),
                kind,
                new LineFraming(prefix, suffix, pattern, max),
                wiring.scheduler(),
                connect(s.endpointId(), port));
        reader.start();
        return reader;
    }

    private record PortSettings(String path, int baud) {}

    private static PortSettings port(Settings s, int defaultBaud) {
        String path = s.string("port");
        int baud = s.integer("baud", defaultBaud, 300, 4_000_000);
        return new PortSettings(path, baud);
    }

    private Function<SerialConnection.Session, SerialConnection> connect(String id, PortSettings p) {
        var port = new SerialConnection.Port(wiring.hardware().serial(), p.path(), p.baud());
        return session ->
                new SerialConnection(id, port, wiring.scheduler(), wiring.faults(), wiring.backoff(), session);
    }

    private static Pattern compile(Settings s, String p) {
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw s.error("pattern", "is not a valid regular expression: " + e.getDescription());
        }
    }

    /** {@code \r}, {@code \n}, {@code \t} and {@code \xNN} escapes, so YAML can name STX/ETX. */
    private static String unescape(Settings s, String key) {
        String v = s.optional(key).orElse("");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\' || i + 1 == v.length()) {
                out.append(c);
                continue;
            }
            char e = v.charAt(++i);
            switch (e) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    try {
                        out.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
                        throw s.error(key, "has a bad \\x escape");
                    }
                    i += 2;
                }
                default -> throw s.error(key, "has an unknown escape \\" + e);
            }
        }
        return out.toString();
    }
}
