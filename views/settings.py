"""Settings: when to be reminded, how to be reminded again, quiet hours, a reminder check, practice pacing.

Every change is saved at once (no Save button to forget) and goes through the
reminder hub, which re-plans the in-app reminders and the phone's own
notifications. Times are chosen in the system time picker, opened on typing
(numbers are easier than a clock dial with numb fingertips).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time
from typing import Any

import flet as ft

from data.models import Slot
from data.routine.pace import load_practice_settings, save_practice_settings
from scheduler.notifications import PermissionStatus
from scheduler.settings import SNOOZE_CHOICES, ReminderSettings, format_hhmm
from views import theme
from views.context import AppServices, use_services, use_ui_state
from views.notifiers import FletNotificationsService
from views.reminders import ReminderInbox, reminder_dialog
from views.shell import go, tab_view
from views.widgets import Tone, action_button, body, card, heading

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SLOT_NAMES = {Slot.MORNING: "Morning", Slot.EVENING: "Evening"}
QUIET_DEFAULT = (time(22, 0), time(7, 0))
FOLLOW_UP_AFTER = (15, 30, 60)
PREPARE_CHOICES = (5, 8, 15, 30)
SWITCH_CHOICES = (2, 4, 8)
BATTERY_STEPS = (
    "If reminders come late or not at all, let PressPoint run in the background:",
    "1. Open your phone's Settings.",
    "2. Tap Apps, then PressPoint.",
    "3. Tap Battery (on some phones: App battery usage).",
    "4. Choose Unrestricted (on some phones: Don't optimise).",
)


def seconds_options(offered: tuple[int, ...], current: float) -> list[tuple[float, str]]:
    """The offered pacing choices, plus the saved value if it is another one (so one is always ticked)."""
    return [(float(n), f"{n:g}") for n in sorted({*map(float, offered), current})]


def day_toggle(day: int, on: bool, flip: Callable[[], None]) -> ft.Control:
    """A big day button, read as "Monday, on"; filled and ticked when on, so not by colour alone."""
    fg = ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE
    return ft.Semantics(
        container=True,
        button=True,
        toggled=on,
        content=ft.Container(
            width=84,
            height=theme.TAP,
            border_radius=14,
            bgcolor=ft.Colors.PRIMARY if on else ft.Colors.SURFACE,
            border=ft.Border.all(2, ft.Colors.PRIMARY if on else ft.Colors.OUTLINE),
            alignment=ft.Alignment.CENTER,
            ink=True,
            on_click=lambda e: flip(),
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK if on else ft.Icons.CLOSE, size=20, color=fg),
                    ft.Text(DAYS[day][:3], size=theme.BODY, weight=ft.FontWeight.BOLD, color=fg,
                            semantics_label=f"{DAYS[day]}, {'on' if on else 'off'}"),
                ],
                spacing=4,
                alignment=ft.MainAxisAlignment.CENTER,
            ),
        ),
    )


def choices(
    label: str, options: list[tuple[Any, str]], chosen: Any, pick: Callable[[Any], None], unit: str = ""
) -> ft.Control:
    """One question with a few big answers side by side; the chosen one is filled and ticked.

    `unit` is spoken after each answer ("15" is read "15 minutes") and shown once in the question.
    """
    buttons = []
    for value, words in options:
        on = value == chosen
        fg = ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE
        spoken = f"{words} {unit}".strip()
        buttons.append(ft.Semantics(
            container=True,
            button=True,
            selected=on,
            expand=True,
            content=ft.Container(
                height=theme.TAP,
                border_radius=14,
                bgcolor=ft.Colors.PRIMARY if on else ft.Colors.SURFACE,
                border=ft.Border.all(2, ft.Colors.PRIMARY if on else ft.Colors.OUTLINE),
                alignment=ft.Alignment.CENTER,
                ink=True,
                on_click=lambda e, v=value: pick(v),
                content=ft.Row(
                    [
                        ft.Icon(ft.Icons.CHECK, size=22, color=fg, visible=on),
                        ft.Text(words, size=theme.BODY, weight=ft.FontWeight.BOLD, color=fg,
                                semantics_label=f"{label} {spoken}{', chosen' if on else ''}"),
                    ],
                    spacing=4,
                    tight=True,
                ),
            ),
        ))
    question = f"{label} ({unit})" if unit else label
    return ft.Column([body(question, bold=True), ft.Row(buttons, spacing=8)], spacing=8)


def switch_row(label: str, on: bool, flip: Callable[[], None]) -> ft.Control:
    """A whole-width row that turns something on or off; the switch shows the state.

    Merged into one node, so a screen reader says "Morning reminder, switch, on".
    """
    return ft.MergeSemantics(
        content=ft.Container(
            padding=ft.Padding.only(left=16, right=18, top=10, bottom=10),
            border_radius=16,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
            on_click=lambda e: flip(),
            content=ft.Row(
                [
                    ft.Text(label, size=theme.BODY + 2, weight=ft.FontWeight.BOLD, expand=True),
                    ft.Switch(value=on, on_change=lambda e: flip(), scale=1.3),  # easier to see
                ],
            ),
        ),
    )


def time_button(name: str, value: time, on_click: Callable[[ft.Event], None]) -> ft.Control:
    """A big button showing the time, read as "Morning time, 08:00"; opens the time picker."""
    return ft.Button(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.SCHEDULE, size=32),
                ft.Text(name, size=theme.BODY, weight=ft.FontWeight.W_600, expand=True),
                ft.Text(format_hhmm(value), size=theme.HEADLINE, weight=ft.FontWeight.BOLD),
            ],
            spacing=12,
        ),
        style=theme.button_style(),
        height=theme.MAIN_TAP,
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        color=ft.Colors.ON_SECONDARY_CONTAINER,
        on_click=on_click,
    )


def check_section(services: AppServices, page: ft.Page, refresh: Callable[[], None]) -> list[ft.Control]:
    """What the platform reports, in plain words, with the buttons that can fix it."""
    hub = services.reminders
    phone = hub.os.service if isinstance(hub.os.service, FletNotificationsService) else None
    status = hub.last_os_status
    lines = ["In the app: a reminder shows on this screen while PressPoint is open."]
    fixes: list[ft.Control] = []
    if phone is None:
        lines.append("Phone notifications: not available here.")
    elif status is PermissionStatus.GRANTED:
        lines.append("Phone notifications: allowed.")
    else:
        lines.append("Phone notifications: not allowed. Reminders only come while the app is open.")

        async def allow(e: ft.Event) -> None:
            if not await phone.request_permission():
                await phone.open_settings()
            await hub.sync_os()
            refresh()

        fixes.append(action_button("Allow notifications", allow, icon=ft.Icons.NOTIFICATIONS_ACTIVE, primary=True))
    android = phone is not None and page.platform is ft.PagePlatform.ANDROID
    if not android:
        lines.append("Alarms on the minute: not available here.")
    elif phone.exact_alarms:
        lines.append("Alarms on the minute: allowed.")
    else:
        lines.append("Alarms on the minute: not allowed. Reminders may come a few minutes late.")

        async def exact(e: ft.Event) -> None:
            await phone.request_exact_alarms()
            await hub.sync_os()
            refresh()

        fixes.append(action_button("Allow reminders on the minute", exact, icon=ft.Icons.ALARM_ON))
    desktop = hub.desktop_available
    lines.append("Computer notifications: on." if desktop else "Computer notifications: not available here.")
    out = [card(lines, Tone.PLAIN, title="What this device reports"), *fixes]
    if android:
        out.append(card(BATTERY_STEPS, Tone.INFO, title="Battery saving"))
    return out


@ft.component
def SettingsScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    hub = services.reminders
    page = ft.context.page
    picking, set_picking = ft.use_state(None)  # which time the picker is choosing
    test, _ = ft.use_state(ReminderInbox)  # the test prompt, shown in this session only
    s = hub.settings

    def change(edit: Callable[[ReminderSettings], ReminderSettings]) -> None:
        """Apply one change to the settings as saved now (another tab may have changed others)."""
        hub.save_settings(edit(hub.settings))
        ui.data_changed()

    def change_slot(slot: Slot, **values: Any) -> None:
        change(lambda cur: cur.with_slot(slot, replace(cur.slot(slot), **values)))

    def slot_time(slot: Slot, t: time) -> None:
        change_slot(slot, time=t)

    def quiet_time(which: str, t: time) -> None:
        def edit(cur: ReminderSettings) -> ReminderSettings:
            start, end = (t, cur.quiet_end) if which == "quiet_start" else (cur.quiet_start, t)
            # a zero-length quiet time is refused; keep the old one
            return replace(cur, quiet_start=start, quiet_end=end) if start != end else cur
        change(edit)

    pickers: dict[str, tuple[str, time, Callable[[time], None]]] = {
        "morning": ("Morning reminder time", s.morning.time, lambda t: slot_time(Slot.MORNING, t)),
        "evening": ("Evening reminder time", s.evening.time, lambda t: slot_time(Slot.EVENING, t)),
    }
    if s.quiet_enabled:
        pickers["quiet_start"] = ("Quiet hours start", s.quiet_start, lambda t: quiet_time("quiet_start", t))
        pickers["quiet_end"] = ("Quiet hours end", s.quiet_end, lambda t: quiet_time("quiet_end", t))

    def picked(e: ft.Event) -> None:
        if picking in pickers and e.control.value is not None:
            pickers[picking][2](e.control.value.replace(second=0, microsecond=0))
        set_picking(None)

    ft.use_dialog(
        ft.TimePicker(
            value=pickers[picking][1],
            help_text=pickers[picking][0],
            entry_mode=ft.TimePickerEntryMode.INPUT,
            hour_format=ft.TimePickerHourFormat.H24,
            on_change=picked,
            on_dismiss=lambda e: set_picking(None),
        )
        if picking in pickers else None
    )

    def slot_section(slot: Slot) -> list[ft.Control]:
        cfg = s.slot(slot)
        name = SLOT_NAMES[slot]

        def flip_day(d: int) -> None:
            on = d not in cfg.weekdays  # what this screen showed, applied to the saved days
            change(lambda cur: cur.with_slot(slot, replace(
                cur.slot(slot), weekdays=cur.slot(slot).weekdays | {d} if on else cur.slot(slot).weekdays - {d})))

        days = [day_toggle(d, d in cfg.weekdays, lambda d=d: flip_day(d)) for d in range(7)]
        out = [
            switch_row(f"{name} reminder", cfg.enabled,
                       lambda: change_slot(slot, enabled=not cfg.enabled)),
            time_button(f"{name} time", cfg.time, lambda e: set_picking(slot.value)),
            body("On these days:"),
            ft.Row(days, wrap=True, spacing=8, run_spacing=8),
        ]
        if cfg.enabled and not cfg.weekdays:
            out.append(card([f"No day is chosen, so there is no {name.lower()} reminder."], Tone.WARN))
        return out

    follow = [
        heading("If I have not started"),
        choices("Remind me again", [(0, "No"), (1, "Once"), (2, "Twice")], s.max_follow_ups,
                lambda n: change(lambda cur: replace(cur, max_follow_ups=n))),
    ]
    if s.max_follow_ups:
        after = sorted({*FOLLOW_UP_AFTER, s.follow_up_minutes})
        follow.append(choices("Each time after", [(m, str(m)) for m in after], s.follow_up_minutes,
                              lambda m: change(lambda cur: replace(cur, follow_up_minutes=m)), "minutes"))
    follow.append(choices("Snooze waits", [(m, str(m)) for m in SNOOZE_CHOICES], s.snooze_minutes,
                          lambda m: change(lambda cur: replace(cur, snooze_minutes=m)), "minutes"))

    def flip_quiet() -> None:
        start, end = (None, None) if s.quiet_enabled else QUIET_DEFAULT
        change(lambda cur: replace(cur, quiet_start=start, quiet_end=end))

    quiet = [
        heading("Quiet hours"),
        body("In quiet hours PressPoint does not remind you again and offers no snooze. "
             "The times you chose above still come."),
        switch_row("Use quiet hours", s.quiet_enabled, flip_quiet),
    ]
    if s.quiet_enabled:
        quiet += [
            time_button("From", s.quiet_start, lambda e: set_picking("quiet_start")),
            time_button("Until", s.quiet_end, lambda e: set_picking("quiet_end")),
            *(card([f"Your {slot.value} reminder at {format_hhmm(s.slot(slot).time)} is in your quiet hours. "
                    "It still comes, but nothing is sent again after it."], Tone.WARN)
              for slot in s.quiet_conflicts()),
        ]

    ft.use_dialog(reminder_dialog(hub, test, ui) if test.reminder is not None else None)

    async def send_test(e: ft.Event) -> None:
        test.reminder = hub.test_reminder()
        await hub.send_test()

    pace = load_practice_settings(services.store)

    def save_pace(**values: float) -> None:
        save_practice_settings(services.store, replace(load_practice_settings(services.store), **values))
        ui.data_changed()

    check = [
        heading("Check my reminders"),
        action_button("Send a test reminder now", send_test, icon=ft.Icons.NOTIFICATIONS_OUTLINED),
        *check_section(services, page, ui.data_changed),
    ]
    practice = [
        heading("Practice"),
        choices("Time to find each point", seconds_options(PREPARE_CHOICES, pace.prepare_seconds),
                pace.prepare_seconds, lambda n: save_pace(prepare_seconds=n), "seconds"),
        choices("Time to change sides", seconds_options(SWITCH_CHOICES, pace.switch_seconds),
                pace.switch_seconds, lambda n: save_pace(switch_seconds=n), "seconds"),
        heading("My answers"),
        action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_NOTE),
    ]
    return tab_view(
        "/settings",
        "Settings",
        [
            card([hub.next_words(), "Changes are saved at once."], Tone.INFO),
            *slot_section(Slot.MORNING),
            *slot_section(Slot.EVENING),
            *follow,
            *quiet,
            *check,
            *practice,
        ],
    )

