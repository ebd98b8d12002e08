"""My routine's behaviour: what the screen shows about the person's routine and plan, and what each tap saves.

Why here and not in the view: the reorder and hold-time arithmetic, the light-pressure
cap, which refusals are worth saying and where, and which points can be added (and why
not) are rules; kept in the core they are unit-tested and the screen only draws them.
Every tap reads what is saved at the moment of the tap (another tab, or a quick second
tap, may have changed it) and goes through the selection rules, so safety always wins.
Also Today's glance at the plan (``plan_glance``), which leads here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from data.models import Routine, RoutineStep
from data.routine.catalog import POINTS, point
from data.routine.profile import load_rules_profile
from data.routine.progression import (
    PersonalPlan,
    PlanState,
    change_edits,
    change_plan,
    personal_plan,
    routine_before_answers,
    set_hold,
    start_plan,
    step_back,
)
from data.routine.selection import (
    RoutineEdits,
    Standing,
    area_coverage,
    check_point,
    duration_words,
    explain,
    personal_routine,
    seconds_cap,
    spots_in_routine,
)
from data.routine.spots import load_spots

DURATIONS = (15, 30, 45, 60, 90, 120)  # the hold times the Shorter / Longer buttons step through


class Change(StrEnum):
    MOVED = "moved"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True)
class Recent:
    """The last change, for a notice where it happened; the screen keeps it until the next change."""

    change: Change
    code: str
    place: int  # 0-based: where it moved to, or where it was taken out


def title(code: str) -> str:
    """e.g. "LI4 Hegu"."""
    pt = point(code)
    return f"{pt.code} {pt.pinyin}"


# --- Today's glance at the plan ---------------------------------------------------------


@dataclass(frozen=True)
class PlanGlance:
    """Where the plan stands, for Today; ``nothing_to_press`` says why there is no Start button."""

    lines: tuple[str, ...]  # e.g. "Week 2 of your plan: 4 points, 45 seconds each side.", then the news
    nothing_to_press: tuple[str, ...]  # empty when there is something to press


def plan_glance(plan: PersonalPlan) -> PlanGlance:
    return PlanGlance(_plan_lines(plan), plan.nothing_to_press)


def _plan_lines(plan: PersonalPlan) -> tuple[str, ...]:
    return (plan.words, *((plan.plan.news,) if plan.plan.news else ()))


# --- The screen ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StartingStep:
    """A point of the starting routine, read-only (before the first-run questions)."""

    title: str  # "1. LI4 Hegu"
    lines: tuple[str, str]  # why, and "1 minute each side."


@dataclass(frozen=True)
class PlanCard:
    lines: tuple[str, ...]
    hold: bool  # the plan is on hold
    level: int  # the level shown, so a step back is done once however often it is tapped
    can_step_back: bool


@dataclass(frozen=True)
class StepCard:
    """One point of the routine: why it is there, how long, and what the edit buttons may do."""

    code: str
    place: int  # 0-based place in the routine
    title: str  # "2. PC6 Neiguan"
    surface: str  # "Inner forearm, ..." (capitalised)
    illustration: str
    lines: tuple[str, ...]  # why, this week, then notices (refusals, "Moved to place 2.")
    hold_words: str  # "Hold: 1 minute each side"
    shorter: int | None  # the next shorter hold time, None when there is none
    longer: int | None  # the next longer one, capped by light pressure
    can_move_up: bool
    can_move_down: bool


@dataclass(frozen=True)
class RemovedNotice:
    """Said where a point was just taken out, with the way to put it back."""

    code: str
    place: int  # among the step cards
    words: str


@dataclass(frozen=True)
class AddChoice:
    """A point the person may add, or the note where the point just added was."""

    code: str
    title: str  # "HT7 Shenmen: inner wrist crease, ..." ("" for a note)
    words: str
    can_add: bool  # False for the "is now in your routine" note


@dataclass(frozen=True)
class AddSection:
    choices: tuple[AddChoice, ...]  # points taken out by the person last; empty when every safe point is in
    cannot_add: tuple[str, ...]  # "LI4 Hegu cannot be added: it is not used in pregnancy."


@dataclass(frozen=True)
class SpotCard:
    """One of the person's tender spots: pressed after the points, or why not."""

    title: str  # "Sore spot (left forearm)"
    lines: tuple[str, ...]  # "Pressed after your points, 30 seconds.", the light-pressure note, cautions
    pressed: bool


@dataclass(frozen=True)
class SpotsSection:
    heading: str  # "Your tender spots (2)"
    cards: tuple[SpotCard, ...]  # pressed ones first, in the order pressed, then the ones left out
    words: str  # said above the button: what a spot is, or that none is marked yet


NO_SPOTS = ("No tender spots marked yet. Mark a place on your hand, arm, leg or foot that feels tender or "
            "numb, and it is pressed after your points.")
