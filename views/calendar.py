"""The practice calendar: Monday-to-Sunday rows of days, each with its date and M / E marks.

Why a canvas per week: up to eight weeks of boxed days as separate controls were a
third of everything Progress sent, and made the tab slow to show (benchmarks/).  A
week is now one drawing, read to a screen reader as one line with each day in full.
"""
from __future__ import annotations

import flet as ft
import flet.canvas as cv

from data.screens.progress import CalendarDay
from views import theme
from views.canvas_width import use_canvas_width
from views.shell import SIDE_ROOM

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_HEIGHT = 64
GAP = 4
#: by sessions done that day (0, 1, 2): the box's colour and its text's; the marks say it too, never colour alone
COLOURS = {
    0: (ft.Colors.SURFACE_CONTAINER_HIGH, ft.Colors.ON_SURFACE),
    1: (ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER),
    2: (ft.Colors.PRIMARY, ft.Colors.ON_PRIMARY),
}


def column_width(width: float) -> float:
    """A day's column in a calendar `width` px wide: seven columns, six gaps."""
    return (width - 6 * GAP) / 7


def text_size(cell: float) -> float:
    """The text size for a column `cell` px wide: the small size, shrunk where "Wed" or "M E" (about two
    font sizes wide in bold) would not fit, so no word wraps or touches its box's edge."""
    return min(theme.SMALL, cell / 2.1)


def week_shapes(week: tuple[CalendarDay | None, ...], width: float) -> list[cv.Shape]:
    """One row: a rounded box per day (one path per colour) and the day's date over its marks."""
    cell = column_width(width)
    boxes: dict[int, list[cv.Path.PathElement]] = {}
    words: list[cv.Shape] = []
    for column, day in enumerate(week):
        if day is None:  # before the first day of use, or after today
            continue
        x = column * (cell + GAP)
        boxes.setdefault(day.done, []).append(cv.Path.Rect(x, 0, cell, DAY_HEIGHT, border_radius=10))
        words.append(cv.Text(x + cell / 2, DAY_HEIGHT / 2, f"{day.day}\n{day.marks}",
                             alignment=ft.Alignment.CENTER, text_align=ft.TextAlign.CENTER,
                             style=ft.TextStyle(size=text_size(cell), weight=ft.FontWeight.BOLD,
                                                color=COLOURS[day.done][1])))
    fills = [cv.Path(rects, paint=ft.Paint(color=COLOURS[done][0], style=ft.PaintingStyle.FILL))
             for done, rects in boxes.items()]
    return fills + words


def header_shapes(width: float) -> list[cv.Shape]:
    """The weekday names over the columns, never broken (see `text_size`)."""
    cell = column_width(width)
    style = ft.TextStyle(size=text_size(cell), weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE)
    return [cv.Text(column * (cell + GAP) + cell / 2, 0, name, style=style, alignment=ft.Alignment.TOP_CENTER)
            for column, name in enumerate(WEEKDAYS)]


@ft.component
def PracticeCalendar(weeks: tuple[tuple[CalendarDay | None, ...], ...], months: tuple[str, ...],
                     labels: tuple[str, ...]) -> ft.Control:
    """The weekday names, then each week, with each new month named above its row."""
    width, resized = use_canvas_width(SIDE_ROOM)
    header = ft.Semantics(exclude_semantics=True, content=ft.Container(
        height=round(theme.SMALL * 1.4), content=cv.Canvas(shapes=header_shapes(width), expand=True)))
    rows: list[ft.Control] = [header]
    for n, (week, month, label) in enumerate(zip(weeks, months or ("",) * len(weeks), labels, strict=True)):
        if month:
            rows.append(ft.Semantics(exclude_semantics=True, content=ft.Text(
                month, size=theme.BODY, weight=ft.FontWeight.BOLD)))
        # Every week has the same width: the first one's size report is enough (each report is a message).
        rows.append(ft.Semantics(label=label, container=True, exclude_semantics=True, content=ft.Container(
            height=DAY_HEIGHT, content=cv.Canvas(shapes=week_shapes(week, width), expand=True,
                                                 on_resize=resized if n == 0 else None))))
    return ft.Column(rows, spacing=GAP)
