package dev.carrel.hub.sip2;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * SIP2 over TCP, or TLS when configured (SIP2 itself is plaintext, so TLS or a tunnel is advised where the
 * ILS offers it). Text is encoded in the configured character set; a message ends at CR (LIBRARY.md). A
 * read waits at most the configured timeout.
 *
 * <p>With TLS the server's certificate must chain to a trusted one (the JDK's trust store, or the one named
 * by {@code javax.net.ssl.trustStore}; docs/patrons.md) and must name the configured host: endpoint
 * identification is the HTTPS rule (RFC 2818 §3.1, subject alternative names), which the JDK leaves off for
 * a plain {@code SSLSocket}. The handshake happens when the link opens, under the same timeout, so a
 * refused certificate is a clear failure there rather than at the first read.
 */
public final class SocketLink implements Sip2Link {
    /** No SIP2 answer is anywhere near this long; a longer one means a broken peer. */
    private static final int MAX_MESSAGE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Sip2Settings settings;

    private SocketLink(Socket socket, Sip2Settings settings) throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A connector for these settings; TLS trusts what the JDK's default trust store holds. */
    public static Sip2Link.Connector connector(Sip2Settings settings) {
        return () -> open(settings, Optional.empty());
    }

    /** A connector whose TLS uses this factory (its own trust) instead of the JDK's default: for tests. */
    static Sip2Link.Connector connector(Sip2Settings settings, SSLSocketFactory tls) {
        return () -> open(settings, Optional.of(tls));
    }

    private static SocketLink open(Sip2Settings settings, Optional<SSLSocketFactory> tls) throws IOException {
        int timeout = (int) settings.timeout().toMillis();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            plain.setSoTimeout(timeout);
            plain.setTcpNoDelay(true);
            Socket s = settings.tls()
                    ? secure(plain, settings, tls.orElseGet(() -> (SSLSocketFactory) SSLSocketFactory.getDefault()))
                    : plain;
            return new SocketLink(s, settings);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLSocket secure(Socket plain, Sip2Settings settings, SSLSocketFactory factory) throws IOException {
        SSLSocket s = (SSLSocket) factory.createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (SSLException e) {
            throw new SSLException(
                    "TLS to the SIP2 server " + settings.host() + ":" + settings.port()
                            + " refused: its certificate must be trusted and name '" + settings.host() + "' ("
                            + e.getMessage() + ")",
                    e);
        }
        return s;
    }

    @Override
    public void send(String message) throws IOException {
        out.write((message + "\r").getBytes(settings.charset()));
        out.flush();
    }

    @Override
    public String receive() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the SIP2 server closed the connection");
            }
            if (b == '\r') {
                return buf.toString(settings.charset());
            }
            if (b != '\n' || buf.size() > 0) {
                buf.write(b); // an LF after the previous CR (some servers send CRLF) is skipped
            }
            if (buf.size() > MAX_MESSAGE) {
                throw new IOException("a SIP2 message longer than " + MAX_MESSAGE + " bytes");
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
