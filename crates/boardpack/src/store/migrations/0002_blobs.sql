-- Schema version 2: the index of the content-addressed blob store that sits beside the
-- database (attached papers are copied there, named by their SHA-256).
CREATE TABLE blob (
    sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size >= 0),
    media_type  TEXT NOT NULL
) STRICT;
