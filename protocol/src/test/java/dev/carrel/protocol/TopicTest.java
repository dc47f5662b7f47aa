package dev.carrel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {
    private static final AgentId GATE = AgentId.of("gate-1");

    @Test
    void builders_produceTheDesignTopics() {
        assertEquals("carrel/v1/agents/gate-1/status", Topic.status(GATE).toString());
        assertEquals(
                "carrel/v1/agents/gate-1/events/gate_decision",
                Topic.event(GATE, "gate_decision").toString());
        assertEquals("carrel/v1/agents/gate-1/telemetry", Topic.telemetry(GATE).toString());
        assertEquals(
                "carrel/v1/agents/gate-1/twin/desired", Topic.twinDesired(GATE).toString());
        assertEquals(
                "carrel/v1/agents/gate-1/twin/reported",
                Topic.twinReported(GATE).toString());
        assertEquals(
                "carrel/v1/agents/gate-1/commands/lamp",
                Topic.command(GATE, "lamp").toString());
        assertEquals(
                "carrel/v1/agents/gate-1/replies/lamp",
                Topic.commandReply(GATE, "lamp").toString());
        assertEquals(
                "carrel/v1/agents/gate-1/requests/authorise",
                Topic.request(GATE, "authorise").toString());
        assertEquals(
                "carrel/v1/agents/gate-1/responses/authorise",
                Topic.response(GATE, "authorise").toString());
        assertEquals(
                "carrel/v1/agents/gate-1/credentials", Topic.credentials(GATE).toString());
    }

    @Test
    void parse_everyBuiltTopic_returnsTheSameTopic() {
        List<Topic> all = List.of(
                Topic.status(GATE),
                Topic.event(GATE, "presence_changed"),
                Topic.telemetry(GATE),
                Topic.twinDesired(GATE),
                Topic.twinReported(GATE),
                Topic.command(GATE, "outlet"),
                Topic.commandReply(GATE, "outlet"),
                Topic.request(GATE, "authorise"),
                Topic.response(GATE, "authorise"),
                Topic.credentials(GATE));
        for (Topic topic : all) {
            assertEquals(topic, Topic.parse(topic.toString()));
        }
        assertEquals(
                Topic.Kind.values().length,
                all.stream().map(Topic::kind).distinct().count());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "carrel/v2/agents/gate-1/status",
                "other/v1/agents/gate-1/status",
                "carrel/v1/agents/gate-1",
                "carrel/v1/agents//status",
                "carrel/v1/agents/Gate-1/status",
                "carrel/v1/agents/gate+1/status",
                "carrel/v1/agents/#/status",
                "carrel/v1/agents/gate-1/status/extra",
                "carrel/v1/agents/gate-1/events",
                "carrel/v1/agents/gate-1/events/",
                "carrel/v1/agents/gate-1/events/a/b",
                "carrel/v1/agents/gate-1/events/Bad-Type",
                "carrel/v1/agents/gate-1/twin",
                "carrel/v1/agents/gate-1/unknown",
                "$share/hub/carrel/v1/agents/gate-1/status"
            })
    void parse_foreignOrMalformedTopic_isRejectedNamingTheTopic(String topic) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Topic.parse(topic));
        assertEquals("topic", e.field());
    }

    @Test
    void filters_coverAllAgentsAndShareTheLoad() {
        assertEquals("carrel/v1/agents/+/events/+", Topic.filterAllAgents(Topic.Kind.EVENT));
        assertEquals("carrel/v1/agents/+/status", Topic.filterAllAgents(Topic.Kind.STATUS));
        assertEquals(
                "$share/hub/carrel/v1/agents/+/telemetry",
                Topic.shared("hub", Topic.filterAllAgents(Topic.Kind.TELEMETRY)));
        assertEquals("carrel/v1/agents/gate-1/", Topic.prefix(GATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-gate", "gate-", "GATE", "gate/1", "gate+1", "gate#", "a b"})
    void agentId_withUnsafeCharacters_isRejected(String id) {
        assertThrows(InvalidFieldException.class, () -> AgentId.of(id));
    }

    @Test
    void agentId_of64Characters_isAccepted_of65_isRejected() {
        AgentId.of("a".repeat(64));
        assertThrows(InvalidFieldException.class, () -> AgentId.of("a".repeat(65)));
    }
}
