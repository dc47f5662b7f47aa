package dev.carrel.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay from an agent to a broker port that a test can close to new connections and open again. It
 * decides when the agent may come back after a broker restart, so the hub can subscribe first: a fresh
 * in-memory broker drops messages no one has subscribed to yet.
 */
final class OutboxRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    OutboxRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("outbox-relay").start(this::accept);
    }

    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** New connections are closed at once, as a refused connect would be; open ones stay. */
    void refuse() {
        open = false;
    }

    void allow() {
        open = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket agent = server.accept();
                if (!open) {
                    agent.close();
                    continue;
                }
                Socket broker;
                try {
                    broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                } catch (IOException brokerDown) {
                    agent.close();
                    continue;
                }
                sockets.add(agent);
                sockets.add(broker);
                Thread.ofVirtual().start(() -> pump(agent, broker));
                Thread.ofVirtual().start(() -> pump(broker, agent));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
