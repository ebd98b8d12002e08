"""A gentle start: the routine grows week by week, and only after a week that was mostly kept.

Why: domain.md asks to start lighter (15-30 s a point) and build up to 1-2
minutes a point a side; growing only after a kept week keeps the routine at a
size the person is actually managing.  The plan is data (``LEVELS``) plus a
small saved state (doc "plan"); every function takes the date, never reads the
clock, so weeks can be replayed in tests.

Rules:
* Plan weeks run from the start date in blocks of 7 days; "Week 2" is days 8-14.
* At the end of each week the week is reviewed once.  The level goes up one step
  when the week was mostly kept (``KEPT_SHARE`` of its 14 morning and evening
  sessions, i.e. 10), the plan is not on hold, the top is not reached, and the
  whole week was spent at the current level (so a step back always gets a full
  week before the routine grows again).  Otherwise it stays.
* The person may put the plan on hold (it stays where it is) or step back one level.
* Whatever the level, the routine it gives passes through the safety rules.

``personal_plan`` puts the answers, the person's edits, the plan and the kept
sessions together for the screens, so they never assemble them differently.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from data.journal.records import check_fields
from data.journal.sessions import read_sessions
from data.models import Routine, SessionRecord, Slot
from data.routine.catalog import CORE_CODES
from data.routine.profile import Profile, has_profile, load_rules_profile, save_profile
from data.routine.saved import load_routine
from data.routine.selection import (
    EDITS_DOC,
    RoutineEdits,
    RoutineResult,
    build_routine,
    duration_words,
    enforce_safety,
    first_choices,
    load_edits,
    personal_routine,
    read_edits,
    ruled_out_choices,
)
from data.storage import documents

PLAN_DOC = "plan"
EARLIEST_DAY = date(2000, 1, 1)  # no plan day before the app could exist
#: How far after today a saved plan's days may lie: a clock set back (even by months) keeps the plan.
CLOCK_SLACK = timedelta(days=366)
MAX_PLAN_EVENTS = 5_000  # a century of weekly reviews
SESSIONS_PER_WEEK = 2 * 7  # morning and evening
KEPT_SHARE = 0.7
KEPT_SESSIONS = math.ceil(KEPT_SHARE * SESSIONS_PER_WEEK)  # 10 of 14


@dataclass(frozen=True)
class Level:
    """One step of the plan; None means "as in your full routine"."""

    number: int
    points: int | None
    seconds_per_side: int | None


LEVELS: tuple[Level, ...] = (
    Level(1, 3, 30),  # the best point for each symptom area, alternating with core points
    Level(2, 4, 45),
    Level(3, 5, 60),
    Level(4, 7, 60),
    Level(5, None, None),  # the full routine, at the durations it has
)
TOP_LEVEL = LEVELS[-1].number


class Event(StrEnum):
    STARTED = "started"
    MOVED_UP = "moved_up"  # weekly review: mostly kept
    STAYED = "stayed"  # weekly review: not mostly kept, too soon after a change, or at the top
    HELD = "held"  # weekly review while on hold
    STEPPED_BACK = "stepped_back"
    PAUSED = "paused"  # hold switched on
    RESUMED = "resumed"  # hold switched off


_REVIEWS = frozenset((Event.MOVED_UP, Event.STAYED, Event.HELD))


@dataclass(frozen=True)
class PlanEvent:
    on: date
    event: Event
    level: int  # the level after the event


@dataclass(frozen=True)
class PlanState:
    """What is saved: where the plan stands and how it got there."""

    start: date
    level: int
    level_since: date  # the day the current level began
    hold: bool = False
    weeks_reviewed: int = 0
    history: tuple[PlanEvent, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.level <= TOP_LEVEL:
            raise ValueError(f"level must be 1-{TOP_LEVEL}, got {self.level}")
        if self.level_since < self.start or self.weeks_reviewed < 0:
            raise ValueError("level_since must not be before the start; weeks_reviewed must be >= 0")

    @property
    def can_step_back(self) -> bool:
        return self.level > 1

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "level": self.level,
            "level_since": self.level_since.isoformat(),
            "hold": self.hold,
            "weeks_reviewed": self.weeks_reviewed,
            "history": [
                {"on": e.on.isoformat(), "event": e.event.value, "level": e.level} for e in self.history
            ],
        }

    @classmethod
    def from_dict(cls, d: dict) -> PlanState:
        try:
            if type(d["level"]) is not int or type(d["weeks_reviewed"]) is not int or type(d["hold"]) is not bool:
                raise TypeError("level, weeks_reviewed and hold have the wrong type")
            return cls(
                start=date.fromisoformat(d["start"]),
                level=d["level"],
                level_since=date.fromisoformat(d["level_since"]),
                hold=d["hold"],
                weeks_reviewed=d["weeks_reviewed"],
                history=tuple(
                    PlanEvent(date.fromisoformat(e["on"]), Event(e["event"]), int(e["level"]))
                    for e in d["history"]
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"unreadable plan: {exc}") from None


@dataclass(frozen=True)
class PlanToday:
    """The plan as it stands on one day; ``state`` is the one to save."""

    state: PlanState
    level: Level
    week: int  # 1-based plan week of the day asked about
    news: str  # what this week's review decided, in plain words; "" when nothing to say


def _day(today: date) -> date:
    if isinstance(today, datetime) or not isinstance(today, date):
        raise TypeError(f"pass a date, not {type(today).__name__}")
    return today


def start_plan(today: date) -> PlanState:
    today = _day(today)
    return PlanState(today, 1, today, history=(PlanEvent(today, Event.STARTED, 1),))


def slots_done(records: Iterable[SessionRecord]) -> frozenset[tuple[date, Slot]]:
    """Morning and evening sessions that went through the whole routine, by the date they started."""
    return frozenset((r.practice_day(), r.slot) for r in records if r.finished)


def current_level(
    state: PlanState, sessions_done: Iterable[tuple[date, Slot]], today: date
) -> PlanToday:
    """Review every plan week that ended by ``today`` (once each) and say where the plan stands.

    ``sessions_done`` holds (date, slot) pairs of kept sessions; duplicates count once.
    Safe to call as often as wanted: a week already reviewed is never reviewed again.
    """
    today = _day(today)
    done = {(day, Slot(slot)) for day, slot in sessions_done}
    weeks_ended = max(0, (today - state.start).days // 7)
    while state.weeks_reviewed < weeks_ended:
        state = _review(state, done)
    return PlanToday(state, LEVELS[state.level - 1], weeks_ended + 1, _news(state))


def _review(state: PlanState, done: set[tuple[date, Slot]]) -> PlanState:
    begin = state.start + timedelta(weeks=state.weeks_reviewed)
    end = begin + timedelta(weeks=1)
    kept = sum(1 for day, _slot in done if begin <= day < end) >= KEPT_SESSIONS
    level, since = state.level, state.level_since
    if state.hold:
        event = Event.HELD
    elif kept and level < TOP_LEVEL and since <= begin:
        event, level, since = Event.MOVED_UP, level + 1, end
    else:
        event = Event.STAYED
    return replace(
        state,
        level=level,
        level_since=since,
        weeks_reviewed=state.weeks_reviewed + 1,
        history=(*state.history, PlanEvent(end, event, level)),
    )


def _news(state: PlanState) -> str:
    if state.weeks_reviewed == 0:
        return ""
    week_start = state.start + timedelta(weeks=state.weeks_reviewed)
    review = next((e for e in reversed(state.history) if e.event in _REVIEWS and e.on == week_start), None)
    if review is None:
        return ""
    if review.event is Event.MOVED_UP:
        return "Well done: you kept up most of last week's sessions, so your routine grows a little this week."
    if review.event is Event.HELD:
        return "Your plan is on hold, so your routine stays as it is."
    if review.level < TOP_LEVEL:
        return "Your routine stays the same this week. It grows after a week with most sessions done."
    return ""


def step_back(state: PlanState, today: date) -> PlanState:
    """Go down one level from today; at level 1 nothing changes."""
    today = _day(today)
    if not state.can_step_back:
        return state
    level = state.level - 1
    return replace(
        state,
        level=level,
        level_since=max(today, state.start),
        history=(*state.history, PlanEvent(today, Event.STEPPED_BACK, level)),
    )


def set_hold(state: PlanState, hold: bool, today: date) -> PlanState:
    """Put the plan on hold (it stops growing) or take it off hold."""
    today = _day(today)
    if hold == state.hold:
        return state
    event = Event.PAUSED if hold else Event.RESUMED
    return replace(state, hold=hold, history=(*state.history, PlanEvent(today, event, state.level)))


def routine_for_level(full: Routine, level: Level, profile: Profile) -> Routine:
    """The part of the person's full routine this level uses, still obeying every safety rule.

    The best allowed point for each symptom area the person reported alternates
    with the core points, then come the others in routine order, so even week 1
    targets where the symptoms are; the chosen steps keep the routine's order.
    Durations are the level's, or the step's own when that is shorter.
    """
    steps = enforce_safety(full, profile).routine.steps  # count only points that may be pressed
    if level.points is not None:
        codes = [s.point_code for s in steps]
        firsts = first_choices(profile, codes)
        core = [c for c in codes if c in CORE_CODES and c not in firsts]
        # Alternate symptom points and core points, then the rest in routine order.
        rank = {c: 2 * i for i, c in enumerate(firsts)} | {c: 2 * i + 1 for i, c in enumerate(core)}
        ranked = sorted(range(len(steps)), key=lambda i: (rank.get(codes[i], len(codes) * 2 + i)))
        keep = set(ranked[: level.points])
        steps = tuple(s for i, s in enumerate(steps) if i in keep)
    if level.seconds_per_side is not None:
        steps = tuple(
            replace(s, seconds_per_side=min(s.seconds_per_side, level.seconds_per_side)) for s in steps
        )
    return enforce_safety(Routine(steps), profile).routine


def plan_words(plan: PlanToday, routine: Routine) -> str:
    """Words for Today, e.g. "Week 2 of your plan: 4 points, 45 seconds each side."

    ``routine`` is the level's routine (``routine_for_level``), so the words say
    what will actually be pressed.
    """
    week = f"Week {plan.week} of your plan" + (" (on hold)" if plan.state.hold else "")
    if not routine.steps:
        return f"{week}: there are no points to press right now."
    count = len(routine.steps)
    points = "1 point" if count == 1 else f"{count} points"
    seconds = {s.seconds_per_side for s in routine.steps}
    each = duration_words(max(seconds)) + " each side"
    if len(seconds) > 1:
        each = "up to " + each
    full = "your full routine, " if plan.level.points is None else ""
    return f"{week}: {full}{points}, {each}."


def read_plan(doc: Any, latest: date | None) -> PlanState:
    """A saved plan, checked in full: exactly its fields, days from 2000 to ``latest`` (None: no upper
    bound), levels 1-5, no more weeks reviewed than have passed.  ValueError says what is wrong.

    The one check of a plan: the app's reader and a backup's restore (and the backup made) use it.
    """
    check_fields(doc, {"start", "level", "level_since", "hold", "weeks_reviewed", "history"}, set())
    if not isinstance(doc["history"], list) or len(doc["history"]) > MAX_PLAN_EVENTS:
        raise ValueError(f"history must be a list of at most {MAX_PLAN_EVENTS} events")
    for event in doc["history"]:
        check_fields(event, {"on", "event", "level"}, set())
        if type(event["level"]) is not int:
            raise ValueError(f"history: level must be a whole number, found {event['level']!r}")
    plan = PlanState.from_dict(doc)
    last = date.max if latest is None else latest
    for name, day in (("start", plan.start), ("level_since", plan.level_since),
                      *(("history: on", e.on) for e in plan.history)):
        if not EARLIEST_DAY <= day <= last:
            raise ValueError(f"{name} must be between 2000 and today, found {day.isoformat()}")
    weeks = (last - plan.start).days // 7 + 1
    if plan.weeks_reviewed > weeks:
        raise ValueError(f"weeks_reviewed must be at most {weeks} for a plan started on {plan.start}, "
                         f"found {plan.weeks_reviewed}")
    for event in plan.history:
        if not 1 <= event.level <= TOP_LEVEL:
            raise ValueError(f"history: level must be 1 to {TOP_LEVEL}, found {event.level}")
    return plan


def _plan_reader(today: date | None) -> Callable[[Any], PlanState]:
    return lambda doc: read_plan(doc, None if today is None else _day(today) + CLOCK_SLACK)


def load_plan(store, today: date | None = None) -> PlanState | None:
    """The saved plan, or None when no plan was started yet or the saved one is damaged (then it is set
    aside and told on Today).  ``today`` bounds its days; without it only their lower bound is checked."""
    return documents.read_doc(store, PLAN_DOC, _plan_reader(today))


def save_plan(store, state: PlanState) -> None:
    store.put_doc(PLAN_DOC, state.to_dict())


def change_plan(store, today: date, change: Callable[[PlanState | None], PlanState]) -> PlanState:
    """Save ``change(the plan saved now, or None)`` as one step under the store's lock.

    Every change made from the current plan goes through here, so a change made at
    the same moment in another tab or process is never lost.  A damaged plan is set
    aside and counts as none.  Returns what was saved.
    """
    saved = documents.update_doc(store, PLAN_DOC, _plan_reader(today), lambda plan: change(plan).to_dict())
    return PlanState.from_dict(saved)


def change_edits(store, change: Callable[[RoutineEdits], RoutineEdits]) -> RoutineEdits:
    """Save ``change(the edits saved now)`` as one step under the store's lock, so a change made at the
    same moment in another tab or process is never lost; damaged edits are set aside and count as none."""
    saved = documents.update_doc(store, EDITS_DOC, read_edits, lambda edits: change(edits or RoutineEdits()).to_dict())
    return read_edits(saved)


# --- The person's plan as the screens use it ---------------------------------------


@dataclass(frozen=True)
class PersonalPlan:
    """Everything the screens need about a person's routine on one day, read from the store."""

    profile: Profile
    edits: RoutineEdits
    full: RoutineResult  # the whole routine with the person's edits, and what safety refused
    plan: PlanToday
    routine: Routine  # the part of ``full`` practised today: the plan's level

    @property
    def words(self) -> str:
        """Where the plan stands, e.g. "Week 2 of your plan: 4 points, 45 seconds each side." """
        return plan_words(self.plan, self.routine)

    @property
    def nothing_to_press(self) -> tuple[str, ...]:
        """Why there is nothing to press today, in plain lines; empty when there is something."""
        if self.routine.steps:
            return ()
        if build_routine(self.profile).steps:
            return ("You took every point out of your routine. You can add points back in My routine.",)
        return (
            "Every point chosen for you is left out for your safety:",
            *ruled_out_choices(self.profile),
            "Do not press anything for now. When things change, for example when a wound has healed, "
            "update your answers.",
        )


