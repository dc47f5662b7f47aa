-- Volunteer shifts, sign-ups and checked-in time (issue 7). Times are Unix epoch milliseconds (UTC).

CREATE TABLE volunteer_shifts (
    id            TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL,
    zone_id       TEXT    NOT NULL,              -- '' when not tied to a zone
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    slots         INTEGER NOT NULL CHECK (slots >= 1),
    cancelled_at  INTEGER,
    updated_at    INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX volunteer_shifts_by_start ON volunteer_shifts (starts_at);

-- A patron signed up for a shift, and the time they were checked in (by a card at a kiosk, or by staff).
-- Hours credited are computed from these times, capped to the shift (docs/engagement.md, "Volunteers").
CREATE TABLE volunteer_signups (
    shift_id        TEXT    NOT NULL REFERENCES volunteer_shifts (id) ON DELETE CASCADE,
    patron_id       TEXT    NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    signed_up_at    INTEGER NOT NULL,
    checked_in_at   INTEGER,
    checked_out_at  INTEGER,
    PRIMARY KEY (shift_id, patron_id)
) STRICT;

CREATE INDEX volunteer_signups_by_patron ON volunteer_signups (patron_id);
