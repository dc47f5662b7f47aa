package dev.carrel.hub.monitoring;

import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/alerts?state=&agent=&limit=}, {@code POST /api/alerts/{id}/acknowledge} and
 * {@code POST /api/alerts/{id}/resolve}. Acknowledging a resolved alert is a conflict (409); acknowledging
 * twice, or resolving a resolved alert, changes nothing and answers the alert.
 */
public final class AlertsService implements HttpService {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AlertStore alerts;
    private final StoreWriter writer;
    private final Clock clock;
    private final JsonResponses json;

    public AlertsService(AlertStore alerts, StoreWriter writer, Clock clock, JsonResponses json) {
        this.alerts = alerts;
        this.writer = writer;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{id}", this::one)
                .post("/{id}/acknowledge", this::acknowledge)
                .post("/{id}/resolve", this::resolve);
    }

    private void list(ServerRequest req, ServerResponse res) throws SQLException {
        QueryParameters query = new QueryParameters(req.query());
        Optional<String> stateName = query.text("state");
        Optional<AlertState> state = stateName.flatMap(AlertState::fromWire);
        if (stateName.isPresent() && state.isEmpty()) {
            json.error(
                    res,
                    Status.BAD_REQUEST_400,
                    "query parameter 'state' must be open, acknowledged or resolved, not '" + stateName.get() + "'");
            return;
        }
        int limit;
        try {
            limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        } catch (QueryParameters.BadRequest e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        json.send(res, alerts.list(new AlertStore.Query(state, query.text("agent"), limit)));
    }

    private void one(ServerRequest req, ServerResponse res) throws SQLException {
        Optional<Long> id = id(req, res);
        if (id.isEmpty()) {
            return;
        }
        Optional<Alert> alert = alerts.find(id.get());
        if (alert.isPresent()) {
            json.send(res, alert.get());
        } else {
            json.error(res, Status.NOT_FOUND_404, "no alert " + id.get());
        }
    }

    private void acknowledge(ServerRequest req, ServerResponse res) throws Exception {
        change(req, res, true);
    }

    private void resolve(ServerRequest req, ServerResponse res) throws Exception {
        change(req, res, false);
    }

    private void change(ServerRequest req, ServerResponse res, boolean acknowledge) throws Exception {
        Optional<Long> id = id(req, res);
        if (id.isEmpty()) {
            return;
        }
        Optional<Alert> alert;
        try {
            alert = writer.call(
                            (acknowledge ? "acknowledge" : "resolve") + " alert " + id.get(),
                            c -> acknowledge
                                    ? alerts.acknowledge(c, id.get(), clock.instant())
                                    : alerts.resolve(c, id.get(), clock.instant()))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            json.error(res, Status.SERVICE_UNAVAILABLE_503, "the store did not take the change: " + e.getMessage());
            return;
        }
        if (alert.isEmpty()) {
            json.error(res, Status.NOT_FOUND_404, "no alert " + id.get());
        } else if (acknowledge && alert.get().state() == AlertState.RESOLVED) {
            json.error(res, Status.CONFLICT_409, "alert " + id.get() + " is resolved already");
        } else {
            json.send(res, alert.get());
        }
    }

    private Optional<Long> id(ServerRequest req, ServerResponse res) {
        String raw = req.path().pathParameters().get("id");
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            json.error(res, Status.BAD_REQUEST_400, "alert id must be a number, not '" + raw + "'");
            return Optional.empty();
        }
    }
}
