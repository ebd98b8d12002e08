"""The symptom charts and the practice calendar as drawn on the canvas: everything inside its box, the
right colours and words, and a handful of shapes however many days (why Progress shows quickly)."""
from __future__ import annotations

import flet as ft
import flet.canvas as cv
import pytest

from data.routine.text_size import LARGEST_SCALE
from data.screens.progress import CalendarDay, Chart
from views import charts, theme
from views.calendar import COLOURS, DAY_HEIGHT, GAP, WEEKDAYS, column_width, header_shapes, week_shapes
from views.charts import HEIGHT, NARROW, chart_shapes

MONTH = Chart(
    days=28,
    dots=tuple((i, (0, 10, 5)[i % 3]) for i in range(28) if i != 12),  # the lowest and highest scores too
    runs=(tuple((i, 5.0) for i in range(6, 12)), tuple((i, 4.5) for i in range(19, 28)), ((14, 3.0),)),
    ticks=((6, "7 Mar"), (13, "14 Mar"), (20, "21 Mar"), (27, "28 Mar")),
    name="Chart of daily pain scores",
    narrow_ticks=((13, "14 Mar"), (27, "28 Mar")),
)


def paths(shapes: list[cv.Shape]) -> list[cv.Path]:
    return [s for s in shapes if isinstance(s, cv.Path)]


def words(shapes: list[cv.Shape]) -> list[cv.Text]:
    return [s for s in shapes if isinstance(s, cv.Text)]


def points(path: cv.Path) -> list[tuple[float, float]]:
    return [(e.x, e.y) for e in path.elements]


@pytest.fixture(params=[1.0, LARGEST_SCALE], ids=["Normal", "Largest"])
def text_scale(request):
    theme.set_text_scale(request.param)
    yield request.param
    theme.set_text_scale(1.0)


@pytest.mark.parametrize("width", [294.0, 346.0, 520.0])
def test_every_dot_and_the_average_line_lie_inside_the_plot(width, text_scale):
    left, right, bottom = charts.margins()
    shapes = chart_shapes(MONTH, width)
    dots = next(p for p in paths(shapes) if p.paint.style == ft.PaintingStyle.FILL)
    assert len(dots.elements) == len(MONTH.dots)  # one shape for all the dots, however many days
    line = next(p for p in paths(shapes) if p.paint.color == charts.AVERAGE_COLOUR)
    for x, y in [(e.x + e.width / 2, e.y + e.height / 2) for e in dots.elements] + points(line):
        assert left < x < width - right / 2 and 0 < y <= HEIGHT - bottom
    ys = {e.y + e.height / 2 for e in dots.elements}
    assert max(ys) - min(ys) == pytest.approx(HEIGHT - bottom - 10)  # 0 and 10 span the grid
    assert len(shapes) < 20


def test_a_gap_breaks_the_line_and_a_lone_day_is_a_short_dash():
    line = next(p for p in paths(chart_shapes(MONTH, 346)) if p.paint.color == charts.AVERAGE_COLOUR)
    moves = [e for e in line.elements if isinstance(e, cv.Path.MoveTo)]
    assert len(moves) == 3  # three runs: nothing drawn across the gaps
    lone = line.elements[-2:]
    assert lone[0].y == lone[1].y and 0 < lone[1].x - lone[0].x < (346 - charts.margins()[0]) / 28


def test_dates_under_a_narrow_chart_are_a_fortnight_apart_and_today_is_always_dated():
    for width, expected in ((NARROW - 1, ["14 Mar", "28 Mar"]), (NARROW, ["7 Mar", "14 Mar", "21 Mar", "28 Mar"])):
        dated = [t.value for t in words(chart_shapes(MONTH, width)) if t.value not in {"0", "2", "4", "6", "8", "10"}]
        assert dated == expected
    assert [t.value for t in words(chart_shapes(MONTH, 346))][:6] == ["0", "2", "4", "6", "8", "10"]


@pytest.mark.parametrize("width", [294.0, 346.0, 380.0])
def test_the_axis_words_stay_inside_the_canvas_at_every_text_size(width, text_scale):
    """The canvas clips what is drawn past its edge: today's date (about 3.3 font sizes wide, centred on
    the last day) and the dates' line under the plot must fit whole, the largest text included."""
    texts = words(chart_shapes(MONTH, width))
    dates = [t for t in texts if t.alignment == ft.Alignment.TOP_CENTER]
    last = dates[-1]
    assert last.value == "28 Mar" and last.x + 1.65 * last.style.size <= width
    assert all(t.y + 1.2 * t.style.size <= HEIGHT for t in dates)
    scores = [t for t in texts if t.alignment == ft.Alignment.CENTER_RIGHT]
    assert all(t.x - 1.2 * t.style.size >= 0 for t in scores)  # "10" fits left of the axis


def test_a_chart_with_no_scores_draws_the_grid_only():
    empty = Chart(days=28, dots=(), runs=(), ticks=MONTH.ticks, name="")
    drawn = paths(chart_shapes(empty, 346))
    assert len(drawn) == 2  # the grid and the axes: no empty dot or line shapes


def day(n: int, done: int) -> CalendarDay:
    marks = {0: "– –", 1: "M –", 2: "M E"}[done]
    return CalendarDay(str(n), marks, f"day {n}", done)


@pytest.mark.parametrize("width", [328.0, 380.0])
def test_a_week_is_a_box_per_day_coloured_by_sessions_done_with_date_and_marks(width):
    week = (None, None, day(3, 0), day(4, 1), day(5, 2), day(6, 2), None)  # began on Wednesday; Sunday to come
    shapes = week_shapes(week, width)
    fills = {p.paint.color: p for p in paths(shapes)}
    assert {k: len(p.elements) for k, p in fills.items()} == {COLOURS[0][0]: 1, COLOURS[1][0]: 1, COLOURS[2][0]: 2}
    boxes = sorted((e for p in fills.values() for e in p.elements), key=lambda e: e.x)
    cell = column_width(width)
    assert cell == (width - 6 * GAP) / 7
    assert [round(b.x, 3) for b in boxes] == [round(c * (cell + GAP), 3) for c in (2, 3, 4, 5)]
    assert all(b.height == DAY_HEIGHT and b.x + b.width <= width + 1e-9 for b in boxes)
    texts = words(shapes)
    assert [t.value for t in texts] == ["3\n– –", "4\nM –", "5\nM E", "6\nM E"]
    assert [t.style.color for t in texts] == [COLOURS[0][1], COLOURS[1][1], COLOURS[2][1], COLOURS[2][1]]
    assert all(t.style.size == min(theme.SMALL, cell / 2.1) for t in texts)
    assert all(abs(t.x - (b.x + cell / 2)) < 1e-9 for t, b in zip(texts, boxes))  # each centred in its box


def test_a_week_before_the_first_day_of_use_draws_nothing():
    assert week_shapes((None,) * 7, 340) == []


def test_weekday_names_and_marks_fit_their_columns_at_every_text_size(text_scale):
    """ "Wed" and "M E" are about two font sizes wide in bold: the size gives way before a word could
    wrap, and only where the column is too narrow for the size chosen."""
    for width in (288.0, 328.0, 380.0):
        cell = column_width(width)
        names = header_shapes(width)
        days = words(week_shapes(tuple(day(n, 2) for n in range(7)), width))
        assert [t.value for t in names] == list(WEEKDAYS)
        assert all(2.1 * t.style.size <= cell + 1e-9 for t in names + days)
        assert all(t.style.size == theme.SMALL for t in names + days) == (2.1 * theme.SMALL <= cell)
