package dev.carrel.hub.engagement;

import dev.carrel.hub.passes.PassService;
import dev.carrel.hub.passes.PassSignIn;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The patron signed in on the pass page ({@code carrel_pass} cookie, {@link PassSignIn}), for the patron
 * routes under {@code /pass/api}. A POST must be {@code application/json}, as on the pass page: with the
 * Strict cookie, that keeps other sites' forms out.
 */
final class PassPatron {
    private final PassSignIn signIn;
    private final JsonResponses out;

    PassPatron(PassSignIn signIn, JsonResponses out) {
        this.signIn = signIn;
        this.out = out;
    }

    /** A patron route's work for the signed-in patron; its refusals become answers ({@link Requests#answer}). */
    interface Work {
        void run(String patronId) throws Exception;
    }

    /** Runs {@code work} for the signed-in patron; answers 401 (or 415 for a POST not in JSON) otherwise. */
    void handle(ServerRequest req, ServerResponse res, Work work) throws Exception {
        boolean post = req.prologue().method().text().equals("POST");
        Optional<String> patron = post ? posting(req, res) : of(req, res);
        if (patron.isPresent()) {
            Requests.answer(res, out, () -> work.run(patron.get()));
        }
    }

    /** The patron's id, or empty after answering 401. */
    Optional<String> of(ServerRequest req, ServerResponse res) {
        Optional<String> patron =
                PassService.token(req).flatMap(signIn::session).map(PassSignIn.Session::patronId);
        if (patron.isEmpty()) {
            out.error(res, Status.UNAUTHORIZED_401, "sign in first");
        }
        return patron;
    }

    /** The patron's id for a POST with a JSON body, or empty after answering 401 or 415. */
    Optional<String> posting(ServerRequest req, ServerResponse res) {
        Optional<String> patron = of(req, res);
        if (patron.isEmpty()) {
            return patron;
        }
        boolean isJson = req.headers()
                .contentType()
                .map(HttpMediaType::mediaType)
                .map(t -> t.subtype().equals("json"))
                .orElse(false);
        if (!isJson) {
            out.error(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "send application/json");
            return Optional.empty();
        }
        return patron;
    }
}