def personal_plan(store, today: date) -> PersonalPlan | None:
    """The person's plan today, or None before the first-run questions were answered.

    Reviews the plan weeks that ended (saving the plan only when that changed it),
    and starts the plan today if answers exist but no plan was saved yet.
    """
    if not has_profile(store):
        return None
    today = _day(today)
    profile = load_rules_profile(store)  # the answers, with the newest questionnaire's folded in
    edits = load_edits(store)
    full = personal_routine(profile, edits)
    saved = load_plan(store, today)
    state = saved or start_plan(today)
    done = slots_done(read_sessions(store, state.start, today))
    plan = current_level(state, done, today)
    if plan.state != saved:  # reviewed again from the plan saved now: another tab may have changed it
        plan = current_level(change_plan(store, today, lambda now_saved: current_level(
            now_saved or start_plan(today), done, today).state), done, today)
    return PersonalPlan(profile, edits, full, plan, routine_for_level(full.routine, plan.level, profile))


def finish_setup(store, profile: Profile, today: date) -> None:
    """Save the first-run answers; the plan starts the first time they are saved and carries on after."""
    save_profile(store, profile)
    change_plan(store, today, lambda saved: saved or start_plan(today))


def current_routine(store, today: date) -> Routine:
    """The routine to practise today: what Today shows and the player plays.

    Before the first-run questions are answered, the saved (or default) routine;
    after, the personal routine at the plan's current level.
    """
    return routine_of(personal_plan(store, today), store)


