package dev.carrel.hub.sip2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * An in-process SIP2 server that answers like Koha's (error detection on, Patron Status 23 supported) or
 * FOLIO's edge-sip2 (error detection off, 23 missing from {@code BX}). It knows a few patrons and items, and
 * can corrupt or drop answers, or go silent, on demand. It only plays the library system: the checksums, sequence numbers,
 * fall-backs and retries under test are the client's own. Shared with the demo's end-to-end tests through
 * the hub's test jar.
 */
public final class FakeIls implements AutoCloseable {
    /** How the server behaves: Koha's or FOLIO's. */
    public record Profile(boolean errorDetection, boolean patronStatus) {
        public static final Profile KOHA = new Profile(true, true);
        public static final Profile FOLIO = new Profile(false, false);
    }

    /** A patron's account: loans (item → due), overdue count, holds ready (item → pickup place). */
    public record Account(Map<String, LocalDateTime> loans, int overdue, Map<String, String> holds) {}

    private final Profile profile;
    private final Charset charset;
    private final Map<String, Account> accounts;
    private final ServerSocket server;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger corruptNext = new AtomicInteger();
    final AtomicInteger dropNext = new AtomicInteger();
    /** While set, requests are read and recorded but never answered, and the connection stays open. */
    final AtomicBoolean silent = new AtomicBoolean();
    /** Connections accepted so far. */
    final AtomicInteger connections = new AtomicInteger();

    public FakeIls(Profile profile, Charset charset, Map<String, Account> accounts) throws IOException {
        this(profile, charset, accounts, new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
    }

    private FakeIls(Profile profile, Charset charset, Map<String, Account> accounts, ServerSocket server) {
        this.profile = profile;
        this.charset = charset;
        this.accounts = accounts;
        this.server = server;
        Thread.ofVirtual().start(this::accept);
    }

    /** The same server behind TLS, with the certificate of the factory's context (a test's own). */
    public static FakeIls overTls(
            Profile profile, Charset charset, Map<String, Account> accounts, SSLServerSocketFactory tls)
            throws IOException {
        return new FakeIls(profile, charset, accounts, tls.createServerSocket(0, 10, InetAddress.getLoopbackAddress()));
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream()) {
            String last = "";
            while (true) {
                String msg = read(in);
                if (msg == null) {
                    return;
                }
                received.add(msg);
                if (silent.get()) {
                    continue;
                }
                if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return; // the connection dies without an answer
                }
                String answer = msg.startsWith("97") ? last : answer(msg);
                last = answer;
                if (corruptNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer = answer.replaceFirst("BL", "BX"); // a changed byte: the checksum no longer holds
                }
                out.write((answer + "\r").getBytes(charset));
                out.flush();
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private String read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            b.write(c);
        }
        return c < 0 ? null : b.toString(charset);
    }

    private String answer(String msg) {
        String seq = "";
        String body = msg;
        var m = java.util.regex.Pattern.compile("AY(\\d)AZ([0-9A-F]{4})$").matcher(msg);
        if (m.find()) {
            if (!Sip2Message.checksum(msg.substring(0, m.start(2)), charset).equals(m.group(2))) {
                return "96";
            }
            seq = m.group(1);
            body = msg.substring(0, m.start());
        }
        String date = LocalDateTime.of(2026, 11, 23, 9, 0).format(Sip2Message.DATE);
        String reply =
                switch (body.substring(0, 2)) {
                    case "93" -> "941";
                    case "99" ->
                        "98YYYYYN010003" + date + "2.00AOmain|AMCarrel Test ILS|BX"
                                + (profile.patronStatus() ? "Y" : "N") + "YYYNYYYNYYYYYYY|";
                    case "23" -> profile.patronStatus() ? patronStatus(body, date) : "96";
                    case "63" -> patronInformation(body, date);
                    case "17" -> itemInformation(body, date);
                    default -> "96";
                };
        return profile.errorDetection() && !reply.equals("96")
                ? Sip2Message.withTrailer(reply, Integer.parseInt(seq.isEmpty() ? "0" : seq), charset)
                : reply;
    }

    /** A field of a request whose fixed part (after the code) has {@code fixed} characters. */
    private static String field(String body, int fixed, String id) {
        for (String part : body.substring(2 + fixed).split("\\|")) {
            if (part.startsWith(id)) {
                return part.substring(2);
            }
        }
        return "";
    }

    private String patronStatus(String body, String date) {
        String id = field(body, 21, "AA");
        return "24" + " ".repeat(14) + "001" + date + "AOmain|AA" + id + "|AEPatron " + id + "|BL"
                + (accounts.containsKey(id) ? "Y" : "N") + "|";
    }

    private String patronInformation(String body, String date) {
        String id = field(body, 31, "AA");
        Account a = accounts.get(id);
        String summary = body.substring(23, 33);
        if (a == null) {
            return "64" + " ".repeat(14) + "001" + date + "000000000000000000000000AOmain|AA" + id + "|BLN|";
        }
        StringBuilder b = new StringBuilder("64" + " ".repeat(14) + "001" + date);
        b.append(String.format(
                "%04d%04d%04d", a.holds().size(), a.overdue(), a.loans().size()));
        b.append("000000000000AOmain|AA")
                .append(id)
                .append("|AEPatron ")
                .append(id)
                .append("|BLY|");
        if (summary.charAt(0) == 'Y') {
            a.holds().keySet().forEach(item -> b.append("AS").append(item).append('|'));
        }
        if (summary.charAt(2) == 'Y') {
            a.loans().keySet().forEach(item -> b.append("AU").append(item).append('|'));
        }
        return b.toString();
    }

    private String itemInformation(String body, String date) {
        String item = field(body, 18, "AB");
        for (Account a : accounts.values()) {
            if (a.loans().containsKey(item)) {
                return "18040001" + date + "AB" + item + "|AJA title the gate must not show|AH"
                        + a.loans().get(item).format(Sip2Message.DATE) + "|APStacks|";
            }
            if (a.holds().containsKey(item)) {
                return "18080001" + date + "AB" + item + "|AJAnother title|AP"
                        + a.holds().get(item) + "|";
            }
        }
        return "18010001" + date + "AB" + item + "|AJ|";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
