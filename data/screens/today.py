"""Today's behaviour: the words and choices of the home screen, worked out from what is saved.

Why here: the date words, each slot's status words, which slot is now, the Start
label, the routine's size and length and the plan's words all depend on data; kept
in the core they are unit-tested and Today only draws them.  The plan is worked out
once per summary, so the routine, the minutes and the plan words always agree.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from data.dates import long_day
from data.journal.records import COLLECTION_WORDS
from data.journal.sessions import SlotState, SlotStatus, day_status, sessions_on, slot_for
from data.models import Slot
from data.routine.pace import load_practice_settings
from data.routine.player import estimated_seconds
from data.routine.profile import has_profile, setup_put_off
from data.routine.progression import personal_plan, routine_of
from data.routine.spot_sessions import session_spots
from data.screens.footcheck import foot_check_due
from data.screens.my_routine import PlanGlance, plan_glance
from data.storage.quarantine import SetAside

SLOT_TITLES = {Slot.MORNING: "Morning session", Slot.EVENING: "Evening session"}
KEPT_ASIDE_START = "Some of your saved data could not be read. It was kept aside, not deleted:"
KEPT_ASIDE_END = "Everything else is here."
#: Saved documents in plain words, by the names their modules save them under (the reminders' too).
DOCUMENT_WORDS = {
    "routine": "your saved routine",
    "routine_edits": "your changes to your routine",
    "plan": "your weekly plan",
    "profile": "your answers to the first questions",
    "setup": "your choice to answer the first questions later",
    "practice": "your pace settings",
    "sound": "your sound settings",
    "foot_check": "your choice to have the daily foot check on or off",
    "text_size": "your text size",
    "tender_spots": "your tender spots",
    "reminders": "your reminder settings",
    "reminder_runner": "the reminders' memory of what was shown",
    "reminder_os": "the list of reminders handed to the phone",
}
#: Whatever else the store can set aside, by its kind (see data.storage.quarantine.KINDS).
KIND_WORDS = {
    "meta": "the app's note of which copy of your data is current (a new one was made)",
    "copy": "an unfinished copy of your data, left by a restore that stopped half-way",
    "log": "the list of what was kept aside before",
    "file": "a file the app does not know",
}


@dataclass(frozen=True)
class SlotCard:
    slot: Slot
    title: str  # "Morning session"
    words: str  # "Done. Well done!", "Started: 2 of 6 steps done" or "Not done yet"
    done: bool
    is_now: bool  # the slot a session started now counts for


@dataclass(frozen=True)
class TodaySummary:
    date_words: str  # "Tuesday 1 December"
    next_reminder_words: str
    invite_setup: bool  # the first-run invitation, until the questions are answered or put off
    slots: tuple[SlotCard, SlotCard]  # morning, evening
    current: Slot
    start_label: str | None  # "Start morning session" / "Start another session"; None: nothing to press
    routine_size: int  # points in today's routine
    minutes: int  # about how long a session takes
    routine_words: str  # "Your routine: 5 points, each side in turn, about 11 minutes."; "" when empty
    plan: PlanGlance | None  # None before the first-run questions
    kept_aside: KeptAside | None = None  # what could not be read, until the person taps OK
    foot_check_due: bool = False  # the daily foot check is on and not done yet today: its card shows


@dataclass(frozen=True)
class KeptAside:
    """Said once at the top of Today: what the store set aside because it could not be read."""

    lines: tuple[str, ...]  # KEPT_ASIDE_START, one line per thing kept aside, KEPT_ASIDE_END
    ids: tuple[str, ...]  # the quarantine entries these lines tell, for ``store.mark_told``


def status_words(status: SlotStatus) -> str:
    if status.state is SlotState.DONE:
        return "Done. Well done!"
    if status.state is SlotState.PARTLY:
        return f"Started: {status.completed_steps} of {status.total_steps} steps done"
    return "Not done yet"


def date_words(now: datetime) -> str:
    """ "Tuesday 1 December": the weekday, the day without a leading zero, the month."""
    return long_day(now.date())


def kept_aside_words(entry: SetAside) -> str:
    """What was set aside in plain words: which kind of record or setting, and which month,
    e.g. "some of your check-ins of March 2026" or "your sound settings"."""
    if entry.kind == "document":
        return DOCUMENT_WORDS.get(entry.name, "one of your settings")
    if entry.kind in ("month", "rows", "record"):
        what = COLLECTION_WORDS.get(entry.name, "saved records")
        how_much = {"month": "your", "rows": "some of your", "record": "one of your"}[entry.kind]
        return f"{how_much} {what}{_of_month(entry.month)}"
    return KIND_WORDS.get(entry.kind, KIND_WORDS["file"])


def _of_month(month: str) -> str:
    """ " of March 2026" for "2026-03"; nothing when the month is not known."""
    try:
        return f" of {date.fromisoformat(month + '-01'):%B %Y}"
    except ValueError:
        return ""


def kept_aside(store) -> KeptAside | None:
    """What the person has not yet been told was set aside; None when there is nothing to tell."""
    entries = store.quarantined(untold_only=True)
    if not entries:
        return None
    words = dict.fromkeys(kept_aside_words(e) for e in entries)  # each said once, in the order it happened
    return KeptAside((KEPT_ASIDE_START, *words, KEPT_ASIDE_END), tuple(e.id for e in entries))


def today_summary(store, now: datetime, next_reminder_words: str, day_split: time,
                  counts_for: Callable[[datetime, Slot], tuple[date, Slot]] | None = None) -> TodaySummary:
    """Today at ``now`` (local, aware); ``next_reminder_words``, ``day_split`` and ``counts_for`` (which
    slot-day a session started now counts for: after midnight, the evening whose reminder is still
    open) come from the reminder hub, so the Start button says what the player will save.

    What is damaged is set aside while this reads, so ``kept_aside`` is worked out last.
    """
    statuses = day_status(sessions_on(store, now.date()))
    current = slot_for(now, day_split)
    answers = counts_for(now, current) if counts_for is not None else None
    answering = answers if answers is not None and answers[0] < now.date() else None
    plan = personal_plan(store, now.date())
    routine = routine_of(plan, store)
    pace = load_practice_settings(store)
    spots = session_spots(plan, store)  # pressed after the points: part of the time too
    minutes = max(1, round(estimated_seconds(routine, pace.prepare_seconds, pace.switch_seconds, spots) / 60))
    size = len(routine.steps)

    def card(slot: Slot) -> SlotCard:
        status = statuses[slot]
        return SlotCard(slot, SLOT_TITLES[slot], status_words(status), status.state is SlotState.DONE,
                        slot is current)

    start_label = None
    if size and answering is not None:
        start_label = f"Start yesterday's {answering[1].value} session"
    elif size:
        start_label = ("Start another session" if statuses[current].state is SlotState.DONE
                       else f"Start {current.value} session")
    return TodaySummary(
        date_words=date_words(now),
        next_reminder_words=next_reminder_words,
        invite_setup=not has_profile(store) and not setup_put_off(store),
        slots=(card(Slot.MORNING), card(Slot.EVENING)),
        current=current,
        start_label=start_label,
        routine_size=size,
        minutes=minutes,
        routine_words=(f"Your routine: {size} points, each side in turn, about {minutes} minutes." if size
                       else ""),
        plan=None if plan is None else plan_glance(plan),
        foot_check_due=foot_check_due(store, now),
        kept_aside=kept_aside(store),
    )
