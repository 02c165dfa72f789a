-- Search across the whole archive. Derived data only: everything here can be rebuilt from
-- the tables of versions 1 to 6 and the blob store, so none of it is in the archive format.
--
-- search_entry holds the text search reads, one row per record: a meeting, an agenda item,
-- a paper (details and cover sheet), a minute, an action; and one row per attached file,
-- keyed by the blob's SHA-256 (kind 'file'), holding the text extracted from the PDF when it
-- was attached or imported, so a file is read once and its text is stored once. Record rows
-- are kept current by the triggers below; file rows are written by the application, which
-- alone can read a PDF. search_fts is the full-text index over search_entry (an FTS5
-- external-content table), kept current by search_entry's own triggers.
--
-- Tokenizer: unicode61 with diacritics folded, and no stemming. Search is type-ahead and
-- every word typed matches the words that begin with it; with the porter stemmer a half-typed
-- word ("meetin") is not a prefix of the whole word's stem ("meet"), so results would vanish
-- mid-word. The prefix indexes make short prefixes cheap.

CREATE TABLE search_entry (
    id     INTEGER PRIMARY KEY,   -- the FTS rowid: stable, never reused while the row lives
    kind   TEXT NOT NULL CHECK (kind IN ('meeting', 'item', 'paper', 'minute', 'action', 'file')),
    ref    TEXT NOT NULL,         -- the record's id; for 'file', the blob's SHA-256
    title  TEXT NOT NULL DEFAULT '',
    body   TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, ref)
) STRICT;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_entry', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
-- Ranking: bm25 with a word in a title worth ten in a body.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER search_entry_insert AFTER INSERT ON search_entry BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_entry_delete AFTER DELETE ON search_entry BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_entry_update AFTER UPDATE ON search_entry
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- A file's text is found through the papers that attach it.
CREATE INDEX attachment_by_sha256 ON attachment(sha256);

-- What each kind of record contributes: (ref, title, body). Fields are separated by line
-- breaks, which the tokenizer ignores and snippets show as spaces.

CREATE VIEW search_meeting_source (ref, title, body) AS
SELECT m.id,
       c.name || ' ' || CAST(substr(m.date, 9, 2) AS INTEGER) || ' ' ||
           CASE substr(m.date, 6, 2)
               WHEN '01' THEN 'January' WHEN '02' THEN 'February' WHEN '03' THEN 'March'
               WHEN '04' THEN 'April' WHEN '05' THEN 'May' WHEN '06' THEN 'June'
               WHEN '07' THEN 'July' WHEN '08' THEN 'August' WHEN '09' THEN 'September'
               WHEN '10' THEN 'October' WHEN '11' THEN 'November' ELSE 'December'
           END || ' ' || substr(m.date, 1, 4),
       concat_ws(char(10), c.code || ' meeting ' || m.number, nullif(m.venue, ''))
FROM meeting m JOIN committee c ON c.id = m.committee_id;

CREATE VIEW search_item_source (ref, title, body) AS
SELECT i.id, i.title,
       concat_ws(char(10),
           CASE json_extract(i.lead, '$.kind')
               WHEN 'member' THEN (SELECT p.name FROM person p
                                   WHERE p.id = json_extract(i.lead, '$.person_id'))
               WHEN 'invitee' THEN concat_ws(', ', nullif(json_extract(i.lead, '$.name'), ''),
                                             nullif(json_extract(i.lead, '$.role'), ''))
           END,
           nullif(i.private_reason, ''))
FROM agenda_item i;

CREATE VIEW search_paper_source (ref, title, body) AS
SELECT p.id, p.title,
       concat_ws(char(10),
           nullif(p.authors, ''), nullif(p.sponsor, ''),
           nullif(json_extract(p.cover, '$.context'), ''),
           (SELECT group_concat(value, char(10)) FROM json_each(p.cover, '$.questions')
            WHERE value <> ''),
           nullif(json_extract(p.cover, '$.conclusion'), ''),
           nullif(json_extract(p.cover, '$.input_sought'), ''),
           (SELECT group_concat(json_extract(value, '$.meeting'), char(10))
            FROM json_each(p.cover, '$.previous_consideration')
            WHERE json_extract(value, '$.meeting') <> ''),
           nullif(json_extract(p.cover, '$.risk_register.reason'), ''),
           nullif(json_extract(p.cover, '$.baf.reason'), ''),
           nullif(json_extract(p.cover, '$.new_risk'), ''),
           nullif(json_extract(p.cover, '$.equality_impact'), ''),
           nullif(json_extract(p.cover, '$.public_involvement'), ''),
           nullif(json_extract(p.cover, '$.next_paper.meeting'), ''))
FROM paper p;

CREATE VIEW search_minute_source (ref, title, body) AS
SELECT m.item_id, '',
       concat_ws(char(10),
           nullif(m.discussion, ''), nullif(m.amendments, ''),
           (SELECT group_concat(value, char(10)) FROM json_each(m.resolutions)
            WHERE value <> ''))
FROM minute m;

CREATE VIEW search_action_source (ref, title, body) AS
SELECT a.id, '', concat_ws(char(10), nullif(a.text, ''), nullif(a.lead, ''))
FROM action a;

