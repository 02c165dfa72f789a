-- Schema version 11: the minutes as issued. Those in attendance have initials, as members
-- do (an officer who leads an action is named by them), and the time a meeting closed is
-- recorded, for "The meeting closed at 12:45".
ALTER TABLE attendee ADD COLUMN initials TEXT NOT NULL DEFAULT '';

CREATE TABLE meeting_closed (
    meeting_id  TEXT PRIMARY KEY NOT NULL REFERENCES meeting(id),
    closed_at   TEXT NOT NULL   -- HH:MM
) STRICT;
