"""Settings: when to be reminded, how to be reminded again, quiet hours, a reminder check, practice pacing,
sound and the size of the words.

Every change is saved at once (no Save button to forget); one the phone cannot
save says so in the part tapped, names the choice and offers "Try again".
Reminder changes go through the
reminder hub, which re-plans the in-app reminders and the phone's own
notifications. Times are chosen in the system time picker, opened on typing
(numbers are easier than a clock dial with numb fingertips). The choices, their
words and what each tap changes are in scheduler/settings_screen.py.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from scheduler.settings_screen import (
    QUIET_END,
    QUIET_START,
    SLOT_SECTIONS,
    DayToggle,
    Question,
    Section,
    SlotSection,
    TimeChoice,
    Unsaved,
    choose_time,
    louder,
    quieter,
    reminder_check,
    save_choice,
    set_follow_up_minutes,
    set_follow_ups,
    set_prepare_seconds,
    set_quiet_hours,
    set_slot_on,
    set_snooze_minutes,
    set_switch_seconds,
    set_text_size,
    set_tones,
    set_voice,
    set_weekday,
    settings_summary,
)
from views import theme
from views.audio import CueSound
from views.context import AppServices, use_services, use_ui_state
from views.notifiers import FletNotificationsService
from views.reminders import ReminderInbox, reminder_dialog
from views.saving import not_saved
from views.shell import go, tab_view
from views.text_size import use_text_size
from views.widgets import Tone, action_button, body, card, heading

NOT_SAVED, TEXT_SIZE = "not-saved", "text-size"  # scroll keys


def day_toggle(day: DayToggle, flip: Callable[[], None]) -> ft.Control:
    """A big day button, read as "Monday, on"; filled and ticked when on, so not by colour alone."""
    on = day.on
    fg = ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE
    return ft.Semantics(
        container=True,
        button=True,
        toggled=on,
        content=ft.Container(
            width=theme.grown(84),
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
                    ft.Text(day.words, size=theme.BODY, weight=ft.FontWeight.BOLD, color=fg, semantics_label=day.name),
                ],
                spacing=4,
                alignment=ft.MainAxisAlignment.CENTER,
            ),
        ),
    )


def choices(asked: Question, pick: Callable[[Any, str], None], *, stacked: bool = False) -> ft.Control:
    """One question with a few big answers side by side (``stacked``: one under another, for longer
    words); the chosen one is filled and ticked.

    ``pick`` gets the answer's value and its name (for the words if it cannot be saved).
    """
    buttons = []
    for option in asked.options:
        on = option.chosen
        fg = ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE
        buttons.append(ft.Semantics(
            container=True,
            button=True,
            selected=on,
            expand=not stacked,
            content=ft.Container(
                height=theme.TAP,
                border_radius=14,
                bgcolor=ft.Colors.PRIMARY if on else ft.Colors.SURFACE,
                border=ft.Border.all(2, ft.Colors.PRIMARY if on else ft.Colors.OUTLINE),
                alignment=ft.Alignment.CENTER,
                ink=True,
                on_click=lambda e, v=option.value, n=option.choice: pick(v, n),
                content=ft.Row(
                    [
                        ft.Icon(ft.Icons.CHECK, size=22, color=fg, visible=on),
                        ft.Text(option.words, size=theme.BODY, weight=ft.FontWeight.BOLD, color=fg,
                                semantics_label=option.name),
                    ],
                    spacing=4,
                    tight=True,
                ),
            ),
        ))
    answers = ft.Column(buttons, spacing=8) if stacked else ft.Row(buttons, spacing=8)
    return ft.Column([body(asked.words, bold=True), answers], spacing=8)


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


def time_button(name: str, value: str, on_click: Callable[[ft.Event], None]) -> ft.Control:
    """A big button showing the time, read as "Morning time, 08:00"; opens the time picker."""
    return ft.Button(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.SCHEDULE, size=32),
                ft.Text(name, size=theme.BODY, weight=ft.FontWeight.W_600, expand=True),
                ft.Text(value, size=theme.HEADLINE, weight=ft.FontWeight.BOLD),
            ],
            spacing=12,
        ),
        style=theme.button_style(),
        height=theme.MAIN_TAP,
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        color=ft.Colors.ON_SECONDARY_CONTAINER,
        on_click=on_click,
    )


def time_picker(choice: TimeChoice, on_change: Callable[[ft.Event], None],
                on_dismiss: Callable[[ft.Event], None]) -> ft.TimePicker:
    """The big 24-hour time picker (themed in views/theme.py), used here and by the first-run questions."""
    return ft.TimePicker(
        value=choice.value,
        help_text=choice.help,
        entry_mode=ft.TimePickerEntryMode.INPUT,
        hour_format=ft.TimePickerHourFormat.H24,
        on_change=on_change,
        on_dismiss=on_dismiss,
    )


def check_section(services: AppServices, page: ft.Page, refresh: Callable[[], None]) -> list[ft.Control]:
    """What the platform reports, in plain words, with the buttons that can fix it."""
    hub = services.reminders
    phone = hub.os.service if isinstance(hub.os.service, FletNotificationsService) else None
    android = phone is not None and page.platform is ft.PagePlatform.ANDROID
    check = reminder_check(hub, phone=phone is not None, android=android,
                           exact_alarms=phone is not None and phone.exact_alarms)
    fixes: list[ft.Control] = []
    if check.allow_notifications:

        async def allow(e: ft.Event) -> None:
            if not await phone.request_permission():
                await phone.open_settings()
            await hub.sync_os()
            refresh()

        fixes.append(action_button("Allow notifications", allow, icon=ft.Icons.NOTIFICATIONS_ACTIVE, primary=True))
    if check.allow_exact_alarms:

        async def exact(e: ft.Event) -> None:
            await phone.request_exact_alarms()
            await hub.sync_os()
            refresh()

        fixes.append(action_button("Allow reminders on the minute", exact, icon=ft.Icons.ALARM_ON))
    out = [card(list(check.lines), Tone.PLAIN, title="What this device reports"), *fixes]
    if check.battery_steps:
        out.append(card(list(check.battery_steps), Tone.INFO, title="Battery saving"))
    return out


@ft.component
def SettingsScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    use_text_size(services.store)  # a new size shows at once, on this screen first
    hub = services.reminders
    page = ft.context.page
    picking, set_picking = ft.use_state(None)  # which time the picker is choosing
    unsaved, set_unsaved = ft.use_state(None)  # the last change the phone could not save
    landing, set_landing = ft.use_state((None, 0))  # what to bring into view after a tap that moves things
    view = ft.use_ref(None)  # this render's view: the effect scrolls it

    async def bring_into_view() -> None:
        if landing[0] is not None and view.current is not None:
            await view.current.scroll_to(scroll_key=landing[0])  # at once: a moving screen would swallow a tap

    ft.use_effect(bring_into_view, [landing])
    test, _ = ft.use_state(ReminderInbox)  # the test prompt, shown in this session only
    summary = settings_summary(hub, services.store)
    trial = ft.use_ref(None)  # the "Try the sound" player of this visit

    def stop_trial() -> None:
        if trial.current is not None:
            trial.current.close()

    ft.use_effect(lambda: None, [], cleanup=stop_trial)

    def saved(outcome: Unsaved | None, moves: bool = False) -> None:
        """``moves``: the change moves what is on screen (bigger words), so its question is brought back."""
        set_unsaved(outcome)
        if outcome is not None or moves:
            set_landing(lambda last: (NOT_SAVED if outcome is not None else TEXT_SIZE, last[1] + 1))
        ui.data_changed()  # every screen shows the change (or, not saved, what is still in effect)

    def tap(section: Section, chosen: str, change: Callable[..., None], *args: Any) -> None:
        """One change, saved at once; if the phone cannot save it, its section says so and offers to retry."""
        saved(save_choice(section, chosen, lambda: change(*args)), moves=section is Section.TEXT)

    def problem(section: Section) -> list[ft.Control]:
        """Under the section tapped: why the change was not saved, and "Try again"."""
        if unsaved is None or unsaved.section is not section:
            return []
        return [ft.Column([*not_saved(unsaved.words),
                           action_button("Try again", lambda e: saved(unsaved.try_again(), moves=unsaved.section is Section.TEXT), icon=ft.Icons.REFRESH,
                                         primary=True)],
                          spacing=theme.PAD, key=ft.ScrollKey(NOT_SAVED))]

    def picked(e: ft.Event) -> None:
        if picking in summary.times and e.control.value is not None:
            saved(choose_time(hub, summary.times[picking], picking, e.control.value))
        set_picking(None)

    ft.use_dialog(
        time_picker(summary.times[picking], picked, lambda e: set_picking(None)) if picking in summary.times else None
    )

    def slot_section(section: SlotSection) -> list[ft.Control]:
        slot = section.slot
        where = SLOT_SECTIONS[slot]
        days = [day_toggle(day, lambda d=day: tap(where, f"{d.name.split(',')[0]}, {'off' if d.on else 'on'}",
                                                  set_weekday, hub, slot, d.day, not d.on))
                for day in section.days]
        out = [
            switch_row(section.switch, section.enabled,
                       lambda: tap(where, f"{section.switch} {'off' if section.enabled else 'on'}",
                                   set_slot_on, hub, slot, not section.enabled)),
            time_button(section.time_label, section.time, lambda e: set_picking(slot.value)),
            body("On these days:"),
            ft.Row(days, wrap=True, spacing=8, run_spacing=8),
        ]
        if section.warning:
            out.append(card([section.warning], Tone.WARN))
        return [*out, *problem(where)]

    follow = [
        heading("If I have not started"),
        choices(summary.follow_ups, lambda n, name: tap(Section.FOLLOW_UPS, name, set_follow_ups, hub, n)),
    ]
    if summary.follow_up_after is not None:
        follow.append(choices(summary.follow_up_after,
                              lambda m, name: tap(Section.FOLLOW_UPS, name, set_follow_up_minutes, hub, m)))
    follow.append(choices(summary.snooze, lambda m, name: tap(Section.FOLLOW_UPS, name, set_snooze_minutes, hub, m)))
    follow += problem(Section.FOLLOW_UPS)

    quiet = [
        heading("Quiet hours"),
        body("In quiet hours PressPoint does not remind you again and offers no snooze. "
             "The times you chose above still come."),
        switch_row("Use quiet hours", summary.quiet,
                   lambda: tap(Section.QUIET, f"Quiet hours {'off' if summary.quiet else 'on'}",
                               set_quiet_hours, hub, not summary.quiet)),
    ]
    if summary.quiet:
        quiet += [
            time_button("From", summary.quiet_from, lambda e: set_picking(QUIET_START)),
            time_button("Until", summary.quiet_until, lambda e: set_picking(QUIET_END)),
            *(card([words], Tone.WARN) for words in summary.quiet_warnings),
        ]
    quiet += problem(Section.QUIET)

    ft.use_dialog(reminder_dialog(hub, test, ui) if test.reminder is not None else None)

    async def send_test(e: ft.Event) -> None:
        test.reminder = hub.test_reminder()
        await hub.send_test()

    check = [
        heading("Check my reminders"),
        action_button("Send a test reminder now", send_test, icon=ft.Icons.NOTIFICATIONS_OUTLINED),
        *check_section(services, page, ui.data_changed),
    ]
    def try_sound(e: ft.Event) -> None:
        """Play a new point's tone and words at the chosen volume (a player per tap: the volume may have changed)."""
        if trial.current is not None:
            trial.current.close()
        trial.current = CueSound(summary.sound)
        trial.current.play(summary.sample)

    store = services.store
    practice = [
        heading("Practice"),
        choices(summary.prepare, lambda n, name: tap(Section.PRACTICE, name, set_prepare_seconds, store, n)),
        choices(summary.switch, lambda n, name: tap(Section.PRACTICE, name, set_switch_seconds, store, n)),
        *problem(Section.PRACTICE),
        heading("Sound during sessions"),
        body("A soft tone when to press, switch side or move on, and a voice that says the side and the point: "
             "for pressing with your eyes closed or the phone on a table."),
        switch_row("Tones at each step", summary.sound.tones,
                   lambda: tap(Section.SOUND, f"Tones {'off' if summary.sound.tones else 'on'}",
                               set_tones, store, not summary.sound.tones)),
        switch_row("Spoken words", summary.sound.voice,
                   lambda: tap(Section.SOUND, f"Spoken words {'off' if summary.sound.voice else 'on'}",
                               set_voice, store, not summary.sound.voice)),
        ft.Semantics(live_region=True, content=body(summary.sound_words, bold=True)),
        ft.Row([
            action_button("Quieter", lambda e: tap(Section.SOUND, "Sound quieter", quieter, store),
                          icon=ft.Icons.VOLUME_DOWN_ROUNDED, name="Sound quieter", expand=True,
                          disabled=not summary.can_be_quieter),
            action_button("Louder", lambda e: tap(Section.SOUND, "Sound louder", louder, store),
                          icon=ft.Icons.VOLUME_UP_ROUNDED, name="Sound louder", expand=True,
                          disabled=not summary.can_be_louder),
        ], spacing=10),
        *problem(Section.SOUND),
        action_button("Try the sound", try_sound, icon=ft.Icons.PLAY_CIRCLE_OUTLINE,
                      disabled=not summary.sample),
        heading("Words on screen"),
        ft.Container(key=ft.ScrollKey(TEXT_SIZE), content=choices(
            summary.text_size, lambda size, name: tap(Section.TEXT, name, set_text_size, store, size),
            stacked=True)),
        *problem(Section.TEXT),
        heading("My answers"),
        action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_NOTE),
    ]
    return tab_view(
        "/settings",
        "Settings",
        [
            card([summary.next_words, "Changes are saved at once."], Tone.INFO),
            *slot_section(summary.slots[0]),
            *slot_section(summary.slots[1]),
            *follow,
            *quiet,
            *check,
            *practice,
        ],
        ref=view,
    )
