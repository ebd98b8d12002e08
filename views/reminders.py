"""The in-app reminder: one large prompt over any screen, in every open session, with Start now / Snooze / Skip.

Each session links itself to the process's ReminderHub when it opens and
unlinks when it closes; the hub's runner calls every link once per reminder,
from outside the session, so a link hands the change to its own page's task
(page.run_task) before touching the screen. On a phone the same session also
finds the phone's notification service and answers its buttons.
"""
from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from dataclasses import dataclass

import flet as ft

from scheduler.hub import TEST_KEY, ReminderHub
from scheduler.notifications import PermissionStatus, default_wording
from scheduler.plan import Reminder, ReminderKind
from views import theme
from views.context import AppServices, UiState
from views.notifiers import detect_phone_service
from views.shell import go
from views.widgets import action_button, body

log = logging.getLogger(__name__)

SESSION_ROUTE = "/session"  # while practising, a reminder would only interrupt


@ft.observable
@dataclass
class ReminderInbox:
    """What this session's prompt shows; None when closed."""

    reminder: Reminder | None = None


class SessionReminders:
    """One open session as the hub sees it (a reminder_hub.SessionLink)."""

    def __init__(self, page: ft.Page, inbox: ReminderInbox, ui: UiState) -> None:
        self.page = page
        self.inbox = inbox
        self.ui = ui

    def show(self, reminder: Reminder) -> None:
        if self.page.route == SESSION_ROUTE:
            return  # already practising: the saved session closes this slot anyway
        self._in_session(self.put, reminder)

    def dismiss(self, handled: Callable[[str], bool]) -> None:
        if self.inbox.reminder is not None and handled(self.inbox.reminder.key):
            self._in_session(self.put, None)

    async def put(self, reminder: Reminder | None) -> None:
        """Show `reminder` in this session's prompt (None closes it)."""
        self.inbox.reminder = reminder
        self.ui.data_changed()  # Today's "Next reminder" moves on

    def _in_session(self, handler, *args) -> None:
        """Run `handler` as this page's task: the runner calls from outside any session,
        and a copied context keeps this page from leaking into the caller's."""
        contextvars.copy_context().run(self.page.run_task, handler, *args)


def use_reminder_prompt(services: AppServices, ui: UiState) -> None:
    """Hook for the App component: link this session to the hub and show its prompt."""
    inbox, _ = ft.use_state(ReminderInbox)
    page = ft.context.page
    hub = services.reminders

    def link_session() -> None:
        link = SessionReminders(page, inbox, ui)

        async def reconnect(e: ft.Event) -> None:
            hub.attach(link)
            await hub.start()

        page.on_connect = reconnect  # a refreshed tab, a woken computer
        page.on_disconnect = lambda e: hub.detach(link)
        page.on_close = lambda e: hub.detach(link)
        hub.attach(link)  # before start(): the first check may hold a "you missed" prompt
        page.run_task(open_session, hub, link)

    ft.use_effect(link_session, [])
    ft.use_dialog(reminder_dialog(hub, inbox, ui) if inbox.reminder is not None else None)


async def open_session(hub: ReminderHub, link: SessionReminders) -> None:
    """Find the phone's notifications (if any), ask for them while reminders are on, start reminding.

    The phone asks the user itself only while the answer is open (Android 13+, iOS); later
    requests return at once, and Settings offers the phone's own settings page instead.
    """

    async def on_notification(e) -> None:
        await answer_notification(hub, link, e.id, e.action_id)

    phone = await detect_phone_service(link.page, on_notification)
    if phone is not None:
        hub.use_os(phone)
        wanted = hub.settings.morning.active or hub.settings.evening.active
        if wanted and phone.permission_status() is not PermissionStatus.GRANTED:
            await phone.request_permission()
    await hub.start()


async def answer_notification(hub: ReminderHub, link: SessionReminders, nid: int, action: str) -> None:
    """A tap on a phone notification or one of its buttons (Start now / Snooze / Skip today)."""
    reminder = hub.reminder_for_notification(nid)
    if reminder is None or hub.runner.state.is_closed(reminder.date, reminder.slot):
        return  # the test notification, or a reminder already dealt with: opening the app is enough
    if action == "start":
        hub.dismiss(reminder)
        go(SESSION_ROUTE)
    elif action.startswith("snooze"):
        hub.snooze(reminder)
    elif action == "skip":
        hub.skip(reminder)
    else:  # a tap on the notification itself: show it here, with its buttons
        await link.put(reminder)
    link.ui.data_changed()


def prompt_words(reminder: Reminder) -> tuple[str, str]:
    if reminder.key == TEST_KEY:
        return ("This is a test reminder", "Your reminders look like this, with buttons to start, "
                "to be reminded a little later, or to skip.")
    return default_wording(reminder)


def reminder_dialog(hub: ReminderHub, inbox: ReminderInbox, ui: UiState) -> ft.AlertDialog:
    """The prompt: large words, one main button, the others full width below it."""
    reminder = inbox.reminder
    title, words = prompt_words(reminder)

    def close(handled: Callable[[], object] | None = None, then: str | None = None):
        def on_click(e: ft.Event) -> None:
            inbox.reminder = None
            if handled is not None:
                handled()
            ui.data_changed()
            if then:
                go(then)

        return on_click

    def snoozed() -> None:
        until = hub.snooze(reminder).astimezone(hub.local_now().tzinfo)
        ft.context.page.show_dialog(ft.SnackBar(
            ft.Text(f"I will remind you again at {until:%H:%M}.", size=theme.BODY),
            duration=6000,
        ))

    minutes = hub.settings.snooze_minutes
    if reminder.key == TEST_KEY:
        buttons = [action_button("Close", close(), main=True)]
    elif reminder.kind is ReminderKind.MISSED:
        buttons = [
            action_button("Start now", close(lambda: hub.dismiss(reminder), SESSION_ROUTE),
                          icon=ft.Icons.PLAY_ARROW_ROUNDED, main=True),
            action_button("Not now", close(lambda: hub.dismiss(reminder)), outlined=True),
        ]
    else:
        snooze = (
            action_button(f"Snooze {minutes} minutes", close(snoozed), icon=ft.Icons.SNOOZE)
            if hub.snooze_allowed()
            else body(f"Snooze is off now: in {minutes} minutes it would be your quiet hours.")
        )
        buttons = [
            action_button("Start now", close(lambda: hub.dismiss(reminder), SESSION_ROUTE),
                          icon=ft.Icons.PLAY_ARROW_ROUNDED, main=True),
            snooze,
            action_button("Skip today", close(lambda: hub.skip(reminder)), outlined=True),
        ]
    return ft.AlertDialog(
        modal=True,
        icon=ft.Icon(ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED, size=40, color=ft.Colors.PRIMARY),
        title=ft.Text(title, size=theme.TITLE, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
        content=ft.Column(
            [body(words), *buttons],
            spacing=14,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
        inset_padding=ft.Padding.symmetric(horizontal=16, vertical=24),
        scrollable=True,
    )
