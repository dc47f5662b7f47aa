package dev.carrel.hub.passes;

import dev.carrel.hub.access.AccessConfig;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/spaces/zones/{zone}/seat-codes}: the zone's printable seat codes ({@link SeatCodes}) as an
 * HTML page, for facilities staff and administrators ({@code RoutePolicy}). Registered whether or not access
 * is on, so that a hub that cannot print them says why: 409 without the pass page (no site secret) or without
 * {@code carrel.passes.public-url}, 404 for an unknown zone, 409 for a room or a zone without seats (rooms
 * have no check-in). It only reads.
 */
public final class SeatCodesService implements HttpService {
    /** The page has no script; its styles are inline and its QR codes inline SVG. */
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");

    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'";

    private final Supplier<SpaceModel> model;
    private final Optional<SeatCodes> codes;
    private final String unavailable;
    private final JsonResponses out;

    private SeatCodesService(
            Supplier<SpaceModel> model, Optional<SeatCodes> codes, String unavailable, JsonResponses out) {
        this.model = model;
        this.codes = codes;
        this.unavailable = unavailable;
        this.out = out;
    }

    /** @param access the access settings, empty when access is off */
    public static SeatCodesService of(Supplier<SpaceModel> model, Optional<AccessConfig> access, JsonResponses out) {
        if (access.isEmpty()) {
            return new SeatCodesService(
                    model,
                    Optional.empty(),
                    "seat codes open the pass page, which is off: set carrel.site.secret-file (docs/patrons.md)",
                    out);
        }
        return new SeatCodesService(
                model,
                access.get().passes().publicUrl().map(SeatCodes::new),
                "set carrel.passes.public-url to the pass page's address as patrons' phones reach it, e.g."
                        + " https://library.example.edu/pass/ (docs/hub.md), to print seat codes",
                out);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/zones/{zone}/seat-codes", this::page);
    }

    private void page(ServerRequest req, ServerResponse res) {
        if (codes.isEmpty()) {
            out.error(res, Status.CONFLICT_409, unavailable);
            return;
        }
        String id = req.path().pathParameters().get("zone");
        SpaceModel current = model.get();
        Optional<SpaceModel.Zone> zone = current.zone(id);
        if (zone.isEmpty()) {
            out.error(res, Status.NOT_FOUND_404, "no zone '" + id + "'");
            return;
        }
        if (zone.get().kind() == SpaceModel.ZoneKind.ROOM) {
            out.error(res, Status.CONFLICT_409, "zone '" + id + "' is a room: rooms have no seat check-in");
            return;
        }
        List<SpaceModel.Seat> seats = current.seatsIn(id);
        if (seats.isEmpty()) {
            out.error(res, Status.CONFLICT_409, "zone '" + id + "' has no seats");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(CSP, POLICY)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(codes.get().page(zone.get(), seats).getBytes(StandardCharsets.UTF_8));
    }
}
