package dev.carrel.hub.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.staff.Audit;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.NoSuchElementException;

/**
 * {@code POST /api/control} (202 with the request id and its pending commands) and {@code GET
 * /api/control/{requestId}} (each command's state: pending, applied, failed or expired).
 */
public final class ControlService implements HttpService {
    private final Control control;
    private final ObjectMapper mapper;
    private final JsonResponses out;

    public ControlService(Control control, ObjectMapper mapper, JsonResponses out) {
        this.control = control;
        this.mapper = mapper;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::submit).get("/{id}", this::request);
    }

    private void submit(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            ControlRequest request = ControlRequest.parse(Api.body(req, mapper));
            Control.Receipt receipt = control.submit(request);
            Audit.note(
                    req,
                    request.describe() + ": request " + receipt.requestId() + ", "
                            + receipt.commands().size() + " command(s)");
            Api.send(mapper, res, Status.ACCEPTED_202, receipt);
        });
    }

    private void request(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        Api.guard(out, res, () -> {
            var commands = control.request(id);
            if (commands.isEmpty()) {
                throw new NoSuchElementException("no control request '" + id + "'");
            }
            out.send(res, new Control.Receipt(id, commands.getFirst().expiresAt(), commands));
        });
    }
}
