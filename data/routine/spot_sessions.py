"""The person's tender spots in a day's sessions, and what a session step is called.

Why here: the player, Today's minutes, My routine, the summary, the CSV and the report
must all agree on which spots are pressed today (``selection.spots_in_routine`` on the
plan's routine) and name a step the same way.  A step saved with a spot's code
("spot-3") is named by that spot; a spot deleted since reads as "a tender spot", so an
old session never fails to show for want of a catalog entry.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from data.models import Point, Region
from data.routine.catalog import POINTS, point
from data.routine.progression import PersonalPlan
from data.routine.selection import SpotStep, spots_in_routine
from data.routine.sides import side_words
from data.routine.spots import TenderSpot, is_spot_code, load_spots

DELETED_SPOT = "a tender spot"  # a spot's name once the spot is deleted
# The first catalog point in each region: a spot there is named and said as that point's side is.
REGION_POINT: Mapping[Region, Point] = MappingProxyType({p.region: p for p in reversed(POINTS)})


def session_spots(plan: PersonalPlan | None, store) -> tuple[SpotStep, ...]:
    """The spots pressed after today's points; none before the first-run questions."""
    if plan is None:
        return ()
    return spots_in_routine(plan.routine, load_spots(store), plan.profile).steps


def step_title(code: str, spots: Sequence[TenderSpot]) -> str:
    """How a saved step is named: "LI4 Hegu", "Sore spot (left forearm)", "a tender spot" (deleted since),
    or the code itself when the catalog no longer has it."""
    if is_spot_code(code):
        return next((s.title for s in spots if s.code == code), DELETED_SPOT)
    try:
        pt = point(code)
    except KeyError:
        return code
    return f"{pt.code} {pt.pinyin}"


def spot_side_words(spot: TenderSpot) -> str:
    """The side and body part of a spot as the player and the spoken cues name a point's: "Left arm",
    "Middle of the neck", "Right side of the spine"."""
    return side_words(REGION_POINT[spot.region], spot.side)
