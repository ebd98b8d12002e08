"""The day-note screen and the one-tap "Something felt wrong" log, as plain rules.

Why here: side effects and life events (a new medicine, a fall) explain changes in
the scores, and a doctor reads them in the report; which day a note is filed on,
what a log links to and the words confirming each save are rules, tested here.
Words typed under "Something felt wrong" are saved by the main Done button too,
and a failed save keeps what was typed and says why (data/storage/save_errors.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from data.dates import long_day
from data.health.safety import side_effect_advice
from data.journal.checkins import (
    DayNote,
    SideEffect,
    SideEffectKind,
    check_id,
    new_id,
    save_note,
    save_side_effect,
)
from data.storage.save_errors import attempt

# --- "Something felt wrong" --------------------------------------------------------------


@dataclass(frozen=True)
class FeltWrongView:
    logged: bool  # something was logged on this visit: thanks and advice instead of the choices
    saved_line: str  # "Saved: dizziness, at 09:12."
    words_line: str  # "Your words are saved: ..." once words were added, else ""
    words: str  # what was typed, so a redrawn screen shows it again
    problem: str  # why the last save saved nothing, else ""
    advice: str = ""  # what to do now about what was logged (data/health/safety.py), once something is logged


def _linked_session(session_id: str | None) -> str | None:
    """The session id from the screen's address, or None when it is not one a record may carry:
    the address can be typed or damaged, and a bad link must never stop the log."""
    if session_id is None:
        return None
    try:
        return check_id(session_id, "session_id")
    except ValueError:
        return None


class FeltWrongLog:
    """One visit to "Something felt wrong": one tap logs, words can follow and change that same record.

    ``session_id`` links the log to the session it was opened from (None from Today or Progress).
    """

    def __init__(self, store, now: Callable[[], datetime], session_id: str | None = None) -> None:
        self.store = store
        self.now = now
        self.session_id = _linked_session(session_id)
        self.logged: SideEffect | None = None
        self.words = ""
        self.words_saved = False
        self.problem = ""

    def view(self) -> FeltWrongView:
        if self.logged is None:
            return FeltWrongView(False, "", "", self.words, self.problem)
        saved = f"Saved: {self.logged.label.lower()}, at {self.logged.at:%H:%M}."
        words = f"Your words are saved: {self.logged.note}" if self.words_saved else ""
        return FeltWrongView(True, saved, words, self.words, self.problem, side_effect_advice(self.logged.kind.value))

    def log(self, kind: SideEffectKind) -> SideEffect | None:
        """Log ``kind`` at once; None (nothing logged, ``problem`` saying why) when the save failed."""
        effect = SideEffect(new_id(), self.now(), kind, "", self.session_id)
        saved = attempt(lambda: save_side_effect(self.store, effect))
        self.problem = saved.problem
        if saved.ok:
            self.logged, self.words_saved, self.words = effect, False, ""
        return effect if saved.ok else None

    def set_words(self, text: str) -> None:
        self.words = text

    def add_words(self) -> bool:
        """Put the typed words on the record just logged; False (nothing saved) before a log or with no words."""
        text = self.words.strip()
        if self.logged is None or not text:
            return False
        changed = replace(self.logged, note=text)
        saved = attempt(lambda: save_side_effect(self.store, changed))
        self.problem = saved.problem
        if saved.ok:
            self.logged, self.words_saved = changed, True
        return saved.ok

    def done(self) -> bool:
        """The main "Done": words typed but not saved yet are saved first; False (stay, ``problem`` says
        why) only when that save failed."""
        text = self.words.strip()
        if self.logged is None or not text or (self.words_saved and text == self.logged.note):
            return True
        return self.add_words()


# --- A note on any day --------------------------------------------------------------------


@dataclass(frozen=True)
class NoteView:
    day_words: str  # "Today, Tuesday 3 March", "Yesterday, Monday 2 March" or "Sunday 1 March"
    day_label: str  # the accessible name: "Note for Tuesday 3 March"
    can_go_later: bool  # not past today
    problem: str  # why the last Save did nothing, else ""
    text: str  # what was typed, so a redrawn screen shows it again


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
        return NoteView(words, f"Note for {long_day(day)}", self.back_days > 0, self.problem, self.text)

    def earlier(self) -> None:
        self.back_days += 1

    def later(self) -> None:
        self.back_days = max(0, self.back_days - 1)

    def set_text(self, text: str) -> None:
        self.text = text

    def save(self) -> DayNote | None:
        """Save the note; None (the text kept, and the problem to show) when nothing was written or the
        save failed."""
        words = self.text.strip()
        if not words:
            self.problem = "Write a few words first."
            return None
        now = self.now()
        at = now if self.back_days == 0 else datetime.combine(self.day(), time(12), now.tzinfo)
        note = DayNote(self.id, at, words)
        saved = attempt(lambda: save_note(self.store, note))
        self.problem = saved.problem
        return note if saved.ok else None
