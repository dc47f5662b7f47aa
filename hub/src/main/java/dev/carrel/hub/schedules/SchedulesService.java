package dev.carrel.hub.schedules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.NoSuchElementException;

/** {@code /api/schedules/{building}}: read and replace a building's schedule, and today's hours for kiosks. */
public final class SchedulesService implements HttpService {
    private final Schedules schedules;
    private final ObjectMapper mapper;
    private final JsonResponses out;

    public SchedulesService(Schedules schedules, ObjectMapper mapper, JsonResponses out) {
        this.schedules = schedules;
        this.mapper = mapper;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{building}", this::get).put("/{building}", this::put).get("/{building}/today", this::today);
    }

    private static String building(ServerRequest req) {
        return req.path().pathParameters().get("building");
    }

    private void get(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(
                out,
                res,
                () -> out.send(
                        res,
                        schedules
                                .find(building(req))
                                .orElseThrow(() ->
                                        new NoSuchElementException("no schedule for building '" + building(req) + "'"))
                                .toMap()));
    }

    private void put(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(
                out,
                res,
                () -> out.send(
                        res, schedules.put(building(req), Api.body(req, mapper)).toMap()));
    }

    private void today(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> out.send(res, schedules.today(building(req))));
    }
}
