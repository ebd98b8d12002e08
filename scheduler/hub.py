"""The one reminder hub of the process: stored settings, the runner, phone and desktop notifications.

Why a hub: Flet's web mode runs `main` once per browser tab, but a reminder
must be planned, delivered and recorded once per process (scheduler.runner).
main.py creates the hub next to the store; each open session attaches a
`SessionLink`, and the settings screen, the session player and the phone's
notification buttons all change reminders through the hub, so every change
re-plans the in-app wake-ups and the OS notifications in one place.

It talks to the outside only through small interfaces: a clock, the device's
zone name, a `NotificationService` for the phone (scheduler/notifications.py),
`DesktopNotices` for a computer and a `SessionLink` per open screen. Their Flet
and desktop adapters live on the UI side (views/notifiers.py, views/reminders.py),
so the hub is tested with fakes.
"""
from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date, datetime, timedelta
from typing import Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from data.journal.sessions import read_sessions, sessions_on
from data.models import SessionRecord, Slot
from data.storage.store import Store
from scheduler.notifications import (
    IOS_PENDING_LIMIT,
    InAppOnlyService,
    NotificationAction,
    NotificationService,
    OsReminderSync,
    PermissionStatus,
    default_wording,
    notification_id,
)
from scheduler.plan import (
    Reminder,
    ReminderKind,
    follow_up_key,
    main_key,
    slot_day_for,
    snooze_landing,
    snooze_options,
    state_from_sessions,
)
from scheduler.runner import KEEP_STATE, CallbackStore, ReminderRunner, RunnerMemory, get_runner
from scheduler.settings import ReminderSettings
from scheduler.store_docs import OS_DOC, RUNNER_DOC, SETTINGS_DOC

log = logging.getLogger(__name__)

TEST_KEY = "test"  # the "Check my reminders" test prompt; not a planned reminder
OS_RESYNC_EVERY = timedelta(hours=6)  # extends the OS horizon while the app stays open for days
WATCH_SECONDS = 60  # how often the time zone is checked
OS_HORIZON_DAYS = 60  # how far ahead the phone is handed main reminders (its pending limit permitting)
OS_FOLLOW_UP_DAYS = 2  # follow-ups only this close: the room goes to main reminders far ahead
FOREGROUND_HOLD = timedelta(minutes=20)  # in the foreground, the app itself shows what falls due this soon
FOREGROUND_RESYNC = timedelta(minutes=5)  # ...so the phone's list is refreshed this often meanwhile


def local_zone_name() -> str:
    """The device's IANA time zone (tzlocal reads TZ, /etc/localtime, Android's getprop...).

    Read afresh on every call so a trip across zones is noticed; "UTC" only when
    the device gives no usable name.
    """
    from zoneinfo import ZoneInfo

    import tzlocal

    try:
        with warnings.catch_warnings():  # asked every minute: a mismatch warning would flood the log
            warnings.simplefilter("ignore")
            tzlocal.reload_localzone()
            name = tzlocal.get_localzone_name()
        ZoneInfo(name)
        return name
    except Exception:  # noqa: BLE001 - any failure here means "no usable name"
        log.warning("no usable local time zone name; reminders use UTC")
        return "UTC"


def load_settings(store: Store) -> ReminderSettings:
    """The saved reminder settings; defaults when none were saved or the file is unreadable."""
    return _readable_settings(store.get_doc(SETTINGS_DOC))


def _readable_settings(doc: dict | None) -> ReminderSettings:
    try:
        return ReminderSettings.from_dict(doc)
    except ValueError:
        log.exception("stored reminder settings are invalid; using the defaults")
        return ReminderSettings()


def readable_doc(store: Store, name: str, check: Callable[[dict], Any]) -> dict | None:
    """A device document of the reminders, or None when its contents cannot be read.

    This memory only makes reminders exactly-once and tidy; when it is damaged the
    app must still start, so it starts afresh (the worst case is one reminder twice).
    """
    doc = store.get_doc(name)
    try:
        check(doc)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        log.exception("the reminders' %s memory is damaged; starting it afresh", name)
        return None
    return doc


