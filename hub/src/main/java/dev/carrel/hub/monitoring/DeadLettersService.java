package dev.carrel.hub.monitoring;

import dev.carrel.hub.ingest.DeadLetter;
import dev.carrel.hub.ingest.DeadLetterStore;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** {@code GET /api/dead-letters?limit=&agent=}: refused messages, newest first. */
public final class DeadLettersService implements HttpService {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final DeadLetterStore store;
    private final JsonResponses json;

    public DeadLettersService(DeadLetterStore store, JsonResponses json) {
        this.store = store;
        this.json = json;
    }

    /**
     * A dead letter as JSON: the payload as text when it is UTF-8 (the usual case: broken JSON), otherwise
     * as base64.
     */
    record View(
            long id,
            Instant received,
            Optional<String> agent,
            String topic,
            String reason,
            String field,
            int payloadSize,
            boolean payloadTruncated,
            Optional<String> payload,
            Optional<String> payloadBase64) {

        static View of(DeadLetter d) {
            Optional<String> text = utf8(d.payload());
            return new View(
                    d.id(),
                    d.received(),
                    d.agent(),
                    d.topic(),
                    d.reason(),
                    d.field(),
                    d.payloadSize(),
                    d.truncated(),
                    text,
                    text.isPresent()
                            ? Optional.empty()
                            : Optional.of(Base64.getEncoder().encodeToString(d.payload())));
        }

        private static Optional<String> utf8(byte[] bytes) {
            try {
                return Optional.of(StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) throws SQLException {
        QueryParameters query = new QueryParameters(req.query());
        int limit;
        try {
            limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        } catch (QueryParameters.BadRequest e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        json.send(
                res,
                store.recent(limit, query.text("agent")).stream().map(View::of).toList());
    }
}
