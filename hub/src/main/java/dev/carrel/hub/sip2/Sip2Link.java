package dev.carrel.hub.sip2;

import java.io.IOException;

/**
 * One SIP2 connection as our client uses it: send a message, read the answer. Messages end with a carriage
 * return on the wire; neither method includes it. A real one is {@link SocketLink}.
 */
public interface Sip2Link extends AutoCloseable {
    void send(String message) throws IOException;

    /** The next message, without its CR; {@link java.net.SocketTimeoutException} past the timeout. */
    String receive() throws IOException;

    @Override
    void close();

    /** Opens links; the client opens a new one after a failure. */
    @FunctionalInterface
    interface Connector {
        Sip2Link open() throws IOException;
    }
}
