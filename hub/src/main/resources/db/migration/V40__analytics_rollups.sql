-- Analytics rollups (issue 7) and raw-event retention (issue 6, Privacy). Days are local dates (ISO text) in
-- the analytics time zone (docs/analytics.md); durations are milliseconds. A day's rows are rewritten whole
-- from the raw events whenever events of that day arrive, until the day is sealed: then its raw gate and seat
-- events may be deleted and these rows are all that is left of it.

-- One row per visitor (the pseudonymous credential hash) per day and building: the base of unique visitors,
-- new vs returning, segments and the awards. patron_id, group and college are resolved when the day is
-- rolled up; 'unknown' group for a credential no patron holds.
CREATE TABLE analytics_visitor_days (
    day           TEXT    NOT NULL,
    building_id   TEXT    NOT NULL,               -- '' when the gate or seat is not in the space model
    visitor       TEXT    NOT NULL,
    patron_id     TEXT,
    patron_group  TEXT    NOT NULL,
    college       TEXT    NOT NULL,
    entries       INTEGER NOT NULL,
    visits_ms     INTEGER NOT NULL,               -- dwell: entry to exit (or to closing, when unpaired)
    unpaired      INTEGER NOT NULL,               -- entries with no exit, closed at closing time
    seat_ms       INTEGER NOT NULL,               -- time holding a seat in state occupied
    verified_ms   INTEGER NOT NULL,               -- occupied and the seat's sensor saw someone
    sessions      INTEGER NOT NULL,
    no_shows      INTEGER NOT NULL,
    PRIMARY KEY (day, building_id, visitor)
) STRICT;
CREATE INDEX analytics_visitor_days_patron ON analytics_visitor_days (patron_id);   -- export and erasure

-- Each visitor's first day with an entry: "new" visitors in a period are those whose first day falls in it.
CREATE TABLE analytics_first_visits (
    visitor       TEXT    PRIMARY KEY,
    first_day     TEXT    NOT NULL
) STRICT;

-- Entries per local hour, by building and segment.
CREATE TABLE analytics_entry_hours (
    day           TEXT    NOT NULL,
    hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    building_id   TEXT    NOT NULL,
    patron_group  TEXT    NOT NULL,
    college       TEXT    NOT NULL,
    entries       INTEGER NOT NULL,
    PRIMARY KEY (day, hour, building_id, patron_group, college)
) STRICT;

-- Dwell-time histogram: visits by the lower bound of their bucket in minutes (docs/analytics.md).
CREATE TABLE analytics_dwell (
    day           TEXT    NOT NULL,
    building_id   TEXT    NOT NULL,
    patron_group  TEXT    NOT NULL,
    college       TEXT    NOT NULL,
    bucket        INTEGER NOT NULL,
    visits        INTEGER NOT NULL,
    unpaired      INTEGER NOT NULL,
    PRIMARY KEY (day, building_id, patron_group, college, bucket)
) STRICT;

-- Seat use per zone and local hour: the heat map.
CREATE TABLE analytics_zone_hours (
    day           TEXT    NOT NULL,
    hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    zone_id       TEXT    NOT NULL,
    occupied_ms   INTEGER NOT NULL,
    away_ms       INTEGER NOT NULL,
    PRIMARY KEY (day, hour, zone_id)
) STRICT;

-- Per zone and day: seats (as the model had them that day), sessions, no-shows, leaves, energy.
CREATE TABLE analytics_zone_days (
    day           TEXT    NOT NULL,
    zone_id       TEXT    NOT NULL,
    seats         INTEGER NOT NULL,
    sessions      INTEGER NOT NULL,
    no_shows      INTEGER NOT NULL,
    overruns      INTEGER NOT NULL,
    leaves        INTEGER NOT NULL,
    leave_ms      INTEGER NOT NULL,
    energy_wh     REAL    NOT NULL,
    metered_occupied_ms INTEGER NOT NULL,         -- occupied time of seats whose outlet reports energy
    PRIMARY KEY (day, zone_id)
) STRICT;

-- The quarterly award by verified time, kept up to date as days are rolled up, so the leaderboard is an
-- index read. verified_ms is the sum over days of min(that day's verified time, the daily cap).
CREATE TABLE analytics_award_quarters (
    quarter       TEXT    NOT NULL,               -- '2026-Q4'
    patron_id     TEXT    NOT NULL,
    verified_ms   INTEGER NOT NULL,
    days          INTEGER NOT NULL,               -- days with verified time
    PRIMARY KEY (quarter, patron_id)
) STRICT;
CREATE INDEX analytics_award_quarters_rank ON analytics_award_quarters (quarter, verified_ms DESC, days DESC);

-- Loans per patron and day as the library system reports them (PUT /api/analytics/loans).
CREATE TABLE analytics_loans (
    patron_id     TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    loans         INTEGER NOT NULL CHECK (loans >= 0),
    PRIMARY KEY (patron_id, day)
) STRICT;

-- Days whose raw events are (being) deleted: their rows above are final and never rewritten.
CREATE TABLE analytics_sealed_days (
    day           TEXT    PRIMARY KEY,
    sealed_at     INTEGER NOT NULL
) STRICT;

-- Small state: the events rowid rolled up so far ('rolled_rowid'), the daily cap the awards were summed
-- with ('award_cap_ms').
CREATE TABLE analytics_state (
    key           TEXT    PRIMARY KEY,
    value         INTEGER NOT NULL
) STRICT;
