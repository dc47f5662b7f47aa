package dev.carrel.hub.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Moquette 0.18 (MQTT 5) running inside the hub's process, for a single-machine site (DESIGN §6). Why
 * Moquette: docs/architecture.md. Anonymous clients are refused; {@link BrokerAccess} checks each one.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(EmbeddedBroker.class.getName());

    /** The largest MQTT packet the broker takes: an allow-list snapshot of a large campus. */
    public static final int MAX_PACKET_BYTES = 32 * 1024 * 1024;

    private final Server server = new Server();
    private final String host;
    private final int port;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Starts the broker. Port 0 picks a free port first: Moquette cannot report a port the OS chose for it
     * (../shared/STACK.md §4).
     */
    public static EmbeddedBroker start(
            String host, int requestedPort, Path dataDir, boolean persistent, BrokerUsers users) throws IOException {
        int port = requestedPort != 0 ? requestedPort : freePort(host);
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, Boolean.toString(persistent));
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath().toString());
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        // Moquette refuses packets over 8,092 bytes by default: a reading room's birth or an allow-list
        // snapshot is larger. Same cap as the codec's largest payload.
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_PACKET_BYTES));
        EmbeddedBroker broker = new EmbeddedBroker(host, port);
        BrokerAccess access = new BrokerAccess(users);
        broker.server.startServer(new MemoryConfig(p), List.of(), null, access, access);
        return broker;
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The URI clients on this machine use. */
    public String uri() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "tcp://" + h + ":" + port;
    }

    /** Cuts a client off at once (revocation); it may reconnect only with valid credentials. */
    public boolean disconnect(String clientId) {
        return server.disconnectClient(clientId);
    }

    @Override
    public void close() {
        try {
            server.stopServer();
        } catch (io.netty.util.IllegalReferenceCountException e) {
            // Moquette 0.18 can release a queued message's buffer twice while it drops sessions at shutdown.
            // The broker is stopped either way; what is lost is one pooled buffer of a process that is ending.
            LOG.log(java.util.logging.Level.WARNING, "the embedded broker released a message twice while stopping", e);
        }
    }
}
