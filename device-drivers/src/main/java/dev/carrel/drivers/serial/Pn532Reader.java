package dev.carrel.drivers.serial;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Scheduler;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A PN532 NFC reader on HSU polling for ISO 14443A targets (NXP UM0701-02).
 *
 * <p>On open: the HSU wake-up ({@code 55 55 00 00 00…}, §6.2.2 HSU wake-up condition),
 * SAMConfiguration normal mode (§7.2.10), and RFConfiguration MxRtyPassiveActivation = 2 (§7.3.1)
 * so that InListPassiveTarget returns at once when no card is there instead of waiting forever.
 * Then every poll interval: InListPassiveTarget(1 target, 106 kbps type A) (§7.3.5). A card left
 * on the reader is reported once, again only after it was away or after {@code repeat}. Three
 * unanswered polls in a row reset the port, which faults the device until the PN532 answers.
 *
 * <p>A 4-byte UID starting with {@code 08} is a random UID (ISO 14443-3 §6.4.4), which phones
 * emulating a card use; it is reported as {@link CredentialKind#NFC_PHONE} so the agent can tell
 * the patron to use the app's credential rather than trusting a value that changes every tap.
 */
public final class Pn532Reader implements CredentialReader {

    static final byte[] WAKE_UP = {0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] SAM_CONFIGURATION = Pn532Parser.command(0x14, (byte) 0x01, (byte) 0x14, (byte) 0x01);
    static final byte[] RF_RETRIES = Pn532Parser.command(0x32, (byte) 0x05, (byte) 0xFF, (byte) 0x01, (byte) 0x02);
    static final byte[] LIST_TARGET = Pn532Parser.command(0x4A, (byte) 0x01, (byte) 0x00);
    static final int LIST_TARGET_RESPONSE = 0x4B;
    private static final int MAX_UNANSWERED = 3;

    private final String id;
    private final Scheduler scheduler;
    private final Duration poll;
    private final Duration repeat;
    private final Listeners<Credential> listeners;
    private final Pn532Parser parser;
    private final SerialConnection connection;

    private Scheduler.Cancellable ticker = Scheduler.Cancellable.NONE;
    private boolean awaiting;
    private int unanswered;
    private String lastUid = "";
    private long lastSeenNanos;
    private boolean closed;

    public Pn532Reader(
            String id,
            Scheduler scheduler,
            Duration poll,
            Duration repeat,
            Function<SerialConnection.Session, SerialConnection> connect) {
        this.id = id;
        this.scheduler = scheduler;
        this.poll = poll;
        this.repeat = repeat;
        this.listeners = new Listeners<>(id);
        this.parser = new Pn532Parser(this::frame);
        this.connection = connect.apply(new SerialConnection.Session() {
            @Override
            public void opened(SerialConnection c) {
                c.write(WAKE_UP);
                c.write(SAM_CONFIGURATION);
                c.write(RF_RETRIES);
                synchronized (Pn532Reader.this) {
                    awaiting = false;
                    unanswered = 0;
                }
            }

            @Override
            public void bytes(byte[] data, int length) {
                parser.feed(data, 0, length);
            }
        });
    }

    public void start() {
        connection.start();
        schedulePoll();
    }

    @Override
    public void onCredential(Consumer<Credential> listener) {
        listeners.add(listener);
    }

    private synchronized void schedulePoll() {
        if (!closed) {
            ticker = scheduler.schedule(poll, this::tick);
        }
    }

    private void tick() {
        boolean reset = false;
        synchronized (this) {
            if (connection.fault().isEmpty()) {
                if (awaiting && ++unanswered >= MAX_UNANSWERED) {
                    unanswered = 0;
                    awaiting = false;
                    reset = true;
                } else if (!awaiting || unanswered > 0) {
                    awaiting = connection.write(LIST_TARGET);
                }
            }
        }
        if (reset) {
            connection.reset("PN532 did not answer " + MAX_UNANSWERED + " polls");
        }
        schedulePoll();
    }

    private void frame(Pn532Frame f) {
        if (!(f instanceof Pn532Frame.Response r) || r.code() != LIST_TARGET_RESPONSE) {
            return; // ACKs and the configuration replies
        }
        Optional<Credential> read;
        synchronized (this) {
            awaiting = false;
            unanswered = 0;
            read = target(r.data());
        }
        read.ifPresent(listeners::emit);
    }

    /** InListPassiveTarget 106A reply: NbTg, Tg, SENS_RES(2), SEL_RES, NFCIDLength, NFCID1… */
    private Optional<Credential> target(byte[] d) {
        if (d.length < 1 || d[0] == 0) {
            lastUid = "";
            return Optional.empty();
        }
        if (d.length < 6 || d.length < 6 + (d[5] & 0xFF) || (d[5] & 0xFF) == 0) {
            return Optional.empty();
        }
        int uidLength = d[5] & 0xFF;
        String uid = HexFormat.of().withUpperCase().formatHex(d, 6, 6 + uidLength);
        long now = scheduler.nanoTime();
        boolean same = uid.equals(lastUid) && now - lastSeenNanos < repeat.toNanos();
        lastSeenNanos = now;
        lastUid = uid;
        if (same) {
            return Optional.empty();
        }
        boolean randomUid = uidLength == 4 && d[6] == 0x08;
        CredentialKind kind = randomUid ? CredentialKind.NFC_PHONE : CredentialKind.CARD_UID;
        return Optional.of(new Credential(kind, uid, id, scheduler.now()));
    }

    /** Frames decoded and bytes dropped by the parser, for diagnostics. */
    public String counters() {
        return parser.framesDecoded() + " frames, " + parser.bytesDropped() + " bytes dropped";
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<DriverFault> fault() {
        return connection.fault();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            ticker.cancel();
        }
        connection.close();
    }
}
