"""The saved text size, applied to every screen before it draws.

Why a hook: the size is read from the store each time the screens draw again
(after any change), so a choice made in Settings, in this tab or another, shows
everywhere at once, and a restarted app starts at the saved size.  The stock
controls' words (pickers, snack bars) follow through the page's themes.
"""
from __future__ import annotations

import flet as ft

from data.routine.text_size import load_text_size
from views import theme


def use_text_size(store) -> None:
    """Call at the top of a component that draws before the screens (App) or where the size is chosen."""
    size = load_text_size(store)
    theme.set_text_scale(size.scale)
    page = ft.context.page

    def restyle() -> None:
        page.theme, page.dark_theme = theme.themes()
        page.update()

    ft.use_effect(restyle, [size])
