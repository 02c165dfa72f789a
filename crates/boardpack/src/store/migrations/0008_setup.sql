-- Schema version 8: setting up and running the organisation from the window.
-- The organisation's document language and logo (a PNG in the blob store); a committee's
-- pack issue rule, its minute numbering carried on from before Boardpack and its
-- retirement; a person's email; memberships with the vice-chair and associate kinds, a
-- vote of their own, the order the secretary sets and start and end dates; the register of
-- interests with the date declared and the action taken, and nil returns.
ALTER TABLE organisation ADD COLUMN language TEXT NOT NULL DEFAULT 'en-GB';
-- Checked at commit, so an archive's organisations may come in before its files.
ALTER TABLE organisation ADD COLUMN logo_sha256 TEXT
    REFERENCES blob(sha256) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE organisation ADD COLUMN logo_media_type TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN logo_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisation ADD COLUMN logo_height INTEGER NOT NULL DEFAULT 0;

ALTER TABLE committee ADD COLUMN pack_issue_days INTEGER NOT NULL DEFAULT 5;
ALTER TABLE committee ADD COLUMN numbering TEXT NOT NULL DEFAULT '[]';  -- JSON: [NumberingStart]
ALTER TABLE committee ADD COLUMN retired_on TEXT;                       -- YYYY-MM-DD

ALTER TABLE person ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt. Existing seats
-- keep the order they were listed in (chair first, then by kind and name) and vote as
-- their kind did.
CREATE TABLE membership_v8 (
    id            TEXT PRIMARY KEY NOT NULL,
    committee_id  TEXT NOT NULL REFERENCES committee(id),
    person_id     TEXT NOT NULL REFERENCES person(id),
    kind          TEXT NOT NULL CHECK (kind IN ('chair', 'vice_chair', 'executive_director',
                      'non_executive_director', 'associate', 'voting_member', 'in_attendance',
                      'secretary')),
    role          TEXT NOT NULL DEFAULT '',
    voting        INTEGER NOT NULL DEFAULT 1,
    position      INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
    from_date     TEXT,   -- YYYY-MM-DD
    to_date       TEXT,   -- YYYY-MM-DD
    UNIQUE (committee_id, person_id)
) STRICT;

INSERT INTO membership_v8 (id, committee_id, person_id, kind, role, voting, position)
SELECT m.id, m.committee_id, m.person_id, m.kind, m.role,
       m.kind NOT IN ('in_attendance', 'secretary'),
       ROW_NUMBER() OVER (
           PARTITION BY m.committee_id
           ORDER BY CASE m.kind WHEN 'chair' THEN 0 WHEN 'executive_director' THEN 1
                        WHEN 'non_executive_director' THEN 2 WHEN 'voting_member' THEN 3
                        WHEN 'in_attendance' THEN 4 ELSE 5 END,
                    p.name, m.id) - 1
FROM membership m JOIN person p ON p.id = m.person_id;

DROP TABLE membership;
ALTER TABLE membership_v8 RENAME TO membership;
CREATE INDEX membership_by_committee ON membership(committee_id, position);

ALTER TABLE interest ADD COLUMN declared_on TEXT;                 -- YYYY-MM-DD
ALTER TABLE interest ADD COLUMN action TEXT NOT NULL DEFAULT '';

CREATE TABLE nil_return (
    person_id    TEXT NOT NULL REFERENCES person(id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    declared_on  TEXT NOT NULL,   -- YYYY-MM-DD
    PRIMARY KEY (person_id, year)
) STRICT;
