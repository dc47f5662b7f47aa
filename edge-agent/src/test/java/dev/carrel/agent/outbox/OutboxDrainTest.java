package dev.carrel.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The drain driven round by round ({@code step()}) against a fake broker link. */
class OutboxDrainTest {
    private final Entries entries = new Entries();
    private final MemoryOutbox outbox = new MemoryOutbox(OutboxBudget.DEFAULT);
    private final FakeLink link = new FakeLink();

    private List<Long> fill(int n) {
        for (int i = 0; i < n; i++) {
            outbox.append(entries.next(Retention.NEVER_DROP, 4));
        }
        return outbox.peek(0, n).stream().map(Queued::position).toList();
    }

    @Test
    void sendsInOrder_neverMoreThanTheWindowInFlight() {
        List<Long> positions = fill(10);
        OutboxDrain drain = new OutboxDrain(outbox, link, 4, "test");
        drain.step();
        assertEquals(positions.subList(0, 4), link.sentPositions());
        drain.step();
        assertEquals(4, link.sent.size(), "a full window waits for acknowledgements");
        link.ack(2);
        drain.step();
        assertEquals(positions.subList(0, 6), link.sentPositions());
        assertEquals(4, drain.inFlight());
    }

    @Test
    void acknowledgedEntries_leaveTheOutbox_othersStay() {
        List<Long> positions = fill(5);
        OutboxDrain drain = new OutboxDrain(outbox, link, 10, "test");
        drain.step();
        link.ack(3);
        drain.step();
        assertEquals(
                positions.subList(3, 5),
                outbox.peek(0, 10).stream().map(Queued::position).toList());
        link.ack(2);
        drain.step();
        assertEquals(0, outbox.size());
        assertEquals(positions, link.sentPositions(), "each was sent once");
    }

    @Test
    void newConnection_sendsEverythingUnacknowledgedAgain_fromTheOldest() {
        List<Long> positions = fill(6);
        OutboxDrain drain = new OutboxDrain(outbox, link, 4, "test");
        drain.step();
        link.ack(1);
        link.reconnect(); // positions 2-4 were in flight and are lost with the connection
        drain.step();
        List<Long> again = link.sentPositions().subList(4, link.sent.size());
        assertEquals(positions.subList(1, 5), again);
    }

    @Test
    void whileDown_nothingIsSent_andEntriesWait() {
        fill(3);
        link.connection = 0;
        OutboxDrain drain = new OutboxDrain(outbox, link, 4, "test");
        drain.step();
        assertEquals(0, link.sent.size());
        assertEquals(3, outbox.size());
        link.connection = 5;
        drain.step();
        assertEquals(3, link.sent.size());
    }

    @Test
    void brokerReceiveMaximumBelowTheWindow_shrinksTheWindow_withoutLosingOrder() {
        List<Long> positions = fill(8);
        link.receiveMaximum = 2; // Paho would throw 32202 for the third
        OutboxDrain drain = new OutboxDrain(outbox, link, 16, "test");
        assertTrue(drain.step(), "busy: come back soon");
        assertEquals(positions.subList(0, 2), link.sentPositions());
        link.ack(2);
        drain.step();
        assertEquals(positions.subList(0, 4), link.sentPositions());
        assertEquals(2, drain.inFlight());
    }

    @Test
    void refusedPublish_staysInTheOutbox_andIsSentAgainAfterAPause() throws Exception {
        List<Long> positions = fill(3);
        OutboxDrain drain = new OutboxDrain(outbox, link, 4, "test");
        drain.step();
        link.refuseOldest();
        link.ack(2);
        drain.step();
        assertEquals(
                List.of(positions.get(0)),
                outbox.peek(0, 10).stream().map(Queued::position).toList());
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (link.sent.size() < 4 && System.nanoTime() < deadline) {
            drain.step();
            Thread.sleep(50);
        }
        assertEquals(positions.get(0), link.sentPositions().get(3), "sent again after the refusal");
    }

    @Test
    void runningDrain_emptiesTheOutbox_asAcknowledgementsArrive() throws Exception {
        fill(50);
        try (OutboxDrain drain = new OutboxDrain(outbox, link, 8, "test-drain")) {
            drain.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (outbox.size() > 0 && System.nanoTime() < deadline) {
                if (link.inFlight() > 0) {
                    link.ack(1);
                }
                Thread.sleep(1);
            }
        }
        assertEquals(0, outbox.size());
        assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), link.sentPositions(), "in order, each once");
    }

    @Test
    void window_outsideOneTo65535_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OutboxDrain(outbox, link, 0, "x"));
    }
}
