-- Times are Unix epoch milliseconds (UTC): compact, and they sort.

CREATE TABLE agents (
    id              TEXT    PRIMARY KEY,
    online          INTEGER NOT NULL CHECK (online IN (0, 1)),
    session         INTEGER NOT NULL,
    version         TEXT,
    endpoints       TEXT    NOT NULL DEFAULT '[]', -- JSON array of {id, kind} from the last birth
    first_seen      INTEGER NOT NULL,
    last_seen       INTEGER NOT NULL,              -- last message from the agent itself (not its Last Will)
    status_changed  INTEGER NOT NULL
) STRICT;

CREATE TABLE events (
    id          TEXT    PRIMARY KEY,               -- UUIDv7: consumers dedupe on it
    agent_id    TEXT    NOT NULL,
    session     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    ts          INTEGER NOT NULL,                  -- the agent's clock
    received    INTEGER NOT NULL,                  -- the hub's clock
    body        TEXT    NOT NULL                   -- the event body as JSON
) STRICT;
CREATE INDEX events_by_agent ON events (agent_id, session, seq);
CREATE INDEX events_by_type ON events (type, ts);

CREATE TABLE telemetry (
    agent_id        TEXT    NOT NULL,
    ts              INTEGER NOT NULL,
    received        INTEGER NOT NULL,
    uptime_s        INTEGER NOT NULL,
    heap_used       INTEGER NOT NULL,
    heap_max        INTEGER NOT NULL,
    cpu_temp_c      REAL,
    outbox_depth    INTEGER NOT NULL,
    reader_faults   INTEGER NOT NULL
) STRICT;
CREATE INDEX telemetry_by_agent ON telemetry (agent_id, ts);
