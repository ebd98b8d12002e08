"""Symptom charts, drawn on Flet's own canvas: daily dots, the 7-day average line, dated ticks.

Why the canvas and not a chart library: each chart is a handful of shapes (one path
for the grid, one for the average line, one for all the dots), where a chart
control sends every point as a control of its own.  Progress draws three or four
charts beside its calendar, so this keeps the screen quick to show (benchmarks/),
and the canvas is part of every Flet client, so a built app can never show an
"Unknown control" box instead of a chart.
"""
from __future__ import annotations

import flet as ft
import flet.canvas as cv

from data.screens.progress import Chart
from views import theme
from views.canvas_width import use_canvas_width
from views.shell import SIDE_ROOM

HEIGHT = 230
DOT_RADIUS = 5
AVERAGE_WIDTH = 4
DAILY_COLOUR = ft.Colors.PRIMARY
AVERAGE_COLOUR = ft.Colors.TERTIARY
GRID_COLOUR = ft.Colors.OUTLINE_VARIANT
NARROW = 420  # below this chart width a dated tick a fortnight, so the dates never run together
#: What lies between the page's edge and a chart: the screen's padding, the section's padding and border.
_AROUND = SIDE_ROOM + 2 * theme.PAD + 2


def margins() -> tuple[float, float, float]:
    """Room (left, right, bottom) for the axis words at the text size in use: the 0-10 labels, today's
    date (centred on the last day; "28 Mar" is about 3.3 font sizes wide) and the dates below."""
    return max(34.0, 1.2 * theme.SMALL + 12), max(28.0, 1.7 * theme.SMALL), max(30.0, 1.3 * theme.SMALL + 6)


def _ticks(chart: Chart, width: float) -> tuple[tuple[int, str], ...]:
    return chart.narrow_ticks if width < NARROW and chart.narrow_ticks else chart.ticks


def chart_shapes(chart: Chart, width: float) -> list[cv.Shape]:
    """The chart's shapes for a canvas `width` px wide: a few paths and the axis words."""
    room_left, room_right, room_bottom = margins()
    left, right, top, bottom = room_left + 4, width - room_right, 10, HEIGHT - room_bottom
    step = (right - left) / max(1, chart.days)

    def px(i: float) -> float:
        return left + step * (i + 0.5)

    def py(v: float) -> float:
        return bottom - (bottom - top) * v / 10

    text = ft.TextStyle(size=theme.SMALL, color=ft.Colors.ON_SURFACE)
    grid: list[cv.Path.PathElement] = []
    shapes: list[cv.Shape] = []
    for v in range(0, 11, 2):
        grid += [cv.Path.MoveTo(left, py(v)), cv.Path.LineTo(right, py(v))]
        shapes.append(cv.Text(left - 8, py(v), str(v), style=text, alignment=ft.Alignment.CENTER_RIGHT))
    for i, words in _ticks(chart, width):
        shapes.append(cv.Text(px(i), bottom + 4, words, style=text, alignment=ft.Alignment.TOP_CENTER))
    stroke = ft.PaintingStyle.STROKE
    shapes += [
        cv.Path(grid, paint=ft.Paint(color=GRID_COLOUR, stroke_width=1, style=stroke)),
        cv.Path([cv.Path.MoveTo(left, top), cv.Path.LineTo(left, bottom), cv.Path.LineTo(right, bottom)],
                paint=ft.Paint(color=ft.Colors.OUTLINE, stroke_width=1, style=stroke)),
    ]
    line: list[cv.Path.PathElement] = []
    for run in chart.runs:
        (i, v), rest = run[0], run[1:]
        if rest:
            line += [cv.Path.MoveTo(px(i), py(v)), *[cv.Path.LineTo(px(j), py(w)) for j, w in rest]]
        else:  # one day alone: a short dash, so it is still seen
            line += [cv.Path.MoveTo(px(i) - step / 3, py(v)), cv.Path.LineTo(px(i) + step / 3, py(v))]
    if line:
        shapes.append(cv.Path(line, paint=ft.Paint(
            color=AVERAGE_COLOUR, stroke_width=AVERAGE_WIDTH, style=stroke,
            stroke_cap=ft.StrokeCap.ROUND, stroke_join=ft.StrokeJoin.ROUND)))
    if chart.dots:
        shapes.append(cv.Path(
            [cv.Path.Oval(px(i) - DOT_RADIUS, py(v) - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS)
             for i, v in chart.dots],
            paint=ft.Paint(color=DAILY_COLOUR, style=ft.PaintingStyle.FILL)))
    return shapes


@ft.component
def SymptomChart(chart: Chart) -> ft.Control:
    """One symptom's chart, named for screen readers (its summary in words follows it).

    Its width comes from the page's, so the first drawing is already the right one.
    """
    width, resized = use_canvas_width(_AROUND)
    return ft.Semantics(
        label=chart.name,
        image=True,
        exclude_semantics=True,
        content=ft.Container(height=HEIGHT, content=cv.Canvas(
            shapes=chart_shapes(chart, width), expand=True, on_resize=resized)),
    )


def legend() -> ft.Control:
    """What the dots and the line mean, in words as well as shapes (not by colour alone)."""
    return ft.Semantics(
        exclude_semantics=True,
        content=ft.Row(
            [
                ft.Container(width=2 * DOT_RADIUS + 2, height=2 * DOT_RADIUS + 2, border_radius=DOT_RADIUS + 1,
                             bgcolor=DAILY_COLOUR),
                ft.Text("Daily score", size=theme.SMALL),
                ft.Container(width=28, height=AVERAGE_WIDTH, border_radius=2, bgcolor=AVERAGE_COLOUR,
                             margin=ft.Margin.only(left=12)),
                ft.Text("7-day average", size=theme.SMALL),
            ],
            spacing=6,
            wrap=True,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
    )
