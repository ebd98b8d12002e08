"""Symptom charts: flet-charts where the client has it, the same chart drawn on Flet's own canvas elsewhere.

Why two ways: flet-charts is a Dart extension.  The web and desktop clients that
ship with Flet include it, and ``flet build`` bundles it because it is a
dependency, but a client built without it shows a red "Unknown control" box
instead of a chart.  Python cannot ask the client what it includes, so
``ChartProbe`` draws a one-pixel, invisible chart: only a client that knows the
control lays it out and reports its size.  Until that report arrives (forever,
on a client without the extension) the canvas drawing is shown, so there is
always a real chart and never an error box.
"""
from __future__ import annotations

import flet as ft
import flet.canvas as cv
import flet_charts as fch

from data.screens.progress import Chart
from views import theme
from views.context import use_ui_state

HEIGHT = 230
DOT_RADIUS = 5
AVERAGE_WIDTH = 4
DAILY_COLOUR = ft.Colors.PRIMARY
AVERAGE_COLOUR = ft.Colors.TERTIARY
GRID_COLOUR = ft.Colors.OUTLINE_VARIANT
_LEFT = 34  # room for the 0-10 labels
_BOTTOM = 30  # room for the date labels
NARROW = 420  # below this chart width a dated tick a fortnight, so the dates never run together


@ft.component
def ChartProbe() -> ft.Control:
    """An invisible one-pixel flet-charts chart; its size report proves the client can draw charts."""
    ui = use_ui_state()

    def supported(e) -> None:
        if not ui.charts_supported:
            ui.charts_supported = True

    probe = fch.LineChart(
        data_series=[fch.LineChartData(points=[fch.LineChartDataPoint(0, 0), fch.LineChartDataPoint(1, 1)])],
        interactive=False,
        on_size_change=supported,
        expand=True,
    )
    # Clipped to a pixel and left out of the accessibility tree: a client without the
    # extension draws an error box here that nobody should see or hear.
    return ft.Semantics(
        exclude_semantics=True,
        content=ft.Container(width=1, height=1, opacity=0, clip_behavior=ft.ClipBehavior.HARD_EDGE, content=probe),
    )


def _ticks(chart: Chart, width: float) -> tuple[tuple[int, str], ...]:
    return chart.narrow_ticks if width < NARROW and chart.narrow_ticks else chart.ticks


def _flet_chart(chart: Chart, width: float) -> ft.Control:
    axis_text = ft.TextStyle(size=theme.SMALL, color=ft.Colors.ON_SURFACE)
    daily = fch.LineChartData(
        points=[fch.LineChartDataPoint(i, v) for i, v in chart.dots],
        stroke_width=0,
        color=ft.Colors.TRANSPARENT,
        point=fch.ChartCirclePoint(radius=DOT_RADIUS, color=DAILY_COLOUR, stroke_width=0),
    )
    averages = [
        fch.LineChartData(points=[fch.LineChartDataPoint(i, v) for i, v in run], stroke_width=AVERAGE_WIDTH,
                          color=AVERAGE_COLOUR, rounded_stroke_cap=True, point=False)
        for run in chart.runs
    ]
    return fch.LineChart(
        data_series=[*averages, daily],
        min_x=-0.5,
        max_x=chart.days + 2.5,  # room for the last date's label, which is centred on today
        min_y=0,
        max_y=10,
        interactive=False,
        animation=ft.Animation(0),
        horizontal_grid_lines=fch.ChartGridLines(interval=2, color=GRID_COLOUR, width=1),
        vertical_grid_lines=fch.ChartGridLines(interval=7, color=ft.Colors.TRANSPARENT, width=0),
        border=ft.Border(bottom=ft.BorderSide(1, ft.Colors.OUTLINE), left=ft.BorderSide(1, ft.Colors.OUTLINE)),
        left_axis=fch.ChartAxis(
            label_size=_LEFT,
            label_spacing=2,
            labels=[fch.ChartAxisLabel(value=v, label=ft.Text(str(v), style=axis_text)) for v in (0, 2, 4, 6, 8, 10)],
        ),
        bottom_axis=fch.ChartAxis(
            label_size=_BOTTOM,
            label_spacing=1,  # offer every day; only the weekly ones have a label
            labels=[fch.ChartAxisLabel(value=i, label=ft.Text(words, style=axis_text, no_wrap=True))
                    for i, words in _ticks(chart, width)],
        ),
        height=HEIGHT,
    )


@ft.component
def CanvasChart(chart: Chart) -> ft.Control:
    """The same chart drawn with Flet's built-in canvas, sized to the width the canvas reports."""
    width, set_width = ft.use_state(340.0)
    left, right, top, bottom = _LEFT + 4, width - 28, 10, HEIGHT - _BOTTOM  # right: room for today's label
    step = (right - left) / max(1, chart.days)

    def px(i: float) -> float:
        return left + step * (i + 0.5)

    def py(v: float) -> float:
        return bottom - (bottom - top) * v / 10

    text = ft.TextStyle(size=theme.SMALL, color=ft.Colors.ON_SURFACE)
    shapes: list[cv.Shape] = []
    for v in range(0, 11, 2):
        shapes.append(cv.Line(left, py(v), right, py(v), paint=ft.Paint(color=GRID_COLOUR, stroke_width=1)))
        shapes.append(cv.Text(left - 8, py(v), str(v), style=text, alignment=ft.Alignment.CENTER_RIGHT))
    axis = ft.Paint(color=ft.Colors.OUTLINE, stroke_width=1)
    shapes += [cv.Line(left, top, left, bottom, paint=axis), cv.Line(left, bottom, right, bottom, paint=axis)]
    for i, words in _ticks(chart, width):
        shapes.append(cv.Text(px(i), bottom + 4, words, style=text, alignment=ft.Alignment.TOP_CENTER))
    line = ft.Paint(color=AVERAGE_COLOUR, stroke_width=AVERAGE_WIDTH, style=ft.PaintingStyle.STROKE,
                    stroke_cap=ft.StrokeCap.ROUND, stroke_join=ft.StrokeJoin.ROUND)
    for run in chart.runs:
        if len(run) == 1:
            i, v = run[0]
            shapes.append(cv.Line(px(i) - step / 3, py(v), px(i) + step / 3, py(v), paint=line))
        else:
            shapes.append(cv.Path(
                [cv.Path.MoveTo(px(run[0][0]), py(run[0][1])), *[cv.Path.LineTo(px(i), py(v)) for i, v in run[1:]]],
                paint=line,
            ))
    dot = ft.Paint(color=DAILY_COLOUR, style=ft.PaintingStyle.FILL)
    shapes += [cv.Circle(px(i), py(v), DOT_RADIUS, paint=dot) for i, v in chart.dots]
    return cv.Canvas(shapes=shapes, height=HEIGHT, expand=True, on_resize=lambda e: set_width(e.width))


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


@ft.component
def SymptomChart(chart: Chart) -> ft.Control:
    """One symptom's chart: flet-charts once the client proved it has them, else the canvas drawing."""
    ui = use_ui_state()
    page = ft.context.page
    # The page's width bounds the chart's: enough to choose how many dates fit under it.
    drawing = _flet_chart(chart, page.width or NARROW) if ui.charts_supported else CanvasChart(chart)
    return ft.Semantics(
        label=chart.name,
        image=True,
        exclude_semantics=True,
        content=ft.Container(height=HEIGHT, content=drawing),
    )
