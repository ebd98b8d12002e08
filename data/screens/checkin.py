"""The check-in screen, Today's check-in card and the session's before/after rating, as plain rules.

Why so few taps: a record is only useful if it is kept up, so a check-in must take
seconds.  The sliders start where they were last time, "Same as last time" saves in
one tap, and the optional questions stay folded away; what each screen shows and
what each tap saves is decided here, so it is tested without a screen.  A symptom
never rated and not touched stays "not answered" (saved as null, never as 0), so
Progress never shows a figure the person did not give.  A failed save keeps the
form as it was and says why (data/storage/save_errors.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from data.journal.checkins import (
    CORE_SYMPTOMS,
    EXTRA_SYMPTOMS,
    LABELS,
    SYMPTOMS,
    CheckIn,
    Context,
    LastValues,
    PgicAnswer,
    Where,
    last_values,
    list_checkins,
    main_symptom,
    new_id,
    pgic_due,
    same_as_last,
    save_checkin,
    save_pgic,
)
from data.storage.save_errors import Saved, attempt

INVITE = "Rate numbness, tingling and pain from 0 to 10. It takes a few seconds."
NOTHING_RATED = "Move at least one slider first: nothing is saved until you rate something."


def scores_words(scores: dict[str, int | None]) -> str:
    """E.g. "numbness 4, tingling 3, pain 5": the answered core scores, for a card or a button's name."""
    return ", ".join(f"{LABELS[s].lower()} {scores[s]}" for s in CORE_SYMPTOMS if scores.get(s) is not None)


def clock(at: datetime) -> str:
    return at.strftime("%H:%M")


@dataclass(frozen=True)
class SameAsLast:
    """The one-tap "Same as last time" button: its visible words and its fuller accessible name."""

    label: str  # "Same as last time (numbness 4, tingling 3, pain 5)"
    name: str  # "Same as last time: numbness 4, tingling 3, pain 5"


def same_as_last_button(last: LastValues) -> SameAsLast | None:
    """Offered only when there is something to copy."""
    if last.empty:
        return None
    words = scores_words(last.scores)
    return SameAsLast(f"Same as last time ({words})" if words else "Same as last time",
                      f"Same as last time: {words}")


# --- Today's check-in card ------------------------------------------------------------


@dataclass(frozen=True)
class TrackingCard:
    """Today's check-in card: what was rated today (or the invitation) and whether PGIC is due."""

    checked_in: bool  # a daily check-in was made today: "Check in again" instead of "Check in"
    lines: tuple[str, ...]
    same_as_last: SameAsLast | None  # only before today's first check-in
    pgic_due: bool  # the weekly overall-change question is to be asked


def tracking_card(store, now: datetime) -> TrackingCard:
    today = [c for c in list_checkins(store, since=now.date(), until=now.date(), tz=now.tzinfo)
             if c.context is Context.DAILY]
    due = pgic_due(store, now.date())
    if today:
        latest = today[-1]
        scores = scores_words({s: latest.score(s) for s in CORE_SYMPTOMS}) or "other questions only"
        line = f"You checked in at {clock(latest.at.astimezone(now.tzinfo))}: {scores}."
        return TrackingCard(True, (line,), None, due)
    return TrackingCard(False, (INVITE,), same_as_last_button(last_values(store)), due)


def answer_pgic(store, level: int, now: datetime) -> str:
    """Save the weekly answer (level 1-7, checked by PgicAnswer); the thanks shown in its place."""
    answer = PgicAnswer(new_id(), now, level)
    save_pgic(store, answer)
    return f"Thank you. Saved: {answer.label.lower()}."


# --- The check-in screen --------------------------------------------------------------


@dataclass(frozen=True)
class CheckInView:
    """What the check-in screen shows: the sliders' values and the optional part when unfolded."""

    same_as_last: SameAsLast | None  # never while correcting a saved check-in
    scores: dict[str, int | None]  # None: not answered (shown as such, saved as null)
    more: bool  # the optional questions are unfolded
    where: Where | None
    note: str  # what was typed, so a redrawn screen shows it again
    problem: str  # why the last Save saved nothing, else ""
    editing: bool  # correcting a saved check-in (from the history list), not adding one


