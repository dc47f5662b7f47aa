package dev.carrel.hub.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {

    private static boolean allows(StaffRole role, String method, String path) {
        RoutePolicy.Rule rule = RoutePolicy.decide(method, path);
        return rule.isPublic() || new StaffMember("x", role).mayActAs(rule.roles());
    }

    @Test
    void onlySignInAndDeviceEnrolmentArePublic() {
        assertTrue(RoutePolicy.decide("POST", "/api/session").isPublic());
        assertTrue(RoutePolicy.decide("POST", "/api/enrolment").isPublic());
        assertTrue(RoutePolicy.decide("POST", "/api/enrolment/").isPublic(), "a trailing slash is the same path");
        assertFalse(RoutePolicy.decide("DELETE", "/api/session").isPublic());
        assertFalse(RoutePolicy.decide("POST", "/api/enrolment/tokens").isPublic());
        assertFalse(RoutePolicy.decide("GET", "/api/enrolment/tokens").isPublic());
    }

    @Test
    void anUnlistedRouteIsForAdministratorsOnly() {
        for (StaffRole role : EnumSet.of(StaffRole.FACILITIES, StaffRole.LIBRARIAN)) {
            assertFalse(allows(role, "GET", "/api/some-new-feature"), role.text());
            assertFalse(allows(role, "POST", "/api/dead-letters"), role.text());
        }
        assertTrue(allows(StaffRole.ADMIN, "GET", "/api/some-new-feature"));
        assertEquals(
                Set.of(), RoutePolicy.decide("GET", "/api/some-new-feature").roles());
    }

    @Test
    void rolesMatchWhatEachDoes() {
        assertTrue(allows(StaffRole.FACILITIES, "POST", "/api/control"));
        assertTrue(allows(StaffRole.FACILITIES, "PUT", "/api/schedules/main"));
        assertTrue(allows(StaffRole.FACILITIES, "GET", "/api/agents/gate-1/telemetry"));
        assertFalse(allows(StaffRole.FACILITIES, "PUT", "/api/agents/gate-1/twin/config"));
        assertFalse(allows(StaffRole.FACILITIES, "GET", "/api/patrons"));
        assertTrue(allows(StaffRole.FACILITIES, "GET", "/api/analytics/energy/today"), "the lighting page's energy");
        assertFalse(allows(StaffRole.FACILITIES, "GET", "/api/analytics/energy"));
        assertFalse(allows(StaffRole.FACILITIES, "GET", "/api/analytics/summary"));

        assertTrue(allows(StaffRole.LIBRARIAN, "POST", "/api/patrons/p1/suspend"));
        assertTrue(allows(StaffRole.LIBRARIAN, "GET", "/api/schedules/main"));
        assertFalse(allows(StaffRole.LIBRARIAN, "PUT", "/api/schedules/main"));
        assertFalse(allows(StaffRole.LIBRARIAN, "POST", "/api/control"));
        assertFalse(allows(StaffRole.LIBRARIAN, "GET", "/api/audit"));

        for (StaffRole role : StaffRole.values()) {
            assertTrue(allows(role, "GET", "/api/spaces/zones/z1/state"), role.text());
            assertTrue(allows(role, "GET", "/api/stream"), role.text());
            assertTrue(allows(role, "PUT", "/api/staff/me/password"), role.text());
        }
    }

    @Test
    void seatCodes_arePrintedByFacilitiesAndAdmins_notLibrarians() {
        assertTrue(allows(StaffRole.FACILITIES, "GET", "/api/spaces/zones/reading-room-1/seat-codes"));
        assertTrue(allows(StaffRole.ADMIN, "GET", "/api/spaces/zones/reading-room-1/seat-codes"));
        assertFalse(allows(StaffRole.LIBRARIAN, "GET", "/api/spaces/zones/reading-room-1/seat-codes"));
        assertTrue(
                allows(StaffRole.LIBRARIAN, "GET", "/api/spaces/zones/reading-room-1"), "the zone itself stays open");
    }

    @Test
    void aStarMatchesOneSegmentAndExportsAreAudited() {
        assertTrue(RoutePolicy.decide("GET", "/api/patrons/p1/export").audited());
        assertFalse(RoutePolicy.decide("GET", "/api/patrons/p1").audited());
        assertFalse(RoutePolicy.decide("GET", "/api/patrons/a/b/export").audited());
        assertTrue(RoutePolicy.governs("/api/agents"));
        assertFalse(RoutePolicy.governs("/apix"));
        assertFalse(RoutePolicy.governs("/pass/api/sign-in"));
    }
}
