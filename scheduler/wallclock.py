"""Daily wall-clock times turned into real instants, with the app's DST rule.

The calendar walk (which dates match the chosen weekdays, what the next
08:00 is) is APScheduler's CronTrigger. What CronTrigger 3.11 does around
daylight-saving changes was checked against zoneinfo and differs from what
the app promises, so the differences are corrected here:

* Non-existent local time (spring forward, e.g. 02:30 on 2026-03-29 in
  Europe/Berlin): CronTrigger returns the impossible wall time with the
  pre-transition offset (02:30+01:00, i.e. 03:30 CEST, half an hour late,
  and a datetime whose clock face reads a time that never happens). The app
  rule is "the next valid minute": 03:00 CEST.
* Ambiguous local time (fall back, e.g. 02:30 on 2026-10-25 in Berlin):
  CronTrigger fires twice, at fold=0 (02:30+02:00) and again at fold=1
  (02:30+01:00). The app rule is "once", at the first occurrence.

* Chained get_next_fire_time (what APScheduler's own scheduler does) loses
  the whole day after a spring-forward for times in the first hour of the
  day (first 30 min on Lord Howe): 00:30 Berlin never fires on 2026-03-30.
  It adds the naive 24 h difference in UTC across a 23 h day, overshoots to
  01:30 and moves on to the next day. So the trigger is asked once per
  local date, from that date's wall-clock midnight (see daily_fires).

Everything else (08:00 staying 08:00 across DST, 30-minute shifts such as
Australia/Lord_Howe, weekday matching) CronTrigger already does right.

All comparisons go through UTC: Python compares and subtracts two datetimes
that share a tzinfo by their clock faces, ignoring fold, which is wrong
exactly on the nights this module exists for.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

UTC = timezone.utc
_MAX_GAP = timedelta(days=2)  # the largest real gap is a skipped day (Samoa 2011)


def utc(dt: datetime) -> datetime:
    """The same instant in UTC; refuses naive datetimes, which have no instant."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"expected a time-zone-aware datetime, got {dt!r}")
    return dt.astimezone(UTC)


def add_real(dt: datetime, delta: timedelta) -> datetime:
    """`dt + delta` in elapsed time (30 real minutes), kept in dt's zone."""
    return (utc(dt) + delta).astimezone(dt.tzinfo)


def wall_exists(naive: datetime, tz: ZoneInfo) -> bool:
    """True if the clock on the wall in `tz` ever shows `naive`."""
    back = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back == naive


def is_repeated_pass(dt: datetime) -> bool:
    """True for the second occurrence of an ambiguous wall time (fold=1)."""
    return dt.fold == 1 and dt.replace(fold=0).utcoffset() != dt.utcoffset()


def resolve_wall_time(naive: datetime, tz: ZoneInfo) -> datetime:
    """The instant the app fires for a local wall time on a given day.

    Existing times map to themselves; an ambiguous time maps to its first
    occurrence (fold=0); a time inside a spring-forward gap maps to the first
    wall-clock minute after it that exists. Returned in `tz`, normalised (the
    offset and fold are the real ones, the clock face is a real reading).
    """
    naive = naive.replace(tzinfo=None, fold=0)
    step = timedelta(minutes=1)
    probe = naive.replace(second=0, microsecond=0)
    if probe != naive:
        probe += step
    while not wall_exists(probe, tz):
        probe += step
        if probe - naive > _MAX_GAP:  # pragma: no cover - no such zone exists
            raise ValueError(f"no valid local time after {naive} in {tz.key}")
    return probe.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


@lru_cache(maxsize=64)
def daily_trigger(at: time, weekdays: frozenset[int], tz: ZoneInfo) -> CronTrigger:
    """The CronTrigger for one slot (APScheduler 3 weekdays: 0 = Monday, as ours).

    Cached: a trigger holds no state between get_next_fire_time calls, and
    the planner asks for the same few triggers on every tick.
    """
    if not weekdays:
        raise ValueError("a daily trigger needs at least one weekday")
    return CronTrigger(
        day_of_week=",".join(str(d) for d in sorted(weekdays)),
        hour=at.hour,
        minute=at.minute,
        second=0,
        timezone=tz,
    )


def daily_fires(
    at: time,
    weekdays: frozenset[int],
    tz: ZoneInfo,
    start: datetime,
    end: datetime,
) -> Iterator[tuple[date, datetime]]:
    """(local date, fire instant) for each chosen day with start <= fire <= end.

    CronTrigger decides whether a local date is a reminder day and at what
    wall time; it is asked once per date, starting from that date's wall-clock
    midnight (fold=0, not normalised). Chaining get_next_fire_time from one
    fire to the next is what APScheduler's scheduler does, and it loses the
    day after a spring-forward for times in the first hour of the day (it
    adds the 24 h naive difference in UTC over a 23 h day and overshoots);
    starting inside the target day means the trigger only ever moves forward
    within that day, so that arithmetic is never used for a day we keep.
    Starting at fold=0 also means an ambiguous time is only ever the first
    pass. The result then gets the app's gap rule (resolve_wall_time).

    Dates are the trigger's, so a day whose time is shifted by a gap still
    counts as that day (one reminder per day). Instants are strictly
    increasing: if a whole day is skipped (Pacific/Apia, 2011-12-30) and its
    time resolves onto the next day's instant, only one fires.
    """
    if not weekdays:
        return
    start_u, end_u = utc(start), utc(end)
    # Local dates that can hold a fire in the window: UTC offsets are within
    # +-14 h, and a gap moves a fire forward by less than a day.
    day = start_u.date() - timedelta(days=2)
    last_day = end_u.date() + timedelta(days=1)
    last_u: datetime | None = None
    while day <= last_day:
        fire = fire_on(at, weekdays, tz, day)
        if fire is not None:
            fire_u = utc(fire)
            if fire_u > end_u:
                return
            if last_u is None or fire_u > last_u:
                last_u = fire_u
                if fire_u >= start_u:
                    yield day, fire
        day += timedelta(days=1)


@lru_cache(maxsize=8192)
def fire_on(at: time, weekdays: frozenset[int], tz: ZoneInfo, day: date) -> datetime | None:
    """The fire instant of one slot on one local date, or None if not a chosen day.

    Cached: the planner re-plans the same few days on every tick, and the
    answer depends only on the arguments (and the tz database).
    """
    trigger = daily_trigger(at, weekdays, tz)
    midnight = datetime.combine(day, time(0), tzinfo=tz)  # wall midnight, maybe imaginary
    raw = trigger.get_next_fire_time(None, midnight)
    if raw is None or raw.replace(tzinfo=None).date() != day or is_repeated_pass(raw):
        return None
    return resolve_wall_time(raw.replace(tzinfo=None), tz)
