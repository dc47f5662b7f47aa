-- Kiosk feedback (issue 7, "Engagement"), one row per feedback event. Times are Unix epoch milliseconds (UTC).
-- No patron id or credential hash is kept here: at ingest the hub maps the event's patron credential to the
-- patron's group and college and stores only those, and strips the credential from the raw event in the same
-- transaction, so a comment is never stored together with who wrote it (docs/engagement.md, "Feedback").

CREATE TABLE feedback (
    id            TEXT    PRIMARY KEY,           -- the event id (UUIDv7), so a re-delivery is stored once
    agent_id      TEXT    NOT NULL,              -- the kiosk's agent
    kiosk_id      TEXT    NOT NULL,
    zone_id       TEXT    NOT NULL,              -- the kiosk's zone when ingested; '' for a kiosk in no zone (a gate)
    context       TEXT    NOT NULL CHECK (context IN ('exit', 'seat_session', 'room_session')),
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    patron_group  TEXT    NOT NULL,              -- a patron group, or 'unknown'
    college       TEXT    NOT NULL,              -- '' when unknown or none
    comment       TEXT,
    ts            INTEGER NOT NULL               -- the kiosk's clock
) STRICT;

CREATE INDEX feedback_by_ts ON feedback (ts);
