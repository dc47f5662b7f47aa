package dev.carrel.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one agent and the broker that can {@link #freeze()}: bytes stop flowing but no socket
 * closes, as when a Pi loses power or its cable is pulled. Only the broker's keep-alive timer can then tell
 * that the agent is gone (MQTT 5 §3.1.2.10: 1.5 × the keep-alive), which is what the demo and the
 * end-to-end test show.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    public TcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops every byte in both directions, and refuses new connections, without closing anything. */
    public void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket agent = server.accept();
                if (frozen) {
                    sockets.add(agent); // held open, never answered: a dead host
                    continue;
                }
                Socket broker = new Socket(target.getAddress(), target.getPort());
                sockets.add(agent);
                sockets.add(broker);
                Thread.ofVirtual().start(() -> pump(agent, broker));
                Thread.ofVirtual().start(() -> pump(broker, agent));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                while (frozen) {
                    Thread.sleep(50);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // one side closed: the other pump ends too
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
