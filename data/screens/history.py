"""The history list: everything the person recorded, newest first by day, to correct or delete.

Why: nothing recorded could be corrected, so a wrong tap stayed in Progress, the
CSV and the report for good.  Here every check-in, note, side effect, weekly
answer and session can be deleted (with Undo), and check-ins (the same sliders,
``CheckInForm.correcting``), notes and side-effect words can be changed.  All of
it goes through the journal's own savers, so what Progress, the CSV and the
report read changes with it; a failed save or delete says why and changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from enum import StrEnum

from data.dates import long_day
from data.journal.checkins import (
    CORE_SYMPTOMS,
    LABELS,
    SYMPTOMS,
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    delete_checkin,
    delete_note,
    delete_pgic,
    delete_side_effect,
    list_checkins,
    list_notes,
    list_pgic,
    list_side_effects,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
)
from data.journal.sessions import delete_session, read_sessions, save_session
from data.models import SessionRecord
from data.screens.checkin import CheckInForm
from data.storage.save_errors import Saved, attempt

#: Entries shown at first; "Show older entries" adds as many again.
PAGE = 100
NAME_CHARS = 40  # of an entry's words in its buttons' names
NOTHING_YET = "Nothing recorded yet. Check-ins, notes, side effects and sessions will be listed here."

Record = CheckIn | DayNote | SideEffect | PgicAnswer | SessionRecord


class Kind(StrEnum):
    CHECKIN = "checkin"
    NOTE = "note"
    SIDE_EFFECT = "side_effect"
    PGIC = "pgic"
    SESSION = "session"


_KINDS: dict[type, Kind] = {CheckIn: Kind.CHECKIN, DayNote: Kind.NOTE, SideEffect: Kind.SIDE_EFFECT,
                            PgicAnswer: Kind.PGIC, SessionRecord: Kind.SESSION}
_SAVE: dict[Kind, Callable] = {Kind.CHECKIN: save_checkin, Kind.NOTE: save_note, Kind.SIDE_EFFECT: save_side_effect,
                               Kind.PGIC: save_pgic, Kind.SESSION: save_session}
_DELETE: dict[Kind, Callable] = {Kind.CHECKIN: delete_checkin, Kind.NOTE: delete_note,
                                 Kind.SIDE_EFFECT: delete_side_effect, Kind.PGIC: delete_pgic,
                                 Kind.SESSION: delete_session}
_CONTEXT_WORDS = {Context.DAILY: "Check-in", Context.BEFORE_SESSION: "Rating before a session",
                  Context.AFTER_SESSION: "Rating after a session"}


def kind_of(record: Record) -> Kind:
    return _KINDS[type(record)]


def when(record: Record) -> datetime:
    return record.started_at if isinstance(record, SessionRecord) else record.at


def read_history(store) -> list[Record]:
    """Every check-in, note, side effect, weekly answer and session, newest first."""
    found: list[Record] = [*list_checkins(store), *list_notes(store), *list_side_effects(store),
                           *list_pgic(store), *read_sessions(store)]
    return sorted(found, key=when, reverse=True)


def find(records: list[Record], kind: Kind, record_id: str) -> Record | None:
    return next((r for r in records if kind_of(r) is kind and r.id == record_id), None)


# --- what the list shows -------------------------------------------------------------------


def checkin_words(checkin: CheckIn) -> str:
    """E.g. "Numbness 4, pain 2. Not answered: tingling. Note: slept badly"."""
    answered = ", ".join(f"{LABELS[s]} {checkin.score(s)}" for s in SYMPTOMS if checkin.score(s) is not None)
    answered = answered[:1] + answered[1:].lower()
    parts = [answered + "."]
    missing = [LABELS[s].lower() for s in CORE_SYMPTOMS if checkin.score(s) is None]
    if missing:
        parts.append(f"Not answered: {', '.join(missing)}.")
    if checkin.note:
        parts.append(f"Note: {checkin.note}")
    return " ".join(parts)


def _title_and_words(record: Record) -> tuple[str, str]:
    if isinstance(record, CheckIn):
        return _CONTEXT_WORDS[record.context], checkin_words(record)
    if isinstance(record, DayNote):
        return "Note", record.text
    if isinstance(record, SideEffect):
        return "Side effect", f"{record.label}: {record.note}" if record.note else record.label
    if isinstance(record, PgicAnswer):
        return "Weekly question", f"Overall: {record.label.lower()}."
    done = "Finished" if record.finished else "Stopped early"
    return (f"{record.slot.value.capitalize()} session",
            f"{done}: {record.completed_steps} of {len(record.steps)} steps done.")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Entry:
    kind: Kind
    id: str
    title: str  # "Check-in at 09:12"
    words: str  # "Numbness 4, pain 2. Not answered: tingling."
    can_edit: bool  # check-ins, notes and side effects
    edit_name: str  # "Edit check-in at 09:12: numbness 4, pain 2"
    delete_name: str  # "Delete check-in at 09:12: numbness 4, pain 2"


@dataclass(frozen=True)
class Day:
    title: str  # "Today, Tuesday 3 March"
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class HistorySummary:
    days: tuple[Day, ...]
    empty: str  # NOTHING_YET when nothing is recorded, else ""
    more: bool  # older entries exist beyond ``shown``


def _gist(words: str) -> str:
    """The start of an entry's words, so two entries of the same minute have different button names."""
    first = words.split(". ")[0].rstrip(".")
    return _lower_first(first if len(first) <= NAME_CHARS else first[:NAME_CHARS - 1].rstrip() + "…")


