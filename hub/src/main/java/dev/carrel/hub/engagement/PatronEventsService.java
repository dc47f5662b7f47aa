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
 * The patron's events on the pass page, under {@code /pass/api/events}, for the patron signed in there
 * ({@code carrel_pass} cookie): {@code GET /} upcoming events with the patron's own registration, {@code
 * POST /{id}/registration} (a place or a waitlist position), {@code DELETE /{id}/registration} ({@link
 * PassPatron}).
 */
final class PatronEventsService implements HttpService {
    /**
     * An event as a patron sees it: how many places are left, how many wait, and their own registration if
     * any.
     */
    record Mine(LibraryEvent event, int placesLeft, int waitlist, Optional<EventStore.Registration> registration) {}

    private final EventBook book;
    private final EventStore store;
    private final Database database;
    private final PassPatron patrons;
    private final Clock clock;
    private final JsonResponses out;

    PatronEventsService(EventBook book, EventsService.Parts parts, PassSignIn signIn, JsonResponses out) {
        this.book = book;
        this.store = parts.store();
        this.database = parts.database();
        this.patrons = new PassPatron(signIn, out);
        this.clock = parts.clock();
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> patrons.handle(req, res, patron -> list(res, patron)))
                .post(
                        "/{id}/registration",
                        (req, res) -> patrons.handle(req, res, patron -> out.send(res, book.register(id(req), patron))))
                .delete(
                        "/{id}/registration",
                        (req, res) -> patrons.handle(req, res, patron -> {
                            book.withdraw(id(req), patron);
                            res.status(Status.NO_CONTENT_204).send();
                        }));
    }

    private void list(ServerResponse res, String patron) throws Exception {
        Instant now = clock.instant();
        // One read for the whole list: the events and their counts come from one consistent snapshot.
        List<Mine> mine = database.read(c -> {
            List<Mine> rows = new ArrayList<>();
            for (LibraryEvent e : store.between(c, now, now.plus(366, ChronoUnit.DAYS))) {
                EventStore.Counts counts = store.counts(c, e.id());
                rows.add(new Mine(
                        e,
                        Math.max(0, e.capacity() - counts.places()),
                        counts.waitlist(),
                        store.registration(c, e.id(), patron)));
            }
            return rows;
        });
        out.send(res, mine);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
