package dev.carrel.hub.spaces;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.NoSuchElementException;

/**
 * {@code /api/spaces}: the whole model, and create/read/replace/delete of zones and seats. A write answers
 * 201 when it created, 200 when it replaced, 204 when it deleted, and only after the change is committed.
 */
public final class SpacesService implements HttpService {
    private final Spaces spaces;
    private final ObjectMapper mapper;
    private final JsonResponses out;

    public SpacesService(Spaces spaces, ObjectMapper mapper, JsonResponses out) {
        this.spaces = spaces;
        this.mapper = mapper;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> out.send(res, spaces.current()))
                .get("/zones", (req, res) -> out.send(res, spaces.current().zones()))
                .get("/zones/{id}", this::zone)
                .put("/zones/{id}", this::putZone)
                .delete("/zones/{id}", this::deleteZone)
                .get("/seats", (req, res) -> out.send(res, spaces.current().seats()))
                .get("/seats/{id}", this::seat)
                .put("/seats/{id}", this::putSeat)
                .delete("/seats/{id}", this::deleteSeat);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private void zone(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(
                out,
                res,
                () -> out.send(
                        res,
                        spaces.current()
                                .zone(id(req))
                                .orElseThrow(() -> new NoSuchElementException("no zone '" + id(req) + "'"))));
    }

    private void seat(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(
                out,
                res,
                () -> out.send(
                        res,
                        spaces.current()
                                .seat(id(req))
                                .orElseThrow(() -> new NoSuchElementException("no seat '" + id(req) + "'"))));
    }

    private void putZone(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            var zone = SpaceReader.zone(Api.body(req, mapper), id(req));
            boolean created = spaces.putZone(zone);
            Api.send(mapper, res, created ? Status.CREATED_201 : Status.OK_200, zone);
        });
    }

    private void putSeat(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            var seat = SpaceReader.seat(Api.body(req, mapper), id(req));
            boolean created = spaces.putSeat(seat);
            Api.send(mapper, res, created ? Status.CREATED_201 : Status.OK_200, seat);
        });
    }

    private void deleteZone(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            spaces.deleteZone(id(req));
            res.status(Status.NO_CONTENT_204).send();
        });
    }

    private void deleteSeat(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            spaces.deleteSeat(id(req));
            res.status(Status.NO_CONTENT_204).send();
        });
    }
}
