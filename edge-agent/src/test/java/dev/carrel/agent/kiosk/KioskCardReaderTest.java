package dev.carrel.agent.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatEffects;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.agent.seats.SqliteSeatStore;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tap on the kiosk's own reader names the patron the screen acts for, hashed as a desk reader would. */
class KioskCardReaderTest {
    private static final SiteSecret SECRET =
            SiteSecret.of("kiosk-site-secret-for-tests-only".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private final CredentialHasher hasher = new CredentialHasher(SECRET);
    private final KioskFeed feed = new KioskFeed();
    private final KioskPatron patron = new KioskPatron(Clock.systemUTC());
    private final FakeCredentialReader reader = new FakeCredentialReader("kiosk-reader");
    private SqliteSeatStore store;
    private SeatSessions seats;
    private BlockingQueue<KioskEvent> stream;

    @BeforeEach
    void start() {
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        SeatBinding desk = new SeatBinding(
                "desk-01", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        seats = new SeatSessions(List.of(desk), SeatRules.DEFAULTS, store, new NoEffects(), Clock.systemUTC());
        new KioskCardReader(hasher, patron, seats, feed).attach(reader);
        stream = feed.open();
        stream.clear();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void tap_setsThePatron_andTellsThePage() throws Exception {
        reader.present(CredentialKind.CARD_UID, "04:a1:b2:c3");
        CredentialHash expected = hasher.hash(dev.carrel.protocol.CredentialKind.CARD_UID, "04A1B2C3");
        assertEquals(Optional.of(expected), patron.current());
        KioskEvent.Patron told = (KioskEvent.Patron) stream.poll();
        assertTrue(told.present());
        assertEquals(Optional.empty(), told.seat());
    }

    @Test
    void tap_byAPatronWhoHoldsASeat_namesThatSeat_soTheScreenOffersLeaveAndCheckOut() throws Exception {
        seats.checkIn("desk-01", hasher.hash(dev.carrel.protocol.CredentialKind.CARD_UID, "04A1B2C3"), "desk_reader");
        reader.present(CredentialKind.CARD_UID, "04a1b2c3");
        KioskEvent.Patron told = (KioskEvent.Patron) stream.poll();
        assertEquals(Optional.of("desk-01"), told.seat());
        assertEquals(Optional.of("occupied"), told.seatState());
    }

    @Test
    void somethingThatIsNoCard_isAProblem_andSetsNoPatron() {
        reader.present(CredentialKind.CARD_UID, "zz");
        assertEquals(Optional.empty(), patron.current());
        assertEquals(new KioskEvent.Problem("not_a_card"), stream.poll());
    }

    private static final class NoEffects implements SeatEffects {
        @Override
        public void power(SeatBinding seat, boolean on) {}

        @Override
        public void warn(SeatBinding seat) {}

        @Override
        public void attention(SeatBinding seat, boolean on) {}

        @Override
        public void publish(EventBody event) {}
    }
}
