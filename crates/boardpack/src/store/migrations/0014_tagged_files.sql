-- Schema version 14: whether each stored PDF is a tagged PDF (a structure tree with at
-- least one element and /MarkInfo /Marked true), so the readiness check and the
-- accessibility report never open a file. A fact of the file's bytes, kept with its blob
-- (as its search text is kept by SHA-256), so a paper saved again keeps it. NULL: not read
-- yet; the application reads the files of such rows when it opens the database, and what
-- it cannot open is 0. Derived data, so not in the archive: an import reads it again.
ALTER TABLE blob ADD COLUMN tagged INTEGER CHECK (tagged IN (0, 1));
