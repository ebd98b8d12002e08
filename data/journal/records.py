"""Reading saved records back: strict field checks, and one reader that sets a bad row aside.

Why one reader: every screen, export and the reminder hub reads the same
collections.  A single row of the wrong shape (a damaged file, an old bug, a
hand-edited backup) used to raise out of whichever of them read it first, so
one bad check-in stopped Today, Progress, the CSV, the report and the reminders.
``read_records`` parses each row with its collection's strict parser; a row the
parser refuses is handed back to the store's quarantine (kept, never deleted,
and told on Today) and the rest is used.  Every collection's reader goes
through it, so no reader can forget.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, TypeVar

from data.storage.documents import REFUSED

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2000  # a long paragraph; anything longer is a paste accident
MAX_ID_CHARS = 100
#: No saved time is before the app could exist, and no time zone is further from UTC than any place's.
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
MAX_OFFSET = timedelta(hours=14)

T = TypeVar("T")

#: What each collection's records are called, for the person (the Share screen, Today's kept-aside card).
COLLECTION_WORDS = {
    "checkins": "check-ins",
    "sessions": "sessions",
    "notes": "notes",
    "side_effects": "side effects",
    "pgic": "weekly answers",
    "mnsi": "questionnaires",
    "foot_checks": "foot checks",
}


def read_records(
    store, collection: str, parse: Callable[[dict], T], since: date | None = None, until: date | None = None
) -> list[T]:
    """The parsed records of the months overlapping [since, until], in the store's order.

    A row ``parse`` refuses is moved into the store's quarantine with the reason
    in plain words, and skipped.
    """
    parsed: list[T] = []
    for row in store.records(collection, since=since, until=until):
        try:
            parsed.append(parse(row))
        except REFUSED as exc:
            why = f"it is not in the app's format ({exc})"
            log.warning("%s: set aside a record that cannot be read: %s", collection, why)
            store.quarantine_record(collection, row, why)
    return parsed


def read_dated(
    store, collection: str, parse: Callable[[dict], Any], since: date | None = None, until: date | None = None,
    tz: tzinfo | None = None,
) -> list:
    """Records (each with an aware ``at``) whose local date is in [since, until], oldest first.

    The store partitions by the month of the saved local time, so the query is
    widened by a day on each side to catch records that `tz` moves across a month.
    A saved row that cannot be read is set aside (``read_records``), never shown.
    """
    low = since - timedelta(days=1) if since is not None else None
    high = until + timedelta(days=1) if until is not None else None
    found = read_records(store, collection, parse, low, high)
    kept = [r for r in found if (since is None or local_day(r.at, tz) >= since)
            and (until is None or local_day(r.at, tz) <= until)]
    return sorted(kept, key=lambda r: r.at)


def oldest_month(store, collection: str, parse: Callable[[dict], T]) -> list[T]:
    """The readable records of the first month with any: where "first used" is, without reading all history.

    A month whose every row was set aside is passed over.
    """
    for month in store.months(collection):
        found = read_records(store, collection, parse, month, month)
        if found:
            return found
    return []


def new_id() -> str:
    """A new record's id: random, so two phones or two tabs never make the same one."""
    return uuid.uuid4().hex


def local_day(at: datetime, tz: tzinfo | None = None) -> date:
    """The date of ``at`` in ``tz``, else in the zone it was saved in."""
    return (at.astimezone(tz) if tz is not None else at).date()


# -- strict field checks (used by every record's parser, and by data.exports.backup) ----------------


def parse_time(value: Any, name: str = "at") -> datetime:
    """A time-zone aware datetime from its ISO text; anything else is an error."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a date and time as text, found {shown(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not a valid date and time: {shown(value)}") from None
    if parsed.utcoffset() is None:
        raise ValueError(f"{name} has no time zone: {shown(value)}")
    return parsed


def parse_day(value: Any, name: str) -> date:
    """A date from its ISO text, written out as YYYY-MM-DD (not the other forms Python also reads)."""
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, found {shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not a valid date: {shown(value)}") from None


def check_id(value: Any, name: str = "id") -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_ID_CHARS:
        raise ValueError(f"{name} must be text of 1 to {MAX_ID_CHARS} characters, found {shown(value)}")
    return value


def check_text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, found {shown(value)}")
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"{name} is longer than {MAX_TEXT_CHARS} characters ({len(value)})")
    return value


def check_fields(d: Any, required: set[str], optional: set[str]) -> dict:
    """A dict holding every required key and no key outside required | optional."""
    if not isinstance(d, dict):
        raise ValueError(f"must be a set of named fields, found {shown(d)}")
    missing = sorted(required - d.keys())
    if missing:
        raise ValueError(f"{missing[0]} is missing")
    unknown = sorted(d.keys() - required - optional, key=str)
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}")
    return d


def shown(value: Any) -> str:
    """A value as an error message quotes it: its repr, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