-- Meetings: their own fields, and their committee's name and code.
CREATE TRIGGER search_meeting_insert AFTER INSERT ON meeting BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'meeting', ref, title, body FROM search_meeting_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body;
END;
CREATE TRIGGER search_meeting_update AFTER UPDATE OF committee_id, number, date, venue ON meeting
WHEN old.committee_id IS NOT new.committee_id OR old.number IS NOT new.number
    OR old.date IS NOT new.date OR old.venue IS NOT new.venue BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'meeting', ref, title, body FROM search_meeting_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;
CREATE TRIGGER search_meeting_delete AFTER DELETE ON meeting BEGIN
    DELETE FROM search_entry WHERE kind = 'meeting' AND ref = old.id;
END;
CREATE TRIGGER search_committee_update AFTER UPDATE OF name, code ON committee
WHEN old.name IS NOT new.name OR old.code IS NOT new.code BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'meeting', s.ref, s.title, s.body
        FROM meeting m JOIN search_meeting_source s ON s.ref = m.id
        WHERE m.committee_id = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;

-- Agenda items: title, lead and the reason for taking them in private. Reordering (position,
-- parent) changes no text, so it does not touch the index. (Every update trigger runs only
-- when a column it reads has changed: saving a record unchanged costs nothing.)
CREATE TRIGGER search_item_insert AFTER INSERT ON agenda_item BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'item', ref, title, body FROM search_item_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body;
END;
CREATE TRIGGER search_item_update AFTER UPDATE OF title, lead, private_reason ON agenda_item
WHEN old.title IS NOT new.title OR old.lead IS NOT new.lead
    OR old.private_reason IS NOT new.private_reason BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'item', ref, title, body FROM search_item_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;
CREATE TRIGGER search_item_delete AFTER DELETE ON agenda_item BEGIN
    DELETE FROM search_entry WHERE kind = 'item' AND ref = old.id;
END;
-- A member who leads items is named in them.
CREATE TRIGGER search_person_update AFTER UPDATE OF name ON person
WHEN old.name IS NOT new.name BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'item', s.ref, s.title, s.body
        FROM agenda_item i JOIN search_item_source s ON s.ref = i.id
        WHERE json_extract(i.lead, '$.person_id') = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;

-- Papers: title, authors, sponsor and the text fields of the cover sheet.
CREATE TRIGGER search_paper_insert AFTER INSERT ON paper BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'paper', ref, title, body FROM search_paper_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body;
END;
CREATE TRIGGER search_paper_update AFTER UPDATE OF title, authors, sponsor, cover ON paper
WHEN old.title IS NOT new.title OR old.authors IS NOT new.authors
    OR old.sponsor IS NOT new.sponsor OR old.cover IS NOT new.cover BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'paper', ref, title, body FROM search_paper_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;
CREATE TRIGGER search_paper_delete AFTER DELETE ON paper BEGIN
    DELETE FROM search_entry WHERE kind = 'paper' AND ref = old.id;
END;

-- Minutes: discussion, amendments, resolutions. Saved as typed, so unchanged text is skipped.
CREATE TRIGGER search_minute_insert AFTER INSERT ON minute BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'minute', ref, title, body FROM search_minute_source WHERE ref = new.item_id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body;
END;
CREATE TRIGGER search_minute_update AFTER UPDATE OF discussion, amendments, resolutions ON minute
WHEN old.discussion IS NOT new.discussion OR old.amendments IS NOT new.amendments
    OR old.resolutions IS NOT new.resolutions BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'minute', ref, title, body FROM search_minute_source WHERE ref = new.item_id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;
CREATE TRIGGER search_minute_delete AFTER DELETE ON minute BEGIN
    DELETE FROM search_entry WHERE kind = 'minute' AND ref = old.item_id;
END;

-- Actions: text and lead.
CREATE TRIGGER search_action_insert AFTER INSERT ON action BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'action', ref, title, body FROM search_action_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body;
END;
CREATE TRIGGER search_action_update AFTER UPDATE OF text, lead ON action
WHEN old.text IS NOT new.text OR old.lead IS NOT new.lead BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'action', ref, title, body FROM search_action_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;
CREATE TRIGGER search_action_delete AFTER DELETE ON action BEGIN
    DELETE FROM search_entry WHERE kind = 'action' AND ref = old.id;
END;

-- An upgraded database is searchable at once: every record already there. (The text of
-- files already attached is extracted by the application after it opens the database.)
INSERT INTO search_entry (kind, ref, title, body)
    SELECT 'meeting', ref, title, body FROM search_meeting_source WHERE true;
INSERT INTO search_entry (kind, ref, title, body)
    SELECT 'item', ref, title, body FROM search_item_source WHERE true;
INSERT INTO search_entry (kind, ref, title, body)
    SELECT 'paper', ref, title, body FROM search_paper_source WHERE true;
INSERT INTO search_entry (kind, ref, title, body)
    SELECT 'minute', ref, title, body FROM search_minute_source WHERE true;
INSERT INTO search_entry (kind, ref, title, body)
    SELECT 'action', ref, title, body FROM search_action_source WHERE true;
