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
  slot switched off, or it falls in quiet hours (the hub moves a snooze that
  would land there to their end before it gets here: snooze_landing()).
* A settings change re-plans from now (replan_follow_ups): follow-ups still
  pending that the new settings would put in the past come after the change
  instead of vanishing.
* After a trip (the zone at the last check differs from now's, `was_in`), a
  slot-day the move carried from the future into the past is still told: live
  if within the grace, else in the missed summary (never silently dropped).
* A session closes the slot-day of the reminder it answers (slot_day_for): one
  begun within a reminder's follow-up window or a pending snooze's, across
  midnight too, else the date and slot it started on.
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
from scheduler.settings import MAX_FOLLOW_UPS_LIMIT, SNOOZE_CHOICES, ReminderSettings
from scheduler.wallclock import add_real, daily_fires, fire_on, resolve_wall_time, utc

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
    replans: slot-day -> (instant of a settings change, first follow-up number
    it re-planned): follow-ups from that number on come no earlier than one
    interval after the change, then one interval apart (see replan_follow_ups).
    """

    done: frozenset[SlotDay] = frozenset()
    skipped: frozenset[SlotDay] = frozenset()
    snoozes: Mapping[SlotDay, datetime] = field(default_factory=dict)
    delivered: frozenset[str] = frozenset()
    replans: Mapping[SlotDay, tuple[datetime, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "done", frozenset(self.done))
        object.__setattr__(self, "skipped", frozenset(self.skipped))
        object.__setattr__(self, "delivered", frozenset(self.delivered))
        for day, until in self.snoozes.items():
            utc(until)  # aware or ValueError
        object.__setattr__(self, "snoozes", dict(self.snoozes))
        for day, (since, first) in self.replans.items():
            utc(since)
            if isinstance(first, bool) or not isinstance(first, int) or first < 1:
                raise ValueError(f"a re-plan starts at follow-up 1 or later, got {first!r}")
        object.__setattr__(self, "replans", dict(self.replans))

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

    def without_done(self, day: date, slot: Slot) -> ReminderState:
        """The slot-day open again (its session was deleted): what is still ahead of it comes."""
        return replace(self, done=self.done - {(day, slot)})

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

    def with_replan(self, day: date, slot: Slot, since: datetime, first: int) -> ReminderState:
        return replace(self, replans={**self.replans, (day, slot): (since, first)})

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
            replans={sd: v for sd, v in self.replans.items() if sd[0] >= oldest},
        )

    def merged(self, other: ReminderState) -> ReminderState:
        """Union of two states; `other`'s snoozes win on the same slot-day."""
        return ReminderState(
            done=self.done | other.done,
            skipped=self.skipped | other.skipped,
            snoozes={**self.snoozes, **other.snoozes},
            delivered=self.delivered | other.delivered,
            replans={**self.replans, **other.replans},
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
            "replans": sorted(
                [d.isoformat(), s.value, utc(v).isoformat(), n] for (d, s), (v, n) in self.replans.items()
            ),
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
            replans={
                (date.fromisoformat(a), Slot(b)): (datetime.fromisoformat(c), n)
                for a, b, c, n in d.get("replans", ())
            },
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
    first_main = after_u - lead
    for since, _ in state.replans.values():  # a re-planned slot-day reaches further
        if utc(since) + lead >= after_u:
            first_main = min(first_main, utc(since) - timedelta(days=1))

    def inside(instant: datetime) -> bool:
        return after_u < utc(instant) <= until_u

    def quiet(instant: datetime) -> bool:
        return settings.in_quiet_hours(instant.astimezone(zone).time())

    for slot in Slot:
        cfg = settings.slot(slot)
        if not cfg.active:
            continue
        for day, main in daily_fires(cfg.time, cfg.weekdays, zone, first_main, until_u):
            if state.is_closed(day, slot) or (day, slot) in state.snoozes:
                continue  # closed, or a snooze replaced whatever was still pending
            if inside(main):
                out.append(Reminder(main_key(day, slot), slot, day, ReminderKind.MAIN, main))
            replan = state.replans.get((day, slot))
            for n in range(1, settings.max_follow_ups + 1):
                at = _follow_up_at(main, n, step, replan, zone)
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


def _follow_up_at(
    main: datetime, n: int, step: timedelta, replan: tuple[datetime, int] | None, zone: ZoneInfo
) -> datetime:
    """When follow-up `n` of the main reminder at `main` comes: n intervals after it, or, from the
    follow-up a settings change re-planned on, intervals after that change when that is later."""
    at = add_real(main, step * n)
    if replan is not None and n >= replan[1]:
        later = add_real(replan[0], step * (n - replan[1] + 1)).astimezone(zone)
        if utc(later) > utc(at):
            return later
    return at


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
    *,
    was_in: str | ZoneInfo | None = None,
) -> list[Reminder]:
    """What to deliver now: fell due in (last_check, now], fresh, not delivered.

    Stale ones (older than `grace`) are not returned: they belong to
    missed_summary. If several reminders of one slot-day fell due in the
    window, only the latest is returned (no burst after a sleep). The caller
    marks the returned keys delivered; the rest are left behind for good as
    last_check moves on.

    `was_in`: the zone in force at last_check, when it differs (a trip). A main
    reminder the move carried from the future into the last `grace` is then
    still given now, late but fresh, rather than dropped (see moved_past).
    """
    if last_check is None:
        return []
    fresh = [r for r in moved_past(settings, state, tz, was_in, last_check, now)
             if utc(r.fire_at) > utc(now) - grace]
    if utc(now) > utc(last_check):
        window_start = max(utc(last_check), utc(now) - grace)
        fresh += [
            r for r in plan_window(settings, state, tz, window_start, now)
            if r.key not in state.delivered
        ]
    fresh.sort(key=Reminder.sort_key)
    latest: dict[SlotDay, Reminder] = {}
    for r in fresh:  # sorted, so the last write per slot-day is the latest
        latest[r.slot_day] = r
    return sorted(latest.values(), key=Reminder.sort_key)


def moved_past(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    was_in: str | ZoneInfo | None,
    last_check: datetime,
    now: datetime,
    lookback: timedelta = MISSED_LOOKBACK,
) -> list[Reminder]:
    """Main reminders a trip carried from the future into the past, unseen.

    Their slot-day was still ahead in `was_in` (the zone at the last check) and
    its main reminder in `tz` was already at or before the last check, so no
    window of due() will ever see it: flying east at 00:05 from Los Angeles,
    Tokyo's 20:00 passed during the flight while Los Angeles' was still to
    come. Not told, not closed, not snoozed (a snooze is an instant, it still
    comes). Empty when there was no trip. Returned as the new zone's MAIN
    reminders (their fire_at is when they fell in the new zone), sorted.
    """
    if was_in is None or _zone(was_in).key == _zone(tz).key:
        return []
    old, zone = _zone(was_in), _zone(tz)
    check_u = utc(last_check)
    out = []
    for slot in Slot:
        cfg = settings.slot(slot)
        if not cfg.active:
            continue
        for day, main in daily_fires(cfg.time, cfg.weekdays, zone, utc(now) - lookback, check_u):
            if (state.is_closed(day, slot) or (day, slot) in state.snoozes or state.told(day, slot)
                    or missed_key(day, slot) in state.delivered):
                continue
            before = fire_on(cfg.time, cfg.weekdays, old, day)
            if before is None or utc(before) > check_u:
                out.append(Reminder(main_key(day, slot), slot, day, ReminderKind.MAIN, main))
    return sorted(out, key=Reminder.sort_key)


def missed_summary(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    last_check: datetime | None,
    now: datetime,
    grace: timedelta = DEFAULT_GRACE,
    lookback: timedelta = MISSED_LOOKBACK,
    *,
    was_in: str | ZoneInfo | None = None,
) -> Reminder | None:
    """At most one calm "you missed your <slot> session" after a gap.

    Looks at main reminders that went stale unseen in (last_check, now-grace]
    (the app was closed or asleep), for slot-days not done/skipped and not
    told in any way. Returns the most recent such slot-day as a MISSED
    reminder, or None. None as well when due() has a live reminder right now
    (one message on reopening is calmer than two), and when this gap already
    had its summary.

    `was_in`: the zone in force at last_check when the person has since moved.
    Slot-days the move carried into the past unseen (still ahead in the old
    zone at the last check, already past in the new one) count as missed too:
    closed in New York at 19:00 and reopened in London at 07:30, the New York
    evening was missed although London's 20:00 came before the last check.
    """
    if last_check is None:
        return None
    zone = _zone(tz)
    stale_end = utc(now) - grace
    start = max(utc(last_check), utc(now) - lookback)
    if due(settings, state, zone, last_check, now, grace, was_in=was_in):
        return None  # a live reminder is being delivered right now: that is enough
    candidates = [
        r for r in moved_past(settings, state, zone, was_in, last_check, now, lookback)
        if utc(r.fire_at) <= stale_end
    ]
    if stale_end > start:
        candidates += [
            r for r in plan_window(settings, state, zone, start, stale_end)
            if r.kind is ReminderKind.MAIN and not state.told(r.date, r.slot)
        ]
    candidates.sort(key=Reminder.sort_key)
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


def quiet_end_after(settings: ReminderSettings, tz: str | ZoneInfo, instant: datetime) -> datetime:
    """The first end of quiet hours after `instant`, in the plan's zone (the instant itself
    when quiet hours are off or it lies outside them)."""
    zone = _zone(tz)
    local = utc(instant).astimezone(zone)
    if settings.quiet_end is None or not settings.in_quiet_hours(local.time()):
        return local
    day = local.date()
    while True:  # today's end, or tomorrow's when today's is already past (22:00-07:00)
        end = resolve_wall_time(datetime.combine(day, settings.quiet_end), zone)
        if utc(end) > utc(local):
            return end
        day += timedelta(days=1)


def snooze_landing(
    settings: ReminderSettings, tz: str | ZoneInfo, now: datetime, minutes: int
) -> datetime:
    """When a snooze of `minutes` asked at `now` comes back: at once after `minutes`, or,
    if that lands in quiet hours, at their end. A snooze replaces the follow-ups
    still pending, so one that quiet hours would eat must land somewhere."""
    return quiet_end_after(settings, tz, snooze_until(utc(now).astimezone(_zone(tz)), minutes))


def replan_follow_ups(
    old: ReminderSettings,
    new: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    now: datetime,
) -> ReminderState:
    """The state after the settings changed from `old` to `new` at `now`: pending follow-ups
    are not lost.

    A slot-day already told (its main reminder came), still open, not snoozed and with
    something still to come under the old settings keeps its remaining follow-ups: those
    the new settings would put at or before `now` (a shorter interval at 08:20, a morning
    moved earlier after it fired) come one interval after the change, then one interval
    apart; those the new settings put later come at their new times anyway.
    """
    zone = _zone(tz)
    now_u = utc(now)
    pending = {r.slot_day for r in upcoming(old, state, zone, now, add_real(now, timedelta(days=1)))}
    step = timedelta(minutes=new.follow_up_minutes)
    for day, slot in sorted(pending):
        cfg = new.slot(slot)
        if not (cfg.active and state.told(day, slot)) or (day, slot) in state.snoozes:
            continue
        main = fire_on(cfg.time, cfg.weekdays, zone, day)
        if main is None:
            continue
        sent = [n for n in range(1, MAX_FOLLOW_UPS_LIMIT + 1)
                if follow_up_key(day, slot, n) in state.delivered]
        first = max(sent, default=0) + 1
        if first <= new.max_follow_ups and utc(main) + step * first <= now_u:
            state = state.with_replan(day, slot, now_u, first)
    return state


def slot_day_for(
    settings: ReminderSettings,
    state: ReminderState,
    tz: str | ZoneInfo,
    started_at: datetime,
    slot: Slot,
) -> SlotDay:
    """Which slot-day a session started at `started_at` closes: that of the reminder it answers.

    A session started within a reminder's follow-up window (from its main reminder until one
    interval after its last follow-up, or after its pending snooze) belongs to that reminder's
    slot-day, across midnight too: begun at 00:05 after the 23:30 evening reminder, it is that
    evening's session, so the evening's follow-ups stop and the next morning is still reminded.
    The window is the settings' (quiet hours may silence a follow-up, not shorten the window),
    and only a slot-day still open has one. When several are open, the latest reminder's; when
    none, the date the session started on (where it was done) with `slot`, the slot its time
    of day gives.
    """
    zone = _zone(tz)
    start_u = utc(started_at)
    local = start_u.astimezone(zone).date()
    step = timedelta(minutes=settings.follow_up_minutes)
    answered: list[tuple[datetime, SlotDay]] = []
    for s in Slot:
        cfg = settings.slot(s)
        if not cfg.active:
            continue
        for day in (local - timedelta(days=2), local - timedelta(days=1), local):
            main = fire_on(cfg.time, cfg.weekdays, zone, day)
            if main is None or state.is_closed(day, s):
                continue
            last = _follow_up_at(main, settings.max_follow_ups, step, state.replans.get((day, s)), zone) \
                if settings.max_follow_ups else main
            end = utc(last) + step
            if (day, s) in state.snoozes:
                end = max(end, utc(state.snoozes[(day, s)]) + step)
            if utc(main) <= start_u < end:
                answered.append((utc(main), (day, s)))
    if answered:
        return max(answered)[1]
    return started_at.date(), slot


def state_from_sessions(sessions: Iterable[SessionRecord], base: ReminderState | None = None) -> ReminderState:
    """Mark every recorded session's slot-day done (finished or not).

    A started-and-stopped session still counts: the user showed up, and a
    follow-up after that would be the "keeps nagging" complaint. Its day is the
    one it counts for (SessionRecord.practice_day): where it was done, never
    re-dated in today's zone.
    """
    state = base or ReminderState()
    for s in sessions:
        state = state.with_done(s.practice_day(), s.slot)
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
    "moved_past",
    "next_reminder",
    "plan_window",
    "quiet_end_after",
    "replan_follow_ups",
    "slot_day_for",
    "snooze",
    "snooze_key",
    "snooze_landing",
    "snooze_options",
    "snooze_until",
    "state_from_sessions",
    "upcoming",
]
