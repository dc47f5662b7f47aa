package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.kiosk.KioskEvent;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.hub.sip2.FakeIls;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, "Done when": the gate greeting shows the patron's due and hold reminders from the SIP2 server. A
 * Koha-like SIP2 server in process ({@code FakeIls}), a real hub with {@code carrel.sip2} pointing at it, and
 * a simulated gate agent: the hub fetches the reminders ahead of time and pushes them to the gate, so the
 * greeting carries them even after the library system has gone away.
 */
class GateRemindersTest extends HubAndGate {

    @Test
    void greeting_showsDueAndHoldReminders_fetchedAheadFromTheIls() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FakeIls.Account zhang = new FakeIls.Account(
                Map.of(
                        "B1",
                        today.plusDays(2).atTime(12, 0),
                        "B2",
                        today.plusDays(40).atStartOfDay()),
                1,
                Map.of("H1", "Main desk"));
        try (FakeIls ils = new FakeIls(FakeIls.Profile.KOHA, Charset.forName("IBM850"), Map.of("2023004217", zhang))) {
            hub = GateAgentRig.hub(
                    dir,
                    Map.of(
                            "carrel.sip2.host", "127.0.0.1",
                            "carrel.sip2.port", Integer.toString(ils.port()),
                            "carrel.sip2.user", "carrel",
                            "carrel.sip2.institution", "main",
                            "carrel.sip2.timeout-ms", "2000"));
            new HubApi(hub).importPatrons(PatronGateTest.CSV);
            gate = GateAgentRig.gate(dir, Optional.of(hub));
            GateAgentRig.awaitReason(gate, CredentialKind.CARD_UID, "04A1B2C3", Reason.ALLOW_LISTED);

            // What the hub's timer does every refresh-minutes, run now rather than waited for.
            assertTrue(hub.access().orElseThrow().extras().refreshReminders(), "the reminders changed");
        }
        // The library system is gone: what the gate shows was fetched before.
        BlockingQueue<KioskEvent> feed = gate.kioskFeed().open();
        KioskEvent.Greeting[] last = new KioskEvent.Greeting[1];
        PatronGateTest.await(
                () -> {
                    try {
                        GateAgentRig.tap(gate, CredentialKind.CARD_UID, "04A1B2C3");
                        last[0] = GateAgentRig.greeting(feed);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    return !last[0].reminders().isEmpty();
                },
                "the gate greeting carries reminders");
        assertEquals("Zhang S.", last[0].shortName());
        List<String> lines = last[0].reminders();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("1 book overdue", lines.get(0));
        assertTrue(lines.get(1).startsWith("1 book due "), lines.toString());
        assertEquals("1 hold ready at Main desk", lines.get(2));

        GateAgentRig.tap(gate, CredentialKind.CARD_UID, "04A1B2C5");
        KioskEvent.Greeting ada = GateAgentRig.greeting(feed);
        assertEquals("Ada L.", ada.shortName());
        assertEquals(List.of(), ada.reminders(), "nothing due for a patron the ILS has no loans for");
    }
}
