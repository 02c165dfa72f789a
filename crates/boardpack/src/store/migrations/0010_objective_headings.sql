-- Schema version 10: the headings an organisation groups its strategic objectives under
-- ("Our patients", "Our enablers"); cover sheets print one table per heading. Empty for
-- objectives not grouped, which is what every objective stored before was.
ALTER TABLE objective ADD COLUMN heading TEXT NOT NULL DEFAULT '';
