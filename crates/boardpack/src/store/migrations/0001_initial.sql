-- Schema version 1: who meets, and when.
CREATE TABLE organisation (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE committee (
    id                  TEXT PRIMARY KEY NOT NULL,
    organisation_id     TEXT NOT NULL REFERENCES organisation(id),
    name                TEXT NOT NULL,
    code                TEXT NOT NULL UNIQUE,
    minute_ref_pattern  TEXT NOT NULL,
    quorum              TEXT NOT NULL -- JSON: boardpack_core::QuorumRule
) STRICT;

CREATE TABLE person (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    initials      TEXT NOT NULL,
    organisation  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE membership (
    id            TEXT PRIMARY KEY NOT NULL,
    committee_id  TEXT NOT NULL REFERENCES committee(id),
    person_id     TEXT NOT NULL REFERENCES person(id),
    kind          TEXT NOT NULL CHECK (kind IN ('chair', 'executive_director',
                      'non_executive_director', 'voting_member', 'in_attendance', 'secretary')),
    role          TEXT NOT NULL DEFAULT '',
    UNIQUE (committee_id, person_id)
) STRICT;

CREATE TABLE meeting (
    id            TEXT PRIMARY KEY NOT NULL,
    committee_id  TEXT NOT NULL REFERENCES committee(id),
    number        INTEGER NOT NULL CHECK (number > 0),
    date          TEXT NOT NULL,           -- YYYY-MM-DD
    start_time    TEXT,                    -- HH:MM
    end_time      TEXT,                    -- HH:MM
    venue         TEXT NOT NULL DEFAULT '',
    chair_id      TEXT REFERENCES person(id),
    session       TEXT NOT NULL CHECK (session IN ('public', 'private')),
    status        TEXT NOT NULL CHECK (status IN ('planning', 'pack_issued', 'held', 'minutes_approved')),
    UNIQUE (committee_id, number)
) STRICT;

CREATE INDEX meeting_by_date ON meeting(date);
