-- Staff accounts, API tokens and the audit log (docs/hub.md, "Staff sign-in and audit").
-- Times are Unix epoch milliseconds (UTC).

CREATE TABLE staff_users (
    username        TEXT    PRIMARY KEY,           -- 1-64 of a-z 0-9 . _ -
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'facilities', 'librarian')),
    password_hash   TEXT    NOT NULL,              -- pbkdf2-sha256$<iterations>$<salt>$<hash>
    failures        INTEGER NOT NULL DEFAULT 0,    -- failed sign-ins in a row
    locked_until    INTEGER NOT NULL DEFAULT 0,
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at      INTEGER NOT NULL,
    password_set_at INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_tokens (
    id          TEXT    PRIMARY KEY,               -- shown in lists; the token itself is never stored
    token_hash  TEXT    NOT NULL UNIQUE,           -- SHA-256 of the 256-bit random token, hex
    username    TEXT    NOT NULL REFERENCES staff_users (username),
    label       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor       TEXT,                              -- the staff member; NULL when nobody was signed in
    role        TEXT,
    via         TEXT    NOT NULL,                  -- session, token or none
    remote      TEXT    NOT NULL,                  -- the client's address
    method      TEXT    NOT NULL,
    path        TEXT    NOT NULL,                  -- with the query string
    status      INTEGER NOT NULL,
    detail      TEXT                               -- what the handler said it did
) STRICT;
CREATE INDEX audit_by_time ON audit_log (at);
CREATE INDEX audit_by_actor ON audit_log (actor, at);
