package dev.carrel.agent.gate;

import static dev.carrel.agent.gate.GateTest.card;
import static dev.carrel.agent.gate.GateTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.RecordingKioskNotifier.Farewell;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Signal;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeGateActuator;
import dev.carrel.drivers.fake.FakeIndicator;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GatePassage.Direction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's exit readers: nobody is ever kept in, and the passage OUT names whoever the read names. */
class GateExitTest {
    static final String UNLISTED = "04EEEEEE";

    @TempDir
    Path dir;

    private final ManualScheduler time = new ManualScheduler(GateTest.START);
    private final FakeHubAuthoriser hub = new FakeHubAuthoriser();
    private final FakeGateActuator entryRelay = new FakeGateActuator("entry-relay");
    private final FakeGateActuator exitRelay = new FakeGateActuator("exit-relay");
    private final FakeIndicator indicator = new FakeIndicator("gate-led");
    private final RecordingKioskNotifier kiosk = new RecordingKioskNotifier();
    private final RecordingEvents events = new RecordingEvents();
    private final FakeCredentialReader exitReader = new FakeCredentialReader("exit-reader");
    private Allowlist allowlist;
    private Gate gate;

    @BeforeEach
    void build() throws Exception {
        allowlist = Allowlist.open(dir.resolve("allowlist.db"));
        allowlist.apply(new AllowlistDelta(
                0,
                1,
                true,
                List.of(
                        entry(GateTest.KNOWN, "p-1", "Zhang S.", Optional.empty()),
                        entry(GateTest.SUSPENDED, "p-3", "Wang F.", Optional.empty())),
                List.of()));
        allowlist.apply(new AllowlistDelta(1, 2, false, List.of(), List.of(card(GateTest.SUSPENDED))));
        GateConfig config = new GateConfig(
                "gate-north",
                GateTest.SECRET,
                "main-library",
                List.of(GateTest.HUB_KEY.getPublic()),
                Duration.ofSeconds(5),
                Duration.ofMillis(800),
                GateConfig.Fallback.DENY);
        Authority authority = new Authority(config, allowlist, new PassVerifier(config, time), hub, time);
        Reminders reminders = patron -> patron.equals("p-1") ? List.of("Hold ready at the desk") : List.of();
        gate = new Gate(
                config,
                new CredentialHasher(GateTest.SECRET),
                authority,
                new GateEffects(entryRelay, indicator, kiosk, reminders, events));
        gate.attachExit(exitReader, exitRelay);
    }

    @AfterEach
    void close() {
        allowlist.close();
    }

    @Test
    void exitTap_listedCard_opensTheExitRelay_recordsPassageOut_andSaysGoodbyeWithReminders() {
        exitReader.present(CredentialKind.CARD_UID, GateTest.KNOWN);

        assertEquals(1, exitRelay.pulses().size());
        assertTrue(entryRelay.pulses().isEmpty(), "the exit opens its own relay");
        assertEquals(List.of(Signal.ACCEPT), indicator.shown());
        assertEquals(
                List.of(new EventBody.GatePassage("gate-north", Direction.OUT, Optional.of(card(GateTest.KNOWN)))),
                events.all());
        assertEquals(
                List.of(new Farewell(
                        Optional.of(card(GateTest.KNOWN)), Optional.of("Zhang S."), List.of("Hold ready at the desk"))),
                kiosk.farewells());
        assertTrue(kiosk.shown().isEmpty(), "an exit is neither a welcome nor a refusal");
        assertTrue(hub.requests().isEmpty(), "an exit never asks the hub");
    }

    @Test
    void exitTap_suspendedUnlistedOrWhileClosed_isNeverRefused() {
        gate.admitting(false);
        exitReader.present(CredentialKind.CARD_UID, GateTest.SUSPENDED);
        exitReader.present(CredentialKind.CARD_UID, UNLISTED);

        assertEquals(2, exitRelay.pulses().size());
        assertEquals(List.of(Signal.ACCEPT, Signal.ACCEPT), indicator.shown());
        assertEquals(
                List.of(Direction.OUT, Direction.OUT),
                events.of(EventBody.GatePassage.class).stream()
                        .map(EventBody.GatePassage::direction)
                        .toList());
        assertEquals(
                List.of(new Farewell(Optional.of(card(UNLISTED)), Optional.empty(), List.of())),
                kiosk.farewells().subList(1, 2),
                "an unlisted card leaves without a name");
        assertTrue(events.of(EventBody.GateDecision.class).isEmpty(), "nothing is decided at an exit");
    }

    @Test
    void exitRead_thatIsNoCredential_stillOpens_andRecordsAnAnonymousPassage() {
        exitReader.present(CredentialKind.WIEGAND, "not-a-number");

        assertEquals(1, exitRelay.pulses().size());
        assertEquals(1, gate.malformed());
        assertEquals(List.of(new EventBody.GatePassage("gate-north", Direction.OUT, Optional.empty())), events.all());
        assertEquals(List.of(new Farewell(Optional.empty(), Optional.empty(), List.of())), kiosk.farewells());
    }

    @Test
    void exitScan_mobilePass_namesThePassPatron_evenIfItWasUsedAtTheEntry() {
        String pass = GateTest.pass("p-1", GateTest.START, Duration.ofSeconds(60));
        gate.present(new FakeCredentialReader("entry-qr").present(CredentialKind.QR, pass));
        exitReader.present(CredentialKind.QR, pass);

        Farewell bye = kiosk.farewells().getFirst();
        assertEquals(Optional.of("Zhang S."), bye.shortName());
        assertEquals(List.of("Hold ready at the desk"), bye.reminders());
        List<EventBody.GatePassage> passages = events.of(EventBody.GatePassage.class);
        assertEquals(
                List.of(Direction.IN, Direction.OUT),
                passages.stream().map(EventBody.GatePassage::direction).toList());
        assertEquals(passages.get(0).credential(), passages.get(1).credential(), "one patron in and out");
    }
}
