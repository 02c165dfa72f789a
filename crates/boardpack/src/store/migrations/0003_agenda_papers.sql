-- Schema version 3: agendas, papers with their cover sheets and attachments, the
-- organisation's strategic objectives and its risk registers; committee settings for
-- paper deadlines, agenda verbs and standing items.
ALTER TABLE committee ADD COLUMN paper_deadline_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE committee ADD COLUMN agenda_verbs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE committee ADD COLUMN standing_items TEXT NOT NULL
    DEFAULT '["welcome_and_apologies","quorum","declarations_of_interest","previous_minutes","action_log","any_other_business","date_of_next_meeting"]';

CREATE TABLE objective (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    position         INTEGER NOT NULL,
    text             TEXT NOT NULL
) STRICT;

CREATE TABLE risk (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisation(id),
    register         TEXT NOT NULL CHECK (register IN ('baf', 'operational')),
    reference        TEXT NOT NULL,
    title            TEXT NOT NULL,
    current_rating   INTEGER NOT NULL CHECK (current_rating BETWEEN 1 AND 25),
    target_rating    INTEGER NOT NULL CHECK (target_rating BETWEEN 1 AND 25),
    owner            TEXT NOT NULL DEFAULT '',
    open             INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE agenda_item (
    id                TEXT PRIMARY KEY NOT NULL,
    meeting_id        TEXT NOT NULL REFERENCES meeting(id),
    parent_id         TEXT REFERENCES agenda_item(id),
    position          INTEGER NOT NULL,
    title             TEXT NOT NULL,
    purpose           TEXT NOT NULL CHECK (purpose IN ('decision', 'discussion', 'assurance', 'noting')),
    lead              TEXT NOT NULL,   -- JSON: boardpack_core::agenda::Lead
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes >= 0),
    session           TEXT NOT NULL CHECK (session IN ('public', 'private')),
    private_reason    TEXT NOT NULL DEFAULT '',
    confidential      INTEGER NOT NULL DEFAULT 0,
    for_bulletin      INTEGER NOT NULL DEFAULT 0,
    paper_expected    INTEGER NOT NULL DEFAULT 1,
    standing          TEXT
) STRICT;
CREATE INDEX agenda_item_by_meeting ON agenda_item(meeting_id);

CREATE TABLE paper (
    id               TEXT PRIMARY KEY NOT NULL,
    item_id          TEXT NOT NULL REFERENCES agenda_item(id),
    position         INTEGER NOT NULL,
    letter_override  TEXT,
    title            TEXT NOT NULL,
    authors          TEXT NOT NULL DEFAULT '',
    sponsor          TEXT NOT NULL DEFAULT '',
    cover            TEXT NOT NULL,   -- JSON: boardpack_core::paper::CoverSheet
    received_on      TEXT             -- YYYY-MM-DD
) STRICT;
CREATE INDEX paper_by_item ON paper(item_id);

-- The files of a paper: its document, its appendices, and every attachment replaced or
-- removed (history), each pointing into the blob store.
CREATE TABLE attachment (
    paper_id   TEXT NOT NULL REFERENCES paper(id),
    role       TEXT NOT NULL CHECK (role IN ('document', 'appendix', 'history')),
    position   INTEGER NOT NULL,
    sha256     TEXT NOT NULL REFERENCES blob(sha256),
    file_name  TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    pages      INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    PRIMARY KEY (paper_id, role, position)
) STRICT;
