package dev.carrel.hub.broker;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Topic;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import java.util.logging.Logger;

/**
 * Authentication and default-deny authorisation for the embedded broker (DESIGN §4, §7).
 *
 * <p>An agent connects with its id as both client id and user name, and may publish and subscribe under its
 * own prefix {@code carrel/v1/agents/{id}/} only. The hub may do anything under {@code carrel/}. Client ids
 * and user names holding {@code +}, {@code #} or {@code /} are refused outright: Moquette 0.18.3 can be
 * tricked into wildcard ACL matches by them (../shared/STACK.md §4).
 */
final class BrokerAccess implements IAuthenticator, IAuthorizatorPolicy {
    private static final Logger LOG = Logger.getLogger(BrokerAccess.class.getName());

    private final BrokerUsers users;

    BrokerAccess(BrokerUsers users) {
        this.users = users;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (unsafe(clientId) || unsafe(username)) {
            LOG.warning(() -> "broker refused client '" + clientId + "': unsafe characters in its id or user");
            return false;
        }
        var role = users.authenticate(username, password);
        if (role.isEmpty()) {
            LOG.warning(() -> "broker refused client '" + clientId + "': wrong credentials for '" + username + "'");
            return false;
        }
        if (role.get() == BrokerUsers.Role.AGENT && !clientId.equals(username)) {
            LOG.warning(() -> "broker refused agent '" + username + "': client id '" + clientId + "' is not its own");
            return false;
        }
        return true;
    }

    @Override
    public boolean canWrite(io.moquette.broker.subscriptions.Topic topic, String user, String client) {
        return allowed(topic.toString(), user);
    }

    @Override
    public boolean canRead(io.moquette.broker.subscriptions.Topic topic, String user, String client) {
        return allowed(topic.toString(), user);
    }

    private boolean allowed(String topic, String user) {
        var role = user == null ? java.util.Optional.<BrokerUsers.Role>empty() : users.role(user);
        if (role.isEmpty()) {
            return false;
        }
        return switch (role.get()) {
            case HUB -> topic.startsWith("carrel/") || topic.startsWith("$share/hub/carrel/");
            case AGENT -> topic.startsWith(Topic.prefix(AgentId.of(user)));
        };
    }

    private static boolean unsafe(String id) {
        return id == null || id.isEmpty() || id.indexOf('+') >= 0 || id.indexOf('#') >= 0 || id.indexOf('/') >= 0;
    }
}
