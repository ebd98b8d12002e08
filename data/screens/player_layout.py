"""How big the player's drawing and countdown ring are on a screen of a given size.

Why here: on a 360x640 phone the drawing, the ring and the pressing line sat below
the control bar, and the ring was cut in half.  What must fit above the bar is a
rule, so it is computed (and tested) from the screen's size; the view only applies
the sizes.  The heights of the fixed parts (app bar, control bar, heading, a line of
body text) are the view's, written here once and read by the view; the heights of
words grow with the text size chosen in Settings (data/routine/text_size.py).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
BADGE_PAD = 16  # the side badge's padding above and below its word
BADGE = BADGE_PAD + 36  # the side badge: one line of title text in its padding
LINE = 29  # one line of body text
CHAR = 11  # the width of an average character of body text, rounded up
RATIO = VIEWBOX[1] / VIEWBOX[0]  # a drawing's height per width
RING_MIN, RING_MAX = 96, 220
RING_RIM = 10  # the pulse drawn around the ring
DRAWING_MIN = 120  # while pressing, a drawing narrower than this makes way by moving the pressing line below


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
    words_below: bool = False  # the words meant for above go under the drawing: no room above (large text)


def text_height(words: Sequence[str], width: float, text_scale: float = 1.0) -> int:
    """Height of lines of body text wrapped at ``width``, each followed by a gap."""
    per_line = max(1, int(width // (CHAR * _checked(text_scale))))
    return sum(math.ceil(max(1, len(w)) / per_line) * _grown(LINE, text_scale) + GAP for w in words if w)


def _checked(text_scale: float) -> float:
    """The text size as a factor: 1.0 is Normal, and anything odd (below 1, above 2, not a number) counts as Normal."""
    return float(text_scale) if isinstance(text_scale, (int, float)) and 1.0 <= text_scale <= 2.0 else 1.0


def _grown(height: int, text_scale: float) -> int:
    """A height of words at the chosen text size."""
    return math.ceil(height * _checked(text_scale))


def heading_heights(text_scale: float = 1.0) -> tuple[int, int, int]:
    """The name alone (landscape), the name with its meaning (portrait) and the side badge, at a text size."""
    name = _grown(NAME_ALONE, text_scale)
    return name, name + _grown(NAME - NAME_ALONE, text_scale), BADGE_PAD + _grown(BADGE - BADGE_PAD, text_scale)


def _drawing(width: float, height: float) -> tuple[int, int]:
    """The largest drawing (at its own shape) inside ``width`` x ``height``."""
    w = int(max(0.0, min(width, height / RATIO)))
    return w, int(w * RATIO)


def _ring(size: float) -> int:
    return int(max(RING_MIN, min(RING_MAX, size)))


def player_layout(width: float, height: float, *, preparing: bool, words_above: Sequence[str],
                  text_scale: float = 1.0) -> PlayerLayout:
    """Sizes for a ``width`` x ``height`` screen, with ``words_above`` shown above the drawing,
    at the text size ``text_scale`` (1.0 Normal, up to data/routine/text_size.LARGEST_SCALE).

    ``words_above`` is the pressing line while pressing, the warnings before a point.
    Everything placed here fits above the control bar; how to find the point follows
    below it (and can be scrolled to).  Before a point the drawing is as big as the
    screen allows beside a small ring; while pressing the ring is as big as the drawing.
    When large text leaves no room, the words follow below the drawing instead: while
    pressing (in portrait and landscape) the ring, the drawing and the side come
    first; before a point only in landscape, where the warnings could never fit
    beside the drawing (in portrait they stay above a smaller drawing).
    """
    width, height = max(1.0, float(width)), max(1.0, float(height))
    if width > height:
        return _landscape(width, height, words_above, text_scale)
    layout = _portrait(width, height, preparing, words_above, text_scale)
    if not preparing and words_above and layout.drawing_width < DRAWING_MIN:
        return replace(_portrait(width, height, preparing, (), text_scale), words_below=True)
    return layout


def _landscape(width: float, height: float, words_above: Sequence[str], text_scale: float) -> PlayerLayout:
    """The heading in a column beside the drawing and the ring, on a lower control bar."""
    free = height - APP_BAR - BAR_LANDSCAPE - 2 * PAD - PROGRESS - GAP
    ring = _ring(min(free - RING_RIM, (width - 2 * PAD) / 4))
    dw, dh = _drawing((width - 2 * PAD) / 3, free)
    layout = PlayerLayout(True, BAR_LANDSCAPE, dw, dh, ring, False, ring > 150)
    name, _, badge = heading_heights(text_scale)
    column = name + badge + 2 * COLUMN_GAP + max(
        0, text_height(words_above, landscape_column(layout, width), text_scale) - GAP)
    return replace(layout, words_below=column > free)


def _portrait(width: float, height: float, preparing: bool, words_above: Sequence[str],
              text_scale: float) -> PlayerLayout:
    """The heading, the words and then the drawing and the ring, beside each other or stacked."""
    inner = width - 2 * PAD
    _, name, badge = heading_heights(text_scale)
    free = (height - APP_BAR - BAR_PORTRAIT - 2 * PAD - PROGRESS - name - badge - 3 * GAP
            - SPARE - text_height(words_above, inner, text_scale))
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
