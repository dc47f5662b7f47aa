package dev.carrel.agent.kiosk;

import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.seats.Seat;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.protocol.CredentialHash;
import java.util.Locale;
import java.util.Optional;
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

    public KioskCardReader(CredentialHasher hasher, KioskPatron patron, SeatSessions seats, KioskFeed feed) {
        this.hasher = hasher;
        this.patron = patron;
        this.seats = seats;
        this.feed = feed;
    }

    public void attach(CredentialReader reader) {
        reader.onCredential(this::tapped);
    }

    void tapped(Credential credential) {
        CredentialHash who;
        try {
            who = hasher.hash(CredentialHasher.kindOf(credential.kind()), credential.value());
        } catch (CredentialHasher.MalformedCredentialException e) {
            LOG.warning(() -> "kiosk reader " + credential.readerId() + " read something that is no credential");
            feed.publish(new KioskEvent.Problem("not_a_card"));
            return;
        }
        patron.tapped(who);
        Optional<Seat> held = seats.seats().stream()
                .filter(s -> s.patron().equals(Optional.of(who)))
                .findFirst();
        feed.publish(new KioskEvent.Patron(
                true,
                held.map(Seat::id),
                held.map(s -> s.state().name().toLowerCase(Locale.ROOT)),
                KioskPatron.VALID.toSeconds()));
    }
}
