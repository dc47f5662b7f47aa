package dev.carrel.hub.patrons;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Whether a patron may enter: only {@code ACTIVE} ones are on the gates' allow-lists. */
public enum PatronStatus {
    ACTIVE,
    SUSPENDED,
    EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PatronStatus> parse(String text) {
        return Arrays.stream(values())
                .filter(s -> s.wire().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(PatronStatus::wire).collect(Collectors.joining(", "));
    }
}
