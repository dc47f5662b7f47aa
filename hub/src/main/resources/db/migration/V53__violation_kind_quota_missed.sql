-- A long-term seat's week below its presence quota counts as a violation (docs/reservations.md, "Long-term
-- seats"). SQLite cannot change a CHECK constraint in place: the table is rebuilt with the new kind allowed,
-- its rows copied as they are, and its indexes made again. Nothing references it by foreign key.
CREATE TABLE reservation_violations_v53 (
    id              TEXT    PRIMARY KEY,
    patron_id       TEXT    NOT NULL,
    reservation_id  TEXT,                      -- absent for a walk-up session's or a long-term seat's violation
    seat_id         TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('no_show', 'leave_overrun', 'quota_missed')),
    source          TEXT    NOT NULL CHECK (source IN ('hub', 'agent')),
    at              INTEGER NOT NULL,
    exam            INTEGER NOT NULL CHECK (exam IN (0, 1)),
    evidence        TEXT    NOT NULL,          -- JSON: check-in, sensor, leave, or the week's presence
    state           TEXT    NOT NULL CHECK (state IN ('counted', 'voided'))
) STRICT;
INSERT INTO reservation_violations_v53 (id, patron_id, reservation_id, seat_id, kind, source, at, exam, evidence, state)
    SELECT id, patron_id, reservation_id, seat_id, kind, source, at, exam, evidence, state FROM reservation_violations;
DROP TABLE reservation_violations;
ALTER TABLE reservation_violations_v53 RENAME TO reservation_violations;
CREATE UNIQUE INDEX reservation_violations_once ON reservation_violations (reservation_id)
    WHERE reservation_id IS NOT NULL;
CREATE INDEX reservation_violations_by_patron ON reservation_violations (patron_id, at);
