-- The search text of a paper's cover sheet, computed by the domain (CoverSheet::search_text)
-- and written by the application beside the cover sheet, in the same transaction. Until now
-- the search index took it from the cover sheet's JSON with paths written out here in SQL
-- (0007), a second copy of the cover sheet's shape; now the index reads this column and
-- the shape is written once, in Rust.
--
-- Derived data, like the rest of the index: not in the archive. This migration's data step
-- (store/papers.rs, fill_cover_text) fills the column for the papers already there, in
-- this migration's transaction; the index's entries are unchanged by it, since the text is
-- the same text the JSON paths gave.

ALTER TABLE paper ADD COLUMN cover_text TEXT NOT NULL DEFAULT '';

DROP VIEW search_paper_source;
CREATE VIEW search_paper_source (ref, title, body) AS
SELECT p.id, p.title,
       concat_ws(char(10), nullif(p.authors, ''), nullif(p.sponsor, ''), nullif(p.cover_text, ''))
FROM paper p;

-- The cover sheet's JSON no longer feeds the index; its search text does.
DROP TRIGGER search_paper_update;
CREATE TRIGGER search_paper_update AFTER UPDATE OF title, authors, sponsor, cover_text ON paper
WHEN old.title IS NOT new.title OR old.authors IS NOT new.authors
    OR old.sponsor IS NOT new.sponsor OR old.cover_text IS NOT new.cover_text BEGIN
    INSERT INTO search_entry (kind, ref, title, body)
        SELECT 'paper', ref, title, body FROM search_paper_source WHERE ref = new.id
        ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title, body = excluded.body
            WHERE title IS NOT excluded.title OR body IS NOT excluded.body;
END;
