"""Today: the two daily sessions, whether they are done, and one big Start button.

What could not be read is said once, at the top; the check-in comes right after Start, so it is
on the first screen of a phone.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.health.safety import FIRM_NEVER_PAINFUL
from data.models import Slot
from data.routine.profile import put_off_setup
from data.screens.today import KeptAside, SlotCard, today_summary
from views import theme
from views.checkin import TodayTracking
from views.context import use_services, use_ui_state
from views.footcheck import foot_check_card
from views.my_routine import nothing_to_press_today, plan_summary, setup_invite
from views.shell import go, tab_view
from views.widgets import Tone, action_button, card

SLOT_ICONS = {Slot.MORNING: ft.Icons.WB_SUNNY_OUTLINED, Slot.EVENING: ft.Icons.NIGHTLIGHT_OUTLINED}


def slot_card(slot: SlotCard) -> ft.Control:
    done, is_now = slot.done, slot.is_now
    return ft.Semantics(
        label=f"{slot.title}: {slot.words}",
        container=True,
        exclude_semantics=True,
        content=ft.Container(
            padding=theme.PAD,
            border_radius=16,
            border=ft.Border.all(3 if is_now else 1, ft.Colors.PRIMARY if is_now else ft.Colors.OUTLINE),
            bgcolor=ft.Colors.PRIMARY_CONTAINER if done else None,
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE if done else SLOT_ICONS[slot.slot], size=40,
                            color=ft.Colors.PRIMARY if done else ft.Colors.ON_SURFACE_VARIANT),
                    ft.Column(
                        [
                            ft.Text(slot.title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                            ft.Text(slot.words, size=theme.BODY),
                        ],
                        spacing=2,
                        expand=True,
                    ),
                ],
                spacing=theme.PAD,
            ),
        ),
    )


def kept_aside_card(kept: KeptAside | None, ok: Callable[[ft.Event], None]) -> list[ft.Control]:
    """What could not be read, said once at the top, until OK."""
    if kept is None:
        return []
    return [ft.Semantics(live_region=True, content=card(
        list(kept.lines), Tone.WARN, actions=[action_button("OK", ok, icon=ft.Icons.CHECK, primary=True)]))]


@ft.component
def TodayScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()  # re-render when a session was saved
    hub = services.reminders
    today = today_summary(services.store, services.now(), hub.next_words(), hub.settings.day_split(),
                          hub.slot_day_for)

    def not_now() -> None:
        put_off_setup(services.store)
        ui.data_changed()

    def told(e) -> None:
        services.store.mark_told(today.kept_aside.ids)
        ui.data_changed()

    return tab_view(
        "/",
        "Today",
        [
            *kept_aside_card(today.kept_aside, told),
            ft.Text(today.date_words, size=theme.BODY, weight=ft.FontWeight.W_600),
            ft.Text(today.next_reminder_words, size=theme.BODY),
            *setup_invite(today.invite_setup, not_now),
            *(slot_card(slot) for slot in today.slots),
            ft.Text(today.routine_words, size=theme.BODY, visible=bool(today.routine_words)),
            *([action_button(today.start_label, lambda e: go("/session"), icon=ft.Icons.PLAY_ARROW_ROUNDED,
                             main=True, wide=True)] if today.start_label else []),
            *nothing_to_press_today(today.plan),
            TodayTracking(),
            *([foot_check_card()] if today.foot_check_due else []),
            *plan_summary(today.plan),
            ft.Container(
                padding=theme.PAD,
                border_radius=16,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                content=ft.Column(
                    [
                        ft.Text(
                            f"Pressure should feel {FIRM_NEVER_PAINFUL}. Skip any spot with broken, "
                            "red or swollen skin. This adds to your medical care; it does not replace it.",
                            size=theme.BODY,
                            color=ft.Colors.ON_SECONDARY_CONTAINER,
                        ),
                        ft.OutlinedButton(
                            content="When to stop and get help",
                            icon=ft.Icons.HEALTH_AND_SAFETY_OUTLINED,
                            height=theme.TAP,
                            style=theme.button_style(),
                            on_click=lambda e: go("/safety"),
                        ),
                    ],
                    spacing=12,
                ),
            ),
        ],
    )
