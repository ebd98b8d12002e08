"""The frame of the main screens: a large title bar and a bottom bar with labelled tabs."""
from __future__ import annotations

import flet as ft

from views import theme

TABS = (
    ("/", "Today", ft.Icons.TODAY),
    ("/progress", "Progress", ft.Icons.INSIGHTS),
    ("/points", "Points", ft.Icons.BACK_HAND_OUTLINED),
    ("/safety", "Safety", ft.Icons.HEALTH_AND_SAFETY_OUTLINED),
    ("/settings", "Settings", ft.Icons.SETTINGS_OUTLINED),
)


def go(route: str) -> None:
    ft.context.page.navigate(route)


def tab_view(route: str, title: str, controls: list[ft.Control], ref: ft.Ref | None = None) -> ft.View:
    """A main screen: scrolling content under a title, tabs at the bottom.

    ``ref`` gets the view, for a screen that scrolls the result of a tap into view.
    """
    selected = next(i for i, (r, _, _) in enumerate(TABS) if r == route)
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
        controls=[
            ft.SafeArea(
                content=ft.Column(controls, spacing=theme.PAD, tight=True),
                minimum_padding=ft.Padding.all(theme.PAD),
            )
        ],
        scroll=ft.ScrollMode.AUTO,
        padding=0,
    )
