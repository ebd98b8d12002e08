"""The Share screen ("For your doctor"): the report's period, the files it makes, what a backup holds, and
what each button's outcome says.

Why here: the period's words, the file names and every message depend on data, so
they are worked out (and tested) in the core.  How the bytes leave the app (share
sheet, save dialog, browser download, picking a file) depends on the platform and
stays in the view, which reports back how it went and shows the words from here.
The reminders' documents are handed in (`other`): the core never imports the scheduler.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from pathlib import Path

from data.dates import long_date
from data.exports.backup import BackupError, OtherDocs, backup_file, read_backup_file, restore_backup, validate_backup
from data.exports.csv_export import export_csv
from data.exports.report_pdf import report_from_store
from data.journal.records import COLLECTION_WORDS

PERIODS = (("Last 4 weeks", 28), ("Last 3 months", 91))  # (toggle words, days up to today)
CHOSEN_DATES = 0  # the period "days" when the person chose the dates
DEFAULT_CHOSEN_DAYS = 28  # what "Choose dates" starts from
EARLIEST_REPORT_DAY = date(2020, 1, 1)
NOT_RESTORED = "This file was not restored, and nothing was changed."
NOT_OPENED = ("The app could not open this file: it may have been moved or deleted, or the app may not read it. "
              "Choose the file again, or copy it somewhere else first.")
REPLACE_WARNING = ("Restoring it replaces everything in the app now. What is here now will be gone, so save a "
                   "backup of it first if you may want it.")


class Section(StrEnum):
    """The screen's sections, each with its own buttons and its own message under them."""

    REPORT = "report"
    CSV = "csv"
    BACKUP = "backup"
    RESTORE = "restore"


class Mood(Enum):
    """How a message reads: the view gives each its colours."""

    PLAIN = "plain"
    GOOD = "good"
    WARN = "warn"


@dataclass(frozen=True)
class Message:
    section: Section  # shown under this section's buttons
    words: str
    mood: Mood


# -- the report's period --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    words: str  # "2 March 2026 to 29 March 2026"


def default_chosen(today: date) -> tuple[date, date]:
    """The dates "Choose dates" offers first: the last four weeks."""
    return today - timedelta(days=DEFAULT_CHOSEN_DAYS - 1), today


def report_period(today: date, days: int, chosen: tuple[date, date]) -> ReportPeriod:
    """The last `days` days up to today, or the chosen dates when `days` is CHOSEN_DATES."""
    start, end = chosen if days == CHOSEN_DATES else (today - timedelta(days=days - 1), today)
    return ReportPeriod(start, end, f"{long_date(start)} to {long_date(end)}")


def picked_dates(start: datetime | None, end: datetime | None) -> tuple[date, date] | None:
    """The dates a date-range picker returned, or None when it did not return both."""
    if not start or not end:
        return None
    return start.date(), end.date()


# -- making the files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutFile:
    name: str
    data: bytes
    mime: str
    section: Section  # whose message tells how it went
    what: str  # "report", "data" or "backup", for the messages
    notice: str = ""  # said after it is delivered, e.g. what a backup had to leave out


def make_file(store, section: Section, period: ReportPeriod, made_at: datetime, other: OtherDocs) -> OutFile:
    """The report (PDF) for `period`, all the data (CSV) or a complete backup, named by date.

    `made_at` is aware, in the device's zone: the days of the report and of the names are local.
    """
    stamp = made_at.date().isoformat()
    if section is Section.REPORT:
        return OutFile(f"presspoint-report-{period.start.isoformat()}-to-{period.end.isoformat()}.pdf",
                       report_from_store(store, period.start, period.end, made_at.tzinfo, made_at),
                       "application/pdf", section, "report")
    if section is Section.CSV:
        return OutFile(f"presspoint-data-{stamp}.csv", export_csv(store, made_at.tzinfo), "text/csv", section, "data")
    if section is Section.BACKUP:
        made = backup_file(store, made_at, other)
        return OutFile(f"presspoint-backup-{stamp}.json", made.data, "application/json", section, "backup",
                       made.words)
    raise ValueError(f"nothing to make for {section!r}")


