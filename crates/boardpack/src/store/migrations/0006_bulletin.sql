-- Schema version 6: the public bulletin. A person's telephone number (the bulletin gives it
-- beside each lead contact point) and the organisation's standard bulletin wording (empty:
-- Boardpack's default wording).
ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN bulletin_wording TEXT NOT NULL DEFAULT '';
