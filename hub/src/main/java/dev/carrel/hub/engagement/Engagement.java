package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
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

    private Engagement(Base base) {
        this.base = base;
    }

    public static Engagement open(Base base) {
        return new Engagement(base);
    }

    /** Stores feedback events as ingest writes them, then passes everything to {@code next}. */
    public IngestObserver observer(IngestObserver next) {
        return new EngagementObserver(next, feedback, base.model());
    }

    /** The staff routes under {@code /api/engagement}. */
    public void routing(HttpRouting.Builder r, JsonResponses responses) {
        r.register(
                "/api/engagement",
                new FeedbackService(base.database(), feedback, base.model(), base.clock(), responses));
    }
}
