"""A routine saved before any answers (an old backup may bring one), and the checks it must pass.

The routine model already carries per-point duration, sides and order so that
personalisation can change any of them without touching the player.  Today's
routine (the personal plan's, or this saved one) is ``progression.current_routine``.
"""
from __future__ import annotations

from data.models import Routine
from data.routine.catalog import point

DEFAULT_SECONDS_PER_SIDE = 60
MAX_SECONDS_PER_SIDE = 120  # the top of the 1-2 minutes per point per side the sources give
ROUTINE_DOC = "routine"


def routine_problems(routine: Routine) -> list[str]:
    """What makes a saved routine unplayable or unsafe to hold, in plain words; empty when fine.

    Guards the one routine that does not come from the selection rules (saved
    before any answers, or restored from a backup): known points once each, only
    the sides a point has, each side once, 1 s to 2 min a side.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for n, step in enumerate(routine.steps, 1):
        try:
            sides = point(step.point_code).sides
        except KeyError:
            problems.append(f"step {n}: unknown point {step.point_code!r}")
            continue
        if step.point_code in seen:
            problems.append(f"step {n}: {step.point_code} is already in the routine")
        seen.add(step.point_code)
        if not step.sides or len(set(step.sides)) != len(step.sides) or not set(step.sides) <= set(sides):
            names = " and ".join(s.value for s in sides)
            problems.append(f"step {n}: {step.point_code} is pressed on {names}, each side once")
        if not 1 <= step.seconds_per_side <= MAX_SECONDS_PER_SIDE:
            problems.append(f"step {n}: hold for 1 to {MAX_SECONDS_PER_SIDE} seconds a side, "
                            f"found {step.seconds_per_side}")
    return problems


def load_routine(store) -> Routine | None:
    """The routine saved before any answers (only an old backup brings one), or None when none
    was saved or the saved one is unsound: the starting routine is played then."""
    doc = store.get_doc(ROUTINE_DOC)
    if not doc:
        return None
    try:
        routine = Routine.from_dict(doc)
    except (KeyError, TypeError, ValueError):
        return None
    return None if routine_problems(routine) else routine


def save_routine(store, routine: Routine) -> None:
    problems = routine_problems(routine)
    if problems:  # refused before anything is written
        raise ValueError("; ".join(problems))
    store.put_doc(ROUTINE_DOC, routine.to_dict())
