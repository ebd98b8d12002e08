"""A routine saved before any answers (an old backup may bring one), and the checks it must pass.

The routine model already carries per-point duration, sides and order so that
personalisation can change any of them without touching the player.  Today's
routine (the personal plan's, or this saved one) is ``progression.current_routine``.
"""
from __future__ import annotations

from typing import Any

from data.journal.records import check_fields, check_text
from data.journal.sessions import SIDES
from data.models import Routine
from data.routine.catalog import point
from data.storage.documents import read_doc

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


def read_routine(doc: Any) -> Routine:
    """A saved routine checked in full (exactly its fields, of their types, then ``routine_problems``),
    or ValueError saying what is wrong.  The one check the reader and a backup's restore use."""
    check_fields(doc, {"steps", "pressure_note"}, set())
    check_text(doc["pressure_note"], "pressure_note")
    if not isinstance(doc["steps"], list):
        raise ValueError(f"steps must be a list, found {doc['steps']!r}")
    for n, step in enumerate(doc["steps"], 1):
        try:
            check_fields(step, {"point_code", "seconds_per_side", "sides", "reason"}, set())
            if not isinstance(step["point_code"], str):
                raise ValueError(f"point_code must be text, found {step['point_code']!r}")
            if type(step["seconds_per_side"]) is not int:
                raise ValueError(f"seconds_per_side must be a whole number, found {step['seconds_per_side']!r}")
            sides = step["sides"]
            if not isinstance(sides, list) or any(s not in SIDES for s in sides):
                raise ValueError(f"sides must be a list of left, right or middle, found {sides!r}")
            check_text(step["reason"], "reason")
        except ValueError as exc:
            raise ValueError(f"step {n}: {exc}") from None
    routine = Routine.from_dict(doc)
    problems = routine_problems(routine)
    if problems:
        raise ValueError(problems[0])
    return routine


def load_routine(store) -> Routine | None:
    """The routine saved before any answers (only an old backup brings one), or None when none
    was saved or the saved one is unsound (then it is set aside and told on Today): the starting
    routine is played then.  Exactly as saved: ``progression.routine_before_answers`` makes it safe."""
    return read_doc(store, ROUTINE_DOC, read_routine)


def save_routine(store, routine: Routine) -> None:
    problems = routine_problems(routine)
    if problems:  # refused before anything is written
        raise ValueError("; ".join(problems))
    store.put_doc(ROUTINE_DOC, routine.to_dict())
