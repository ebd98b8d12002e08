"""The player's sizes from the screen's size (data/screens/player_layout.py, issue 11)."""
from __future__ import annotations

import pytest

from data.routine.text_size import LARGEST_SCALE
from data.screens.player_layout import (
    APP_BAR,
    BADGE,
    COLUMN_GAP,
    GAP,
    NAME,
    NAME_ALONE,
    PAD,
    PROGRESS,
    RING_RIM,
    heading_heights,
    landscape_column,
    player_layout,
    text_height,
)

FIRM = "Firm, slow circles, never painful. Breathe slowly."
WARN = "If you are or might be pregnant, skip this point."
SIZES = [(360, 640), (360, 740), (412, 915), (640, 360), (915, 412)]


def used_height(layout, width, words, scale=1.0) -> float:
    """Height of everything placed above the control bar, with the view's fixed heights."""
    inner = width - 2 * PAD
    name_alone, name, badge = heading_heights(scale)
    words = () if layout.words_below else words  # what goes below the drawing may be scrolled to
    if layout.landscape:
        column = name_alone + badge + 2 * COLUMN_GAP + max(
            0, text_height(words, landscape_column(layout, width), scale) - GAP)
        return APP_BAR + 2 * PAD + PROGRESS + GAP + max(column, layout.drawing_height, layout.ring + RING_RIM)
    pictures = (layout.drawing_height + GAP + layout.ring + RING_RIM if layout.stacked
                else max(layout.drawing_height, layout.ring + RING_RIM))
    return APP_BAR + 2 * PAD + PROGRESS + name + badge + 3 * GAP + text_height(words, inner, scale) + pictures


@pytest.mark.parametrize("scale", [1.0, LARGEST_SCALE])
@pytest.mark.parametrize("width, height", SIZES)
@pytest.mark.parametrize("preparing, words", [(True, ()), (True, (WARN,)), (False, (FIRM,))])
def test_everything_that_matters_fits_above_the_control_bar(width, height, preparing, words, scale):
    layout = player_layout(width, height, preparing=preparing, words_above=words, text_scale=scale)
    assert used_height(layout, width, words, scale) <= height - layout.bar_height
    row = layout.drawing_width + (0 if layout.stacked else GAP + layout.ring + RING_RIM)
    assert row <= width - 2 * PAD
    # Before a point at the largest size the warnings stay above, so a small phone's drawing shrinks.
    smallest = 80 if scale > 1 and preparing and words and not layout.landscape else 120
    assert layout.ring >= 96 and layout.drawing_width >= smallest
    assert layout.drawing_height == int(layout.drawing_width * 1.2)
    assert not layout.words_below or (scale > 1 and (layout.landscape or not preparing))


def test_landscape_puts_the_heading_beside_and_uses_a_lower_bar():
    land = player_layout(640, 360, preparing=False, words_above=(FIRM,))
    assert land.landscape and land.bar_height < player_layout(360, 640, preparing=False, words_above=()).bar_height
    assert landscape_column(land, 640) >= 250


def test_get_ready_gives_the_drawing_more_room_and_pressing_the_ring():
    for width, height in [(360, 640), (412, 915)]:
        ready = player_layout(width, height, preparing=True, words_above=())
        press = player_layout(width, height, preparing=False, words_above=(FIRM,))
        assert ready.drawing_width > press.drawing_width and press.ring > ready.ring


def test_a_tall_phone_stacks_the_ring_under_a_big_drawing():
    ready = player_layout(412, 915, preparing=True, words_above=())
    assert ready.stacked and ready.drawing_width >= 300
    assert not player_layout(360, 640, preparing=True, words_above=()).stacked


def test_more_words_above_leave_a_smaller_drawing_and_hostile_sizes_do_not_break():
    few = player_layout(360, 640, preparing=True, words_above=())
    many = player_layout(360, 640, preparing=True, words_above=(WARN, WARN))
    assert many.drawing_height < few.drawing_height
    tiny = player_layout(0, -5, preparing=False, words_above=("x" * 1000,))
    assert tiny.drawing_width >= 0 and tiny.ring >= 96


def test_text_height_wraps_whole_lines():
    assert text_height((), 300) == 0
    assert text_height(("short",), 300) == 29 + GAP
    assert text_height((FIRM,), 300) == 2 * 29 + GAP


def test_the_largest_text_leaves_room_for_its_taller_words():
    """At the largest size the heading and the pressing line take more height, so the drawing gives way."""
    normal = player_layout(360, 640, preparing=False, words_above=(FIRM,))
    largest = player_layout(360, 640, preparing=False, words_above=(FIRM,), text_scale=LARGEST_SCALE)
    assert largest.words_below and not normal.words_below  # the pressing line makes way for the drawing
    assert largest.ring >= 96 and largest.drawing_width >= 120
    assert heading_heights(1.0) == (NAME_ALONE, NAME, BADGE)  # Normal is the view's own heights
    bigger = heading_heights(LARGEST_SCALE)
    assert all(b > n for b, n in zip(bigger, heading_heights(1.0)))
    assert text_height((FIRM,), 300, LARGEST_SCALE) > text_height((FIRM,), 300)


@pytest.mark.parametrize("odd", [0.0, -3.0, 50.0, float("nan"), float("inf")])
def test_an_odd_text_scale_counts_as_normal(odd):
    assert player_layout(360, 640, preparing=True, words_above=(WARN,), text_scale=odd) == player_layout(
        360, 640, preparing=True, words_above=(WARN,))
