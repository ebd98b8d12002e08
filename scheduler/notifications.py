"""OS-scheduled local notifications: the platform seam and the diffing sync.

On Android and iOS a reminder must fire while the app is closed, so the plan
for the next days is handed to the OS. This module knows nothing about Flet
or any plugin: the app provides a `NotificationService` adapter; where there
is none (desktop, web, permission refused) `InAppOnlyService` says so and the
in-process runner is the only source of reminders.

`OsReminderSync.sync()` is the single entry point, called at start, after a
settings change, after a session is done/skipped/snoozed and after a
time-zone change. It re-plans and applies the difference against what the OS
reports as pending, so calling it twice is harmless and a follow-up of a
finished session is cancelled instead of nagging.

Adapters must schedule `fire_at` as an absolute instant (it already carries
the wall-clock/DST decisions) and `schedule()` with an existing id must
replace that notification (both platforms do).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from data.models import Slot
from scheduler.plan import Reminder, ReminderKind, ReminderState, key_date, quiet_end_after, upcoming
from scheduler.settings import ReminderSettings
from scheduler.wallclock import utc

log = logging.getLogger(__name__)

# --- stable ids ----------------------------------------------------------------------------
# id = day * PER_DAY + slot * PER_SLOT + code, day counted from ID_EPOCH.
# code: 0 main, 1 follow1, 2 follow2, 3 missed, 4.. snooze (minute offset of
# the snooze instant from 00:00 UTC the day before the slot date, 3 days
# wide). Injective by construction, positive, and < 2**31 until ~2680.
ID_EPOCH = date(2000, 1, 1)
_SNOOZE_SPAN_MIN = 3 * 24 * 60
_PER_SLOT = 4 + _SNOOZE_SPAN_MIN
_PER_DAY = 2 * _PER_SLOT
_SLOT_INDEX = {Slot.MORNING: 0, Slot.EVENING: 1}
_FIXED_CODES = {"main": 0, "follow1": 1, "follow2": 2, "missed": 3}
MAX_ID = 2**31 - 1
NOTICE_ID = MAX_ID - 1  # the one "open the app" notice; never a reminder's id (those stay far below)
NOTICE_KEY = "notice"
NOTICE_LEAD = timedelta(hours=23)  # the notice comes about a day before the last handed reminder

# What the platforms keep pending for one app: iOS drops all but the first 64 local
# notifications; Android keeps about 500 alarms per app (this stays well under).
IOS_PENDING_LIMIT = 64
ANDROID_PENDING_LIMIT = 400


def notification_id(key: str) -> int:
    """A stable positive 32-bit int for a reminder key (Android needs int ids).

    Structured rather than hashed, so two different keys of plausible dates
    can never collide (a 31-bit hash would, given enough users and years).
    """
    try:
        day_s, slot_s, what = key.split("/")
        day = date.fromisoformat(day_s)
        slot = Slot(slot_s)
    except ValueError as exc:
        raise ValueError(f"not a reminder key: {key!r}") from exc
    if what in _FIXED_CODES:
        code = _FIXED_CODES[what]
    elif what.startswith("snooze-"):
        stamp = what[len("snooze-"):]  # YYYYmmddTHHMMZ, see plan.snooze_key
        if len(stamp) != 14 or stamp[8] != "T" or stamp[13] != "Z" or not (stamp[:8] + stamp[9:13]).isdigit():
            raise ValueError(f"not a reminder key: {key!r}")
        instant = datetime(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]),
                           int(stamp[9:11]), int(stamp[11:13]))
        base = datetime.combine(day - timedelta(days=1), datetime.min.time())
        offset = int((instant - base).total_seconds() // 60)
        if not 0 <= offset < _SNOOZE_SPAN_MIN:
            # Cannot happen for a snooze of <= 60 min on its own day; stay
            # deterministic and inside this slot-day's block anyway.
            digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
            offset = int.from_bytes(digest, "big") % _SNOOZE_SPAN_MIN
        code = 4 + offset
    else:
        raise ValueError(f"not a reminder key: {key!r}")
    days = (day - ID_EPOCH).days
    if days < 0:
        raise ValueError(f"reminder dates before {ID_EPOCH} are not supported: {key!r}")
    nid = days * _PER_DAY + _SLOT_INDEX[slot] * _PER_SLOT + code + 1  # 0 is avoided
    if nid > MAX_ID:
        raise ValueError(f"reminder date too far in the future for a 32-bit id: {key!r}")
    return nid


# --- platform interface --------------------------------------------------------------------
class PermissionStatus(StrEnum):
    GRANTED = "granted"
    DENIED = "denied"
    NOT_DETERMINED = "not_determined"  # never asked yet
    UNAVAILABLE = "unavailable"  # this platform cannot schedule OS notifications


@dataclass(frozen=True)
class NotificationAction:
    """A button on the notification; `id` comes back to the app when tapped."""

    id: str
    title: str


DEFAULT_ACTIONS: tuple[NotificationAction, ...] = (
    NotificationAction("start", "Start now"),
    NotificationAction("snooze-10", "In 10 min"),
    NotificationAction("skip", "Skip today"),
)  # Android shows at most three


@runtime_checkable
class NotificationService(Protocol):
    """What a platform adapter (Android/iOS plugin bridge) must offer."""

    def schedule(
        self,
        id: int,
        title: str,
        body: str,
        fire_at: datetime,
        actions: Sequence[NotificationAction],
    ) -> None:
        """Schedule (or replace, same id) a notification at an absolute instant."""

    def cancel(self, id: int) -> None:
        """Remove a pending notification; unknown ids are ignored."""

    def cancel_all(self) -> None:
        """Remove every pending notification of this app."""

    def pending_ids(self) -> set[int]:
        """Ids scheduled and not yet shown."""

    def permission_status(self) -> PermissionStatus:
        """Whether scheduling can work at all right now."""


class InAppOnlyService:
    """The plain fallback: no OS scheduling on this platform.

    Reports UNAVAILABLE so the UI can say "reminders only while the app is
    open" instead of pretending; every call is a harmless no-op.
    """

    def schedule(
        self,
        id: int,  # noqa: A002
        title: str,
        body: str,
        fire_at: datetime,
        actions: Sequence[NotificationAction],
    ) -> None:
        log.debug("InAppOnlyService: not scheduling %s", id)

    def cancel(self, id: int) -> None:  # noqa: A002
        pass

    def cancel_all(self) -> None:
        pass

    def pending_ids(self) -> set[int]:
        return set()

    def permission_status(self) -> PermissionStatus:
        return PermissionStatus.UNAVAILABLE


# --- wording -------------------------------------------------------------------------------
NOTICE_WORDING = ("Keep your PressPoint reminders coming",
                  "Open PressPoint once, and your reminders carry on for the weeks ahead.")


def default_wording(reminder: Reminder) -> tuple[str, str]:
    """Calm English title/body; the app may pass its own (translations)."""
    slot = reminder.slot.value
    if reminder.kind is ReminderKind.MAIN:
        return (f"Time for your {slot} acupressure", "A few minutes of gentle pressure, whenever you are ready.")
    if reminder.kind is ReminderKind.FOLLOW_UP:
        return (f"Still time for your {slot} session", "No rush. It is there when it suits you.")
    if reminder.kind is ReminderKind.SNOOZE:
        return (f"Your {slot} session", "Here is the reminder you asked for.")
    return (f"You missed your {slot} session", "That is fine. Pick it up again next time.")


# --- sync ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SyncResult:
    """What one sync did, for logs, tests and the settings screen."""

    status: PermissionStatus
    scheduled: tuple[int, ...] = ()
    cancelled: tuple[int, ...] = ()
    planned: tuple[Reminder, ...] = ()
    shown: tuple[str, ...] = ()  # keys the OS showed since the last sync


    @property
    def os_active(self) -> bool:
        return self.status is PermissionStatus.GRANTED


@dataclass
class OsReminderSync:
    """Keeps the OS's pending notifications equal to the plan for the next days.

    `days` is the horizon handed to the OS; iOS keeps at most 64 pending
    local notifications per app, hence `max_pending`. The app must call
    sync() at least every few days (any start does) to extend the horizon.
    `follow_up_days` keeps the follow-ups to the next day or two, so the room
    under `max_pending` goes to main reminders far ahead; with `notice`, one of
    the places is a gentle "open the app to keep reminders coming" about a day
    before the last reminder handed over (someone away from the app for weeks
    is told before the reminders stop, not after).
    The sync remembers what it scheduled per id (title/body/instant/buttons)
    so an unchanged plan schedules nothing; the app keeps that memory across
    restarts with memory()/restore(). Without it everything pending is
    scheduled once more with the same ids (a replace).

    A notification it armed that is no longer pending once its instant has
    passed was shown by the OS: its key is reported in `SyncResult.shown`
    and never planned again, so a later time-zone change cannot bring the
    same reminder back. The app should add those keys to the runner's
    delivered set (runner.mark_delivered) so the in-app path agrees.
    """

    service: NotificationService
    days: int = 7
    max_pending: int = 60
    follow_up_days: float | None = None  # None: follow-ups over the whole horizon
    notice: bool = False
    wording: Callable[[Reminder], tuple[str, str]] = default_wording
    actions: Sequence[NotificationAction] = DEFAULT_ACTIONS
    _armed: dict[int, tuple] = field(default_factory=dict, init=False, repr=False)
    _shown: set[str] = field(default_factory=set, init=False, repr=False)

    def desired(
        self,
        settings: ReminderSettings,
        state: ReminderState,
        tz: str | ZoneInfo,
        now: datetime,
        hold_until: datetime | None = None,
    ) -> list[Reminder]:
        """The reminders that should be pending on the OS right now.

        Those due by `hold_until` are left to the in-app prompt (the app is in the
        foreground and shows them itself: one reminder, not two).
        """
        held = utc(hold_until) if hold_until is not None else None
        room = self.max_pending - (1 if self.notice else 0)

        def keep(plan: list[Reminder]) -> list[Reminder]:
            return [r for r in plan if r.key not in self._shown and (held is None or r.fire_utc > held)]

        end = utc(now) + timedelta(days=self.days)
        near = end if self.follow_up_days is None else min(end, utc(now) + timedelta(days=self.follow_up_days))
        out = keep(upcoming(settings, state, tz, now, near))
        far = replace(settings, max_follow_ups=0)  # beyond `near`: main reminders (and snoozes) only
        per_week = sum(len(settings.slot(s).weekdays) for s in Slot if settings.slot(s).active)
        while len(out) < room and near < end and per_week:  # the weeks that fill the room, at once
            weeks = -(-(room - len(out)) // per_week)
            step = min(near + timedelta(days=7 * weeks + 1), end)
            out += keep(upcoming(far, state, tz, near, step))
            near = step
        return out[:room]

    def notice_at(self, plan: Sequence[Reminder], settings: ReminderSettings,
                  tz: str | ZoneInfo, now: datetime) -> datetime | None:
        """When the "open the app" notice comes: about a day before the last reminder
        handed over, out of quiet hours; None without a plan or when that is already past."""
        if not self.notice or not plan:
            return None
        at = quiet_end_after(settings, tz, plan[-1].fire_utc - NOTICE_LEAD)
        return at if utc(at) > utc(now) else None

    def sync(
        self,
        settings: ReminderSettings,
        state: ReminderState,
        tz: str | ZoneInfo,
        now: datetime,
        *,
        hold_until: datetime | None = None,
        rearm: bool = False,
    ) -> SyncResult:
        """Schedule what is missing or changed, cancel what is no longer planned.

        `rearm` schedules everything again even if unchanged: iOS keeps a
        notification's buttons (its action category) only in the running app's
        memory, so after a start the pending ones must be handed over once more.
        """
        status = self.service.permission_status()
        if status is not PermissionStatus.GRANTED:
            # Nothing can be scheduled; pending ones (if any) may be stale
            # after a denial, but the OS will not show them either.
            return SyncResult(status)
        pending = set(self.service.pending_ids())
        shown = self._collect_shown(pending, now)
        plan = self.desired(settings, state, tz, now, hold_until)
        wanted: dict[int, tuple[Reminder | None, datetime, tuple]] = {}
        for r in plan:
            title, body = self.wording(r)
            nid = notification_id(r.key)
            # The buttons are part of what was armed: a new snooze length re-arms.
            wanted[nid] = (r, r.fire_at, (r.key, utc(r.fire_at).isoformat(), title, body,
                                          [a.id for a in self.actions]))
        notice = self.notice_at(plan, settings, tz, now)
        if notice is not None:
            wanted[NOTICE_ID] = (None, notice, (NOTICE_KEY, utc(notice).isoformat(), *NOTICE_WORDING, []))

        cancelled = sorted(pending - wanted.keys())
        for nid in cancelled:
            self.service.cancel(nid)
            self._armed.pop(nid, None)

        scheduled = []
        for nid, (r, fire_at, fp) in sorted(wanted.items(), key=lambda kv: (utc(kv[1][1]), kv[1][2][0])):
            if nid in pending and self._armed.get(nid) == fp and not rearm:
                continue
            title, body = fp[2], fp[3]
            self.service.schedule(nid, title, body, fire_at, tuple(self.actions) if r else ())
            self._armed[nid] = fp
            scheduled.append(nid)
        return SyncResult(status, tuple(scheduled), tuple(cancelled), tuple(plan), shown)

    def _collect_shown(self, pending: set[int], now: datetime) -> tuple[str, ...]:
        """Forget armed ids the OS no longer holds; those past due were shown."""
        now_u = utc(now)
        shown = []
        for nid, (key, fire_iso, *_) in list(self._armed.items()):
            if nid in pending:
                continue
            del self._armed[nid]
            if datetime.fromisoformat(fire_iso) <= now_u and key != NOTICE_KEY:
                shown.append(key)
        self._shown.update(shown)
        oldest = (now_u - timedelta(days=10)).date()
        self._shown = {k for k in self._shown if key_date(k) >= oldest}
        return tuple(sorted(shown))

    def clear(self) -> None:
        """Remove every pending reminder (e.g. the user turned reminders off)."""
        self.service.cancel_all()
        self._armed.clear()

    def key_for(self, nid: int) -> str | None:
        """The reminder key behind a notification this sync armed (a tap or action names only the id).

        None for the "open the app" notice: opening the app is all it asks.
        """
        if nid == NOTICE_ID:
            return None
        if nid in self._armed:
            return self._armed[nid][0]
        return next((k for k in self._shown if notification_id(k) == nid), None)

    def memory(self) -> dict:
        """What was armed and shown, JSON-ready, so a restarted app still knows.

        Without it a phone app reopened from a tapped notification could not
        tell that the OS already showed that reminder and would show it again
        in the app.
        """
        return {
            "armed": [[nid, *fp] for nid, fp in sorted(self._armed.items())],
            "shown": sorted(self._shown),
        }

    def restore(self, memory: dict | None) -> None:
        """Take back what memory() saved (before the first sync after a start)."""
        memory = memory or {}
        self._armed = {int(row[0]): tuple(row[1:]) for row in memory.get("armed", ())}
        self._shown = set(memory.get("shown", ()))
