package dev.carrel.hub.privacy;

import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.staff.Audit;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.logging.Logger;

/**
 * The privacy routes under {@code /api/patrons}: the export ({@code GET /{id}/export}, one JSON document
 * with every section) and the erasure ({@code DELETE /{id}} or {@code POST /{id}/erase}, 204). An id nobody
 * holds anything about is 404; a failed erasure is 500 and has changed nothing. Librarians and admins
 * ({@code RoutePolicy}); both are audited, the export as a read of personal data, with the sections named in
 * the record's detail.
 */
final class PrivacyService {
    private static final Logger LOG = Logger.getLogger(PrivacyService.class.getName());

    private final Privacy privacy;
    private final JsonResponses out;

    PrivacyService(Privacy privacy, JsonResponses out) {
        this.privacy = privacy;
        this.out = out;
    }

    void routing(HttpRouting.Builder r) {
        Handler erase = (req, res) -> Api.guard(out, res, () -> {
            privacy.erase(id(req));
            Audit.note(req, "erased every section: " + String.join(", ", privacy.sections()));
            LOG.info(() -> "patron " + id(req) + " erased on request");
            res.status(Status.NO_CONTENT_204).send();
        });
        r.get(
                        "/api/patrons/{id}/export",
                        (req, res) -> Api.guard(out, res, () -> {
                            Privacy.Export export = privacy.export(id(req));
                            Audit.note(
                                    req,
                                    "exported sections: "
                                            + String.join(
                                                    ", ", export.sections().keySet()));
                            LOG.info(() -> "patron " + id(req) + " exported");
                            out.send(res, export);
                        }))
                .delete("/api/patrons/{id}", erase)
                .post("/api/patrons/{id}/erase", erase);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
