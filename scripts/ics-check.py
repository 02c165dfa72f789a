#!/usr/bin/env python3
"""Checks calendars Boardpack wrote with an independent parser, the `icalendar` package.

    ics-check.py FIRST.ics SECOND.ics --events N [--expect UID=VALUE]...

Both files must be RFC 5545 text as Outlook and Google Calendar take it (CRLF line ends,
no line over 75 octets, VERSION:2.0, a PRODID, every event with a UID and a DTSTAMP) and
parse with icalendar; each must hold N events with unique UIDs, the same UIDs in both (a
re-export updates events rather than duplicating them), and each --expect UID=VALUE must
be the event's DTSTART: YYYYMMDD for an all-day event, YYYYMMDDTHHMMSS for a timed one.
Exits 1 naming the first problem; prints a one-line summary when all is well.
"""

import argparse
import datetime
import sys

import icalendar


def fail(message):
    print(f"ics-check: {message}", file=sys.stderr)
    sys.exit(1)


def check_raw(path, raw):
    if not raw.endswith(b"\r\n"):
        fail(f"{path} does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            fail(f"{path} line {n} has a bare line break")
        if len(line) > 75:
            fail(f"{path} line {n} is {len(line)} octets, over 75")


def events_of(path):
    with open(path, "rb") as f:
        raw = f.read()
    check_raw(path, raw)
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except ValueError as e:
        fail(f"{path} does not parse: {e}")
    if str(cal.get("VERSION")) != "2.0":
        fail(f"{path} has VERSION {cal.get('VERSION')!r}, not 2.0")
    if not cal.get("PRODID"):
        fail(f"{path} has no PRODID")
    events = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        if not uid:
            fail(f"{path} has an event without a UID")
        if uid in events:
            fail(f"{path} has the UID {uid} twice")
        if ev.get("DTSTAMP") is None:
            fail(f"{path}: {uid} has no DTSTAMP")
        if ev.get("DTSTART") is None:
            fail(f"{path}: {uid} has no DTSTART")
        events[uid] = ev
    return events


def start_text(ev):
    start = ev.decoded("DTSTART")
    if isinstance(start, datetime.datetime):
        return start.strftime("%Y%m%dT%H%M%S")
    return start.strftime("%Y%m%d")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--expect", action="append", default=[])
    args = parser.parse_args()
    first = events_of(args.first)
    second = events_of(args.second)
    for path, events in ((args.first, first), (args.second, second)):
        if len(events) != args.events:
            fail(f"{path} has {len(events)} events, not {args.events}")
    if set(first) != set(second):
        fail(f"the UIDs differ between the exports: {sorted(set(first) ^ set(second))}")
    for expect in args.expect:
        uid, _, value = expect.partition("=")
        for path, events in ((args.first, first), (args.second, second)):
            if uid not in events:
                fail(f"{path} has no event {uid}")
            got = start_text(events[uid])
            if got != value:
                fail(f"{path}: {uid} starts {got}, not {value}")
    print(f"ics-check: {len(first)} events, the same UIDs in both, {len(args.expect)} dates as expected")


if __name__ == "__main__":
    main()
