"""How the side being pressed is named: "Left hand", "Right leg", "Middle of the neck".

Why here: the player shows these words in large letters and the spoken cues say
them, so both must come from one place in the core, below the screens.
"""
from __future__ import annotations

from data.models import Point, Region, Side


def body_part(p: Point) -> str:
    """The part of the body a point is on, in the words a person uses."""
    if p.region in (Region.HAND, Region.WRIST, Region.FOREARM, Region.ELBOW):
        return "hand" if p.region is Region.HAND else "arm"
    if p.region.is_foot:
        return "foot" if p.region is not Region.ANKLE else "ankle"
    if p.region.limb == "leg":
        return "leg"
    return "side of the spine"


def side_words(p: Point, side: Side) -> str:
    """The side and part pressed, e.g. "Left hand"; midline points say where the middle is."""
    if side is Side.MIDDLE:
        return "Middle of the back" if p.region is not Region.NECK else "Middle of the neck"
    return f"{side.value.capitalize()} {body_part(p)}"
