-- Schema version 15: packs as issued. Each issue of a meeting's public or full pack is a
-- version (1, 2, … per meeting and kind): when and by whom it was issued, its pages, the
-- issued file (kept in the blob store) and, as JSON, each paper's letter, title, the
-- SHA-256 of its document and appendices and its pages in the issued pack.
CREATE TABLE pack_issue (
    meeting_id   TEXT NOT NULL REFERENCES meeting(id),
    kind         TEXT NOT NULL CHECK (kind IN ('public', 'full')),
    version      INTEGER NOT NULL CHECK (version >= 1),
    issued_at    TEXT NOT NULL,   -- YYYY-MM-DDTHH:MM:SS, local time
    issued_by    TEXT NOT NULL,
    pages        INTEGER NOT NULL CHECK (pages >= 0),
    file_sha256  TEXT NOT NULL REFERENCES blob(sha256),
    file_size    INTEGER NOT NULL CHECK (file_size >= 0),
    papers       TEXT NOT NULL,   -- JSON: [IssuedPaper]
    PRIMARY KEY (meeting_id, kind, version)
) STRICT;
