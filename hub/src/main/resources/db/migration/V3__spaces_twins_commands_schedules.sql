-- The space model, twins, commands and schedules (issue 5). Times are Unix epoch milliseconds (UTC).
-- Parents are checked by the hub's SpaceValidator before a model is written, and the model is written
-- whole in one transaction, so these tables carry no foreign keys.

CREATE TABLE space_sites (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    timezone    TEXT    NOT NULL
) STRICT;

CREATE TABLE space_buildings (
    id          TEXT    PRIMARY KEY,
    site_id     TEXT    NOT NULL,
    name        TEXT    NOT NULL
) STRICT;

CREATE TABLE space_floors (
    id          TEXT    PRIMARY KEY,
    building_id TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    level       INTEGER NOT NULL
) STRICT;

CREATE TABLE space_zones (
    id          TEXT    PRIMARY KEY,
    floor_id    TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('area', 'room')),
    fixtures    TEXT    NOT NULL               -- JSON {lamps, outlets, sensors, readers}: lists of 'agent/endpoint'
) STRICT;

CREATE TABLE space_seats (
    id          TEXT    PRIMARY KEY,
    zone_id     TEXT    NOT NULL,
    lamp        TEXT,                          -- 'agentId/endpointId'
    outlet      TEXT,
    sensor      TEXT,
    reader      TEXT
) STRICT;
CREATE INDEX space_seats_by_zone ON space_seats (zone_id);

CREATE TABLE space_gates (
    id          TEXT    PRIMARY KEY,
    building_id TEXT    NOT NULL,
    gate        TEXT,
    readers     TEXT    NOT NULL               -- JSON list of 'agentId/endpointId'
) STRICT;

-- Endpoints declared in the space file's agents section (known before any agent has connected).
CREATE TABLE space_agent_endpoints (
    agent_id    TEXT    NOT NULL,
    endpoint_id TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    PRIMARY KEY (agent_id, endpoint_id)
) STRICT;

-- One row once a model was stored, so an emptied model is not re-seeded from the file at the next start.
CREATE TABLE space_revision (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    revision    INTEGER NOT NULL,
    saved       INTEGER NOT NULL
) STRICT;

CREATE TABLE twins (
    agent_id         TEXT    PRIMARY KEY,
    desired_version  INTEGER NOT NULL DEFAULT 0,
    desired          TEXT    NOT NULL DEFAULT '{}',   -- JSON object
    desired_ts       INTEGER,
    reported_version INTEGER,                         -- appliedVersion of the last twin/reported
    reported         TEXT,
    reported_ts      INTEGER,
    reported_received INTEGER
) STRICT;

CREATE TABLE commands (
    id          TEXT    PRIMARY KEY,           -- UUIDv7, the Command's id
    request_id  TEXT    NOT NULL,              -- the control request it came from
    agent_id    TEXT    NOT NULL,
    endpoint_id TEXT    NOT NULL,
    name        TEXT    NOT NULL,              -- lamp | outlet
    body        TEXT    NOT NULL,              -- the CommandBody as JSON
    created     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'applied', 'failed', 'expired')),
    detail      TEXT,
    updated     INTEGER NOT NULL,
    twin_version INTEGER NOT NULL,             -- the desired twin version that carries its effect
    previous    TEXT                           -- the twin entry it replaced, restored if it expires unapplied
) STRICT;
CREATE INDEX commands_by_request ON commands (request_id);
CREATE INDEX commands_pending ON commands (state, expires_at);

CREATE TABLE schedules (
    building_id TEXT    PRIMARY KEY,
    spec        TEXT    NOT NULL,              -- JSON, see docs/hub-api.md
    updated     INTEGER NOT NULL
) STRICT;

-- Opening and closing actions already run, so a restart or a second tick never repeats one.
CREATE TABLE schedule_runs (
    building_id TEXT    NOT NULL,
    day         TEXT    NOT NULL,              -- local date, ISO
    action      TEXT    NOT NULL,              -- warn | open | close
    ran_at      INTEGER NOT NULL,
    PRIMARY KEY (building_id, day, action)
) STRICT;