def entry(record: Record, tz: tzinfo) -> Entry:
    title, words = _title_and_words(record)
    title = f"{title} at {when(record).astimezone(tz):%H:%M}"
    kind = kind_of(record)
    name = f"{_lower_first(title)}: {_gist(words)}"
    return Entry(kind, record.id, title, words, kind in (Kind.CHECKIN, Kind.NOTE, Kind.SIDE_EFFECT),
                 f"Edit {name}", f"Delete {name}")


def day_title(day: date, today: date) -> str:
    """ "Today, Tuesday 3 March", "Yesterday, ...", "Sunday 1 March", with the year when it is not this one."""
    if day == today:
        return f"Today, {long_day(day)}"
    if (today - day).days == 1:
        return f"Yesterday, {long_day(day)}"
    return long_day(day) if day.year == today.year else f"{long_day(day)} {day.year}"


def history_summary(records: list[Record], today: date, tz: tzinfo, shown: int = PAGE) -> HistorySummary:
    """The newest ``shown`` records (``read_history``'s order), grouped by local day."""
    days: list[Day] = []
    for record in records[:shown]:
        day = when(record).astimezone(tz).date()
        title = day_title(day, today)
        if days and days[-1].title == title:
            days[-1] = Day(title, (*days[-1].entries, entry(record, tz)))
        else:
            days.append(Day(title, (entry(record, tz),)))
    return HistorySummary(tuple(days), "" if records else NOTHING_YET, len(records) > shown)


# --- deleting, with Undo ---------------------------------------------------------------------


@dataclass(frozen=True)
class Deleted:
    record: Record  # kept so Undo can save it again as it was
    words: str  # "Deleted: check-in at 09:12." or "Already deleted: ..."
    already_gone: bool = False  # deleted before (another tab or window): nothing to undo, nothing to tell

    @property
    def can_undo(self) -> bool:
        return not self.already_gone

    @property
    def session_gone(self) -> SessionRecord | None:
        """The session this delete took away, for the reminders (its slot-day may be open again)."""
        return self.record if isinstance(self.record, SessionRecord) and not self.already_gone else None


def delete_entry(store, record: Record, tz: tzinfo) -> Saved[Deleted]:
    """Delete one entry; the answer keeps it for ``undo_delete``, or says why nothing was deleted.

    An entry already deleted elsewhere (the list in another tab was out of date) is said to be
    gone already, with no Undo: putting it back would bring back what the person deleted there.
    """

    def delete() -> Deleted:
        what = _lower_first(entry(record, tz).title)
        if not _DELETE[kind_of(record)](store, record):
            return Deleted(record, f"Already deleted: {what}. It was deleted on another screen.", True)
        return Deleted(record, f"Deleted: {what}.")

    return attempt(delete)


def undo_delete(store, deleted: Deleted) -> Saved[None]:
    """Save the deleted entry again exactly as it was (same id, time and answers)."""
    return attempt(lambda: _SAVE[kind_of(deleted.record)](store, deleted.record))


# --- correcting the words of a note or a side effect -------------------------------------------------


@dataclass(frozen=True)
class WordsView:
    title: str  # "Note at 12:00" / "Side effect at 09:12: bruising"
    label: str  # the text box's label
    text: str
    problem: str


class WordsEdit:
    """Changing the words of a saved note or side effect; the record keeps its id, time and kind."""

    def __init__(self, store, record: DayNote | SideEffect, tz: tzinfo) -> None:
        self.store = store
        self.record = record
        self.tz = tz
        self.text = record.text if isinstance(record, DayNote) else record.note
        self.problem = ""

    def view(self) -> WordsView:
        shown = entry(self.record, self.tz).title
        if isinstance(self.record, SideEffect):
            return WordsView(f"{shown}: {self.record.label.lower()}", "What happened? (optional)", self.text,
                             self.problem)
        return WordsView(shown, "Your note", self.text, self.problem)

    def set_text(self, text: str) -> None:
        self.text = text

    def save(self) -> DayNote | SideEffect | None:
        """Save the new words; None (the text kept, ``problem`` saying why) for an empty note or a failed save."""
        words = self.text.strip()
        if isinstance(self.record, DayNote):
            if not words:
                self.problem = "Write a few words first, or delete the note."
                return None
            changed: DayNote | SideEffect = replace(self.record, text=words)
        else:
            changed = replace(self.record, note=words)
        saved = attempt(lambda: _SAVE[kind_of(changed)](self.store, changed))
        self.problem = saved.problem
        if saved.ok:
            self.record = changed
        return changed if saved.ok else None


def open_editor(store, now: Callable[[], datetime], tz: tzinfo, records: list[Record], kind: Kind,
                record_id: str) -> CheckInForm | WordsEdit | None:
    """What an Edit tap opens: the check-in sliders or the words box; None for an entry that is gone or
    cannot be edited (a session or a weekly answer), so a stale tap changes nothing."""
    record = find(records, kind, record_id)
    if isinstance(record, CheckIn):
        return CheckInForm.correcting(store, now, record)
    if isinstance(record, (DayNote, SideEffect)):
        return WordsEdit(store, record, tz)
    return None
