"""Safety: when to stop and get help, and the rules for pressing safely.

Shown as the Safety tab, and as a sheet over any other screen (``SafetySheet``)
so the red flags are one tap away without losing one's place, e.g. mid-setup.
"""
from __future__ import annotations

import flet as ft

from data.health.safety import PRESSING_RULES, RED_FLAGS, WHAT_THIS_IS, Urgency
from views import theme
from views.shell import go, tab_view
from views.widgets import SAFETY_SHEET, action_button, heading


def red_flag_card(signs: str, urgency: Urgency) -> ft.Control:
    emergency = urgency is Urgency.EMERGENCY
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.ERROR_CONTAINER if emergency else ft.Colors.SURFACE_CONTAINER_HIGH,
        content=ft.Column(
            [
                ft.Text(urgency.value, size=theme.BODY + 2, weight=ft.FontWeight.BOLD,
                        color=ft.Colors.ON_ERROR_CONTAINER if emergency else ft.Colors.ON_SURFACE),
                ft.Text(signs, size=theme.BODY,
                        color=ft.Colors.ON_ERROR_CONTAINER if emergency else ft.Colors.ON_SURFACE),
            ],
            spacing=6,
        ),
    )


def red_flag_cards() -> list[ft.Control]:
    return [red_flag_card(f.signs, f.urgency) for f in RED_FLAGS]


def safety_controls() -> list[ft.Control]:
    return [
        heading("Stop and get help if you notice"),
        *red_flag_cards(),
        heading("Pressing safely"),
        *(ft.Text(f"• {rule}", size=theme.BODY) for rule in PRESSING_RULES),
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
