-- Schema version 13: the timetable. A committee's paper deadline and pack issue now count
-- working days (papers due so many working days before a meeting; the pack issued so many
-- clear days before, the working days between the day of issue and the meeting, neither
-- counted); the values set in calendar days before are turned into working days by this
-- migration's data step (`committees::timetable_in_working_days`). Draft minutes go to the
-- chair within so many working days after the meeting. An organisation says whose bank
-- holidays it keeps: 'england_wales', 'scotland' or 'northern_ireland'.
ALTER TABLE committee ADD COLUMN minutes_due_days INTEGER NOT NULL DEFAULT 10
    CHECK (minutes_due_days BETWEEN 0 AND 365);
ALTER TABLE organisation ADD COLUMN holiday_region TEXT NOT NULL DEFAULT 'england_wales'
    CHECK (holiday_region IN ('england_wales', 'scotland', 'northern_ireland'));
