"""The daily foot check: what was found each day, and whether the person has it switched on.

Why a journal of its own: a look at the feet every day is the habit the foot
guidelines ask of people with diabetic neuropathy (IWGDF 2023; NICE NG19), and
a record of it (days checked, what was found) belongs in the doctor's report.
Every record validates itself strictly on the way in and out, like the other
journal records (data/journal/records.py): times from 2000 with a real time
zone, only the known finding keys, a short note.  The on/off choice is kept in
its own document; who is offered the check by default is decided from the
person's answers in data/screens/footcheck.py (this room cannot read them).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Any

from data.journal.records import (
    EARLIEST,
    MAX_OFFSET,
    check_fields,
    check_id,
    check_text,
    local_day,
    parse_day,
    parse_time,
    read_dated,
    shown,
)
from data.storage.documents import read_doc

COLLECTION = "foot_checks"
SETTING_DOC = "foot_check"
MAX_NOTE_CHARS = 500  # a few sentences: "small blister under the left big toe"

log = logging.getLogger(__name__)


class Finding(StrEnum):
    """What a foot check can find; each leads to its red-flag advice (data/health/safety.py)."""

    NEW_SORE = "new_sore"
    BLISTER = "blister"
    REDNESS = "redness"
    SWELLING = "swelling"
    HEAT = "heat"
    COLOUR_CHANGE = "colour_change"


FINDING_LABELS: dict[Finding, str] = {
    Finding.NEW_SORE: "A new sore or cut",
    Finding.BLISTER: "A blister",
    Finding.REDNESS: "Redness",
    Finding.SWELLING: "Swelling",
    Finding.HEAT: "One foot warmer than the other",
    Finding.COLOUR_CHANGE: "Skin turned pale, blue or black",
}


def check_time(value: Any, name: str = "at") -> datetime:
    """An aware datetime the app can use: a real time zone, not before 2000."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a time-zone aware date and time, found {shown(value)}")
    if abs(value.utcoffset()) > MAX_OFFSET:
        raise ValueError(f"{name} has a time zone no place uses: {shown(value)}")
    if value < EARLIEST:
        raise ValueError(f"{name} is before 2000: {shown(value)}")
    return value


def _findings(value: Any) -> tuple[Finding, ...]:
    """Known finding keys, each once, in the order of ``Finding``."""
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"findings must be a list, found {shown(value)}")
    found = set()
    for key in value:
        try:
            found.add(Finding(key))
        except ValueError:
            raise ValueError(f"unknown finding {shown(key)}") from None
    if len(found) != len(value):
        raise ValueError("a finding is listed twice")
    return tuple(f for f in Finding if f in found)


@dataclass(frozen=True)
class FootCheck:
    """One daily look at the feet: all fine, or what was found (and a short note)."""

    id: str
    at: datetime  # time-zone aware
    all_fine: bool
    findings: tuple[Finding, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        check_id(self.id)
        check_time(self.at)
        if type(self.all_fine) is not bool:
            raise ValueError(f"all_fine must be true or false, found {shown(self.all_fine)}")
        object.__setattr__(self, "findings", _findings(self.findings))
        check_text(self.note, "note")
        if len(self.note) > MAX_NOTE_CHARS:
            raise ValueError(f"note is longer than {MAX_NOTE_CHARS} characters ({len(self.note)})")
        if self.all_fine and self.findings:
            raise ValueError("a check that was all fine cannot list findings")
        if not self.all_fine and not self.findings:
            raise ValueError("a check that found something must say what")

    @property
    def words(self) -> str:
        """ "All fine", or what was found in plain words: "a blister, redness"."""
        if self.all_fine:
            return "All fine"
        return ", ".join(FINDING_LABELS[f].lower() for f in self.findings).capitalize()

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "all_fine": self.all_fine,
            "findings": [f.value for f in self.findings],
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, d: Any) -> FootCheck:
        d = check_fields(d, {"id", "at", "all_fine"}, {"findings", "note"})
        return cls(
            id=check_id(d["id"]),
            at=check_time(parse_time(d["at"])),
            all_fine=d["all_fine"],
            findings=_findings(d.get("findings", [])),
            note=check_text(d.get("note", ""), "note"),
        )


def save_foot_check(store, check: FootCheck) -> None:
    """Insert or update by id, so a double tap never makes two records."""
    store.replace(COLLECTION, check.to_dict(), check.at)


def delete_foot_check(store, check: FootCheck) -> bool:
    return store.delete(COLLECTION, check.id, check.at)


def list_foot_checks(
    store, since: date | None = None, until: date | None = None, tz: tzinfo | None = None
) -> list[FootCheck]:
    """Foot checks whose local date (in ``tz``, else as saved) is in [since, until], oldest first."""
    return read_dated(store, COLLECTION, FootCheck.from_dict, since, until, tz)


def days_checked(checks: Iterable[FootCheck], tz: tzinfo | None) -> set[date]:
    """The local days with at least one foot check."""
    return {local_day(c.at, tz) for c in checks}


# -- switched on or off ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FootCheckSetting:
    """The person's own choice: the daily check on or off, and the day they last changed it."""

    on: bool
    changed_on: date

    def __post_init__(self) -> None:
        if type(self.on) is not bool:
            raise ValueError(f"on must be true or false, found {shown(self.on)}")
        if not isinstance(self.changed_on, date) or isinstance(self.changed_on, datetime):
            raise ValueError(f"changed_on must be a date, found {shown(self.changed_on)}")
        if self.changed_on < EARLIEST.date():
            raise ValueError(f"changed_on is before 2000: {self.changed_on.isoformat()}")

    def to_dict(self) -> dict:
        return {"on": self.on, "changed_on": self.changed_on.isoformat()}

    @classmethod
    def from_dict(cls, d: Any) -> FootCheckSetting:
        d = check_fields(d, {"on", "changed_on"}, set())
        return cls(d["on"], parse_day(d["changed_on"], "changed_on"))


def load_setting(store) -> FootCheckSetting | None:
    """The person's choice, or None when they never chose (the default then applies).

    A document that cannot be read is set aside (kept, and said once on Today) and counts
    as no choice: the default is safe either way, and the check can be switched again.
    """
    return read_doc(store, SETTING_DOC, FootCheckSetting.from_dict)


def save_setting(store, on: bool, today: date) -> FootCheckSetting:
    setting = FootCheckSetting(on, today)
    store.put_doc(SETTING_DOC, setting.to_dict())
    return setting
