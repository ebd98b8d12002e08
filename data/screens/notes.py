"""The day-note screen and the one-tap "Something felt wrong" log, as plain rules.

Why here: side effects and life events (a new medicine, a fall) explain changes in
the scores, and a doctor reads them in the report; which day a note is filed on,
what a log links to and the words confirming each save are rules, tested here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from data.journal.checkins import (
    DayNote,
    SideEffect,
    SideEffectKind,
    log_side_effect,
    new_id,
    save_note,
    save_side_effect,
)
from data.dates import long_day


# --- "Something felt wrong" --------------------------------------------------------------


@dataclass(frozen=True)
class FeltWrongView:
    logged: bool  # something was logged on this visit: thanks and advice instead of the choices
    saved_line: str  # "Saved: dizziness, at 09:12."
    words_line: str  # "Your words are saved: ..." once words were added, else ""


class FeltWrongLog:
    """One visit to "Something felt wrong": one tap logs, words can follow and change that same record.

    ``session_id`` links the log to the session it was opened from (None from Today or Progress).
    """

    def __init__(self, store, now: Callable[[], datetime], session_id: str | None = None) -> None:
        self.store = store
        self.now = now
        self.session_id = session_id
        self.logged: SideEffect | None = None
        self.words = ""
        self.words_saved = False

    def view(self) -> FeltWrongView:
        if self.logged is None:
            return FeltWrongView(False, "", "")
        saved = f"Saved: {self.logged.label.lower()}, at {self.logged.at:%H:%M}."
        return FeltWrongView(True, saved, f"Your words are saved: {self.logged.note}" if self.words_saved else "")

    def log(self, kind: SideEffectKind) -> SideEffect:
        self.logged = log_side_effect(self.store, kind, self.now(), session_id=self.session_id)
        self.words_saved = False
        return self.logged

    def set_words(self, text: str) -> None:
        self.words = text

    def add_words(self) -> bool:
        """Put the typed words on the record just logged; False (nothing saved) before a log or with no words."""
        text = self.words.strip()
        if self.logged is None or not text:
            return False
        self.logged = replace(self.logged, note=text)
        save_side_effect(self.store, self.logged)
        self.words_saved = True
        return True


# --- A note on any day --------------------------------------------------------------------


@dataclass(frozen=True)
class NoteView:
    day_words: str  # "Today, Tuesday 3 March", "Yesterday, Monday 2 March" or "Sunday 1 March"
    day_label: str  # the accessible name: "Note for Tuesday 3 March"
    can_go_later: bool  # not past today
    problem: str  # why the last Save did nothing, else ""


class DayNoteDraft:
    """One visit to "Add a note": today by default, or an earlier day; one record id per visit.

    The id is kept so a double tap on Save overwrites, never adds.  Today's note
    keeps its time; a note about an earlier day is filed at midday of that day.
    """

    def __init__(self, store, now: Callable[[], datetime]) -> None:
        self.store = store
        self.now = now
        self.back_days = 0
        self.text = ""
        self.problem = ""
        self.id = new_id()

    def day(self) -> date:
        return self.now().date() - timedelta(days=self.back_days)

    def view(self) -> NoteView:
        day = self.day()
        if self.back_days < 2:
            words = f"{'Today' if self.back_days == 0 else 'Yesterday'}, {long_day(day)}"
        else:
            words = long_day(day)
        return NoteView(words, f"Note for {long_day(day)}", self.back_days > 0, self.problem)

    def earlier(self) -> None:
        self.back_days += 1

    def later(self) -> None:
        self.back_days = max(0, self.back_days - 1)

    def set_text(self, text: str) -> None:
        self.text = text

    def save(self) -> DayNote | None:
        """Save the note; None (and the problem to show) when nothing was written."""
        words = self.text.strip()
        if not words:
            self.problem = "Write a few words first."
            return None
        now = self.now()
        at = now if self.back_days == 0 else datetime.combine(self.day(), time(12), now.tzinfo)
        note = DayNote(self.id, at, words)
        save_note(self.store, note)
        return note
