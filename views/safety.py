"""Safety: when to stop and get help, and the rules for pressing safely."""
from __future__ import annotations

import flet as ft

from data.safety import PRESSING_RULES, RED_FLAGS, WHAT_THIS_IS, Urgency
from views import theme
from views.shell import tab_view


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


@ft.component
def SafetyScreen() -> ft.View:
    return tab_view(
        "/safety",
        "Safety",
        [
            ft.Semantics(header=True, content=ft.Text("Stop and get help if you notice", size=theme.TITLE,
                                                      weight=ft.FontWeight.BOLD)),
            *(red_flag_card(f.signs, f.urgency) for f in RED_FLAGS),
            ft.Semantics(header=True, content=ft.Text("Pressing safely", size=theme.TITLE,
                                                      weight=ft.FontWeight.BOLD)),
            *(ft.Text(f"• {rule}", size=theme.BODY) for rule in PRESSING_RULES),
            ft.Semantics(header=True, content=ft.Text("What this app is", size=theme.TITLE,
                                                      weight=ft.FontWeight.BOLD)),
            ft.Text(WHAT_THIS_IS, size=theme.BODY),
        ],
    )
