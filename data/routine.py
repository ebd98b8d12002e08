"""The routine a person practises: the default one and the saved one.

The routine model already carries per-point duration, sides and order so that
personalisation can later change any of them without touching the player.
"""
from __future__ import annotations

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


def save_routine(store, routine: Routine) -> None:
    for step in routine.steps:
        point(step.point_code)  # refuse unknown codes before anything is written
    store.put_doc(ROUTINE_DOC, routine.to_dict())
