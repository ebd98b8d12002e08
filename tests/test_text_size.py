"""The text size setting (data/routine/text_size.py) and how the screens apply it (views/theme.py)."""
from __future__ import annotations

import flet as ft
import pytest

from data.routine.text_size import (
    DOC,
    LARGEST_SCALE,
    TextSize,
    load_text_size,
    save_text_size,
    text_size_from_dict,
)
from data.storage.store import open_store
from views import theme


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def test_normal_until_chosen_then_kept(store):
    assert load_text_size(store) is TextSize.NORMAL
    save_text_size(store, TextSize.LARGEST)
    assert load_text_size(store) is TextSize.LARGEST
    assert store.get_doc(DOC) == {"size": "largest"}


def test_each_size_is_larger_than_the_one_before_and_named_plainly():
    assert [s.words for s in TextSize] == ["Normal", "Large", "Largest"]
    scales = [s.scale for s in TextSize]
    assert scales == sorted(scales) and scales[0] == 1.0 and scales[-1] == LARGEST_SCALE <= 1.5


@pytest.mark.parametrize("doc", [
    {"size": "huge"}, {"size": 3}, {"size": None}, {"size": ["largest"]}, {}, {"size": "large", "x": 1},
    {"Size": "large"}, {"size": "LARGE"},
])
def test_a_strange_saved_size_reads_as_normal_and_the_strict_reader_refuses_it(store, doc):
    store.put_doc(DOC, doc)
    assert load_text_size(store) is TextSize.NORMAL
    with pytest.raises(ValueError):
        text_size_from_dict(doc)


@pytest.mark.parametrize("doc", [None, "largest", 1.3, ["largest"]])
def test_the_strict_reader_refuses_anything_but_named_fields(doc):
    with pytest.raises(ValueError):
        text_size_from_dict(doc)


@pytest.mark.parametrize("size", ["largest", 1.3, None, "TextSize.LARGE"])
def test_only_a_text_size_is_saved(store, size):
    with pytest.raises(ValueError):
        save_text_size(store, size)
    assert store.get_doc(DOC) is None


def test_the_screens_text_grows_with_the_chosen_size_and_odd_scales_are_normal():
    try:
        assert theme.set_text_scale(LARGEST_SCALE)
        assert not theme.set_text_scale(LARGEST_SCALE)  # no change: the page keeps its themes
        assert (theme.BODY, theme.SMALL, theme.TITLE, theme.HEADLINE) == (26, 23, 34, 42)
        assert theme.HUGE == 72 and theme.TAB_LABEL == 16 and theme.BAR_TITLE == 26  # fixed room: fixed size
        assert theme.grown(60) == 78 and theme.text_scale() == LARGEST_SCALE
        for odd in (0.5, 3.0, float("nan"), "big", None):
            theme.set_text_scale(odd)
            assert (theme.BODY, theme.text_scale(), theme.grown(60)) == (20, 1.0, 60)
    finally:
        theme.set_text_scale(1.0)


def test_the_smallest_stock_words_are_body_size_at_every_text_size():
    """The time picker's "Hour" and "Minute" use the theme's smallest body style (12 px in Material)."""
    try:
        for size in TextSize:
            theme.set_text_scale(size.scale)
            light, dark = theme.themes()
            assert light.text_theme.body_small.size == dark.text_theme.body_small.size == theme.PICKER_TEXT >= 20
            assert light.text_theme.body_medium.size == round(14 * size.scale)
            assert light.text_theme.body_medium.color == ft.Colors.ON_SURFACE  # not black in dark mode
    finally:
        theme.set_text_scale(1.0)