class CheckInForm:
    """One visit to the check-in screen: sliders start at last time's scores, one record id per visit.

    The id is kept so a double tap on Save overwrites, never adds.  The optional
    answers (extra symptoms, where, note) are saved only while they are unfolded;
    folded, the body area stays what it was last time.  A symptom with no last
    score starts "not answered" and is saved as null unless the person moves it.
    """

    def __init__(self, store, now: Callable[[], datetime]) -> None:
        self.store = store
        self.now = now
        self.last = last_values(store)
        self.scores: dict[str, int | None] = dict(self.last.scores)
        self.more = False
        self.where = self.last.where
        self.note = ""
        self.problem = ""
        self.id = new_id()
        self.editing: CheckIn | None = None

    @classmethod
    def correcting(cls, store, now: Callable[[], datetime], checkin: CheckIn) -> CheckInForm:
        """The same sliders on a saved check-in: its answers, all questions unfolded, its own id, time and kind."""
        form = cls(store, now)
        form.scores = {s: checkin.score(s) for s in SYMPTOMS}
        form.more, form.where, form.note = True, checkin.where, checkin.note
        form.id, form.editing = checkin.id, checkin
        return form

    def view(self) -> CheckInView:
        offer = None if self.editing else same_as_last_button(self.last)
        return CheckInView(offer, dict(self.scores), self.more, self.where, self.note, self.problem,
                           self.editing is not None)

    def set_score(self, symptom: str, value: int) -> None:
        if symptom not in SYMPTOMS:
            raise ValueError(f"unknown symptom {symptom!r}")
        self.scores[symptom] = value

    def toggle_more(self) -> None:
        self.more = not self.more

    def pick_where(self, where: Where) -> None:
        """Tapping the chosen area again clears it."""
        self.where = None if self.where is where else where

    def set_note(self, text: str) -> None:
        self.note = text

    def save(self) -> CheckIn | None:
        """Save the answers; None (the form unchanged, ``problem`` saying why) when nothing was rated or
        the save failed.  A score outside 0-10 is a bug, refused with ``ValueError``."""
        extras = {s: self.scores[s] for s in EXTRA_SYMPTOMS} if self.more else {}
        core = {s: self.scores[s] for s in CORE_SYMPTOMS}
        if all(v is None for v in (*core.values(), *extras.values())):
            self.problem = NOTHING_RATED
            return None
        original = self.editing  # a correction keeps the saved check-in's time, kind and session
        checkin = CheckIn(
            self.id, original.at if original else self.now(), **core, **extras,
            where=self.where if self.more else self.last.where, note=self.note.strip() if self.more else "",
            context=original.context if original else Context.DAILY,
            session_id=original.session_id if original else None,
        )
        saved = attempt(lambda: save_checkin(self.store, checkin))
        self.problem = saved.problem
        return checkin if saved.ok else None

    def same_as_last(self) -> CheckIn | None:
        """Save last time's scores again; None when there is nothing to copy or the save failed (``problem``)."""
        saved = save_same_as_last(self.store, self.now())
        self.problem = saved.problem
        return saved.value


def save_same_as_last(store, now: datetime) -> Saved[CheckIn]:
    """The one "Same as last time" save (Today's card and the check-in screen): the check-in saved
    (None when there is nothing to copy), or the words saying why nothing was saved."""
    return attempt(lambda: same_as_last(store, now))


# --- The session's before and after question ------------------------------------------


@dataclass(frozen=True)
class RatingView:
    """The before or after question of a session, or the words once the after rating is saved."""

    symptom: str
    value: int | None  # the slider
    before_question: str  # "How much numbness do you feel right now?"
    after_question: str  # "How much numbness do you feel now?"
    can_save: bool
    after_open: bool  # the after question is still to be answered or skipped
    after_words: str  # "Saved. Numbness: 4 before, 2 just after." once the after rating is saved
    problem: str = ""  # why the last save failed, in plain words ("" when it did not)


class SessionRating:
    """One quick rating of the main symptom just before and just after a session, linked by its id.

    The slider starts at last time's score; after the session it starts where the
    before rating left it, so "no change" is one tap.
    """

    def __init__(self, store, session_id: str, now: Callable[[], datetime]) -> None:
        self.store = store
        self.session_id = session_id
        self.now = now
        self.symptom = main_symptom(store)
        self.value: int | None = last_values(store).scores[self.symptom]
        self.before: int | None = None
        self.after: int | None = None
        self.after_closed = False  # answered or skipped
        self.problem = ""  # why the last save failed: the question stays, the value is kept

    def view(self) -> RatingView:
        name = LABELS[self.symptom].lower()
        words = ""
        if self.after is not None:
            before = f"{self.before} before, " if self.before is not None else ""
            words = f"Saved. {LABELS[self.symptom]}: {before}{self.after} just after."
        return RatingView(self.symptom, self.value, f"How much {name} do you feel right now?",
                          f"How much {name} do you feel now?", self.value is not None, not self.after_closed, words,
                          self.problem)

    def pick(self, value: int) -> None:
        self.value = value

    def save_before(self) -> bool:
        """Save the before rating; False (with ``problem`` set) when it could not be saved."""
        if self._save(Context.BEFORE_SESSION):
            self.before = self.value
            return True
        return False

    def save_after(self) -> bool:
        if self._save(Context.AFTER_SESSION):
            self.after, self.after_closed = self.value, True
            return True
        return False

    def skip_after(self) -> None:
        self.after_closed = True

    def _save(self, context: Context) -> bool:
        record = CheckIn(new_id(), self.now(), **{self.symptom: self.value}, context=context,
                         session_id=self.session_id)
        self.problem = attempt(lambda: save_checkin(self.store, record)).problem
        return not self.problem

