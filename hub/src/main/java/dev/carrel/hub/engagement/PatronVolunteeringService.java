package dev.carrel.hub.engagement;

import dev.carrel.hub.passes.PassSignIn;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patron's volunteering on the pass page, under {@code /pass/api/volunteering} ({@link PassPatron}):
 * {@code GET /} upcoming shifts with slots left and the patron's own sign-up, {@code POST /{id}/signup},
 * {@code DELETE /{id}/signup}, {@code GET /hours} (the patron's credited time this year and last).
 */
final class PatronVolunteeringService implements HttpService {
    /** A shift as a patron sees it. */
    record Mine(VolunteerShift shift, int slotsLeft, Optional<ShiftStore.Signup> signup) {}

    private final Volunteering volunteering;
    private final ShiftStore store;
    private final Database database;
    private final PassPatron patrons;
    private final Clock clock;
    private final JsonResponses out;

    PatronVolunteeringService(
            Volunteering volunteering,
            ShiftStore store,
            EventsService.Parts parts,
            PassSignIn signIn,
            JsonResponses out) {
        this.volunteering = volunteering;
        this.store = store;
        this.database = parts.database();
        this.patrons = new PassPatron(signIn, out);
        this.clock = parts.clock();
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> patrons.handle(req, res, patron -> list(res, patron)))
                .get(
                        "/hours",
                        (req, res) -> patrons.handle(req, res, patron -> {
                            Instant now = clock.instant();
                            out.send(
                                    res,
                                    volunteering.hours(
                                            now.minus(730, ChronoUnit.DAYS), now.plusSeconds(1), Optional.of(patron)));
                        }))
                .post(
                        "/{id}/signup",
                        (req, res) ->
                                patrons.handle(req, res, patron -> out.send(res, volunteering.signUp(id(req), patron))))
                .delete(
                        "/{id}/signup",
                        (req, res) -> patrons.handle(req, res, patron -> {
                            volunteering.withdraw(id(req), patron);
                            res.status(Status.NO_CONTENT_204).send();
                        }));
    }

    private void list(ServerResponse res, String patron) throws Exception {
        Instant now = clock.instant();
        // One read for the whole list: the shifts and their sign-ups come from one consistent snapshot.
        List<Mine> mine = database.read(c -> {
            List<Mine> rows = new ArrayList<>();
            for (VolunteerShift v : store.between(c, now, now.plus(366, ChronoUnit.DAYS))) {
                rows.add(new Mine(
                        v, Math.max(0, v.slots() - store.signedUp(c, v.id())), store.signup(c, v.id(), patron)));
            }
            return rows;
        });
        out.send(res, mine);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
