"""Which drawing shows a point on the side being pressed, and how big its words are.

Why: a person pressing the left hand must see a left hand.  Every two-sided
drawing in assets/illustrations is drawn on the right; tools/mirror_illustrations.py
makes the left ones (body mirrored, words readable) in assets/illustrations/left.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from data.models import Point, Region, Side
from data.routine.spots import TenderSpot

DRAWN_SIDE = Side.RIGHT  # the side every two-sided original drawing shows
VIEWBOX = (400, 480)  # every drawing's viewBox: width, height
SMALLEST_LABEL = 16  # the smallest font-size of any word in a drawing, in viewBox units


def drawing_for(p: Point, side: Side) -> str:
    """The drawing (path inside the app's assets) of ``p`` on ``side``."""
    if side is Side.LEFT:
        return f"illustrations/left/{p.code}.svg"
    return p.illustration


def spot_drawing(spot: TenderSpot) -> str:
    """The body-map drawing (path inside the assets) of a tender spot's limb; "" on the neck or back.

    A spot is the person's own: the drawing shows the limb and the words say where
    (``spot_words``); no ring pretends to know the exact place.
    """
    if spot.region in (Region.WRIST, Region.FOREARM):
        return "bodymap/palm.svg"
    if spot.region.limb == "arm":
        return "bodymap/arm.svg"
    if spot.region.limb == "leg":
        return "bodymap/leg.svg"
    return ""


def spot_words(spot: TenderSpot) -> str:
    """Plain words for finding a spot, e.g. "Your own spot, "Sore shin", on your left lower leg."."""
    return (f"Your own spot, \"{spot.name}\", on {spot.where}. Feel for the place that is tender or numb, "
            "and press there.")


def smallest_label_px(drawn_width: float) -> float:
    """On-screen size of the drawing's smallest words when it is drawn ``drawn_width`` wide."""
    return SMALLEST_LABEL * max(0.0, drawn_width) / VIEWBOX[0]


def readable_width(body_px: float) -> int:
    """How wide the drawing must be drawn for its smallest words to be at least ``body_px``."""
    return -(-int(body_px * VIEWBOX[0] * 100) // (SMALLEST_LABEL * 100))


_ASSETS = Path(__file__).resolve().parents[2] / "assets"
_POINT_GROUP = re.compile(r'<g id="point">(.*?)</g>\s*</g>', re.S)
_CIRCLE = re.compile(r'<circle cx="([\d.]+)" cy="([\d.]+)"')


@lru_cache(maxsize=64)
def marked_spot(p: Point, side: Side) -> tuple[float, float]:
    """Where the drawing of ``p`` on ``side`` marks the point (viewBox units): the middle of its rings.

    Read from the right-side original (a left drawing is its mirror image); the middle
    of the drawing when no mark can be read.
    """
    try:
        text = (_ASSETS / p.illustration).read_text(encoding="utf-8")
    except OSError:
        text = ""
    group = _POINT_GROUP.search(text)
    spots = [(float(x), float(y)) for x, y in _CIRCLE.findall(group.group(1) if group else "")]
    if not spots:
        return VIEWBOX[0] / 2, VIEWBOX[1] / 2
    x = sum(s[0] for s in spots) / len(spots)
    y = sum(s[1] for s in spots) / len(spots)
    return (VIEWBOX[0] - x if side is Side.LEFT else x), y


def zoom_to_read(drawn_width: float, body_px: float) -> float:
    """How much to enlarge a drawing drawn ``drawn_width`` wide so its smallest words reach ``body_px``."""
    return max(1.0, readable_width(body_px) / max(1.0, drawn_width))