def routine_of(plan: PersonalPlan | None, store) -> Routine:
    """``current_routine`` for a screen that has already worked out today's plan (or None)."""
    return routine_before_answers(store) if plan is None else plan.routine


def starting_routine() -> Routine:
    """Before any answers: week 1 of the plan for someone who has answered nothing.

    One starting routine whichever way a person begins ("Not now", or every question
    skipped), and unanswered safety questions count as "maybe" (no LI4 or SP6).
    """
    unanswered = Profile()
    return routine_for_level(personal_routine(unanswered).routine, LEVELS[0], unanswered)


def routine_before_answers(store) -> Routine:
    """A routine saved before the answers (only an old backup brings one), kept safe, or the starting routine."""
    saved = load_routine(store)
    return starting_routine() if saved is None else safe_as_saved(saved, load_rules_profile(store))


def safe_as_saved(saved: Routine, profile: Profile) -> Routine:
    """A routine saved before the safety questions existed, under the safety rules every routine obeys.

    ``enforce_safety`` decides: a point it takes out is left out (LI4 while pregnancy is
    not answered), a side it does not allow is not pressed, a hold is kept to its cap
    (30 s where light pressure is needed) and its pressure note and step notes are added.
    What the saved routine chose within those rules stays: its order, its sides (fewer
    than allowed is fine) and its holds, even shorter than the 15 s the rules give a new
    routine (short holds are a choice, never a danger); its own note when safety has none.
    """
    safe = enforce_safety(saved, profile).routine
    chosen = {s.point_code: s for s in saved.steps}
    steps = []
    for step in safe.steps:
        own = chosen[step.point_code]
        sides = tuple(side for side in own.sides if side in step.sides)
        if sides:
            steps.append(replace(step, sides=sides, seconds_per_side=min(step.seconds_per_side,
                                                                          own.seconds_per_side)))
    return Routine(tuple(steps), safe.pressure_note or saved.pressure_note)
