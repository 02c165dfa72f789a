-- Schema version 5: between meetings. Actions get a status and a history of updates, and
-- the minutes of a meeting keep their versions (the one approved is frozen).
ALTER TABLE action ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'on_track', 'at_risk', 'overdue', 'complete', 'closed'));

CREATE TABLE action_update (
    id          TEXT PRIMARY KEY NOT NULL,
    action_id   TEXT NOT NULL REFERENCES action(id),
    date        TEXT NOT NULL,   -- YYYY-MM-DD
    status      TEXT NOT NULL
        CHECK (status IN ('open', 'on_track', 'at_risk', 'overdue', 'complete', 'closed')),
    note        TEXT NOT NULL DEFAULT '',
    meeting_id  TEXT REFERENCES meeting(id)
) STRICT;
CREATE INDEX action_update_by_action ON action_update(action_id);

-- A copy of a meeting's minutes as they stood when recorded (at approval, for one): the
-- items' references and titles and every minute with its actions, as JSON.
CREATE TABLE minutes_version (
    meeting_id   TEXT NOT NULL REFERENCES meeting(id),
    version      INTEGER NOT NULL CHECK (version > 0),
    recorded_on  TEXT NOT NULL,  -- YYYY-MM-DD
    note         TEXT NOT NULL DEFAULT '',
    approved_at  TEXT REFERENCES agenda_item(id),
    snapshot     TEXT NOT NULL,  -- JSON: boardpack_core::minutes::MinutesSnapshot
    PRIMARY KEY (meeting_id, version)
) STRICT;
