-- Schema version 4: in the room. Attendance of members and of others, the register of
-- interests, declarations at items, and the minutes of each item with their actions.
CREATE TABLE attendance (
    meeting_id  TEXT NOT NULL REFERENCES meeting(id),
    person_id   TEXT NOT NULL REFERENCES person(id),
    presence    TEXT NOT NULL CHECK (presence IN ('present', 'apologies', 'absent', 'deputy')),
    deputy      TEXT NOT NULL DEFAULT '',
    arrived     TEXT,   -- HH:MM
    left_at     TEXT,   -- HH:MM
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, person_id)
) STRICT;

CREATE TABLE attendee (
    id            TEXT PRIMARY KEY NOT NULL,
    meeting_id    TEXT NOT NULL REFERENCES meeting(id),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    items         TEXT NOT NULL DEFAULT '[]',   -- JSON: agenda item ids
    minute_taker  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE interest (
    id           TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL REFERENCES person(id),
    category     TEXT NOT NULL CHECK (category IN ('financial', 'non_financial_professional',
                     'non_financial_personal', 'indirect')),
    description  TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    keywords     TEXT NOT NULL DEFAULT '[]',    -- JSON: strings
    from_date    TEXT,
    to_date      TEXT
) STRICT;

CREATE TABLE declaration (
    id           TEXT PRIMARY KEY NOT NULL,
    item_id      TEXT NOT NULL REFERENCES agenda_item(id),
    person_id    TEXT NOT NULL REFERENCES person(id),
    interest_id  TEXT REFERENCES interest(id),
    text         TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action IN ('declaration_only', 'withdrew_from_discussion',
                     'withdrew_from_decision', 'excluded'))
) STRICT;

-- The minute of an item. Saved as it is typed, so it is one small row.
CREATE TABLE minute (
    item_id      TEXT PRIMARY KEY NOT NULL REFERENCES agenda_item(id),
    discussion   TEXT NOT NULL DEFAULT '',
    outcome      TEXT CHECK (outcome IN ('approved', 'approved_with_amendments', 'not_approved',
                     'noted', 'received', 'deferred')),
    amendments   TEXT NOT NULL DEFAULT '',
    resolutions  TEXT NOT NULL DEFAULT '[]'     -- JSON: strings
) STRICT;

CREATE TABLE action (
    id        TEXT PRIMARY KEY NOT NULL,
    item_id   TEXT NOT NULL REFERENCES agenda_item(id),
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    lead      TEXT NOT NULL DEFAULT '',
    due       TEXT
) STRICT;
CREATE INDEX action_by_item ON action(item_id);