SOME_SPOTS = "Pressed after your points, with the same pressure and safety rules as a point in that place."


@dataclass(frozen=True)
class MyRoutineSummary:
    """Before the first-run questions only ``starting`` is set (``plan`` is None)."""

    starting: tuple[StartingStep, ...] = ()
    points_heading: str = ""  # "Your points (3)": the starting routine's, or the person's
    plan: PlanCard | None = None
    pressure_note: str = ""
    nothing_to_press: tuple[str, ...] = ()
    other_refusals: tuple[str, ...] = ()  # changes that could not be made, for points without a card
    uncovered: tuple[str, ...] = ()  # areas the person told us about that have no point, each with why
    steps: tuple[StepCard, ...] = ()
    removed: RemovedNotice | None = None
    add: AddSection | None = None  # only while editing
    spots: SpotsSection | None = None  # the person's tender spots (None before the first-run questions)


def my_routine_summary(store, today: date, recent: Recent | None = None, editing: bool = False
                       ) -> MyRoutineSummary:
    """What My routine shows today; ``recent`` is the last change made here, ``editing`` adds the add section."""
    plan = personal_plan(store, today)
    if plan is None:
        starting = _starting(routine_before_answers(store))
        return MyRoutineSummary(starting=starting, points_heading=_points_heading(len(starting)))
    steps = plan.full.routine.steps
    order = [s.point_code for s in steps]
    this_week = {s.point_code: s for s in plan.routine.steps}
    messages: dict[str, list[str]] = {}
    for refusal in plan.full.refused:
        # Only points in the routine have a card (and a catalog entry: a refusal may name an unknown code).
        note = check_point(refusal.code, plan.profile).side_note() if refusal.code in order else ""
        if not (note and note in refusal.message):  # the card says it already
            messages.setdefault(refusal.code, []).append(refusal.message)
    if recent is not None and recent.code in order:
        if recent.change is Change.MOVED:
            messages.setdefault(recent.code, []).append(f"Moved to place {recent.place + 1}.")
        elif recent.change is Change.ADDED:
            messages.setdefault(recent.code, []).append("Added to your routine.")
    cards = tuple(
        _step_card(i, len(steps), s, explain(s.point_code, plan.profile, plan.full.routine).text,
                   this_week.get(s.point_code), messages.pop(s.point_code, []), seconds_cap(s.point_code, plan.profile))
        for i, s in enumerate(steps)
    )
    removed = None
    if recent is not None and recent.change is Change.REMOVED and recent.code not in order:
        removed = RemovedNotice(recent.code, min(recent.place, len(cards)),
                                f"{title(recent.code)} is taken out of your routine.")
    just_added = recent.code if recent is not None and recent.change is Change.ADDED else ""
    return MyRoutineSummary(
        points_heading=_points_heading(len(cards)),
        plan=_plan_card(plan),
        pressure_note=plan.full.routine.pressure_note,
        nothing_to_press=plan.nothing_to_press,
        other_refusals=tuple(m for msgs in messages.values() for m in msgs),
        uncovered=tuple(a.words for a in area_coverage(plan.profile, plan.full.routine) if not a.covered),
        steps=cards,
        removed=removed,
        add=_add_section(plan, order, just_added) if editing else None,
        spots=_spots_section(store, plan),
    )


def _spots_section(store, plan: PersonalPlan) -> SpotsSection:
    """The spots pressed this week after the points, then each one left out and why (as the player has them)."""
    spots = spots_in_routine(plan.routine, load_spots(store), plan.profile)
    cards = [
        SpotCard(step.spot.title,
                 (f"Pressed after your points, {duration_words(step.seconds_per_side)}.",
                  *((step.note,) if step.note else ()), *step.cautions),
                 True)
        for step in spots.steps
    ]
    cards += [SpotCard(spot.title, (f"Not pressed now: {why}.",), False) for spot, why in spots.left_out]
    return SpotsSection(f"Your tender spots ({len(cards)})", tuple(cards), SOME_SPOTS if cards else NO_SPOTS)


def _points_heading(count: int) -> str:
    return f"Your points ({count})"


def _starting(routine: Routine) -> tuple[StartingStep, ...]:
    return tuple(
        StartingStep(f"{i + 1}. {title(s.point_code)}", (s.reason, f"{duration_words(s.seconds_per_side)} each side."))
        for i, s in enumerate(routine.steps)
    )


def _plan_card(plan: PersonalPlan) -> PlanCard:
    state = plan.plan.state
    hold_line = (
        "Your plan is on hold: your routine keeps its size until you let it grow again."
        if state.hold else
        "You start gently. Your routine grows a little after each week in which you do most of your "
        "sessions."
    )
    return PlanCard((*_plan_lines(plan), hold_line), state.hold, state.level, state.can_step_back)


