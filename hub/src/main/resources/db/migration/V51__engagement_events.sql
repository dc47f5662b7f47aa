-- Library events (lectures, workshops, reading clubs) with registration, waitlist and attendance (issue 7).
-- Times are Unix epoch milliseconds (UTC).

CREATE TABLE library_events (
    id                   TEXT    PRIMARY KEY,
    title                TEXT    NOT NULL,
    kind                 TEXT    NOT NULL CHECK (kind IN ('lecture', 'workshop', 'reading_club', 'other')),
    zone_id              TEXT    NOT NULL,       -- the room or zone it is held in; '' when elsewhere
    starts_at            INTEGER NOT NULL,
    ends_at              INTEGER NOT NULL,
    capacity             INTEGER NOT NULL CHECK (capacity >= 1),
    registration_opens   INTEGER NOT NULL,
    registration_closes  INTEGER NOT NULL,
    cancelled_at         INTEGER,                -- NULL while it takes place
    updated_at           INTEGER NOT NULL,
    CHECK (ends_at > starts_at AND registration_closes > registration_opens)
) STRICT;

CREATE INDEX library_events_by_start ON library_events (starts_at);

-- One row per patron registered for an event: a place, or a waitlist position (ordered by id, which only
-- grows). A cancelled registration is deleted. checked_in_at is the attendance.
CREATE TABLE event_registrations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT    NOT NULL REFERENCES library_events (id) ON DELETE CASCADE,
    patron_id      TEXT    NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    state          TEXT    NOT NULL CHECK (state IN ('place', 'waitlist')),
    registered_at  INTEGER NOT NULL,
    checked_in_at  INTEGER,
    checked_in_by  TEXT    CHECK (checked_in_by IN ('card', 'qr', 'staff')),
    UNIQUE (event_id, patron_id)
) STRICT;

CREATE INDEX event_registrations_by_patron ON event_registrations (patron_id);
