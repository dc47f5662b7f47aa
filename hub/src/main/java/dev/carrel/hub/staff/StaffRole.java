package dev.carrel.hub.staff;

import java.util.Locale;
import java.util.Optional;

/** What a staff member may do (DESIGN §1). An administrator may do everything the others may. */
public enum StaffRole {
    ADMIN,
    FACILITIES,
    LIBRARIAN;

    /** The lower-case name used in the API, the database and the configuration. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StaffRole> parse(String text) {
        for (StaffRole r : values()) {
            if (r.text().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
