-- Schema version 12: an organisation's own wording for the marking on every page of a
-- confidential (Part 2) cover sheet and paper in the full pack ("RESTRICTED – not for
-- publication"). Empty: Boardpack's "CONFIDENTIAL – Part 2".
ALTER TABLE organisation ADD COLUMN confidential_marking TEXT NOT NULL DEFAULT '';
