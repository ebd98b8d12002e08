"""The in-app reminder: one large prompt over any screen, in every open session, with Start now / Snooze / Skip.

Each session links itself to the process's ReminderHub when it opens and
unlinks when it closes; the hub's runner calls every link once per reminder,
from outside the session, so a link hands the change to its own page's task
(page.run_task) before touching the screen. On a phone the same session also
finds the phone's notification service and answers its buttons. What the prompt
says, which buttons it offers and what a notification tap does are decided in
scheduler/prompt.py; this module only carries them to the screen.
"""
from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from dataclasses import dataclass

import flet as ft

from scheduler.hub import ReminderHub
from scheduler.plan import Reminder
from scheduler.prompt import Answer, Buttons, answer_notification, ask_phone_permission, prompt, snooze
from views import theme
from views.context import AppServices, UiState
from views.notifiers import detect_phone_service, follow_foreground
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
        await on_notification_tap(hub, link, e.id, e.action_id)

    phone = await detect_phone_service(link.page, on_notification)
    if phone is None:
        await hub.start()
        return
    hub.use_os(phone)
    follow_foreground(link.page, hub)  # in the foreground the prompt alone reminds: one reminder, not two
    await hub.start()  # in-app reminders run while the person thinks about the question
    if ask_phone_permission(hub, phone.permission_status()) and await phone.request_permission():
        await hub.sync_os()  # granted: the phone takes the plan from now on


async def on_notification_tap(hub: ReminderHub, link: SessionReminders, nid: int, action: str) -> None:
    """A tap on a phone notification or one of its buttons (Start now / Snooze / Skip today)."""
    answered = answer_notification(hub, nid, action)
    if answered.answer is Answer.NOTHING:
        return
    if answered.answer is Answer.START:
        go(SESSION_ROUTE)
    elif answered.answer is Answer.SHOW:  # a tap on the notification itself: show it here, with its buttons
        await link.put(answered.reminder)
    link.ui.data_changed()


def reminder_dialog(hub: ReminderHub, inbox: ReminderInbox, ui: UiState) -> ft.AlertDialog:
    """The prompt: large words, one main button, the others full width below it."""
    reminder = inbox.reminder
    shown = prompt(hub, reminder)

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
        ft.context.page.show_dialog(ft.SnackBar(
            ft.Text(snooze(hub, reminder), size=theme.BODY),
            duration=6000,
        ))

    start = action_button("Start now", close(lambda: hub.dismiss(reminder), SESSION_ROUTE),
                          icon=ft.Icons.PLAY_ARROW_ROUNDED, main=True)
    if shown.buttons is Buttons.CLOSE:
        buttons = [action_button("Close", close(), main=True)]
    elif shown.buttons is Buttons.START_OR_NOT_NOW:
        buttons = [start, action_button("Not now", close(lambda: hub.dismiss(reminder)), outlined=True)]
    else:
        snooze_button = (action_button(shown.snooze, close(snoozed), icon=ft.Icons.SNOOZE) if shown.snooze
                         else body(shown.no_snooze))
        buttons = [
            start,
            snooze_button,
            action_button("Skip today", close(lambda: hub.skip(reminder)), outlined=True),
        ]
    return ft.AlertDialog(
        modal=True,
        icon=ft.Icon(ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED, size=40, color=ft.Colors.PRIMARY),
        title=ft.Text(shown.title, size=theme.TITLE, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
        content=ft.Column(
            [body(shown.words), *buttons],
            spacing=14,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
        inset_padding=ft.Padding.symmetric(horizontal=16, vertical=24),
        scrollable=True,
    )
