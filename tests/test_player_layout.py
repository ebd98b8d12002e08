"""The player's sizes from the screen's size (data/screens/player_layout.py, issue 11)."""
from __future__ import annotations

import pytest

from data.screens.player_layout import (
    APP_BAR, BADGE, COLUMN_GAP, GAP, NAME, NAME_ALONE, PAD, PROGRESS, RING_RIM, landscape_column, player_layout, text_height,
)

FIRM = "Firm, slow circles, never painful. Breathe slowly."
WARN = "If you are or might be pregnant, skip this point."
SIZES = [(360, 640), (360, 740), (412, 915), (640, 360), (915, 412)]


def used_height(layout, width, words) -> float:
    """Height of everything placed above the control bar, with the view's fixed heights."""
    inner = width - 2 * PAD
    if layout.landscape:
        column = NAME_ALONE + BADGE + 2 * COLUMN_GAP + max(0, text_height(words, landscape_column(layout, width)) - GAP)
        return APP_BAR + 2 * PAD + PROGRESS + GAP + max(column, layout.drawing_height, layout.ring + RING_RIM)
    pictures = (layout.drawing_height + GAP + layout.ring + RING_RIM if layout.stacked
                else max(layout.drawing_height, layout.ring + RING_RIM))
    return APP_BAR + 2 * PAD + PROGRESS + NAME + BADGE + 3 * GAP + text_height(words, inner) + pictures


@pytest.mark.parametrize("width, height", SIZES)
@pytest.mark.parametrize("preparing, words", [(True, ()), (True, (WARN,)), (False, (FIRM,))])
def test_everything_that_matters_fits_above_the_control_bar(width, height, preparing, words):
    layout = player_layout(width, height, preparing=preparing, words_above=words)
    assert used_height(layout, width, words) <= height - layout.bar_height
    row = layout.drawing_width + (0 if layout.stacked else GAP + layout.ring + RING_RIM)
    assert row <= width - 2 * PAD
    assert layout.ring >= 96 and layout.drawing_width >= 120
    assert layout.drawing_height == int(layout.drawing_width * 1.2)


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
