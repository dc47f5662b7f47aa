package dev.carrel.hub.enrolment;

import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /api/devices}: enrolled devices; {@code POST /api/devices/{id}/revoke}: cut one off now. */
public final class DevicesService implements HttpService {
    private final Enrolment enrolment;
    private final JsonResponses json;

    public DevicesService(Enrolment enrolment, JsonResponses json) {
        this.enrolment = enrolment;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> json.send(res, enrolment.devices())).post("/{id}/revoke", this::revoke);
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        try {
            AgentId.of(id);
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        var device = enrolment.revokeDevice(id);
        if (device.isPresent()) {
            json.send(res, device.get());
        } else {
            json.error(res, Status.NOT_FOUND_404, "no enrolled device '" + id + "'");
        }
    }
}
