"""Safety: when to stop and get help, and the rules for pressing safely.

Shown as the Safety tab, and as a sheet over any other screen (``SafetySheet``)
so the red flags are one tap away without losing one's place, e.g. mid-setup.
"""
from __future__ import annotations

import flet as ft

from data.health.safety import (
    FALLS_ADVICE,
    PRESSING_RULES,
    RED_FLAGS,
    STOP_AND_SIT,
    STOP_AND_SIT_AFTER,
    STOP_AND_SIT_TITLE,
    WHAT_THIS_IS,
    RedFlag,
)
from data.routine.catalog import GENERAL_CAUTIONS
from views import theme
from views.shell import go, tab_view
from views.widgets import SAFETY_SHEET, action_button, heading


def red_flag_card(flag: RedFlag) -> ft.Control:
    """One sign to act on: how urgent in bold, the signs, what to do meanwhile and where that comes from."""
    alarm = flag.urgency.urgent  # same day or sooner: drawn as an alarm
    colour = ft.Colors.ON_ERROR_CONTAINER if alarm else ft.Colors.ON_SURFACE
    lines = [ft.Text(flag.urgency.value, size=theme.BODY + 2, weight=ft.FontWeight.BOLD, color=colour),
             ft.Text(flag.signs, size=theme.BODY, color=colour)]
    if flag.advice:
        lines.append(ft.Text(flag.advice, size=theme.BODY, color=colour))
    if flag.source:
        lines.append(ft.Text(f"Source: {flag.source}", size=theme.SMALL, color=colour, italic=True))
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.ERROR_CONTAINER if alarm else ft.Colors.SURFACE_CONTAINER_HIGH,
        content=ft.Column(lines, spacing=6),
    )


def red_flag_cards() -> list[ft.Control]:
    return [red_flag_card(f) for f in RED_FLAGS]


def bullets(lines: tuple[str, ...]) -> list[ft.Control]:
    return [ft.Text(f"• {line}", size=theme.BODY) for line in lines]


def stop_and_sit() -> ft.Control:
    """What to do at once while pressing: first on the sheet the player opens."""
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        content=ft.Column([
            ft.Text(STOP_AND_SIT_TITLE, size=theme.BODY + 2, weight=ft.FontWeight.BOLD,
                    color=ft.Colors.ON_TERTIARY_CONTAINER),
            *(ft.Text(f"• {line}", size=theme.BODY, color=ft.Colors.ON_TERTIARY_CONTAINER) for line in STOP_AND_SIT),
            ft.Text(STOP_AND_SIT_AFTER, size=theme.BODY, color=ft.Colors.ON_TERTIARY_CONTAINER),
        ], spacing=6),
    )


def safety_controls() -> list[ft.Control]:
    return [
        stop_and_sit(),
        heading("Stop and get help if you notice"),
        *red_flag_cards(),
        heading("Pressing safely"),
        *bullets(PRESSING_RULES),
        *bullets(GENERAL_CAUTIONS),
        heading("Avoiding falls"),
        *bullets(FALLS_ADVICE),
        heading("What this app is"),
        ft.Text(WHAT_THIS_IS, size=theme.BODY),
    ]


@ft.component
def SafetyScreen() -> ft.View:
    return tab_view(
        "/safety",
        "Safety",
        [
            *safety_controls(),
            heading("Learn more"),
            action_button("Daily foot check", lambda e: go("/footcheck"), icon=ft.Icons.DIRECTIONS_WALK,
                          main=True, wide=True),
            action_button("Looking after your hands and feet", lambda e: go("/selfcare"),
                          icon=ft.Icons.SPA_OUTLINED, main=True, wide=True),
            action_button("Does acupressure help? What is known", lambda e: go("/evidence"),
                          icon=ft.Icons.MENU_BOOK_OUTLINED, main=True, wide=True),
        ],
    )


@ft.component
def SafetySheet() -> ft.View:
    """The Safety tab's content over whatever screen is open; closing it returns there unchanged."""
    return ft.View(
        route=SAFETY_SHEET,
        fullscreen_dialog=True,
        appbar=ft.AppBar(title=ft.Text("Safety", size=theme.TITLE, weight=ft.FontWeight.BOLD), toolbar_height=64),
        scroll=ft.ScrollMode.AUTO,
        padding=0,
        controls=[
            ft.SafeArea(
                minimum_padding=ft.Padding.all(theme.PAD),
                content=ft.Column(safety_controls(), spacing=theme.PAD),
            )
        ],
    )
