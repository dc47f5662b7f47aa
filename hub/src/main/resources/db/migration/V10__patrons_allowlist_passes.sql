-- Patrons, their credentials as keyed hashes, the allow-list the gates hold, and the mobile-pass sign-in
-- (issue 6). Times are Unix epoch milliseconds (UTC). No raw credential, PIN or face data is ever stored:
-- credential hashes are HMAC-SHA256 under the site secret (kept in a file, not here), PINs are PBKDF2.

CREATE TABLE patrons (
    id            TEXT    PRIMARY KEY,           -- the library's patron id (the ILS barcode)
    pseudonym     TEXT    NOT NULL UNIQUE,       -- what gates and passes name instead of the id
    display_name  TEXT    NOT NULL,
    greeting      TEXT    NOT NULL,              -- the short form a kiosk shows ("Zhang S.")
    patron_group  TEXT    NOT NULL CHECK (patron_group IN
                      ('undergraduate', 'postgraduate', 'faculty', 'staff', 'visitor')),
    college       TEXT    NOT NULL,              -- '' when none
    status        TEXT    NOT NULL CHECK (status IN ('active', 'suspended', 'expired')),
    valid_until   INTEGER,                       -- end of the patron's right of entry; NULL: open-ended
    updated_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX patrons_name ON patrons (display_name COLLATE NOCASE);

CREATE TABLE patron_credentials (
    hash          TEXT    PRIMARY KEY,           -- 64 hex: HMAC-SHA256(site secret, kind:normalised value)
    patron_id     TEXT    NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('card_uid', 'wiegand', 'face', 'nfc_phone'))
) STRICT;

CREATE INDEX patron_credentials_patron ON patron_credentials (patron_id);

-- Every credential the gates have ever been told about, with the allow-list version that last changed it.
-- allowed = 0 rows are revocations (suspended, expired, removed patrons, replaced cards), kept so that a
-- snapshot can carry them as removals and a re-synced gate still refuses them offline. A delta from
-- version v is every row with version > v.
CREATE TABLE allowlist_entries (
    credential    TEXT    PRIMARY KEY,
    pseudonym     TEXT    NOT NULL,
    greeting      TEXT    NOT NULL,
    valid_until   INTEGER,
    allowed       INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    version       INTEGER NOT NULL
) STRICT;

CREATE INDEX allowlist_entries_version ON allowlist_entries (version);

CREATE TABLE allowlist_version (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    version       INTEGER NOT NULL
) STRICT;

INSERT INTO allowlist_version (id, version) VALUES (1, 0);

CREATE TABLE patron_logins (
    patron_id     TEXT    PRIMARY KEY REFERENCES patrons (id) ON DELETE CASCADE,
    pin_hash      TEXT    NOT NULL,              -- pbkdf2-sha256$iterations$salt$hash, base64
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0
) STRICT;
