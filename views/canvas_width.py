"""The width a canvas draws for: known before the first frame, so the first drawing is already right."""
from __future__ import annotations

from collections.abc import Callable

import flet as ft
import flet.canvas as cv

FALLBACK = 360  # the page's width while it is not known yet: a small phone's


def use_canvas_width(around: float) -> tuple[float, Callable[[cv.CanvasResizeEvent], None]]:
    """The width from the page's, less `around` (the padding and borders beside the canvas), and the
    `on_resize` handler that corrects it if the layout differs (a rotation, a scroll bar).

    Asking the canvas first would draw once at a guessed width, then again: a flicker and a second
    round trip each time the screen is shown.
    """
    page = ft.context.page
    width, set_width = ft.use_state(lambda: max(1.0, (page.width or FALLBACK) - around))

    def resized(e: cv.CanvasResizeEvent) -> None:
        if abs(e.width - width) >= 1:
            set_width(e.width)

    return width, resized
