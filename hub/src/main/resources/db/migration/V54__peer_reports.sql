-- Peer reports of a seat that is taken but empty (LIBRARY.md "peer report"; docs/reservations.md). The
-- booking's report_due is its deadline, applied by the reservation sweep like the others: a holder not back
-- at the seat by then loses it and counts a violation of kind 'reported_absent'.
ALTER TABLE reservations ADD COLUMN report_due INTEGER;   -- an open report: check in again at the seat by this

CREATE TABLE peer_reports (
    id              TEXT    PRIMARY KEY,
    seat_id         TEXT    NOT NULL,
    reservation_id  TEXT    NOT NULL,
    reporter_id     TEXT    NOT NULL,          -- shown to staff in the evidence, never to the holder
    at              INTEGER NOT NULL,
    due             INTEGER NOT NULL,
    outcome         TEXT    NOT NULL CHECK (outcome IN ('open', 'confirmed', 'released')),
    settled_at      INTEGER,
    settled_by      TEXT                       -- how the holder confirmed: seat_qr, presence, a reader's cause
) STRICT;
CREATE INDEX peer_reports_by_reporter ON peer_reports (reporter_id, at);
CREATE INDEX peer_reports_by_reservation ON peer_reports (reservation_id);

-- SQLite cannot change a CHECK constraint in place: the violations table is rebuilt with the new kind, as in
-- V53, its rows copied as they are and its indexes made again. Nothing references it by foreign key.
CREATE TABLE reservation_violations_v54 (
    id              TEXT    PRIMARY KEY,
    patron_id       TEXT    NOT NULL,
    reservation_id  TEXT,                      -- absent for a walk-up session's or a long-term seat's violation
    seat_id         TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('no_show', 'leave_overrun', 'quota_missed', 'reported_absent')),
    source          TEXT    NOT NULL CHECK (source IN ('hub', 'agent')),
    at              INTEGER NOT NULL,
    exam            INTEGER NOT NULL CHECK (exam IN (0, 1)),
    evidence        TEXT    NOT NULL,          -- JSON: check-in, sensor, leave, the week's presence, the report
    state           TEXT    NOT NULL CHECK (state IN ('counted', 'voided'))
) STRICT;
INSERT INTO reservation_violations_v54 (id, patron_id, reservation_id, seat_id, kind, source, at, exam, evidence, state)
    SELECT id, patron_id, reservation_id, seat_id, kind, source, at, exam, evidence, state FROM reservation_violations;
DROP TABLE reservation_violations;
ALTER TABLE reservation_violations_v54 RENAME TO reservation_violations;
CREATE UNIQUE INDEX reservation_violations_once ON reservation_violations (reservation_id)
    WHERE reservation_id IS NOT NULL;
CREATE INDEX reservation_violations_by_patron ON reservation_violations (patron_id, at);
