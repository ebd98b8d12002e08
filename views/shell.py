"""The frame of the main screens: a large title bar and a bottom bar with labelled tabs."""
from __future__ import annotations

import flet as ft

from views import theme

#: What the screen's padding takes from a full-width drawing's width, left and right.
SIDE_ROOM = 2 * theme.PAD

TABS = (
    ("/", "Today", ft.Icons.TODAY),
    ("/progress", "Progress", ft.Icons.INSIGHTS),
    ("/points", "Points", ft.Icons.BACK_HAND_OUTLINED),
    ("/safety", "Safety", ft.Icons.HEALTH_AND_SAFETY_OUTLINED),
    ("/settings", "Settings", ft.Icons.SETTINGS_OUTLINED),
)


def go(route: str) -> None:
    ft.context.page.navigate(route)


def tab_view(route: str, title: str, controls: list[ft.Control], ref: ft.Ref | None = None,
             lazy: bool = False) -> ft.View:
    """A main screen: scrolling content under a title, tabs at the bottom.

    ``ref`` gets the view, for a screen that scrolls the result of a tap into view.  ``lazy``: the
    phone lays out and draws only what is on screen (and a little beyond), the rest as it is
    scrolled to; for a long screen of drawings, which then shows as quickly as a short one.  A
    lazy screen scrolls its list, not its view, so it takes no ``ref``.
    """
    assert not (lazy and ref), "a lazy screen's view does not scroll: it cannot bring a result into view"
    selected = next(i for i, (r, _, _) in enumerate(TABS) if r == route)
    if lazy:
        content = ft.SafeArea(content=ft.ListView(controls, spacing=theme.PAD, padding=theme.PAD), expand=True)
    else:
        content = ft.SafeArea(content=ft.Column(controls, spacing=theme.PAD, tight=True),
                              minimum_padding=ft.Padding.all(theme.PAD))
    return ft.View(
        ref=ref,
        route=route,
        appbar=ft.AppBar(
            title=ft.Text(title, size=theme.BAR_TITLE, weight=ft.FontWeight.BOLD),
            toolbar_height=64,
        ),
        navigation_bar=ft.NavigationBar(
            selected_index=selected,
            height=84,
            label_behavior=ft.NavigationBarLabelBehavior.ALWAYS_SHOW,
            destinations=[ft.NavigationBarDestination(label=label, icon=icon) for _, label, icon in TABS],
            on_change=lambda e: go(TABS[e.control.selected_index][0]),
        ),
        controls=[content],
        scroll=None if lazy else ft.ScrollMode.AUTO,
        padding=0,
    )