def parse_reminder_key(key: str, at: datetime) -> Reminder:
    """The reminder a key names (an OS notification only hands back its key), fired `at`."""
    day_s, slot_s, what = key.split("/")
    kind = (
        ReminderKind.MAIN if what == "main"
        else ReminderKind.MISSED if what == "missed"
        else ReminderKind.SNOOZE if what.startswith("snooze-")
        else ReminderKind.FOLLOW_UP
    )
    return Reminder(key, Slot(slot_s), date.fromisoformat(day_s), kind, at,
                    gentle=kind is not ReminderKind.MAIN)


def when_words(fire_at: datetime, now: datetime) -> str:
    """"today at 20:00", "tomorrow at 08:00" or "on Monday at 08:00", in now's zone."""
    local = fire_at.astimezone(now.tzinfo)
    days = (local.date() - now.date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else f"on {local:%A}"
    return f"{day} at {local:%H:%M}"


class SessionLink(Protocol):
    """One open UI session as the hub sees it."""

    def show(self, reminder: Reminder) -> Any:
        """Show this reminder (called once per reminder, on the event loop)."""

    def dismiss(self, handled: Callable[[str], bool]) -> None:
        """Close the prompt if its reminder key is `handled` (dealt with, maybe in another session)."""


@runtime_checkable
class AsyncBridge(Protocol):
    """A NotificationService whose platform calls are asynchronous (flet-notifications).

    OsReminderSync is synchronous, so such a service answers from what
    refresh() last read and queues its changes until flush().
    """

    async def refresh(self) -> None: ...

    async def flush(self) -> None: ...


@runtime_checkable
class ShowsNow(Protocol):
    """A phone service that can show a notification at once (the settings screen's test)."""

    async def show_now(self, title: str, body: str) -> None: ...


class DesktopNotices(Protocol):
    """A desktop notification service of the computer the app runs on (views/notifiers.py)."""

    async def available(self) -> bool: ...

    async def show(self, title: str, body: str) -> None: ...


class ReminderHub:
    """Settings, runner and notification services behind one object per process."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        *,
        zone: Callable[[], str] = local_zone_name,
        desktop: DesktopNotices | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self._zone = zone
        self._desktop = desktop
        self._desktop_ok: bool | None = None  # unknown until start() asked
        settings = load_settings(store)
        tz = zone()
        self.runner: ReminderRunner = get_runner(
            settings=settings,
            tz=tz,
            state=state_from_sessions(self._recent_sessions()),
            store=CallbackStore(lambda: readable_doc(store, RUNNER_DOC, RunnerMemory.from_dict),
                                lambda d: store.put_doc(RUNNER_DOC, d)),
            clock=clock,
        )
        self.os = OsReminderSync(InAppOnlyService(), days=OS_HORIZON_DAYS, max_pending=IOS_PENDING_LIMIT,
                                 follow_up_days=OS_FOLLOW_UP_DAYS, notice=True)
        self._os_saved = readable_doc(store, OS_DOC, OsReminderSync(InAppOnlyService()).restore)
        self.os.restore(self._os_saved)
        self.os.actions = self._actions(settings)
        self.last_os_status = PermissionStatus.UNAVAILABLE
        self._links: list[SessionLink] = []
        self._recorded: set[str] = set()  # session ids already fed to the runner
        self._last_os_sync: datetime | None = None
        self._rearm = False  # hand every pending notification over again at the next sync (iOS start)
        self._foreground = False  # told by the phone app's lifecycle (set_foreground); unknown = background
        self._os_lock: asyncio.Lock | None = None
        self._watcher: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()

    # --- sessions --------------------------------------------------------------------------
    def attach(self, link: SessionLink) -> None:
        """Show this session every reminder from now on (subscribe before start())."""
        if link not in self._links:
            self._links.append(link)
        self.runner.subscribe(link.show)

    def detach(self, link: SessionLink) -> None:
        """The session closed. With nobody left to tell, the runner stops, so what falls
        due while the app is closed becomes one "you missed" prompt on the next open
        instead of reminders shown to nobody."""
        self.runner.unsubscribe(link.show)
        if link in self._links:
            self._links.remove(link)
        if not self._links and not self._desktop_ok:
            self.stop()

    @property
    def session_count(self) -> int:
        return len(self._links)

    async def start(self) -> None:
        """Start delivering (idempotent; needs the running event loop).

        The zone is checked first, so reminders follow the phone's time zone as
        soon as the app runs there (nothing stays on another zone's clock), and
        the first check accounts for the trip. Then the phone's OS state is read,
        so a reminder the OS showed while the app was closed counts as delivered
        before that first in-app check.
        """
        self._follow_zone()
        await self.sync_os()
        if self._desktop is not None and self._desktop_ok is None:
            self._desktop_ok = await self._desktop.available()
            if self._desktop_ok:
                self.runner.subscribe(self._notify_desktop)
        self.runner.start()
        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.get_running_loop().create_task(self._watch())

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            self._watcher = None
        self.runner.shutdown()

    # --- what the user does ----------------------------------------------------------------
    @property
    def settings(self) -> ReminderSettings:
        return self.runner.settings

    def save_settings(self, settings: ReminderSettings) -> None:
        """Keep the new settings and re-plan everything from them."""
        self.store.put_doc(SETTINGS_DOC, settings.to_dict())
        self._replan(settings)

    def change_settings(self, edit: Callable[[ReminderSettings], ReminderSettings]) -> ReminderSettings:
        """Save ``edit(the settings saved now)`` as one step under the store's lock (a change made at the
        same moment in another tab or process is never lost), and re-plan from it."""
        saved = self.store.update_doc(SETTINGS_DOC, lambda doc: edit(_readable_settings(doc)).to_dict())
        settings = ReminderSettings.from_dict(saved)
        self._replan(settings)
        return settings

    def _replan(self, settings: ReminderSettings) -> None:
        self.os.actions = self._actions(settings)
        self.runner.configure(settings=settings)
        self._spawn(self.sync_os())

    def reload(self) -> None:
        """The store was replaced (a backup was restored): plan from the settings it now holds."""
        self.change_settings(lambda saved: saved)

    def slot_day_for(self, started_at: datetime, slot: Slot) -> tuple[date, Slot]:
        """Which slot-day a session starting at `started_at` belongs to (the player asks as pressing
        begins): that of the reminder or snooze it answers when started within its follow-up window,
        across midnight too, else the date it started on with `slot` (see plan.slot_day_for)."""
        return slot_day_for(self.settings, self.runner.state, self.runner.tz, started_at, slot)

    def session_saved(self, record: SessionRecord) -> None:
        """A practice session was saved: the slot-day it counts for is done, its follow-ups stop.

        The record's own day and slot are trusted (the player asked slot_day_for when it
        began), so the reminders agree with Today and the statistics, which read the record.
        """
        if record.id in self._recorded:
            return
        self._recorded.add(record.id)
        self.runner.record_session(record)
        day = record.practice_day()  # where it was done, whatever the zone now
        self._handled(lambda key: key.startswith(f"{day.isoformat()}/{record.slot.value}/"))
        self._clear_tray(main_key(day, record.slot), *(follow_up_key(day, record.slot, n) for n in (1, 2)))
        self._spawn(self.sync_os())

    def session_deleted(self, record: SessionRecord) -> None:
        """A saved session was deleted (the history list): unless another session still counts for
        its slot-day, that slot-day is open again, so its reminders still ahead come (one already
        given is not given again). Putting it back (Undo) is session_saved again."""
        self._recorded.discard(record.id)
        day = record.practice_day()
        if any(s.id != record.id and s.slot is record.slot for s in sessions_on(self.store, day)):
            return
        self.runner.mark_open(day, record.slot)
        self._spawn(self.sync_os())

    def snooze(self, reminder: Reminder) -> datetime:
        """Snooze for the chosen length; returns when it comes back.

        A snooze that would end in quiet hours comes at their end instead (the
        phone's Snooze button is always there): it replaces the follow-ups still
        pending, so it must never be one that is not sent.
        """
        until = snooze_landing(self.settings, self.runner.tz, self.clock(), self.settings.snooze_minutes)
        self.runner.snooze_until(reminder, until)
        self._handled(lambda key: key == reminder.key)
        self._clear_tray(reminder.key)
        self._spawn(self.sync_os())
        return until

    def snooze_allowed(self) -> bool:
        """False when the snooze would end in quiet hours (snooze() then moves it to their end)."""
        options = snooze_options(self.settings, self.runner.tz, self.clock())
        return next(o.allowed for o in options if o.minutes == self.settings.snooze_minutes)

    def skip(self, reminder: Reminder) -> None:
        """"Skip today": no more reminders for this slot today."""
        self.runner.mark_skipped(reminder.date, reminder.slot)
        self._handled(lambda key: key == reminder.key)
        self._clear_tray(reminder.key)
        self._spawn(self.sync_os())

    def dismiss(self, reminder: Reminder) -> None:
        """The user closed the prompt (Start now, Not now): close it in the other sessions too."""
        self._handled(lambda key: key == reminder.key)
        if reminder.key != TEST_KEY:
            self._clear_tray(reminder.key)
            self._spawn(self.sync_os())

    def local_now(self) -> datetime:
        """Now in the zone reminders are planned in (the words the user reads use it)."""
        return self.clock().astimezone(ZoneInfo(self.runner.tz))

    def next_reminder(self) -> Reminder | None:
        return self.runner.next_wake(self.clock())

    def next_words(self) -> str:
        """What Today and Settings say about the next reminder."""
        nxt = self.next_reminder()
        if nxt is None:
            return "Reminders are off"
        return f"Next reminder: {when_words(nxt.fire_at, self.local_now())}"

    def test_reminder(self) -> Reminder:
        """A prompt to show right now so the user sees what a reminder looks like."""
        now = self.clock()
        return Reminder(TEST_KEY, Slot.MORNING, now.date(), ReminderKind.MAIN, now)

    async def send_test(self) -> list[str]:
        """Send a test notification through every outside channel; returns where it went."""
        where = []
        service = self.os.service
        if isinstance(service, ShowsNow) and self.last_os_status is PermissionStatus.GRANTED:
            await service.show_now("PressPoint test reminder", "Reminders from PressPoint look like this.")
            where.append("phone")
        if self._desktop_ok and self._desktop is not None:
            await self._desktop.show("PressPoint test reminder", "Reminders from PressPoint look like this.")
            where.append("desktop")
        return where

    @property
    def desktop_available(self) -> bool | None:
        """None until start() asked the desktop; then whether it shows notifications."""
        return self._desktop_ok

    # --- the phone's own notifications -----------------------------------------------------
    def use_os(self, service: NotificationService) -> None:
        """Hand the plan to this platform service from now on (phone apps).

        The service may say how many notifications its platform keeps pending
        (`pending_limit`, iOS 64 when it does not say) and whether what an earlier
        run armed must be handed over again (`rearm_on_start`: iOS keeps the
        buttons of a notification only in the memory of the run that armed it).
        """
        self.os.service = service
        self.os.max_pending = getattr(service, "pending_limit", IOS_PENDING_LIMIT)
        self._rearm = bool(getattr(service, "rearm_on_start", False))

    def set_foreground(self, foreground: bool) -> None:
        """The phone app came to the foreground (True) or left it (False).

        In the foreground the in-app prompt shows each reminder, so the phone is
        not handed what falls due in the next minutes (one reminder, not two);
        leaving the foreground hands everything over again at once.
        """
        if foreground != self._foreground:
            self._foreground = foreground
            self._spawn(self.sync_os())

    def reminder_for_notification(self, nid: int) -> Reminder | None:
        """The reminder behind a tapped OS notification, if this app armed it."""
        key = self.os.key_for(nid)
        if not key:
            return None
        try:
            return parse_reminder_key(key, self.clock())
        except ValueError:  # a key from damaged memory: not a reminder this app can name
            log.warning("a notification carried an unreadable reminder key %r", key)
            return None

    async def sync_os(self) -> None:
        """Make the OS's pending notifications match the plan (one sync at a time).

        Keys the OS showed since the last sync are marked delivered so the
        in-app prompt never repeats them, and the OS memory is saved so this
        survives the app being closed.
        """
        if self._os_lock is None:
            self._os_lock = asyncio.Lock()
        async with self._os_lock:
            service = self.os.service
            try:
                if isinstance(service, AsyncBridge):
                    await service.refresh()
                now = self.clock()
                hold = now + FOREGROUND_HOLD if self._foreground and self._links else None
                result = self.os.sync(self.settings, self.runner.state, self.runner.tz, now,
                                      hold_until=hold, rearm=self._rearm)
                if isinstance(service, AsyncBridge):
                    await service.flush()
            except Exception:  # noqa: BLE001 - a failing plugin must not stop in-app reminders
                log.exception("could not hand the reminders to the phone")
                return
            self.last_os_status = result.status
            self._last_os_sync = now
            self._rearm = self._rearm and not result.os_active
            if result.shown:
                self.runner.mark_delivered(result.shown)
            memory = self.os.memory()
            if memory != self._os_saved:  # a re-sync that changed nothing writes nothing
                self.store.put_doc(OS_DOC, memory)
                self._os_saved = memory

    # --- housekeeping ----------------------------------------------------------------------
    def check_zone(self) -> bool:
        """Re-plan in the new zone after a trip (08:00 stays 08:00 where the user is).

        What the trip skipped is told at once (runner.move_to): a reminder the
        move put a few minutes in the past now, older ones as one "you missed".
        """
        if not self._follow_zone():
            return False
        self.runner.tick()
        self._spawn(self.sync_os())
        return True

    def _follow_zone(self) -> bool:
        """Plan in the device's zone from now on; True if it changed (the next check tells the trip)."""
        name = self._zone()
        if name == self.runner.tz:
            return False
        self.runner.move_to(name)
        return True

    def _os_due(self) -> bool:
        """Time to hand the phone a fresh plan: its horizon moves on, or (in the foreground)
        the reminders the app keeps to itself move on."""
        if self._last_os_sync is None:
            return True
        every = FOREGROUND_RESYNC if self._foreground and self._links else OS_RESYNC_EVERY
        return self.clock() - self._last_os_sync >= every

    async def housekeep(self) -> None:
        """The minute's check: follow the device's zone, keep the phone's plan fresh."""
        if not self.check_zone() and self._os_due():
            await self.sync_os()

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            try:
                await self.housekeep()
            except Exception:  # noqa: BLE001 - keep watching; the runner itself is unaffected
                log.exception("reminder housekeeping failed")

    def _notify_desktop(self, reminder: Reminder) -> Awaitable[None] | None:
        """One desktop notification per reminder, whatever the number of open tabs."""
        if self._desktop is None:
            return None
        return self._desktop.show(*default_wording(reminder))

    def _handled(self, handled: Callable[[str], bool]) -> None:
        for link in list(self._links):
            link.dismiss(handled)

    def _clear_tray(self, *keys: str) -> None:
        """Take reminders already dealt with off the phone's notification list too
        (cancelling a shown notification removes it; sent with the next sync)."""
        for key in keys:
            self.os.service.cancel(notification_id(key))

    async def drain(self) -> None:
        """Wait for the phone syncs this hub started on its own (before the app closes)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _spawn(self, coro: Coroutine) -> None:
        """Run `coro` on the loop; without a loop (scripts, tests) the caller syncs itself."""
        try:
            task = asyncio.get_running_loop().create_task(coro)
        except RuntimeError:
            coro.close()
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _recent_sessions(self) -> list[SessionRecord]:
        since = (self.clock() - KEEP_STATE).date()
        return read_sessions(self.store, since)

    @staticmethod
    def _actions(settings: ReminderSettings) -> tuple[NotificationAction, ...]:
        """The notification's buttons, with the snooze length the user chose."""
        return (
            NotificationAction("start", "Start now"),
            NotificationAction(f"snooze-{settings.snooze_minutes}", f"Snooze {settings.snooze_minutes} min"),
            NotificationAction("skip", "Skip today"),
        )
