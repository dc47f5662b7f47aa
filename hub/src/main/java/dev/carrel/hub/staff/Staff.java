package dev.carrel.hub.staff;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Who is making a request, as the sign-in filter found out; for handlers that need the acting member. */
public final class Staff {
    private Staff() {}

    /** The signed-in member, by session cookie or API token; empty on public routes without one. */
    public static Optional<StaffMember> of(ServerRequest req) {
        return req.context().get(Identity.class).flatMap(Identity::member);
    }

    /** How a request proved who it is; registered in the request's context by {@link StaffFilter}. */
    record Identity(Optional<StaffMember> member, Via via, Optional<StaffSessions.Session> session) {
        enum Via {
            SESSION,
            TOKEN,
            NONE
        }

        static Identity none() {
            return new Identity(Optional.empty(), Via.NONE, Optional.empty());
        }
    }
}