def not_made(section: Section, exc: Exception) -> Message:
    return Message(section, f"This could not be made: {exc}", Mood.WARN)


class Delivery(Enum):
    """How handing a file to the system went (the view finds out, the words are here)."""

    SHARED = "shared"  # handed to the app the person chose in the share sheet
    NOT_SHARED = "not shared"  # the share sheet was closed
    DOWNLOADING = "downloading"  # the browser is saving it
    SAVED = "saved"  # written to a path
    NOT_SAVED = "not saved"  # the save dialog was closed


def delivered(out: OutFile, how: Delivery, path: str = "") -> Message:
    words, mood = {
        Delivery.SHARED: (f"Your {out.what} ({out.name}) was handed to the app you chose.", Mood.GOOD),
        Delivery.NOT_SHARED: ("Nothing was shared.", Mood.PLAIN),
        Delivery.DOWNLOADING: (f"Your browser is saving {out.name}. Look in your Downloads folder.", Mood.GOOD),
        Delivery.SAVED: (f"Saved: {path}", Mood.GOOD),
        Delivery.NOT_SAVED: ("Nothing was saved.", Mood.PLAIN),
    }[how]
    if out.notice and mood is Mood.GOOD:
        words, mood = f"{words} {out.notice}", Mood.WARN
    return Message(out.section, words, mood)


def not_delivered(out: OutFile, exc: Exception) -> Message:
    return Message(out.section, f"The {out.what} could not be saved: {exc}", Mood.WARN)


# -- restoring a backup ---------------------------------------------------------------------------


def backup_contents(raw: bytes, other: OtherDocs, *, now: datetime) -> str:
    """What a valid backup holds, e.g. "made on 2 March 2026 at 09:15, with 42 check-ins, 30 sessions".

    Raises BackupError for anything that is not a complete, valid backup; ``now`` (the app's clock)
    bounds the times it may hold.
    """
    data = validate_backup(raw, other, now=now)
    counts = [f"{len(records)} {COLLECTION_WORDS.get(name, name)}"
              for name, records in data["collections"].items() if records]
    when = datetime.fromisoformat(json.loads(raw)["created_at"])
    return f"made on {long_date(when.date())} at {when:%H:%M}, with " + (", ".join(counts) or "no records")


@dataclass(frozen=True)
class PendingRestore:
    """A checked backup waiting for "Replace everything"."""

    raw: bytes
    contents: str  # backup_contents
    lines: tuple[str, ...]  # the confirmation's words


def open_backup(source: bytes | Path, other: OtherDocs, *, now: datetime) -> PendingRestore | Message:
    """A chosen file (its bytes, or its path on a device), checked in full; a message when it cannot be restored.

    Slow for a big file: the screen runs it off the event loop.
    """
    try:
        raw = source if isinstance(source, (bytes, bytearray)) else read_backup_file(Path(source))
        contents = backup_contents(raw, other, now=now)
    except BackupError as exc:
        return Message(Section.RESTORE, f"{NOT_RESTORED} {exc}", Mood.WARN)
    except OSError:  # missing, a folder, or not readable by the app
        return Message(Section.RESTORE, f"{NOT_RESTORED} {NOT_OPENED}", Mood.WARN)
    return PendingRestore(bytes(raw), contents, (f"This backup was {contents}.", REPLACE_WARNING))


def restore(store, raw: bytes, other: OtherDocs, then: Callable[[], None], *, now: datetime) -> Message:
    """Replace everything by the backup; `then` runs once it is replaced (the reminders re-read their settings).

    Slow for a big backup: the screen runs it off the event loop.
    """
    try:
        counts = restore_backup(store, raw, other, now=now)
    except BackupError as exc:
        return Message(Section.RESTORE, f"{NOT_RESTORED} {exc}", Mood.WARN)
    then()
    return Message(Section.RESTORE,
                   f"Restored: {sum(counts.values())} records from the backup replace what was here before.",
                   Mood.GOOD)
