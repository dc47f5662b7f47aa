-- Long-term seats of the exam-preparation area: a seat held for weeks, kept only while the seat's sensor
-- sees it used for the weekly quota (docs/reservations.md). Times are Unix epoch milliseconds (UTC).
CREATE TABLE long_term_seats (
    id              TEXT    PRIMARY KEY,
    seat_id         TEXT    NOT NULL,
    zone_id         TEXT    NOT NULL,
    patron_id       TEXT    NOT NULL,
    from_at         INTEGER NOT NULL,
    until_at        INTEGER NOT NULL,
    quota_minutes   INTEGER NOT NULL,          -- presence minutes a week needs
    checked_until   INTEGER NOT NULL,          -- the end of the last week whose presence was checked
    state           TEXT    NOT NULL CHECK (state IN ('active', 'released', 'ended', 'cancelled')),
    reason          TEXT,
    weeks           TEXT    NOT NULL DEFAULT '[]', -- JSON: each checked week's presence minutes
    created         INTEGER NOT NULL,
    updated         INTEGER NOT NULL
) STRICT;
CREATE INDEX long_term_seats_by_seat ON long_term_seats (seat_id, state);
CREATE INDEX long_term_seats_by_patron ON long_term_seats (patron_id, state);

-- One active hold per seat, one per patron.
CREATE UNIQUE INDEX long_term_seats_one_per_seat ON long_term_seats (seat_id) WHERE state = 'active';
CREATE UNIQUE INDEX long_term_seats_one_per_patron ON long_term_seats (patron_id) WHERE state = 'active';
