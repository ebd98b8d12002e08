"""The routine a person practises: the default one, the saved one, and today's one.

The routine model already carries per-point duration, sides and order so that
personalisation can change any of them without touching the player.  Screens
ask ``current_routine`` only, so the player and Today always agree.
"""
from __future__ import annotations

from datetime import date

from data.catalog import CORE_CODES, point
from data.models import Routine, RoutineStep

DEFAULT_SECONDS_PER_SIDE = 60
ROUTINE_DOC = "routine"


def default_routine() -> Routine:
    """The five core points, both sides, one minute per point per side."""
    return Routine(
        steps=tuple(
            RoutineStep(
                point_code=code,
                seconds_per_side=DEFAULT_SECONDS_PER_SIDE,
                sides=point(code).sides,
                reason="One of the five core points of the starting routine.",
            )
            for code in CORE_CODES
        )
    )


def load_routine(store) -> Routine:
    """The saved routine, or the default one when none was saved yet."""
    doc = store.get_doc(ROUTINE_DOC)
    return Routine.from_dict(doc) if doc else default_routine()


def current_routine(store, today: date) -> Routine:
    """The routine to practise today: what Today shows and the player plays.

    Before the first-run questions are answered, the saved (or default) routine;
    after, the personal routine at the plan's current level (data/progression.py).
    """
    from data.progression import personal_plan  # progression builds on this module

    plan = personal_plan(store, today)
    return load_routine(store) if plan is None else plan.routine


def save_routine(store, routine: Routine) -> None:
    for step in routine.steps:
        point(step.point_code)  # refuse unknown codes before anything is written
    store.put_doc(ROUTINE_DOC, routine.to_dict())
