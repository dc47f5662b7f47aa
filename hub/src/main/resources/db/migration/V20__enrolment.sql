-- Enrolment (issue 10): one-time tokens for planned devices, the devices enrolled with them, and every
-- attempt, refused or not (until the audit log lands).
CREATE TABLE enrolment_tokens (
    id          TEXT PRIMARY KEY,             -- short public handle, for listing and revoking
    token_hash  TEXT NOT NULL UNIQUE,         -- SHA-256 of the token's text; the text itself is never kept
    role        TEXT NOT NULL,
    zone        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    used_by     TEXT,                         -- the agent id it enrolled
    revoked_at  TEXT
);

CREATE TABLE enrolled_devices (
    agent_id    TEXT PRIMARY KEY,
    role        TEXT NOT NULL,
    zone        TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    hostname    TEXT NOT NULL,
    token_id    TEXT NOT NULL REFERENCES enrolment_tokens(id),
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE enrolment_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,                -- token-created, token-revoked, enrolled, refused, device-revoked
    token_id    TEXT,
    agent_id    TEXT,
    detail      TEXT NOT NULL,
    remote      TEXT NOT NULL DEFAULT ''
);
