package dev.carrel.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} must do; run against the SQLite file and the in-memory fake. */
abstract class OutboxContract {
    final Entries entries = new Entries();
    private final List<Outbox> opened = new ArrayList<>();

    abstract Outbox create(OutboxBudget budget);

    Outbox open(OutboxBudget budget) {
        Outbox outbox = create(budget);
        opened.add(outbox);
        return outbox;
    }

    Outbox open() {
        return open(OutboxBudget.DEFAULT);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Outbox::close);
    }

    @Test
    void peek_returnsEntriesInAppendOrder_fromAGivenPosition() {
        Outbox outbox = open();
        List<OutboxEntry> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            OutboxEntry e = entries.next(i % 2 == 0 ? Retention.NEVER_DROP : Retention.TELEMETRY, 10);
            appended.add(e);
            assertEquals(Admission.STORED, outbox.append(e));
        }
        List<Queued> all = outbox.peek(0, 100);
        assertEquals(appended, all.stream().map(Queued::entry).toList());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).position() > all.get(i - 1).position());
        }
        assertEquals(appended.subList(4, 7), entriesOf(outbox.peek(all.get(3).position(), 3)));
        assertEquals(10, outbox.size());
        assertEquals(100, outbox.bytes());
    }

    @Test
    void remove_forgetsOnlyAcknowledgedEntries_andIgnoresUnknownPositions() {
        Outbox outbox = open();
        for (int i = 0; i < 5; i++) {
            outbox.append(entries.next(Retention.NEVER_DROP, 3));
        }
        List<Queued> all = outbox.peek(0, 10);
        outbox.remove(List.of(all.get(0).position(), all.get(2).position(), 999_999L));
        outbox.remove(List.of(all.get(0).position())); // a duplicate PUBACK
        assertEquals(
                List.of(all.get(1), all.get(3), all.get(4)).stream()
                        .map(Queued::entry)
                        .toList(),
                entriesOf(outbox.peek(0, 10)));
        assertEquals(3, outbox.size());
        assertEquals(9, outbox.bytes());
        assertEquals(5, outbox.appended());
    }

    @Test
    void positions_areNeverReused_afterTheOutboxEmpties() {
        Outbox outbox = open();
        outbox.append(entries.next(Retention.NEVER_DROP, 1));
        long first = outbox.peek(0, 1).get(0).position();
        outbox.remove(List.of(first));
        outbox.append(entries.next(Retention.NEVER_DROP, 1));
        assertTrue(outbox.peek(0, 1).get(0).position() > first);
    }

    @Test
    void nextSeq_continuesTheLastSession_andStartsAtZeroForAnother() {
        Outbox outbox = open();
        assertEquals(0, outbox.nextSeq(3));
        outbox.append(new OutboxEntry(
                new Entries().next(Retention.NEVER_DROP, 1).id(),
                3,
                41,
                "gate_decision",
                Retention.NEVER_DROP,
                new byte[1]));
        assertEquals(42, outbox.nextSeq(3));
        assertEquals(0, outbox.nextSeq(4));
    }

    @Test
    void fullBudget_dropsOldestTelemetryFirst_thenRecords_neverGateOrSeatEvents() {
        Outbox outbox = open(new OutboxBudget(4, 1_000_000));
        OutboxEntry record = entries.next(Retention.RECORD, 10);
        OutboxEntry telemetry1 = entries.next(Retention.TELEMETRY, 10);
        OutboxEntry gate = entries.next(Retention.NEVER_DROP, 10);
        OutboxEntry telemetry2 = entries.next(Retention.TELEMETRY, 10);
        for (OutboxEntry e : List.of(record, telemetry1, gate, telemetry2)) {
            outbox.append(e);
        }
        OutboxEntry seat = entries.next(Retention.NEVER_DROP, 10);
        assertEquals(new Admission(true, 1, false), outbox.append(seat));
        assertEquals(List.of(record, gate, telemetry2, seat), entriesOf(outbox.peek(0, 10)));

        OutboxEntry gate2 = entries.next(Retention.NEVER_DROP, 10);
        OutboxEntry gate3 = entries.next(Retention.NEVER_DROP, 10);
        outbox.append(gate2); // evicts telemetry2
        outbox.append(gate3); // evicts the record: no telemetry left
        assertEquals(List.of(gate, seat, gate2, gate3), entriesOf(outbox.peek(0, 10)));
        assertEquals(3, outbox.dropped());
    }

    @Test
    void fullOfNeverDropEvents_refusesTelemetry_butStoresGateEventsBeyondTheBudget() {
        Outbox outbox = open(new OutboxBudget(2, 1_000_000));
        outbox.append(entries.next(Retention.NEVER_DROP, 1));
        outbox.append(entries.next(Retention.NEVER_DROP, 1));

        Admission telemetry = outbox.append(entries.next(Retention.TELEMETRY, 1));
        assertFalse(telemetry.stored());
        assertEquals(1, telemetry.dropped());
        Admission record = outbox.append(entries.next(Retention.RECORD, 1));
        assertFalse(record.stored());

        Admission gate = outbox.append(entries.next(Retention.NEVER_DROP, 1));
        assertTrue(gate.stored());
        assertTrue(gate.overBudget());
        assertEquals(0, gate.dropped());
        assertEquals(3, outbox.size());
        assertEquals(2, outbox.dropped());
        assertEquals(3, outbox.appended());
    }

    @Test
    void byteBudget_evictsEnoughTelemetryToFitALargeEntry() {
        Outbox outbox = open(new OutboxBudget(1_000, 100));
        for (int i = 0; i < 10; i++) {
            outbox.append(entries.next(Retention.TELEMETRY, 10));
        }
        Admission big = outbox.append(entries.next(Retention.TELEMETRY, 35));
        assertEquals(new Admission(true, 4, false), big);
        assertEquals(95, outbox.bytes());
        assertEquals(7, outbox.size());
    }

    @Test
    void telemetry_neverEvictsARecord() {
        Outbox outbox = open(new OutboxBudget(1, 1_000));
        OutboxEntry record = entries.next(Retention.RECORD, 1);
        outbox.append(record);
        assertFalse(outbox.append(entries.next(Retention.TELEMETRY, 1)).stored());
        assertEquals(List.of(record), entriesOf(outbox.peek(0, 10)));
    }

    @Test
    void refusedEntry_stillUsesItsSeq_soTheHubSeesAGap() {
        Outbox outbox = open(new OutboxBudget(1, 1_000));
        outbox.append(entries.next(Retention.NEVER_DROP, 1));
        OutboxEntry refused = entries.next(Retention.TELEMETRY, 1);
        assertFalse(outbox.append(refused).stored());
        assertEquals(refused.seq() + 1, outbox.nextSeq(refused.session()));
    }

    @Test
    void appendAll_storesInOrder_andCountsWhatTheBudgetDropped() {
        Outbox outbox = open(new OutboxBudget(3, 1_000));
        List<OutboxEntry> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(entries.next(Retention.TELEMETRY, 1));
        }
        assertEquals(2, outbox.appendAll(batch));
        assertEquals(batch.subList(2, 5), entriesOf(outbox.peek(0, 10)));
    }

    @Test
    void closedOutbox_refusesWork_withAClearError() {
        Outbox outbox = open();
        outbox.close();
        OutboxException e =
                assertThrows(OutboxException.class, () -> outbox.append(entries.next(Retention.NEVER_DROP, 1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    static List<OutboxEntry> entriesOf(List<Queued> queued) {
        return queued.stream().map(Queued::entry).toList();
    }
}
