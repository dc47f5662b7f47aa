package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.gate.Verdict;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.hub.staff.AuditLog;
import dev.carrel.hub.staff.StaffRole;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, "Privacy", end to end: a patron's export over REST holds what the gate recorded about them; the
 * erasure removes it all, and its revocation reaches the gate, which then refuses the card with the hub down.
 */
class PatronErasureGateTest extends HubAndGate {
    private static final String ZHANG = "2023004217";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void export_holdsTheGatesEvents_erasure_revokesTheCardAtTheGate_andLeavesNothingToExport() throws Exception {
        hub = GateAgentRig.hub(dir, Map.of());
        HubApi api = new HubApi(hub);
        api.importPatrons(PatronGateTest.CSV);
        gate = GateAgentRig.gate(dir, Optional.of(hub));
        GateAgentRig.awaitReason(gate, CredentialKind.CARD_UID, "04A1B2C3", Reason.ALLOW_LISTED);

        PatronGateTest.await(() -> events(api) >= 3, "the tap's presented, decision and passage events are exported");
        JsonNode export =
                json.readTree(api.get("/api/patrons/" + ZHANG + "/export").body());
        assertEquals("Zhang San", export.at("/sections/registry/displayName").asText(), export.toString());
        assertTrue(export.at("/sections/events").toString().contains("gate_passage"), export.toString());

        hub.staff().accounts().create("fran", StaffRole.FACILITIES, "facilities-password-for-tests");
        hub.staff().accounts().create("lena", StaffRole.LIBRARIAN, "librarian-password-for-tests");
        HubApi facilities = HubApi.as(hub, "fran");
        HubApi librarian = HubApi.as(hub, "lena");
        assertEquals(403, facilities.get("/api/patrons/" + ZHANG + "/export").statusCode());
        assertEquals(
                403, facilities.send("DELETE", "/api/patrons/" + ZHANG, "", "").statusCode());
        assertEquals(
                403,
                facilities
                        .send("POST", "/api/patrons/" + ZHANG + "/erase", "", "")
                        .statusCode());
        assertEquals(200, librarian.get("/api/patrons/" + ZHANG + "/export").statusCode());
        PatronGateTest.await(
                () -> audited("lena", "GET").contains("exported sections: registry, events"),
                "the librarian's export is in the audit log");

        HttpResponse<String> erased = librarian.send("DELETE", "/api/patrons/" + ZHANG, "", "");
        assertEquals(204, erased.statusCode(), erased.body());
        assertEquals(404, api.get("/api/patrons/" + ZHANG + "/export").statusCode());
        assertEquals(404, api.get("/api/patrons/" + ZHANG).statusCode());
        assertEquals(
                404,
                api.send("POST", "/api/patrons/" + ZHANG + "/erase", "", "").statusCode());

        GateAgentRig.awaitReason(gate, CredentialKind.CARD_UID, "04A1B2C3", Reason.SUSPENDED);
        stopHub();
        Verdict offline = GateAgentRig.tap(gate, CredentialKind.CARD_UID, "04:a1:b2:c3");
        assertEquals(Reason.SUSPENDED, offline.reason(), "the erased patron's card stays refused offline");
        assertEquals(Source.LOCAL, offline.source());
        assertEquals(
                Reason.ALLOW_LISTED,
                GateAgentRig.tap(gate, CredentialKind.CARD_UID, "04A1B2C5").reason(),
                "another patron is untouched");
    }

    private String audited(String actor, String method) {
        try {
            return hub.staff()
                    .audit()
                    .find(new AuditLog.Filter(
                            Optional.of(actor),
                            Optional.of(method),
                            Optional.of("/api/patrons/" + ZHANG),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            10))
                    .toString();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private int events(HubApi api) {
        try {
            HttpResponse<String> r = api.get("/api/patrons/" + ZHANG + "/export");
            return r.statusCode() == 200
                    ? json.readTree(r.body()).at("/sections/events").size()
                    : 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
