"""Notifications outside the app's window: the phone's own (flet-notifications) and the desktop's.

Both are optional and found at run time, never assumed: `flet run`, the web
mode and the tests have no flet-notifications Dart half, and a server or
container has no desktop notification service. Where neither is there, the
in-app prompt (views/reminders.py) is the only reminder, and the settings
screen says so instead of pretending.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import flet as ft

from scheduler.notifications import (
    ANDROID_PENDING_LIMIT,
    IOS_PENDING_LIMIT,
    MAX_ID,
    NotificationAction,
    PermissionStatus,
)

log = logging.getLogger(__name__)

CHANNEL_ID = "reminders"  # Android: one channel the user can tune in the phone's settings
TEST_ID = MAX_ID  # never a planned reminder's id (those stay far below until ~2680)
PROBE_SECONDS = 5.0  # a missing Dart half never answers; give up after this
PHONES = (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS)
ASK_FLAGS = ("request_alert_permission", "request_sound_permission", "request_badge_permission")


class FletNotificationsService:
    """scheduler's NotificationService over flet-notifications' LocalNotifications.

    The plugin answers asynchronously and OsReminderSync is synchronous, so the
    permission and the pending ids come from the last refresh(), and schedule /
    cancel calls are queued and sent in order by flush() (scheduler.hub
    calls refresh, sync, flush under one lock).

    `platform` tells the hub what the phone keeps: iOS at most 64 pending
    notifications and their buttons only in the memory of the run that armed
    them (so every start hands them over again); Android about 500 alarms.
    Unknown, the stricter iOS rules apply.
    """

    def __init__(self, plugin: Any, platform: ft.PagePlatform | None = None) -> None:
        self.plugin = plugin
        android = platform is ft.PagePlatform.ANDROID
        self.pending_limit = ANDROID_PENDING_LIMIT if android else IOS_PENDING_LIMIT
        self.rearm_on_start = not android
        self.exact_alarms: bool | None = None  # Android 12+: may alarms fire on the minute?
        self._status = PermissionStatus.NOT_DETERMINED
        self._pending: set[int] = set()
        self._queue: list[tuple[str, dict]] = []

    # --- NotificationService ----------------------------------------------------------------
    def schedule(
        self,
        id: int,  # noqa: A002 - the protocol's name
        title: str,
        body: str,
        fire_at: datetime,
        actions: Sequence[NotificationAction],
    ) -> None:
        from flet_notifications import AndroidScheduleMode, NotificationAction as PluginAction

        # Without the exact-alarm permission Android refuses exact schedules
        # outright; inexact ones still come, a few minutes late at worst.
        mode = (AndroidScheduleMode.EXACT_ALLOW_WHILE_IDLE if self.exact_alarms is not False
                else AndroidScheduleMode.INEXACT_ALLOW_WHILE_IDLE)
        self._pending.add(id)
        self._queue.append(("schedule", {
            "id": id,
            "when": fire_at,  # aware: the plugin keeps the instant
            "title": title,
            "body": body,
            "payload": str(id),
            # foreground: Snooze and Skip open the app, which re-plans at once;
            # handled in the background they would wait for the next start.
            "actions": [PluginAction(id=a.id, title=a.title, foreground=True) for a in actions],
            "schedule_mode": mode,
            "channel_id": CHANNEL_ID,
        }))

    def cancel(self, id: int) -> None:  # noqa: A002
        self._pending.discard(id)
        self._queue.append(("cancel", {"id": id}))

    def cancel_all(self) -> None:
        self._pending.clear()
        self._queue.append(("cancel_all", {}))

    def pending_ids(self) -> set[int]:
        return set(self._pending)

    def permission_status(self) -> PermissionStatus:
        return self._status

    # --- the asynchronous side ---------------------------------------------------------------
    async def refresh(self) -> None:
        """Read what the phone allows and what it holds."""
        enabled = await self.plugin.are_notifications_enabled()
        self.exact_alarms = await self.plugin.can_schedule_exact_notifications()
        self._pending = {p.id for p in await self.plugin.get_pending_notifications()}
        self._status = PermissionStatus.GRANTED if enabled else PermissionStatus.DENIED

    async def flush(self) -> None:
        """Send the queued changes in order; one refused call does not stop the others."""
        queue, self._queue = self._queue, []
        for method, kwargs in queue:
            try:
                await getattr(self.plugin, method)(**kwargs)
            except Exception:  # noqa: BLE001 - e.g. NotificationError(schedule_failed)
                log.exception("phone refused %s(%s)", method, kwargs.get("id", ""))

    async def prepare(self) -> None:
        """Create the Android channel (other platforms refuse it; that is fine)."""
        from flet_notifications import Importance, NotificationChannel

        try:
            await self.plugin.create_notification_channel(NotificationChannel(
                id=CHANNEL_ID,
                name="Practice reminders",
                description="Your morning and evening acupressure reminders",
                importance=Importance.HIGH,
            ))
        except Exception:  # noqa: BLE001 - iOS has no channels
            log.debug("no notification channel on this platform")

    async def request_permission(self) -> bool:
        """Ask the phone (Android 13+ and iOS show their own question once), without a time limit.

        The plugin is made without asking (see detect_phone_service), so the question comes
        here, when the app asks: what iOS asks for (alert, sound, badge) is read from the
        plugin's flags, turned on first. The person may take their time over the question:
        the plugin's own wait ending is not an answer, so the app keeps waiting.
        """
        if any(getattr(self.plugin, flag, True) is False for flag in ASK_FLAGS):
            for flag in ASK_FLAGS:
                setattr(self.plugin, flag, True)
            self.plugin.update()
        while True:
            try:
                granted = await self.plugin.request_permissions()
                break
            except TimeoutError:
                log.info("still waiting for the answer to the notification question")
        await self.refresh()
        return granted

    async def request_exact_alarms(self) -> None:
        """Android: open the screen where the user allows alarms on the minute."""
        await self.plugin.request_exact_alarm_permission()
        await self.refresh()

    async def open_settings(self) -> None:
        await self.plugin.open_app_notification_settings()

    async def show_now(self, title: str, body: str) -> None:
        await self.plugin.show(id=TEST_ID, title=title, body=body, channel_id=CHANNEL_ID)


async def detect_phone_service(
    page: ft.Page,
    on_event: Callable[[Any], Any],
    factory: Callable[..., Any] | None = None,
    timeout: float = PROBE_SECONDS,
) -> FletNotificationsService | None:
    """The phone's notification service, or None where there is none.

    None in the browser and on computers, when flet-notifications is not
    installed, and when its Dart half is missing (`flet run` on a phone uses
    the prebuilt Flet app, which never answers): the probe times out.
    `on_event` receives taps on notifications and their buttons.

    The plugin is made without asking for permission: on iOS asking at its start
    holds every call until the person answers, so on a first launch the probe
    would give up and the whole session would stay in-app only. The question is
    asked explicitly by request_permission(), which waits for the answer.
    """
    if page.web or page.platform not in PHONES:
        return None
    try:
        if factory is None:
            from flet_notifications import LocalNotifications as factory
        plugin = factory(on_tap=on_event, on_action=on_event, **{flag: False for flag in ASK_FLAGS})
        service = FletNotificationsService(plugin, page.platform)
        await asyncio.wait_for(service.refresh(), timeout)
    except Exception:  # noqa: BLE001 - ImportError, TimeoutError, NotificationError...
        log.info("no phone notifications here; reminders show in the app only", exc_info=True)
        return None
    await service.prepare()
    return service


BACKGROUND = (ft.AppLifecycleState.HIDE, ft.AppLifecycleState.PAUSE, ft.AppLifecycleState.DETACH)


def follow_foreground(page: ft.Page, hub: Any) -> None:
    """Tell the reminder hub when the phone app is in the foreground (it is, when this runs).

    In the foreground the in-app prompt shows each reminder and the phone is not handed
    the next few minutes' ones (one reminder, not two); hidden or paused, it is handed
    everything at once. `hub` is the process's scheduler.hub.ReminderHub.
    """

    def changed(e: ft.AppLifecycleStateChangeEvent) -> None:
        hub.set_foreground(e.state not in BACKGROUND)

    page.on_app_lifecycle_state_change = changed
    hub.set_foreground(True)


class DesktopNotifierNotices:
    """Desktop notifications through desktop-notifier, where the computer offers them.

    Found at run time: on Linux only with a session bus (a desktop session),
    on macOS only inside an app bundle, on Windows 10+. Elsewhere available()
    is False and nothing is ever sent, so nothing is logged for every reminder.
    """

    def __init__(self, app_name: str = "PressPoint") -> None:
        self.app_name = app_name
        self._notifier: Any = None

    async def available(self) -> bool:
        try:
            from desktop_notifier import DesktopNotifier
        except ImportError:
            return False
        if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
        ):
            return False  # no desktop session to talk to (a server, a container, a phone)
        try:
            notifier = DesktopNotifier(app_name=self.app_name)
            capabilities = await asyncio.wait_for(notifier.get_capabilities(), PROBE_SECONDS)
        except Exception:  # noqa: BLE001 - no bus, no notification server...
            log.info("no desktop notifications here", exc_info=True)
            return False
        if not capabilities:  # macOS outside an app bundle: a dummy that shows nothing
            return False
        self._notifier = notifier
        return True

    async def show(self, title: str, body: str) -> None:
        if self._notifier is not None:
            await self._notifier.send(title=title, message=body)
