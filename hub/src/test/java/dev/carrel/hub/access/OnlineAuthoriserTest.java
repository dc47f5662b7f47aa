package dev.carrel.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.hub.patrons.PatronStatus;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's answers to gates' authorisation requests (docs/gate.md, "Asking the hub"), on the real registry. */
class OnlineAuthoriserTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final AgentId NORTH = AgentId.of("gate-north");
    private static final AgentId SOUTH = AgentId.of("gate-south");
    private static final byte[] CORRELATION = "corr-1".getBytes(StandardCharsets.US_ASCII);

    /** An answer as the hub's MQTT client would send it. */
    record Answer(String topic, Optional<byte[]> correlation, Message message) {}

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private PatronsOnDisk registry;
    private OnlineAuthoriser authoriser;

    @BeforeEach
    void open() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        registry = new PatronsOnDisk(dir, clock);
        authoriser = new OnlineAuthoriser(
                registry.patrons, (topic, c, m) -> answers.add(new Answer(topic, c, m)), Runnable::run, clock, 300);
        registry.add("a1", "Ann Lee", PatronStatus.ACTIVE, Optional.empty(), "04A1B2C3");
        registry.add("b2", "Bo Chen", PatronStatus.ACTIVE, Optional.of(NOW.minusSeconds(1)), "04000002");
        registry.add("c3", "Cy Park", PatronStatus.EXPIRED, Optional.empty(), "04000003");
        registry.add("d4", "Di Ray", PatronStatus.ACTIVE, Optional.of(NOW.plusSeconds(3600)), "04000004");
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    @Test
    void validUntilInThePast_isDeniedExpired_evenWhileActive() throws Exception {
        AuthorisationResponse r = only(ask(NORTH, "04000002", ownTopic(NORTH)));

        assertEquals(Decision.DENY, r.decision());
        assertEquals(Reason.EXPIRED, r.reason());
        assertEquals(Optional.empty(), r.greeting(), "no greeting for a refusal");
        assertEquals(0, r.cacheSeconds(), "a deny is never cached");
    }

    @Test
    void statusExpired_isDeniedExpired_validUntilAhead_isAllowedWithGreetingAndCache() throws Exception {
        assertEquals(
                Reason.EXPIRED, only(ask(NORTH, "04000003", ownTopic(NORTH))).reason());
        answers.clear();

        AuthorisationResponse di = only(ask(NORTH, "04000004", ownTopic(NORTH)));
        assertEquals(Decision.ALLOW, di.decision());
        assertEquals(Reason.HUB_ALLOWED, di.reason());
        assertEquals(Optional.of("Di R."), di.greeting());
        assertEquals(300, di.cacheSeconds());
        assertEquals(ownTopic(NORTH).orElseThrow(), answers.getFirst().topic());
        assertEquals("corr-1", new String(answers.getFirst().correlation().orElseThrow(), StandardCharsets.US_ASCII));
    }

    @Test
    void responseTopicNotTheAskingAgentsOwn_isRefused_withNoAnswerAnywhere() throws Exception {
        ask(
                NORTH,
                "04A1B2C3",
                Optional.of(Topic.response(SOUTH, AuthorisationRequest.NAME).toString()));
        ask(NORTH, "04A1B2C3", Optional.of(Topic.response(NORTH, "reminders").toString()));
        ask(NORTH, "04A1B2C3", Optional.of("carrel/v1/agents/gate-north/responses/authorise/extra"));
        ask(NORTH, "04A1B2C3", Optional.empty());

        assertEquals(List.of(), answers);

        ask(NORTH, "04A1B2C3", ownTopic(NORTH));
        assertEquals(Decision.ALLOW, only(answers).decision(), "the same request with its own topic is answered");
    }

    private Optional<String> ownTopic(AgentId gate) {
        return Optional.of(Topic.response(gate, AuthorisationRequest.NAME).toString());
    }

    /** A gate's request as the hub's MQTT client hands it over; the lookup runs inline here. */
    private List<Answer> ask(AgentId gate, String cardUid, Optional<String> responseTopic) throws Exception {
        CredentialHash credential = registry.card(cardUid);
        AuthorisationRequest request = new AuthorisationRequest(gate.value(), CredentialKind.CARD_UID, credential, NOW);
        authoriser.request(
                Topic.request(gate, AuthorisationRequest.NAME),
                codec.encode(request),
                responseTopic,
                Optional.of(CORRELATION));
        return answers;
    }

    private static AuthorisationResponse only(List<Answer> answers) {
        assertEquals(1, answers.size(), answers.toString());
        return (AuthorisationResponse) answers.getFirst().message();
    }
}
