"""Today: the two daily sessions, whether they are done, and one big Start button."""
from __future__ import annotations

import flet as ft

from data.journal.sessions import SlotState, SlotStatus, day_status, sessions_on, slot_for
from data.models import Slot
from data.routine.pace import load_practice_settings
from data.routine.player import estimated_seconds
from data.routine.progression import personal_plan, routine_of
from views import theme
from views.checkin import TodayTracking
from views.context import use_services, use_ui_state
from views.my_routine import plan_summary, setup_invite
from views.shell import go, tab_view
from views.widgets import action_button

SLOT_LOOK = {
    Slot.MORNING: ("Morning session", ft.Icons.WB_SUNNY_OUTLINED),
    Slot.EVENING: ("Evening session", ft.Icons.NIGHTLIGHT_OUTLINED),
}


def status_words(status: SlotStatus) -> str:
    if status.state is SlotState.DONE:
        return "Done. Well done!"
    if status.state is SlotState.PARTLY:
        return f"Started: {status.completed_steps} of {status.total_steps} steps done"
    return "Not done yet"


def slot_card(status: SlotStatus, is_now: bool) -> ft.Control:
    title, icon = SLOT_LOOK[status.slot]
    done = status.state is SlotState.DONE
    words = status_words(status)
    return ft.Semantics(
        label=f"{title}: {words}",
        container=True,
        exclude_semantics=True,
        content=ft.Container(
            padding=theme.PAD,
            border_radius=16,
            border=ft.Border.all(3 if is_now else 1, ft.Colors.PRIMARY if is_now else ft.Colors.OUTLINE),
            bgcolor=ft.Colors.PRIMARY_CONTAINER if done else None,
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE if done else icon, size=40,
                            color=ft.Colors.PRIMARY if done else ft.Colors.ON_SURFACE_VARIANT),
                    ft.Column(
                        [
                            ft.Text(title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                            ft.Text(words, size=theme.BODY),
                        ],
                        spacing=2,
                        expand=True,
                    ),
                ],
                spacing=theme.PAD,
            ),
        ),
    )


@ft.component
def TodayScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()  # re-render when a session was saved
    now = services.now()
    statuses = day_status(sessions_on(services.store, now.date()))
    current = slot_for(now, services.reminders.settings.day_split())
    plan = personal_plan(services.store, now.date())  # worked out once per render
    routine = routine_of(plan, services.store)
    pace = load_practice_settings(services.store)
    minutes = max(1, round(estimated_seconds(routine, pace.prepare_seconds, pace.switch_seconds) / 60))
    current_done = statuses[current].state is SlotState.DONE
    start_label = (
        f"Start {current.value} session" if not current_done else "Start another session"
    )
    return tab_view(
        "/",
        "Today",
        [
            ft.Text(now.strftime("%A %d %B").replace(" 0", " "), size=theme.BODY, weight=ft.FontWeight.W_600),
            ft.Text(services.reminders.next_words(), size=theme.BODY),
            *setup_invite(services.store, ui.data_changed),
            slot_card(statuses[Slot.MORNING], current is Slot.MORNING),
            slot_card(statuses[Slot.EVENING], current is Slot.EVENING),
            ft.Text(
                f"Your routine: {len(routine.steps)} points, each side in turn, about {minutes} minutes.",
                size=theme.BODY,
                visible=bool(routine.steps),
            ),
            *([action_button(start_label, lambda e: go("/session"), icon=ft.Icons.PLAY_ARROW_ROUNDED,
                             main=True, wide=True)] if routine.steps else []),
            *plan_summary(plan),
            TodayTracking(),
            ft.Container(
                padding=theme.PAD,
                border_radius=16,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                content=ft.Column(
                    [
                        ft.Text(
                            "Press gently: it should feel firm, never painful. Skip any spot with broken, "
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
