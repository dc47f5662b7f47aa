package dev.carrel.drivers.serial;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * Splits a line device's output into ids by its {@link LineFraming}. Pure and byte-fed like the
 * binary parsers: never throws (invalid UTF-8 becomes U+FFFD and then fails the pattern), drops
 * and counts oversized, prefix-less and non-matching records, and resyncs at the next terminator.
 */
public final class LineParser {

    private final LineFraming framing;
    private final byte[] prefix;
    private final byte[] suffix;
    private final Consumer<String> ids;
    private final byte[] line;
    private int n;
    private boolean overflow;
    private long framesDecoded;
    private long bytesDropped;

    public LineParser(LineFraming framing, Consumer<String> ids) {
        this.framing = framing;
        this.prefix = framing.prefix().getBytes(StandardCharsets.UTF_8);
        this.suffix = framing.suffix().getBytes(StandardCharsets.UTF_8);
        this.ids = ids;
        this.line = new byte[framing.maxLength() + suffix.length + 1];
    }

    public void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            push(data[i]);
        }
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public long framesDecoded() {
        return framesDecoded;
    }

    public long bytesDropped() {
        return bytesDropped;
    }

    private void push(byte b) {
        if (suffix.length == 0 && (b == '\r' || b == '\n')) {
            endOfRecord(0);
            return;
        }
        if (overflow) {
            bytesDropped++;
            if (suffix.length > 0 && b == suffix[suffix.length - 1]) {
                overflow = false; // approximate resync for multi-byte suffixes; exact for one byte
            }
            return;
        }
        line[n++] = b;
        if (suffix.length > 0 && endsWithSuffix()) {
            endOfRecord(suffix.length);
        } else if (n == line.length) {
            bytesDropped += n;
            n = 0;
            overflow = true;
        }
    }

    private boolean endsWithSuffix() {
        if (n < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (line[n - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private void endOfRecord(int suffixLength) {
        if (overflow) {
            overflow = false;
            return;
        }
        byte[] raw = line;
        int rawLength = n;
        n = 0;
        int end = rawLength - suffixLength;
        if (end == 0) {
            return; // CR LF pair, or an empty record
        }
        int start = 0;
        if (prefix.length > 0) {
            start = lastIndexOf(raw, end, prefix);
            if (start < 0) {
                bytesDropped += rawLength;
                return;
            }
            bytesDropped += start;
            start += prefix.length;
        }
        String text = new String(raw, start, end - start, StandardCharsets.UTF_8).strip();
        Optional<String> id = match(text);
        if (id.isEmpty()) {
            bytesDropped += rawLength - start;
            return;
        }
        framesDecoded++;
        ids.accept(id.get());
    }

    private Optional<String> match(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (framing.pattern().isEmpty()) {
            return Optional.of(text);
        }
        Matcher m = framing.pattern().get().matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String v = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : text;
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static int lastIndexOf(byte[] a, int end, byte[] p) {
        for (int i = end - p.length; i >= 0; i--) {
            boolean hit = true;
            for (int j = 0; j < p.length && hit; j++) {
                hit = a[i + j] == p[j];
            }
            if (hit) {
                return i;
            }
        }
        return -1;
    }
}
