"""Pure reminder planning: settings + what happened + a clock -> reminders.

No I/O, no global clock, no scheduler: every function takes `now` (or a
window) explicitly, so a whole year can be replayed in a test in seconds and
the in-app runner and the OS notification sync share one source of truth.

Identity. Every reminder has a key "<local date>/<slot>/<what>", e.g.
"2026-03-29/morning/main", ".../follow1", ".../snooze-20260329T0640Z"
(snooze instant in UTC so the key survives a time-zone change). Keys are
what make delivery exactly-once: a key that is in `ReminderState.delivered`
is never produced again, whatever the settings or time zone became since.
Consequence, on purpose: one main reminder per slot per local date, even if
a westward move makes that date's 08:00 come round a second time.

Rules, in one place:
* Main reminder at the chosen local time on chosen weekdays, unless the slot
  is off or the session of that day is already done or skipped. It is sent
  even inside quiet hours (see ReminderSettings).
* Follow-up k (k <= max_follow_ups) at main + k * follow_up_minutes of
  elapsed time, gentle wording; dropped if it falls in quiet hours or if the
  session is done/skipped.
* A snooze replaces everything still pending for its slot-day (follow-ups,
  and the main reminder if it is somehow still ahead, e.g. after a westward
  time-zone change).
* Snooze reminder at the instant the user asked for, unless done/skipped,
  slot switched off, or it falls in quiet hours.
* due(): only what fell due in (last_check, now] and is at most `grace` old,
  and per slot-day only the most recent one: an app that slept through
  several reminders does not deliver a burst. missed_summary() then offers
  one calm "you missed your <slot> session" for the most recent untold,
  undone slot instead.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from data.models import SessionRecord, Slot
from scheduler.settings import SNOOZE_CHOICES, ReminderSettings
from scheduler.wallclock import add_real, daily_fires, utc

DEFAULT_GRACE = timedelta(minutes=15)  # a reminder older than this is stale, not sent late
MISSED_LOOKBACK = timedelta(days=7)  # how far back a "you missed" summary may reach

SlotDay = tuple[date, Slot]


class ReminderKind(StrEnum):
    MAIN = "main"
    FOLLOW_UP = "follow_up"
    SNOOZE = "snooze"
    MISSED = "missed"


@dataclass(frozen=True)
class Reminder:
    """One thing to tell the user, at one instant.

    `fire_at` is aware and expressed in the plan's zone (its clock face is the
    local time the user expects). Compare reminders with `fire_utc`, never with
    `fire_at` directly (same-zone comparisons ignore fold). For MISSED,
    `fire_at` is when the missed main reminder was due.
    """

    key: str
    slot: Slot
    date: date
    kind: ReminderKind
    fire_at: datetime
    gentle: bool = False
    sequence: int = 0  # follow-up number (1, 2); 0 otherwise

    @property
    def fire_utc(self) -> datetime:
        return utc(self.fire_at)

    @property
    def slot_day(self) -> SlotDay:
        return (self.date, self.slot)

    def sort_key(self) -> tuple[datetime, str]:
        return (self.fire_utc, self.key)


@dataclass(frozen=True)
class ReminderState:
    """What has happened that changes the plan.

    done / skipped: slot-days the user closed (a session recorded, or "skip
    today"). snoozes: slot-day -> aware instant of the requested reminder
    (one per slot-day; a new snooze replaces the old). delivered: keys already
    told to the user (by the runner) so they are never told again.
    """

    done: frozenset[SlotDay] = frozenset()
    skipped: frozenset[SlotDay] = frozenset()
    snoozes: Mapping[SlotDay, datetime] = field(default_factory=dict)
    delivered: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "done", frozenset(self.done))
        object.__setattr__(self, "skipped", frozenset(self.skipped))
        object.__setattr__(self, "delivered", frozenset(self.delivered))
        for day, until in self.snoozes.items():
            utc(until)  # aware or ValueError
        object.__setattr__(self, "snoozes", dict(self.snoozes))

    __hash__ = None  # type: ignore[assignment]  # holds a dict

    def is_closed(self, day: date, slot: Slot) -> bool:
        """Done or skipped: nothing more should remind about this slot-day."""
        return (day, slot) in self.done or (day, slot) in self.skipped

    def told(self, day: date, slot: Slot) -> bool:
        """True if a reminder (not a missed summary) of this slot-day was delivered."""
        prefix = f"{day.isoformat()}/{slot.value}/"
        return any(k.startswith(prefix) and not k.endswith("/missed") for k in self.delivered)

    def with_done(self, day: date, slot: Slot) -> ReminderState:
        return replace(self, done=self.done | {(day, slot)}, snoozes=self._without_snooze(day, slot))

    def with_skipped(self, day: date, slot: Slot) -> ReminderState:
        return replace(
            self, skipped=self.skipped | {(day, slot)}, snoozes=self._without_snooze(day, slot)
        )

    def with_snooze(self, day: date, slot: Slot, until: datetime) -> ReminderState:
        utc(until)
        snoozes = dict(self.snoozes)
        snoozes[(day, slot)] = until
        return replace(self, snoozes=snoozes)

    def with_delivered(self, keys: Iterable[str]) -> ReminderState:
        return replace(self, delivered=self.delivered | frozenset(keys))

    def _without_snooze(self, day: date, slot: Slot) -> dict[SlotDay, datetime]:
        return {k: v for k, v in self.snoozes.items() if k != (day, slot)}

    def pruned(self, oldest: date) -> ReminderState:
        """Forget everything about dates before `oldest` (keeps storage small).

        Safe because nothing that old can fall due again: due() only looks
        forward from the last check.
        """
        return ReminderState(
            done=frozenset(sd for sd in self.done if sd[0] >= oldest),
            skipped=frozenset(sd for sd in self.skipped if sd[0] >= oldest),
            snoozes={sd: v for sd, v in self.snoozes.items() if sd[0] >= oldest},
            delivered=frozenset(k for k in self.delivered if key_date(k) >= oldest),
        )

    def merged(self, other: ReminderState) -> ReminderState:
        """Union of two states; `other`'s snoozes win on the same slot-day."""
        return ReminderState(
            done=self.done | other.done,
            skipped=self.skipped | other.skipped,
            snoozes={**self.snoozes, **other.snoozes},
            delivered=self.delivered | other.delivered,
        )

    def to_dict(self) -> dict:
        def pairs(items: Iterable[SlotDay]) -> list[list[str]]:
            return sorted([d.isoformat(), s.value] for d, s in items)

        return {
            "done": pairs(self.done),
            "skipped": pairs(self.skipped),
            "snoozes": sorted(
                [d.isoformat(), s.value, utc(v).isoformat()] for (d, s), v in self.snoozes.items()
            ),
            "delivered": sorted(self.delivered),
        }

    @classmethod
    def from_dict(cls, d: dict | None) -> ReminderState:
        if not d:
            return cls()

        def pairs(items: Iterable) -> frozenset[SlotDay]:
            return frozenset((date.fromisoformat(a), Slot(b)) for a, b in items)

        return cls(
            done=pairs(d.get("done", ())),
            skipped=pairs(d.get("skipped", ())),
            snoozes={
                (date.fromisoformat(a), Slot(b)): datetime.fromisoformat(c)
                for a, b, c in d.get("snoozes", ())
            },
            delivered=frozenset(str(k) for k in d.get("delivered", ())),
        )


# --- keys --------------------------------------------------------------------------------
def main_key(day: date, slot: Slot) -> str:
    return f"{day.isoformat()}/{slot.value}/main"


def follow_up_key(day: date, slot: Slot, n: int) -> str:
    return f"{day.isoformat()}/{slot.value}/follow{n}"


def snooze_key(day: date, slot: Slot, until: datetime) -> str:
    return f"{day.isoformat()}/{slot.value}/snooze-{utc(until).strftime('%Y%m%dT%H%MZ')}"


def missed_key(day: date, slot: Slot) -> str:
    return f"{day.isoformat()}/{slot.value}/missed"


def key_date(key: str) -> date:
    """The local date a key belongs to (its first part)."""
    return date.fromisoformat(key.split("/", 1)[0])


# --- planning ----------------------------------------------------------------------------
def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def plan_window(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    after: datetime,
    until: datetime,
) -> list[Reminder]:
    """Every reminder with after < fire <= until, delivered or not, sorted.

    The building block of upcoming/due/missed_summary; exposed because the
    OS sync and tests want the raw plan.
    """
    zone = _zone(tz)
    after_u, until_u = utc(after), utc(until)
    if until_u <= after_u:
        return []
    out: list[Reminder] = []
    step = timedelta(minutes=settings.follow_up_minutes)
    lead = step * settings.max_follow_ups  # a main this far back can still have follow-ups

    def inside(instant: datetime) -> bool:
        return after_u < utc(instant) <= until_u

    def quiet(instant: datetime) -> bool:
        return settings.in_quiet_hours(instant.astimezone(zone).time())

    for slot in Slot:
        cfg = settings.slot(slot)
        if not cfg.active:
            continue
        for day, main in daily_fires(cfg.time, cfg.weekdays, zone, after_u - lead, until_u):
            if state.is_closed(day, slot) or (day, slot) in state.snoozes:
                continue  # closed, or a snooze replaced whatever was still pending
            if inside(main):
                out.append(Reminder(main_key(day, slot), slot, day, ReminderKind.MAIN, main))
            for n in range(1, settings.max_follow_ups + 1):
                at = add_real(main, step * n)
                if inside(at) and not quiet(at):
                    out.append(
                        Reminder(
                            follow_up_key(day, slot, n), slot, day,
                            ReminderKind.FOLLOW_UP, at, gentle=True, sequence=n,
                        )
                    )

    for (day, slot), until_at in state.snoozes.items():
        if not settings.slot(slot).enabled or state.is_closed(day, slot):
            continue
        at = utc(until_at).astimezone(zone)
        if inside(at) and not quiet(at):
            out.append(
                Reminder(snooze_key(day, slot, at), slot, day, ReminderKind.SNOOZE, at, gentle=True)
            )
    out.sort(key=Reminder.sort_key)
    return out


def upcoming(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    now: datetime,
    until: datetime,
) -> list[Reminder]:
    """Reminders still to be delivered with now < fire <= until, sorted by instant."""
    return [
        r for r in plan_window(settings, state, tz, now, until) if r.key not in state.delivered
    ]


def next_reminder(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    now: datetime,
    horizon: timedelta = timedelta(days=8),
) -> Reminder | None:
    """The first upcoming reminder (a week plus a day covers any weekday set)."""
    for window in (timedelta(days=1), horizon):  # the short look is the common, cheap case
        found = upcoming(settings, state, tz, now, add_real(now, min(window, horizon)))
        if found:
            return found[0]
    return None


def due(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    last_check: datetime | None,
    now: datetime,
    grace: timedelta = DEFAULT_GRACE,
) -> list[Reminder]:
    """What to deliver now: fell due in (last_check, now], fresh, not delivered.

    Stale ones (older than `grace`) are not returned: they belong to
    missed_summary. If several reminders of one slot-day fell due in the
    window, only the latest is returned (no burst after a sleep). The caller
    marks the returned keys delivered; the rest are left behind for good as
    last_check moves on.
    """
    if last_check is None or utc(now) <= utc(last_check):
        return []
    window_start = max(utc(last_check), utc(now) - grace)
    fresh = [
        r for r in plan_window(settings, state, tz, window_start, now)
        if r.key not in state.delivered
    ]
    latest: dict[SlotDay, Reminder] = {}
    for r in fresh:  # sorted, so the last write per slot-day is the latest
        latest[r.slot_day] = r
    return sorted(latest.values(), key=Reminder.sort_key)


def missed_summary(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    last_check: datetime | None,
    now: datetime,
    grace: timedelta = DEFAULT_GRACE,
    lookback: timedelta = MISSED_LOOKBACK,
) -> Reminder | None:
    """At most one calm "you missed your <slot> session" after a gap.

    Looks at main reminders that went stale unseen in (last_check, now-grace]
    (the app was closed or asleep), for slot-days not done/skipped and not
    told in any way. Returns the most recent such slot-day as a MISSED
    reminder, or None. None as well when due() has a live reminder right now
    (one message on reopening is calmer than two), and when this gap already
    had its summary.
    """
    if last_check is None:
        return None
    zone = _zone(tz)
    stale_end = utc(now) - grace
    start = max(utc(last_check), utc(now) - lookback)
    if stale_end <= start:
        return None
    if due(settings, state, zone, last_check, now, grace):
        return None  # a live reminder is being delivered right now: that is enough
    candidates = [
        r for r in plan_window(settings, state, zone, start, stale_end)
        if r.kind is ReminderKind.MAIN and not state.told(r.date, r.slot)
    ]
    if not candidates:
        return None
    if any(missed_key(r.date, r.slot) in state.delivered for r in candidates):
        return None  # this gap already had its one summary
    m = candidates[-1]
    return Reminder(missed_key(m.date, m.slot), m.slot, m.date, ReminderKind.MISSED, m.fire_at, gentle=True)


# --- user actions ------------------------------------------------------------------------
def snooze_until(now: datetime, minutes: int) -> datetime:
    """The instant a snooze of `minutes` ends (elapsed time, in now's zone)."""
    if minutes not in SNOOZE_CHOICES:
        raise ValueError(f"snooze must be one of {SNOOZE_CHOICES} minutes, got {minutes!r}")
    return add_real(now, timedelta(minutes=minutes))


@dataclass(frozen=True)
class SnoozeOption:
    """One snooze button: how long, until when, and whether it would be sent."""

    minutes: int
    until: datetime
    allowed: bool  # False: it would land in quiet hours and would not be sent


def snooze_options(
    settings: ReminderSettings, tz: str | ZoneInfo, now: datetime
) -> list[SnoozeOption]:
    """The snooze choices, marked so the UI can grey out the ones quiet hours eat."""
    zone = _zone(tz)
    out = []
    for minutes in SNOOZE_CHOICES:
        until = snooze_until(utc(now).astimezone(zone), minutes)
        out.append(SnoozeOption(minutes, until, not settings.in_quiet_hours(until.time())))
    return out


def snooze(state: ReminderState, reminder: Reminder, now: datetime, minutes: int) -> ReminderState:
    """The state after the user snoozed `reminder` for `minutes` at `now`."""
    return state.with_snooze(reminder.date, reminder.slot, snooze_until(now, minutes))


def slot_date_for(started_at: datetime, tz: str | ZoneInfo) -> date:
    """Which day's reminder a practice session closes: the local date it started on.

    The same day Today and the statistics count the session for, so a session
    that Today shows as done never leaves that day's reminder or follow-ups pending.
    """
    return utc(started_at).astimezone(_zone(tz)).date()


def state_from_sessions(
    sessions: Iterable[SessionRecord],
    tz: str | ZoneInfo,
    base: ReminderState | None = None,
) -> ReminderState:
    """Mark every recorded session's slot-day done (finished or not).

    A started-and-stopped session still counts: the user showed up, and a
    follow-up after that would be the "keeps nagging" complaint.
    """
    state = base or ReminderState()
    for s in sessions:
        state = state.with_done(slot_date_for(s.started_at, tz), s.slot)
    return state


__all__ = [
    "DEFAULT_GRACE",
    "Reminder",
    "ReminderKind",
    "ReminderState",
    "SnoozeOption",
    "due",
    "follow_up_key",
    "key_date",
    "main_key",
    "missed_key",
    "missed_summary",
    "next_reminder",
    "plan_window",
    "slot_date_for",
    "snooze",
    "snooze_key",
    "snooze_options",
    "snooze_until",
    "state_from_sessions",
    "upcoming",
]
