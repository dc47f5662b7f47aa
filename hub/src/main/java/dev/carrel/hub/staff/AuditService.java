package dev.carrel.hub.staff;

import dev.carrel.hub.monitoring.QueryParameters;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/audit}: the audit log, newest first. Filters: {@code actor}, {@code method}, {@code path}
 * (prefix), {@code from}/{@code to} (ISO-8601 instants), {@code before} (an id, to page back), {@code limit}
 * (1-1000, default 100).
 */
final class AuditService implements HttpService {
    private final AuditLog log;
    private final JsonResponses out;

    AuditService(AuditLog log, JsonResponses out) {
        this.log = log;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::find);
    }

    private void find(ServerRequest req, ServerResponse res) throws SQLException {
        QueryParameters q = new QueryParameters(req.query());
        AuditLog.Filter filter;
        try {
            Optional<Long> before = q.text("before").map(AuditService::id);
            filter = new AuditLog.Filter(
                    q.text("actor"),
                    q.text("method").map(m -> m.toUpperCase(Locale.ROOT)),
                    q.text("path"),
                    q.instant("from"),
                    q.instant("to"),
                    before,
                    q.limit(100, 1000));
        } catch (QueryParameters.BadRequest e) {
            out.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        } catch (NumberFormatException e) {
            out.error(res, Status.BAD_REQUEST_400, "query parameter 'before' must be an entry id (a whole number)");
            return;
        }
        out.send(res, log.find(filter));
    }

    private static long id(String text) {
        return Long.parseLong(text);
    }
}
