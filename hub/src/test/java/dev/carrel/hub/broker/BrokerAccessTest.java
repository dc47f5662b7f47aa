package dev.carrel.hub.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Authentication and the default-deny ACL, called as Moquette calls them. */
class BrokerAccessTest {
    private static final String AGENT = "reading-room-2";
    private static final String OTHER = "reading-room-3";
    private static final String HUB = "carrel-hub";

    private final BrokerUsers users = new BrokerUsers();
    private final BrokerAccess access = new BrokerAccess(users);
    private final byte[] agentSecret = secret(users.issue(AGENT, BrokerUsers.Role.AGENT));
    private final byte[] hubSecret = secret(users.issue(HUB, BrokerUsers.Role.HUB));

    @Test
    void checkValid_agentWithItsSecretAndOwnClientId_isAccepted() {
        assertTrue(access.checkValid(AGENT, AGENT, agentSecret));
    }

    @Test
    void checkValid_hubWithItsSecret_isAccepted() {
        assertTrue(access.checkValid("any-hub-client", HUB, hubSecret));
    }

    @Test
    void checkValid_wrongSecret_isRefused() {
        assertFalse(access.checkValid(AGENT, AGENT, hubSecret));
        assertFalse(access.checkValid(AGENT, AGENT, secret("not-the-secret")));
        assertFalse(access.checkValid(AGENT, AGENT, null));
    }

    @Test
    void checkValid_unknownUser_isRefused() {
        assertFalse(access.checkValid(OTHER, OTHER, agentSecret));
    }

    @Test
    void checkValid_agentWhoseClientIdIsNotItsUser_isRefused() {
        assertFalse(access.checkValid(OTHER, AGENT, agentSecret));
    }

    @Test
    void checkValid_idsWithWildcardsOrLevelSeparator_areRefusedEvenWithTheRightSecret() {
        for (String unsafe : new String[] {"hub+", "hub#", "hub/x"}) {
            byte[] secret = secret(users.issue(unsafe, BrokerUsers.Role.HUB));
            assertFalse(access.checkValid("hub-client", unsafe, secret), "user " + unsafe);
        }
        for (String unsafe : new String[] {AGENT + "+", AGENT + "#", AGENT + "/x"}) {
            assertFalse(access.checkValid(unsafe, HUB, hubSecret), "client id " + unsafe);
        }
    }

    @Test
    void checkValid_emptyOrMissingIds_areRefused() {
        assertFalse(access.checkValid("", HUB, hubSecret));
        assertFalse(access.checkValid("hub-client", null, hubSecret));
    }

    @Test
    void agent_mayReadAndWriteUnderItsOwnPrefix() {
        for (String topic : new String[] {
            "carrel/v1/agents/reading-room-2/status",
            "carrel/v1/agents/reading-room-2/events/lamp_state",
            "carrel/v1/agents/reading-room-2/commands/+",
            "carrel/v1/agents/reading-room-2/#"
        }) {
            assertTrue(access.canWrite(new Topic(topic), AGENT, AGENT), "write " + topic);
            assertTrue(access.canRead(new Topic(topic), AGENT, AGENT), "read " + topic);
        }
    }

    @Test
    void agent_mayNotUseAnotherAgentsPrefixOrAWildcardOverAgents() {
        for (String topic : new String[] {
            "carrel/v1/agents/reading-room-3/status",
            "carrel/v1/agents/reading-room-20/status",
            "carrel/v1/agents/reading-room/status",
            "carrel/v1/agents/+/status",
            "carrel/v1/agents/+/events/+",
            "carrel/v1/agents/#",
            "carrel/#",
            "#",
            "$share/hub/carrel/v1/agents/+/events/+",
            "other/reading-room-2/status"
        }) {
            assertFalse(access.canWrite(new Topic(topic), AGENT, AGENT), "write " + topic);
            assertFalse(access.canRead(new Topic(topic), AGENT, AGENT), "read " + topic);
        }
    }

    @Test
    void hub_mayUseAnythingUnderCarrel() {
        for (String topic : new String[] {
            "carrel/v1/agents/+/status",
            "carrel/v1/agents/reading-room-2/commands/set_lamp",
            "$share/hub/carrel/v1/agents/+/events/+"
        }) {
            assertTrue(access.canWrite(new Topic(topic), HUB, HUB), "write " + topic);
            assertTrue(access.canRead(new Topic(topic), HUB, HUB), "read " + topic);
        }
    }

    @Test
    void hub_mayNotUseTopicsOutsideCarrel() {
        for (String topic : new String[] {"#", "$SYS/broker/clients", "other/topic", "$share/other/carrel/v1/x"}) {
            assertFalse(access.canWrite(new Topic(topic), HUB, HUB), "write " + topic);
            assertFalse(access.canRead(new Topic(topic), HUB, HUB), "read " + topic);
        }
    }

    @Test
    void unknownOrMissingUser_mayDoNothing() {
        Topic own = new Topic("carrel/v1/agents/reading-room-3/status");
        assertFalse(access.canWrite(own, OTHER, OTHER));
        assertFalse(access.canRead(own, OTHER, OTHER));
        assertFalse(access.canWrite(own, null, OTHER));
        assertFalse(access.canRead(own, null, OTHER));
    }

    @Test
    void revokedAgent_mayNoLongerConnectOrPublish() {
        users.revoke(AGENT);

        assertFalse(access.checkValid(AGENT, AGENT, agentSecret));
        assertFalse(access.canWrite(new Topic("carrel/v1/agents/reading-room-2/status"), AGENT, AGENT));
    }

    private static byte[] secret(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
