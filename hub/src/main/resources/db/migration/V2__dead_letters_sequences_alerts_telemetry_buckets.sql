-- Ingest and monitoring (issue 5): dead letters, per-session event sequences, alerts, downsampled telemetry.
-- Times are Unix epoch milliseconds (UTC), as in V1.

-- Messages that the contract refused: kept with the reason so staff can see what an agent sends wrong.
CREATE TABLE dead_letters (
    id              INTEGER PRIMARY KEY,
    received        INTEGER NOT NULL,
    agent_id        TEXT,                          -- NULL when the topic did not name a valid agent
    topic           TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    field           TEXT,                          -- the offending field's path, '$' for the whole payload
    payload         BLOB    NOT NULL,              -- the first bytes of the payload (capped)
    payload_size    INTEGER NOT NULL               -- the payload's real size
) STRICT;
CREATE INDEX dead_letters_by_received ON dead_letters (received);
CREATE INDEX dead_letters_by_agent ON dead_letters (agent_id, received);

-- One row per agent and session: the highest seq seen and how many distinct events arrived. Sequences start at
-- 0 in every session (docs/mqtt-contract.md), so max_seq + 1 - received events of that session are missing.
CREATE TABLE event_sessions (
    agent_id        TEXT    NOT NULL,
    session         INTEGER NOT NULL,
    max_seq         INTEGER NOT NULL,
    received        INTEGER NOT NULL,
    first_received  INTEGER NOT NULL,
    last_received   INTEGER NOT NULL,
    PRIMARY KEY (agent_id, session)
) STRICT, WITHOUT ROWID;

-- Alerts. 'active' says the cause is still present; at most one alert per cause is active, so a cause that
-- persists opens one alert however often it is seen, and one that staff resolved stays resolved until the
-- cause clears and comes back.
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    agent_id        TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL DEFAULT '',   -- what within the agent: an endpoint and fault code
    state           TEXT    NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    active          INTEGER NOT NULL CHECK (active IN (0, 1)),
    message         TEXT    NOT NULL,
    opened          INTEGER NOT NULL,
    acknowledged    INTEGER,
    resolved        INTEGER,
    resolution      TEXT                           -- 'cleared' (the cause went away) or 'staff'
) STRICT;
CREATE UNIQUE INDEX alerts_one_active_per_cause ON alerts (agent_id, kind, subject) WHERE active = 1;
CREATE INDEX alerts_by_state ON alerts (state, opened);

-- Telemetry older than the full-resolution window, folded into fixed buckets per agent.
CREATE TABLE telemetry_buckets (
    agent_id        TEXT    NOT NULL,
    bucket_start    INTEGER NOT NULL,
    bucket_millis   INTEGER NOT NULL,
    samples         INTEGER NOT NULL,
    heap_min        INTEGER NOT NULL,
    heap_avg        REAL    NOT NULL,
    heap_max        INTEGER NOT NULL,
    temp_samples    INTEGER NOT NULL,              -- samples that carried a CPU temperature
    temp_min        REAL,
    temp_avg        REAL,
    temp_max        REAL,
    outbox_min      INTEGER NOT NULL,
    outbox_avg      REAL    NOT NULL,
    outbox_max      INTEGER NOT NULL,
    reader_faults_max INTEGER NOT NULL,
    PRIMARY KEY (agent_id, bucket_start)
) STRICT, WITHOUT ROWID;

-- The downsampling job picks rows by the hub's receive time.
CREATE INDEX telemetry_by_received ON telemetry (received);
