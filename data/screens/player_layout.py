"""How big the player's drawing and countdown ring are on a screen of a given size.

Why here: on a 360x640 phone the drawing, the ring and the pressing line sat below
the control bar, and the ring was cut in half.  What must fit above the bar is a
rule, so it is computed (and tested) from the screen's size; the view only applies
the sizes.  The heights of the fixed parts (app bar, control bar, heading, a line of
body text) are the view's, written here once and read by the view.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from data.routine.drawings import VIEWBOX

APP_BAR = 64  # the player's title bar
BAR_PORTRAIT = 112  # Back, Pause, Skip: buttons 84 high (main tap + 8) and their padding
BAR_LANDSCAPE = 84  # the same buttons 64 high: a phone on its side has little height
PAD = 16  # around the player's content
GAP = 12  # between its parts
SPARE = 8  # rounding in the text heights above
PROGRESS = 8  # the progress bar
NAME_ALONE = 40  # the point's name (headline)
NAME = NAME_ALONE + 26  # and its meaning (small) under it
COLUMN_GAP = 4  # landscape: between the name, the badge and the words beside the drawing
BADGE = 52  # the side badge: one line of title text in its padding
LINE = 29  # one line of body text
CHAR = 11  # the width of an average character of body text, rounded up
RATIO = VIEWBOX[1] / VIEWBOX[0]  # a drawing's height per width
RING_MIN, RING_MAX = 96, 220
RING_RIM = 10  # the pulse drawn around the ring


@dataclass(frozen=True)
class PlayerLayout:
    """Sizes in logical pixels for one screen size and moment (get-ready or pressing)."""

    landscape: bool  # heading beside the drawing and ring, instead of above them
    bar_height: int
    drawing_width: int
    drawing_height: int
    ring: int  # the countdown ring's diameter (its pulse rim comes on top)
    stacked: bool  # portrait: the ring under the drawing (a tall screen), else beside it
    big_digits: bool  # room for the huge countdown digits inside the ring


def text_height(words: Sequence[str], width: float) -> int:
    """Height of lines of body text wrapped at ``width``, each followed by a gap."""
    per_line = max(1, int(width // CHAR))
    return sum(math.ceil(max(1, len(w)) / per_line) * LINE + GAP for w in words if w)


def _drawing(width: float, height: float) -> tuple[int, int]:
    """The largest drawing (at its own shape) inside ``width`` x ``height``."""
    w = int(max(0.0, min(width, height / RATIO)))
    return w, int(w * RATIO)


def _ring(size: float) -> int:
    return int(max(RING_MIN, min(RING_MAX, size)))


def player_layout(width: float, height: float, *, preparing: bool, words_above: Sequence[str]) -> PlayerLayout:
    """Sizes for a ``width`` x ``height`` screen, with ``words_above`` shown above the drawing.

    ``words_above`` is the pressing line while pressing, the warnings before a point.
    Everything placed here fits above the control bar; how to find the point follows
    below it (and can be scrolled to).  Before a point the drawing is as big as the
    screen allows beside a small ring; while pressing the ring is as big as the drawing.
    """
    width, height = max(1.0, float(width)), max(1.0, float(height))
    inner = width - 2 * PAD
    if width > height:
        free = height - APP_BAR - BAR_LANDSCAPE - 2 * PAD - PROGRESS - GAP
        ring = _ring(min(free - RING_RIM, inner / 4))
        dw, dh = _drawing(inner / 3, free)
        return PlayerLayout(True, BAR_LANDSCAPE, dw, dh, ring, False, ring > 150)
    free = (height - APP_BAR - BAR_PORTRAIT - 2 * PAD - PROGRESS - NAME - BADGE - 3 * GAP
            - SPARE - text_height(words_above, inner))
    ring_share = 0.34 if preparing else 0.45
    # Beside: the ring takes its share of the width, the drawing the rest.
    beside_ring = _ring(min(inner * ring_share, free - RING_RIM, 140 if preparing else RING_MAX))
    beside = _drawing(inner - beside_ring - RING_RIM - GAP, free)
    # Stacked: the ring under the drawing, as big as it would be beside it.
    stacked_ring = _ring(min(inner * ring_share, 140) if preparing else min(inner * 0.55, free * 0.45))
    stacked = _drawing(inner, free - stacked_ring - RING_RIM - GAP)
    if stacked[0] > beside[0] and stacked_ring >= beside_ring:
        return PlayerLayout(False, BAR_PORTRAIT, *stacked, stacked_ring, True, stacked_ring > 150)
    return PlayerLayout(False, BAR_PORTRAIT, *beside, beside_ring, False, beside_ring > 150)


def landscape_column(layout: PlayerLayout, width: float) -> int:
    """Landscape: the width left for the heading column beside the drawing and ring."""
    return int(width - 2 * PAD - layout.drawing_width - layout.ring - RING_RIM - 2 * GAP)
