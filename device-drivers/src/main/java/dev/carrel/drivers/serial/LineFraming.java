package dev.carrel.drivers.serial;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a line device frames its ids.
 *
 * @param prefix bytes that start a record (e.g. STX {@code \u0002}); empty for none. Text before
 *     the last prefix in a record is dropped.
 * @param suffix the terminator; empty means "CR or LF", which covers most scanners in keyboard-wedge
 *     serial mode
 * @param pattern the record must match; if it has a group, group 1 is the value (e.g. a face
 *     terminal's {@code ID:(\d+)})
 * @param maxLength longer records are dropped whole
 */
public record LineFraming(String prefix, String suffix, Optional<Pattern> pattern, int maxLength) {

    public static final LineFraming DEFAULT = new LineFraming("", "", Optional.empty(), 512);

    public LineFraming {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
    }
}
