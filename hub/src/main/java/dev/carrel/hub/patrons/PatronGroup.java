package dev.carrel.hub.patrons;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Who a patron is to the library; the lower-case name is the wire, CSV and database form. */
public enum PatronGroup {
    UNDERGRADUATE,
    POSTGRADUATE,
    FACULTY,
    STAFF,
    VISITOR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PatronGroup> parse(String text) {
        return Arrays.stream(values())
                .filter(g -> g.wire().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(PatronGroup::wire).collect(Collectors.joining(", "));
    }
}
