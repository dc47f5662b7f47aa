package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.access.Access;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.passes.PassSignIn;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.hub.privacy.PatronData;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Patron engagement (issue 7): kiosk feedback and monthly satisfaction, library events with registration,
 * waitlist and kiosk check-in, volunteer shifts (docs/engagement.md). {@code Hub} calls {@link #open} before
 * ingest is built, puts {@link #observer} in ingest's chain, then adds {@link #routing}.
 */
public final class Engagement {
    /** What engagement is built on; {@code model} is the current space model. */
    public record Base(
            Database database, StoreWriter writer, ObjectMapper json, Clock clock, Supplier<SpaceModel> model) {}

    private final Base base;
    private final FeedbackLog feedback = new FeedbackLog();
    private final EventStore events = new EventStore();
    private final EventBook book;
    private final ShiftStore shifts = new ShiftStore();
    private final Volunteering volunteering;
    private volatile Optional<SiteKey> siteKey = Optional.empty();

    private Engagement(Base base) {
        this.base = base;
        this.book = new EventBook(base.database(), base.writer(), events, base.clock());
        this.volunteering = new Volunteering(base.database(), base.writer(), shifts, base.clock());
    }

    public static Engagement open(Base base) {
        return new Engagement(base);
    }

    /** Stores feedback events as ingest writes them, then passes everything to {@code next}. */
    public IngestObserver observer(IngestObserver next) {
        return new EngagementObserver(
                next, feedback, base.model(), new EventCheckIns(book, volunteering, () -> siteKey));
    }

    /** What engagement holds about a patron, for the privacy feature's export and erasure. */
    public PatronData patronData() {
        return new EngagementPatronData(events, shifts, base.clock());
    }

    /**
     * The staff routes under {@code /api/engagement}, and with patrons set up (access) the patron routes under
     * {@code /pass/api/events}.
     */
    public void routing(HttpRouting.Builder r, JsonResponses responses, Optional<Access> access) {
        EventsService.Parts parts =
                new EventsService.Parts(events, base.database(), base.model(), base.json(), base.clock());
        r.register(
                        "/api/engagement",
                        new FeedbackService(base.database(), feedback, base.model(), base.clock(), responses))
                .register("/api/engagement/events", new EventsService(book, parts, responses))
                .register("/api/engagement", new ShiftsService(volunteering, shifts, parts, responses));
        access.ifPresent(a -> {
            siteKey = Optional.of(a.patrons().key());
            PassSignIn signIn = a.extras().passSignIn();
            r.register("/pass/api/events", new PatronEventsService(book, parts, signIn, responses))
                    .register(
                            "/pass/api/volunteering",
                            new PatronVolunteeringService(volunteering, shifts, parts, signIn, responses));
        });
    }
}
