package dev.carrel.hub.sip2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Our SIP2 client (no SIP2 library exists on Maven Central): one connection, one exchange at a time.
 *
 * <p>A session starts with Login (93 → 94) when a user is configured and SC Status (99 → 98), whose
 * supported-messages field {@code BX} says whether Patron Status (23) exists; without it (some FOLIO
 * versions) the client asks Patron Information (63) instead. With error detection on, every message carries
 * {@code AY<seq>AZ<checksum>}; the sequence number runs 0-9 and an answer must echo it. A corrupted answer
 * is asked again with Request ACS Resend (97), at most twice; a 96 from the server (it got ours corrupted)
 * makes us send ours again. A timeout or a broken connection closes the link and the whole exchange is
 * tried again on a new one, {@code retries} times, logging in again. Not thread-safe: one caller.
 */
public final class Sip2Client implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sip2Client.class.getName());
    private static final int RESENDS = 2;

    /** Lengths of the fixed parts after the code, from the 3M SIP2 specification. */
    static final int FIXED_94 = 1;

    static final int FIXED_98 = 34;
    static final int FIXED_24 = 35;
    static final int FIXED_64 = 59;
    static final int FIXED_18 = 24;

    private final Sip2Settings settings;
    private final Sip2Link.Connector connector;
    private final Clock clock;
    private Sip2Link link;
    private int sequence;
    private boolean patronStatusSupported = true;

    public Sip2Client(Sip2Settings settings, Sip2Link.Connector connector, Clock clock) {
        this.settings = settings;
        this.connector = connector;
        this.clock = clock;
    }

    /** A SIP2 failure that retries did not cure. */
    public static final class Sip2Exception extends Exception {
        private static final long serialVersionUID = 1L;

        public Sip2Exception(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One request: its text without trailer, the code and fixed length of the answer it expects. */
    record Request(String text, String answerCode, int answerFixed) {}

    private static String name(Request request) {
        return request == null ? "session start" : request.text().substring(0, 2);
    }

    /**
     * Sends a request and returns its answer, connecting (and logging in) first when need be; with a
     * {@code null} request only makes sure a session is up (and returns {@code null}).
     */
    Sip2Message.Response call(Request request) throws Sip2Exception {
        Exception last = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            try {
                if (link == null) {
                    start();
                }
                return request == null ? null : exchange(request);
            } catch (IOException | Sip2Message.Malformed e) {
                last = e;
                String why = e.getMessage();
                LOG.warning(() -> "SIP2 " + name(request) + " failed (" + why + "); reconnecting");
                closeLink();
            }
        }
        throw new Sip2Exception(
                "SIP2 " + name(request) + " failed after " + (settings.retries() + 1) + " attempts: "
                        + last.getMessage(),
                last);
    }

    /** Whether the server answers Patron Status (23), from its 98's {@code BX}; starts a session if need be. */
    public boolean patronStatusSupported() throws Sip2Exception {
        call(null);
        return patronStatusSupported;
    }

    private void start() throws IOException, Sip2Message.Malformed {
        link = connector.open();
        if (!settings.user().isEmpty()) {
            // 93: UID algorithm and PWD algorithm '0' (none), CN user, CO password, CP location.
            Sip2Message.Response ok = exchange(new Request(
                    "9300CN" + Sip2Message.clean(settings.user()) + "|CO" + Sip2Message.clean(password()) + "|CP"
                            + Sip2Message.clean(settings.location()) + "|",
                    "94",
                    FIXED_94));
            if (!ok.fixed(0, 1).equals("1")) {
                throw new IOException("the SIP2 server refused the login of '" + settings.user() + "'");
            }
        }
        // 99: status code 0 (OK), max print width 040, protocol version 2.00.
        Sip2Message.Response status = exchange(new Request("990 402.00", "98", FIXED_98));
        // BX: 16 Y/N flags; the first is Patron Status (23).
        patronStatusSupported = status.field("BX")
                .map(bx -> bx.isEmpty() || bx.charAt(0) == 'Y')
                .orElse(true);
    }

    private Sip2Message.Response exchange(Request request) throws IOException, Sip2Message.Malformed {
        int seq = sequence;
        sequence = (sequence + 1) % 10;
        String out = settings.errorDetection()
                ? Sip2Message.withTrailer(request.text(), seq, settings.charset())
                : request.text();
        link.send(out);
        for (int tries = 0; ; tries++) {
            String line = link.receive();
            if (line.startsWith("96") && tries < RESENDS) {
                link.send(out); // 96: the server asks us to send our message again
                continue;
            }
            try {
                Sip2Message.Response r =
                        Sip2Message.parse(line, request.answerFixed(), settings.charset(), settings.errorDetection());
                checkAnswer(request, r, seq);
                return r;
            } catch (Sip2Message.Malformed e) {
                if (tries >= RESENDS || !settings.errorDetection()) {
                    throw e;
                }
                link.send("97"); // 97: Request ACS Resend, sent without a trailer (3M SIP2 §"Request ACS Resend")
            }
        }
    }

    private void checkAnswer(Request request, Sip2Message.Response r, int seq) throws Sip2Message.Malformed {
        if (!r.code().equals(request.answerCode())) {
            throw new Sip2Message.Malformed("expected a " + request.answerCode() + ", got a " + r.code());
        }
        if (settings.errorDetection()
                && r.sequence().isPresent()
                && r.sequence().getAsInt() != seq) {
            throw new Sip2Message.Malformed(
                    "answer has sequence " + r.sequence().getAsInt() + ", not " + seq);
        }
    }

    private String password() throws IOException {
        return settings.passwordFile().isPresent()
                ? Files.readString(settings.passwordFile().get(), StandardCharsets.UTF_8)
                        .strip()
                : "";
    }

    /** The transaction date field: now, local time, zone blank. */
    String now() {
        return LocalDateTime.now(clock).format(Sip2Message.DATE);
    }

    String institution() {
        return Sip2Message.clean(settings.institution());
    }

    Optional<String> location() {
        return settings.location().isEmpty() ? Optional.empty() : Optional.of(settings.location());
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    @Override
    public void close() {
        closeLink();
    }
}
