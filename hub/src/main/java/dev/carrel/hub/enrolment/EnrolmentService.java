package dev.carrel.hub.enrolment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.provisioning.EnrolmentRequest;
import io.helidon.common.uri.UriInfo;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/enrolment}: {@code POST /tokens} makes a token ({@code {"role", "zone", "expiresInHours",
 * "note"}}), {@code GET /tokens} lists them, {@code DELETE /tokens/{id}} revokes an unused one; {@code POST /}
 * is the device's own call ({@link EnrolmentRequest}).
 */
public final class EnrolmentService implements HttpService {
    private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "0.0.0.0", "::1", "[::1]");

    private final Enrolment enrolment;
    private final ObjectMapper mapper;
    private final JsonResponses json;
    private final String brokerUri;
    private final Optional<String> advertisedBroker;

    /**
     * @param brokerUri where the hub itself reaches the broker
     * @param advertisedBroker {@code carrel.enrolment.broker-url}: what devices should use; without it a local
     *     broker address is given with the host name the device used to reach the hub
     */
    public EnrolmentService(
            Enrolment enrolment,
            ObjectMapper mapper,
            JsonResponses json,
            String brokerUri,
            Optional<String> advertisedBroker) {
        this.enrolment = enrolment;
        this.mapper = mapper;
        this.json = json;
        this.brokerUri = brokerUri;
        this.advertisedBroker = advertisedBroker;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::enrol)
                .post("/tokens", this::create)
                .get("/tokens", this::list)
                .delete("/tokens/{id}", this::revoke);
    }

    private void enrol(ServerRequest req, ServerResponse res) {
        EnrolmentRequest request;
        try {
            request = mapper.readValue(body(req), EnrolmentRequest.class);
        } catch (IOException e) {
            json.error(res, Status.BAD_REQUEST_400, "expected {\"token\", \"publicKey\", \"hostname\"}");
            return;
        }
        String host = req.requestedUri().host();
        String remote = req.remotePeer().address().toString();
        switch (enrolment.enrol(request, id -> brokerFor(host), remote)) {
            case Enrolment.Granted g -> json.send(res, g.grant());
            case Enrolment.Refused r -> json.error(res, Status.create(r.status()), r.error());
        }
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonNode node;
        try {
            node = mapper.readTree(body(req));
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            json.error(res, Status.BAD_REQUEST_400, "expected {\"role\", \"zone\", \"expiresInHours\", \"note\"}");
            return;
        }
        JsonNode hours = node.path("expiresInHours");
        if (!hours.isMissingNode() && !hours.canConvertToInt()) {
            json.error(res, Status.BAD_REQUEST_400, "expiresInHours must be a whole number of hours");
            return;
        }
        Duration lifetime = hours.isMissingNode() ? Enrolment.DEFAULT_LIFETIME : Duration.ofHours(hours.asInt());
        try {
            var made = enrolment.createToken(
                    node.path("role").asText(null),
                    node.path("zone").asText(null),
                    lifetime,
                    node.path("note").asText(""),
                    hubUrl(req.requestedUri()));
            Map<String, Object> view = view(made.plan(), enrolment.state(made.plan()));
            view.put("token", made.token());
            view.put("qr", made.qrContent());
            view.put("qrSvg", made.qrSvg());
            json.send(res, view);
        } catch (IllegalArgumentException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> views = enrolment.tokens().stream()
                .map(t -> view(t, enrolment.state(t)))
                .toList();
        json.send(res, views);
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        try {
            var revoked = enrolment.revokeToken(id);
            if (revoked.isEmpty()) {
                json.error(res, Status.NOT_FOUND_404, "no enrolment token '" + id + "'");
            } else {
                json.send(res, view(revoked.get(), enrolment.state(revoked.get())));
            }
        } catch (IllegalStateException e) {
            json.error(res, Status.CONFLICT_409, e.getMessage());
        }
    }

    private static Map<String, Object> view(PlannedDevice t, String state) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", t.id());
        v.put("role", t.role().text());
        v.put("zone", t.zone());
        v.put("note", t.note());
        v.put("state", state);
        v.put("createdAt", t.createdAt().toString());
        v.put("expiresAt", t.expiresAt().toString());
        t.usedBy().ifPresent(a -> v.put("usedBy", a));
        return v;
    }

    private String brokerFor(String requestHost) {
        if (advertisedBroker.isPresent()) {
            return advertisedBroker.get();
        }
        URI uri = URI.create(brokerUri);
        if (!LOCAL.contains(uri.getHost())) {
            return brokerUri;
        }
        return uri.getScheme() + "://" + requestHost + ":" + uri.getPort();
    }

    private static String hubUrl(UriInfo uri) {
        return uri.scheme() + "://" + uri.host() + ":" + uri.port();
    }

    private static byte[] body(ServerRequest req) {
        return req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    }
}
