package dev.carrel.hub.schedules;

import dev.carrel.protocol.InvalidFieldException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours of one day, {@code "08:00-22:00"}, as minutes of the day; a close of {@code 24:00} means
 * midnight at the end of the day. Hours past midnight are not supported: an exam night is two days.
 */
public record Hours(int open, int close) {
    private static final Pattern FORM = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    public Hours {
        if (open < 0 || close > 24 * 60 || open >= close) {
            throw new IllegalArgumentException("opening must be before closing within the day");
        }
    }

    public static Hours parse(String field, String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidFieldException(field, "must be 'HH:MM-HH:MM' or 'closed', got '" + text + "'");
        }
        int open = minutes(field, m.group(1), m.group(2));
        int close = minutes(field, m.group(3), m.group(4));
        if (open >= close) {
            throw new InvalidFieldException(field, "opens at or after it closes: '" + text + "'");
        }
        return new Hours(open, close);
    }

    private static int minutes(String field, String h, String m) {
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        if (hour > 24 || minute > 59 || (hour == 24 && minute > 0)) {
            throw new InvalidFieldException(field, "'" + h + ":" + m + "' is not a time of day");
        }
        return hour * 60 + minute;
    }

    public static String time(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    @Override
    public String toString() {
        return time(open) + "-" + time(close);
    }
}
