package dev.carrel.hub.staff;

import static dev.carrel.hub.staff.StaffRole.FACILITIES;
import static dev.carrel.hub.staff.StaffRole.LIBRARIAN;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call which part of the staff API: the one table of it. The first rule whose method and path
 * match decides; an {@code /api/**} path that no rule names is for administrators only, so a new route is
 * closed until someone opens it here. Paths outside {@code /api/} (the dashboard's files, the patrons'
 * {@code /pass/} pages with their own sign-in, health and metrics) are not governed here.
 *
 * <p>Patterns are split on {@code /}: {@code *} matches one segment, a final {@code **} any rest (or none).
 */
public final class RoutePolicy {
    private static final Set<StaffRole> ANY_STAFF = EnumSet.allOf(StaffRole.class);
    private static final Set<StaffRole> ADMIN_ONLY = EnumSet.noneOf(StaffRole.class);

    /** What a request needs: nothing ({@code roles} null), or a member in one of {@code roles} (admins always). */
    public record Rule(Set<String> methods, String pattern, Set<StaffRole> roles, boolean audited) {
        public boolean isPublic() {
            return roles == null;
        }

        boolean matches(String method, String[] path) {
            return (methods.isEmpty() || methods.contains(method)) && RoutePolicy.matches(segments(pattern), path);
        }
    }

    private static final Rule DEFAULT = new Rule(Set.of(), "/api/**", ADMIN_ONLY, false);

    private static final List<Rule> RULES = List.of(
            open("POST GET", "/api/session"),
            open("POST", "/api/enrolment"), // a device enrolling with its one-time token
            staff("ANY", "/api/session", ANY_STAFF),
            staff("ANY", "/api/staff/me/**", ANY_STAFF),
            staff("GET", "/api/agents/**", EnumSet.of(FACILITIES)),
            staff("GET", "/api/alerts/**", EnumSet.of(FACILITIES)),
            staff("GET", "/api/spaces/zones/*/seat-codes", EnumSet.of(FACILITIES)), // printed for the desks
            staff("GET", "/api/spaces/**", ANY_STAFF),
            staff("GET", "/api/stream", ANY_STAFF),
            staff("GET", "/api/schedules/**", ANY_STAFF),
            staff("ANY", "/api/schedules/**", EnumSet.of(FACILITIES)),
            staff("ANY", "/api/control/**", EnumSet.of(FACILITIES)),
            exported("GET", "/api/patrons/*/export", EnumSet.of(LIBRARIAN)),
            staff("ANY", "/api/patrons/**", EnumSet.of(LIBRARIAN)),
            staff("ANY", "/api/reservations/**", EnumSet.of(LIBRARIAN)),
            exported("GET", "/api/engagement/feedback", EnumSet.of(LIBRARIAN)),
            exported("GET", "/api/engagement/satisfaction", EnumSet.of(LIBRARIAN)),
            exported("GET", "/api/engagement/volunteer-hours", EnumSet.of(LIBRARIAN)),
            exported("GET", "/api/engagement/events/*/registrations", EnumSet.of(LIBRARIAN)),
            staff("ANY", "/api/engagement/**", EnumSet.of(LIBRARIAN)),
            staff("GET", "/api/analytics/energy/today", EnumSet.of(FACILITIES, LIBRARIAN)), // the lighting page
            exported("GET", "/api/analytics/awards/**", EnumSet.of(LIBRARIAN)), // names patrons
            staff("ANY", "/api/analytics/**", EnumSet.of(LIBRARIAN)));

    private RoutePolicy() {}

    /** The rule for a request under {@code /api/}. */
    public static Rule decide(String method, String path) {
        String[] p = segments(path);
        String m = method.toUpperCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (r.matches(m, p)) {
                return r;
            }
        }
        return DEFAULT;
    }

    /** True for the paths this policy governs. */
    public static boolean governs(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static Rule open(String methods, String pattern) {
        return new Rule(methods(methods), pattern, null, false);
    }

    private static Rule staff(String methods, String pattern, Set<StaffRole> roles) {
        return new Rule(methods(methods), pattern, roles, false);
    }

    private static Rule exported(String methods, String pattern, Set<StaffRole> roles) {
        return new Rule(methods(methods), pattern, roles, true);
    }

    private static Set<String> methods(String list) {
        return list.equals("ANY") ? Set.of() : Set.copyOf(Arrays.asList(list.split(" ")));
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static boolean matches(String[] pattern, String[] path) {
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("**") && i == pattern.length - 1) {
                return true;
            }
            if (i >= path.length || !(pattern[i].equals("*") || pattern[i].equals(path[i]))) {
                return false;
            }
        }
        return pattern.length == path.length;
    }
}
