"""The check-in screen, Today's check-in card and the session's before/after rating, as plain rules.

Why so few taps: a record is only useful if it is kept up, so a check-in must take
seconds.  The sliders start where they were last time, "Same as last time" saves in
one tap, and the optional questions stay folded away; what each screen shows and
what each tap saves is decided here, so it is tested without a screen.
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

INVITE = "Rate numbness, tingling and pain from 0 to 10. It takes a few seconds."


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

    same_as_last: SameAsLast | None
    scores: dict[str, int | None]
    more: bool  # the optional questions are unfolded
    where: Where | None


class CheckInForm:
    """One visit to the check-in screen: sliders start at last time's scores, one record id per visit.

    The id is kept so a double tap on Save overwrites, never adds.  The optional
    answers (extra symptoms, where, note) are saved only while they are unfolded;
    folded, the body area stays what it was last time.
    """

    def __init__(self, store, now: Callable[[], datetime]) -> None:
        self.store = store
        self.now = now
        self.last = last_values(store)
        self.scores: dict[str, int | None] = {
            **{s: self.last.scores[s] if self.last.scores[s] is not None else 0 for s in CORE_SYMPTOMS},
            **{s: self.last.scores[s] for s in EXTRA_SYMPTOMS},
        }
        self.more = False
        self.where = self.last.where
        self.note = ""
        self.id = new_id()

    def view(self) -> CheckInView:
        return CheckInView(same_as_last_button(self.last), dict(self.scores), self.more, self.where)

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

    def save(self) -> CheckIn:
        extras = {s: self.scores[s] for s in EXTRA_SYMPTOMS} if self.more else {}
        checkin = CheckIn(
            self.id, self.now(), **{s: self.scores[s] for s in CORE_SYMPTOMS}, **extras,
            where=self.where if self.more else self.last.where, note=self.note.strip() if self.more else "",
        )
        save_checkin(self.store, checkin)
        return checkin

    def same_as_last(self) -> CheckIn | None:
        return same_as_last(self.store, self.now())


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

    def view(self) -> RatingView:
        name = LABELS[self.symptom].lower()
        words = ""
        if self.after is not None:
            before = f"{self.before} before, " if self.before is not None else ""
            words = f"Saved. {LABELS[self.symptom]}: {before}{self.after} just after."
        return RatingView(self.symptom, self.value, f"How much {name} do you feel right now?",
                          f"How much {name} do you feel now?", self.value is not None, not self.after_closed, words)

    def pick(self, value: int) -> None:
        self.value = value

    def save_before(self) -> None:
        self._save(Context.BEFORE_SESSION)
        self.before = self.value

    def save_after(self) -> None:
        self._save(Context.AFTER_SESSION)
        self.after, self.after_closed = self.value, True

    def skip_after(self) -> None:
        self.after_closed = True

    def _save(self, context: Context) -> None:
        save_checkin(self.store, CheckIn(new_id(), self.now(), **{self.symptom: self.value}, context=context,
                                         session_id=self.session_id))

