"""Saving, as the person sees it: why a save failed, next to its button, and Undo for a few seconds.

Why: a failed save used to do nothing visible (the words now come from
data/storage/save_errors.py and stay on screen, announced to screen readers,
while the form keeps what was typed); and a one-tap save or a delete must be
as easy to take back as it was to make.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.storage.save_errors import Saved
from views import theme
from views.widgets import Tone, action_button, card

UNDO_SECONDS = 10  # long enough to read the words and reach the button with stiff fingers


def not_saved(problem: str) -> list[ft.Control]:
    """The card to put just above the button whose save failed (nothing when ``problem`` is empty)."""
    if not problem:
        return []
    return [ft.Semantics(live_region=True, container=True, content=card([problem], Tone.WARN, title="Not saved"))]


def say(words: str, page: ft.Page | None = None) -> None:
    """A bar at the bottom saying what happened, with nothing to undo, for ``UNDO_SECONDS``.

    ``page``: the page of the tap, when this runs after the tap's own context is gone."""
    (page or ft.context.page).show_dialog(ft.SnackBar(ft.Text(words, size=theme.BODY),
                                                      duration=UNDO_SECONDS * 1000))


def offer_undo(words: str, undo: Callable[[], Saved], undone: Callable[[], None]) -> None:
    """A bar at the bottom saying what was done, with a large Undo button, for ``UNDO_SECONDS``.

    ``undo`` is the one core call that takes it back; ``undone`` runs after it worked
    (re-read the store).  A failed undo says why in a bar of its own.
    """
    page = ft.context.page

    def take_back(e) -> None:
        bar.open = False
        bar.update()
        result = undo()
        if result.ok:
            undone()
        else:
            say(result.problem, page)

    bar = ft.SnackBar(
        ft.Row(
            [ft.Text(words, size=theme.BODY, expand=True),
             action_button("Undo", take_back, icon=ft.Icons.UNDO, name=f"Undo: {words}")],
            spacing=12,
        ),
        duration=UNDO_SECONDS * 1000,
        persist=False,
    )
    page.show_dialog(bar)
