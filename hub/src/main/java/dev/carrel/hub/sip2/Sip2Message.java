package dev.carrel.hub.sip2;

import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP2 message text (3M Standard Interchange Protocol 2.0): the error-detection trailer and the parse of an
 * answer into its fixed part and its variable fields.
 *
 * <p>Error detection: {@code AY<seq>AZ<checksum>} ends the message; the checksum is the two's complement of
 * the 16-bit binary sum of every byte up to and including {@code AZ}, as four upper-case hex digits. The
 * spec's example {@code 990 402.00AY1AZ} gives {@code FCB4}. The sum is over the bytes in the configured
 * character set, which is what travels.
 */
public final class Sip2Message {
    private static final Pattern TRAILER = Pattern.compile("AY(\\d)AZ([0-9A-Fa-f]{4})$");

    /** SIP2 dates: 18 characters, {@code YYYYMMDDZZZZHHMMSS}, the zone blank for local time. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'    'HHmmss", Locale.ROOT);

    private Sip2Message() {}

    /** A malformed or corrupted message. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }

    /** An answer: its two-digit code, its fixed-length part, its fields (repeatable ones in order). */
    public record Response(String code, String fixed, Map<String, List<String>> fields, OptionalInt sequence) {
        public Optional<String> field(String id) {
            List<String> v = fields.get(id);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
        }

        public List<String> all(String id) {
            return fields.getOrDefault(id, List.of());
        }

        /** {@code length} characters of the fixed part from {@code from} (after the code). */
        public String fixed(int from, int length) throws Malformed {
            if (fixed.length() < from + length) {
                throw new Malformed(code + ": fixed part shorter than " + (from + length) + " characters");
            }
            return fixed.substring(from, from + length);
        }
    }

    /** The checksum of {@code text} (up to and including {@code AZ}) as four upper-case hex digits. */
    public static String checksum(String text, Charset charset) {
        int sum = 0;
        for (byte b : text.getBytes(charset)) {
            sum += b & 0xFF;
        }
        return String.format(Locale.ROOT, "%04X", (-sum) & 0xFFFF);
    }

    /** The message with its {@code AY}/{@code AZ} trailer. */
    public static String withTrailer(String message, int sequence, Charset charset) {
        String head = message + "AY" + sequence + "AZ";
        return head + checksum(head, charset);
    }

    /**
     * Parses an answer whose fixed part has {@code fixedLength} characters after the code. A trailer, when
     * present, must check out; when {@code requireTrailer}, it must be present.
     */
    public static Response parse(String line, int fixedLength, Charset charset, boolean requireTrailer)
            throws Malformed {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        OptionalInt seq = OptionalInt.empty();
        Matcher m = TRAILER.matcher(text);
        if (m.find()) {
            String head = text.substring(0, m.start(2));
            if (!checksum(head, charset).equalsIgnoreCase(m.group(2))) {
                throw new Malformed("checksum " + m.group(2) + " does not match the message");
            }
            seq = OptionalInt.of(Integer.parseInt(m.group(1)));
            text = text.substring(0, m.start());
        } else if (requireTrailer) {
            throw new Malformed("no AY/AZ error-detection trailer");
        }
        if (text.length() < 2 + fixedLength) {
            throw new Malformed("message '" + code(text) + "' is shorter than its fixed part");
        }
        String code = text.substring(0, 2);
        String fixed = text.substring(2, 2 + fixedLength);
        return new Response(code, fixed, fields(text.substring(2 + fixedLength)), seq);
    }

    private static String code(String text) {
        return text.length() >= 2 ? text.substring(0, 2) : text;
    }

    private static Map<String, List<String>> fields(String rest) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : rest.split("\\|")) {
            if (part.length() >= 2) {
                out.computeIfAbsent(part.substring(0, 2), k -> new ArrayList<>())
                        .add(part.substring(2));
            }
        }
        return out;
    }

    /** A SIP2 date in local time, or empty when the text is not one. */
    public static Optional<LocalDateTime> date(String text) {
        String t = text.strip();
        try {
            if (t.length() == 18) {
                return Optional.of(LocalDateTime.parse(t.substring(0, 8) + "    " + t.substring(12), DATE));
            }
            if (t.length() == 8) {
                return Optional.of(LocalDateTime.parse(t + "    000000", DATE));
            }
            return Optional.of(java.time.LocalDate.parse(t.substring(0, Math.min(10, t.length())))
                    .atStartOfDay());
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** A value safe inside a field: the separator and control characters removed. */
    public static String clean(String value) {
        StringBuilder b = new StringBuilder(value.length());
        value.chars().filter(ch -> ch != '|' && !Character.isISOControl(ch)).forEach(b::appendCodePoint);
        return b.toString();
    }
}
