-- Seat and room reservations, violations, appeals and booking bans (issue 7, docs/reservations.md).
-- Times are Unix epoch milliseconds (UTC).

CREATE TABLE reservations (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('seat', 'room')),
    resource_id     TEXT    NOT NULL,          -- the seat id, or the room's zone id
    zone_id         TEXT    NOT NULL,
    patron_id       TEXT    NOT NULL,
    holder          TEXT,                      -- the credential hash the seat's agent holds the seat for
    start_at        INTEGER NOT NULL,
    end_at          INTEGER NOT NULL,
    grace_until     INTEGER NOT NULL,          -- check-in (and presence) must happen before this
    state           TEXT    NOT NULL CHECK (state IN
                        ('forming', 'booked', 'checked_in', 'completed', 'cancelled', 'no_show', 'released')),
    reason          TEXT,                      -- why it ended, when it did
    join_code       TEXT,                      -- rooms: the code the group joins with
    min_group       INTEGER NOT NULL DEFAULT 1,
    checked_in_at   INTEGER,                   -- a check-in at the seat (reader, kiosk, seat QR)
    check_in_source TEXT,
    presence_at     INTEGER,                   -- the seat's sensor confirmed it
    leaves_used     INTEGER NOT NULL DEFAULT 0,
    leave_until     INTEGER,                   -- the running temporary leave ends here
    pushed          INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1)),
    created         INTEGER NOT NULL,
    updated         INTEGER NOT NULL
) STRICT;
CREATE INDEX reservations_by_resource ON reservations (resource_id, start_at);
CREATE INDEX reservations_by_patron ON reservations (patron_id, start_at);
CREATE INDEX reservations_by_state ON reservations (state, start_at);
CREATE UNIQUE INDEX reservations_join_code ON reservations (join_code)
    WHERE join_code IS NOT NULL AND state IN ('forming', 'booked', 'checked_in');

-- Two live bookings of one seat or room never overlap: checked here, inside the writer's transaction, so two
-- patrons racing for the last seat get one booking and one refusal whatever the code above does.
CREATE TRIGGER reservations_no_overlap_insert BEFORE INSERT ON reservations
WHEN NEW.state IN ('forming', 'booked', 'checked_in') AND EXISTS (
    SELECT 1 FROM reservations r
    WHERE r.resource_id = NEW.resource_id AND r.state IN ('forming', 'booked', 'checked_in')
      AND r.start_at < NEW.end_at AND NEW.start_at < r.end_at)
BEGIN
    SELECT RAISE(ABORT, 'reservation_overlap');
END;

CREATE TRIGGER reservations_no_overlap_update BEFORE UPDATE OF start_at, end_at ON reservations
WHEN NEW.state IN ('forming', 'booked', 'checked_in') AND EXISTS (
    SELECT 1 FROM reservations r
    WHERE r.resource_id = NEW.resource_id AND r.id <> NEW.id AND r.state IN ('forming', 'booked', 'checked_in')
      AND r.start_at < NEW.end_at AND NEW.start_at < r.end_at)
BEGIN
    SELECT RAISE(ABORT, 'reservation_overlap');
END;

CREATE TABLE reservation_members (
    reservation_id  TEXT    NOT NULL,
    patron_id       TEXT    NOT NULL,
    joined          INTEGER NOT NULL,
    PRIMARY KEY (reservation_id, patron_id)
) STRICT;
CREATE INDEX reservation_members_by_patron ON reservation_members (patron_id);

CREATE TABLE reservation_violations (
    id              TEXT    PRIMARY KEY,
    patron_id       TEXT    NOT NULL,
    reservation_id  TEXT,                      -- absent for a walk-up session's violation
    seat_id         TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('no_show', 'leave_overrun')),
    source          TEXT    NOT NULL CHECK (source IN ('hub', 'agent')),
    at              INTEGER NOT NULL,
    exam            INTEGER NOT NULL CHECK (exam IN (0, 1)),
    evidence        TEXT    NOT NULL,          -- JSON: check-in, sensor, leave; gate entries are read at review
    state           TEXT    NOT NULL CHECK (state IN ('counted', 'voided'))
) STRICT;
-- A booking counts one violation at most, whether the hub or the agent saw it first.
CREATE UNIQUE INDEX reservation_violations_once ON reservation_violations (reservation_id)
    WHERE reservation_id IS NOT NULL;
CREATE INDEX reservation_violations_by_patron ON reservation_violations (patron_id, at);

CREATE TABLE reservation_appeals (
    id              TEXT    PRIMARY KEY,
    violation_id    TEXT    NOT NULL UNIQUE,
    patron_id       TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    created         INTEGER NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
    decided_by      TEXT,
    decided_at      INTEGER,
    note            TEXT
) STRICT;
CREATE INDEX reservation_appeals_by_state ON reservation_appeals (state, created);

CREATE TABLE reservation_bans (
    id              TEXT    PRIMARY KEY,
    patron_id       TEXT    NOT NULL,
    from_at         INTEGER NOT NULL,
    until_at        INTEGER NOT NULL,
    violations      INTEGER NOT NULL,
    exam            INTEGER NOT NULL CHECK (exam IN (0, 1)),
    repeated        INTEGER NOT NULL CHECK (repeated IN (0, 1)),
    trigger_id      TEXT    NOT NULL,          -- the violation that crossed the threshold
    lifted          INTEGER NOT NULL DEFAULT 0 CHECK (lifted IN (0, 1)),
    created         INTEGER NOT NULL
) STRICT;
CREATE INDEX reservation_bans_by_patron ON reservation_bans (patron_id, until_at);

-- Seat presence as intervals, from the seats' sensors (to_at NULL while someone is there).
CREATE TABLE seat_presence (
    seat_id         TEXT    NOT NULL,
    from_at         INTEGER NOT NULL,
    to_at           INTEGER,
    PRIMARY KEY (seat_id, from_at)
) STRICT;
