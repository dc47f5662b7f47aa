package dev.carrel.agent.kiosk;

import java.util.List;
import java.util.Optional;

/**
 * What the kiosk must show, sent on the local event stream ({@code GET /api/events}). The SSE event name is
 * {@link #name()}; the data is the record as JSON. Nothing here identifies a patron beyond the short
 * greeting ("Zhang S."), and refusals carry a reason code the page translates, not private data.
 */
public sealed interface KioskEvent {

    String name();

    /** Welcome after an allowed gate decision, with the patron's reminders. */
    record Greeting(String shortName, List<String> reminders) implements KioskEvent {
        @Override
        public String name() {
            return "greeting";
        }
    }

    /** Goodbye at the gate's exit reader, with the patron's reminders; the page asks for feedback after it. */
    record Farewell(String shortName, List<String> reminders) implements KioskEvent {
        @Override
        public String name() {
            return "farewell";
        }
    }

    /** A refusal: a reason code (e.g. {@code suspended}) and a hint code for what to do. */
    record Refusal(String reason, String hint) implements KioskEvent {
        @Override
        public String name() {
            return "refusal";
        }
    }

    /** The zone's seats as they are now. */
    record SeatMap(List<SeatView> seats) implements KioskEvent {
        @Override
        public String name() {
            return "seats";
        }
    }

    /** The agent gained or lost the hub: the kiosk shows a discreet offline notice. */
    record Connection(boolean online) implements KioskEvent {
        @Override
        public String name() {
            return "connection";
        }
    }

    /** Something failed that the patron should know of; a code the page translates ({@code not_a_card}). */
    record Problem(String message) implements KioskEvent {
        @Override
        public String name() {
            return "problem";
        }
    }

    /**
     * A card was read on the kiosk's own reader: the screen may act for that patron for {@code seconds}.
     * {@code seat} is the seat that patron holds here, if any, so the screen offers leave and check-out; it
     * is shown only to the patron who just tapped. {@code present} false: the screen forgets the patron.
     */
    record Patron(boolean present, Optional<String> seat, Optional<String> seatState, long seconds)
            implements KioskEvent {
        @Override
        public String name() {
            return "patron";
        }
    }

    /** A seat as the kiosk shows it: no patron data, only whether it is free. */
    record SeatView(String id, String state) {}
}