def _step_card(index: int, count: int, step: RoutineStep, why: str, this_week: RoutineStep | None,
               messages: list[str], top_seconds: int) -> StepCard:
    code, seconds = step.point_code, step.seconds_per_side
    pt = point(code)
    if this_week is None:
        week = "Not in this week's sessions yet: it joins as your plan grows."
    elif this_week.seconds_per_side < seconds:
        week = f"This week: {duration_words(this_week.seconds_per_side)} each side, as your plan builds up."
    else:
        week = "In this week's sessions."
    shorter = [d for d in DURATIONS if d < seconds]
    longer = [d for d in DURATIONS if seconds < d <= top_seconds]
    return StepCard(
        code=code,
        place=index,
        title=f"{index + 1}. {title(code)}",
        surface=pt.surface.capitalize(),
        illustration=pt.illustration,
        lines=(why, week, *messages),
        hold_words=f"Hold: {duration_words(seconds)} each side",
        shorter=shorter[-1] if shorter else None,
        longer=longer[0] if longer else None,
        can_move_up=index > 0,
        can_move_down=index < count - 1,
    )


def _add_section(plan: PersonalPlan, order: list[str], just_added: str) -> AddSection:
    """Points that may be added (ones the person took out first), then the ones safety rules out, and why.

    The point just added leaves a note where it was, since its card is now further up.
    """
    addable: list[tuple[bool, AddChoice]] = []
    unsafe: list[str] = []
    for p in POINTS:
        if p.code == just_added and p.code in order:
            addable.append((True, AddChoice(
                p.code, "", f"{title(p.code)} is now in your routine, at place {order.index(p.code) + 1}.", False)))
            continue
        if p.code in order:
            continue
        why = explain(p.code, plan.profile, plan.full.routine)
        if why.can_add:
            addable.append((why.standing is not Standing.REMOVED,
                            AddChoice(p.code, f"{p.code} {p.pinyin}: {p.surface}", why.text, True)))
        else:
            reasons = check_point(p.code, plan.profile).reasons
            unsafe.append(f"{p.code} {p.pinyin} cannot be added: {reasons}.")
    addable.sort(key=lambda item: item[0])  # stable: catalog order within each group
    return AddSection(tuple(c for _, c in addable), tuple(unsafe))


# --- Taps -------------------------------------------------------------------------------


def move_point(store, code: str, by: int) -> Recent | None:
    """Move a point one place up (-1) or down (+1) in the saved routine; None when it cannot move there."""
    if by not in (-1, 1):
        raise ValueError(f"move by -1 or 1, not {by!r}")
    profile = load_rules_profile(store)
    moved_to: list[int] = []

    def move(edits: RoutineEdits) -> RoutineEdits:
        moved_to.clear()
        order = [s.point_code for s in personal_routine(profile, edits).routine.steps]
        if code not in order or not 0 <= order.index(code) + by < len(order):
            return edits
        i = order.index(code)
        order[i], order[i + by] = order[i + by], order[i]
        moved_to.append(i + by)
        return edits.with_order(order)

    change_edits(store, move)
    return Recent(Change.MOVED, code, moved_to[0]) if moved_to else None


def remove_point(store, code: str, place: int) -> Recent:
    """Take a point out of the routine; ``place`` is where its card was, for the notice."""
    point(code)  # KeyError for a code the catalog does not have
    change_edits(store, lambda edits: edits.with_removed(code))
    return Recent(Change.REMOVED, code, place)


def add_point(store, code: str) -> Recent:
    """Add a point (or put one back); the selection rules still refuse one that is not safe."""
    point(code)  # KeyError for a code the catalog does not have
    change_edits(store, lambda edits: edits.with_added(code))
    return Recent(Change.ADDED, code, 0)


def set_seconds(store, code: str, seconds: int) -> None:
    """Hold a point this long each side (one of ``DURATIONS``; safety still caps it)."""
    point(code)  # KeyError for a code the catalog does not have
    if type(seconds) is not int or seconds not in DURATIONS:
        raise ValueError(f"hold time must be one of {DURATIONS}, not {seconds!r}")
    change_edits(store, lambda edits: edits.with_seconds(code, seconds))


def hold_plan(store, today: date, hold: bool) -> None:
    """Put the saved plan on hold, or take it off hold; nothing before the first-run questions."""
    if type(hold) is not bool:
        raise TypeError(f"hold must be True or False, not {hold!r}")
    if personal_plan(store, today) is not None:  # reviewed and saved first
        change_plan(store, today, lambda saved: set_hold(saved or start_plan(today), hold, today))


def step_back_plan(store, today: date, from_level: int) -> None:
    """Step the saved plan back one level, once: only while it is still at ``from_level`` (the level shown)."""
    if personal_plan(store, today) is not None:  # reviewed and saved first
        def back(saved: PlanState | None) -> PlanState:
            state = saved or start_plan(today)
            return step_back(state, today) if state.level == from_level else state

        change_plan(store, today, back)
