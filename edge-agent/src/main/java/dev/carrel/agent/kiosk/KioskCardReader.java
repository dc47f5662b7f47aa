package dev.carrel.agent.kiosk;

import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.seats.Seat;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.MobilePass;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The kiosk's own card reader ({@code kiosk.reader}): a tap names the patron the touch screen then acts for
 * ({@link KioskPatron}), hashed with the site's secret exactly as a desk reader's tap, and tells the page
 * (a {@code patron} event) with the seat that patron already holds here. The raw value goes no further than
 * the hasher (docs/gate.md, "Privacy").
 */
public final class KioskCardReader {
    private static final Logger LOG = Logger.getLogger(KioskCardReader.class.getName());

    private final CredentialHasher hasher;
    private final KioskPatron patron;
    private final SeatSessions seats;
    private final KioskFeed feed;
    private volatile Optional<Consumer<EventBody>> checkIns = Optional.empty();

    public KioskCardReader(CredentialHasher hasher, KioskPatron patron, SeatSessions seats, KioskFeed feed) {
        this.hasher = hasher;
        this.patron = patron;
        this.seats = seats;
        this.feed = feed;
    }

    public void attach(CredentialReader reader) {
        reader.onCredential(this::tapped);
    }

    /**
     * An event kiosk ({@code kiosk.mode: event}): every tap is also an {@code event_check_in} to {@code events}
     * (the outbox), a mobile pass hashed by its patron pseudonym as the gate hashes it (docs/engagement.md).
     */
    public KioskCardReader checkingInTo(Consumer<EventBody> events) {
        this.checkIns = Optional.of(events);
        return this;
    }

    void tapped(Credential credential) {
        CredentialHash who;
        CredentialKind kind;
        try {
            kind = CredentialHasher.kindOf(credential.kind());
            who = hasher.hash(
                    kind, kind == CredentialKind.QR_PASS ? passHolder(credential.value()) : credential.value());
        } catch (CredentialHasher.MalformedCredentialException | MobilePass.Refused e) {
            LOG.warning(() -> "kiosk reader " + credential.readerId() + " read something that is no credential");
            feed.publish(new KioskEvent.Problem("not_a_card"));
            return;
        }
        patron.tapped(who);
        checkIns.ifPresent(events -> events.accept(new EventBody.EventCheckIn(credential.readerId(), kind, who)));
        Optional<Seat> held = seats.seats().stream()
                .filter(s -> s.patron().equals(Optional.of(who)))
                .findFirst();
        feed.publish(new KioskEvent.Patron(
                true,
                held.map(Seat::id),
                held.map(s -> s.state().name().toLowerCase(Locale.ROOT)),
                KioskPatron.VALID.toSeconds()));
    }

    /**
     * The pseudonym a mobile pass names. An event kiosk holds no pass keys, so the signature is not checked
     * here: the hub accepts the check-in only for a patron holding a place at an event open for check-in.
     */
    private static String passHolder(String text) throws MobilePass.Refused {
        return MobilePass.parse(text).patron();
    }
}
