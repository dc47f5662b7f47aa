package dev.carrel.hub.staff;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * What a handler adds to the audit record of its request: the sign-in filter records every state-changing
 * staff request (who, method, path, status, from where, when) by itself; {@link #note} adds the human
 * detail, for example "lamps off in zone z1 (3 seats)".
 */
public final class Audit {
    private Audit() {}

    /** Adds a detail to this request's audit record; several notes are joined. Harmless outside the API. */
    public static void note(ServerRequest req, String detail) {
        req.context().get(Note.class).ifPresent(n -> n.add(detail));
    }

    /** Names the actor of a request that had none when it arrived: a sign-in. */
    static void actor(ServerRequest req, StaffMember member) {
        req.context().get(Note.class).ifPresent(n -> n.actor = Optional.of(member));
    }

    /** The mutable part of one request's record. */
    static final class Note {
        private final StringBuilder detail = new StringBuilder();
        private volatile Optional<StaffMember> actor = Optional.empty();

        synchronized void add(String text) {
            if (text == null || text.isBlank()) {
                return;
            }
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append(text.length() > 500 ? text.substring(0, 500) + "…" : text);
        }

        synchronized Optional<String> detail() {
            return detail.isEmpty() ? Optional.empty() : Optional.of(detail.toString());
        }

        Optional<StaffMember> actor() {
            return actor;
        }
    }
}
