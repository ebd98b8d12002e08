"""What the user chose about reminders, validated once at the edge.

The planner trusts these values completely, so every rule that would make a
plan nonsensical (an hour of 25, three follow-ups, quiet hours that start and
end at the same minute) is rejected here with a ValueError the settings screen
can show, instead of surfacing later as a reminder that silently never fires.

Times are local wall-clock times without a zone on purpose: "08:00" means
08:00 wherever the user currently is, in summer and in winter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import time as dtime  # aliased: SlotReminder has a field named `time`
from typing import Any

from data.models import Slot

ALL_DAYS: frozenset[int] = frozenset(range(7))  # 0 = Monday, like date.weekday()
SNOOZE_CHOICES: tuple[int, ...] = (10, 30, 60)  # minutes offered on a reminder
FOLLOW_UP_MINUTES_RANGE = (5, 240)  # below 5 it nags, above 4 h it is a new reminder
MAX_FOLLOW_UPS_LIMIT = 2  # the issue caps follow-ups at two

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


DEFAULT_DAY_SPLIT = dtime(14, 0)  # morning sessions before, evening sessions after


def parse_hhmm(value: str | dtime) -> dtime:
    """Turn "HH:MM" (or a naive datetime.time on a whole minute) into a time.

    Seconds are refused rather than dropped: a stored "08:00:30" would mean the
    data came from somewhere unexpected, and guessing would hide that.
    """
    if isinstance(value, dtime):
        if value.tzinfo is not None:
            raise ValueError("reminder times are local wall-clock times; pass a naive time")
        if value.second or value.microsecond:
            raise ValueError(f"reminder times are whole minutes, got {value.isoformat()}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected 'HH:MM', got {value!r}")
    m = _HHMM.match(value.strip())
    if not m:
        raise ValueError(f"expected 'HH:MM' (00:00-23:59), got {value!r}")
    return dtime(int(m.group(1)), int(m.group(2)))


def format_hhmm(value: dtime) -> str:
    """The one spelling of a time used in stored settings and keys."""
    return f"{value.hour:02d}:{value.minute:02d}"


def _weekdays(value: Any) -> frozenset[int]:
    if isinstance(value, (str, bytes)):
        raise ValueError("weekdays must be a collection of ints 0-6 (0 = Monday)")
    try:
        days = frozenset(value)
    except TypeError as exc:
        raise ValueError("weekdays must be a collection of ints 0-6 (0 = Monday)") from exc
    for d in days:
        if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6:
            raise ValueError(f"weekday {d!r} is not an int 0-6 (0 = Monday)")
    return days


def _int_in(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an int, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return value


@dataclass(frozen=True)
class SlotReminder:
    """One daily practice time: whether it reminds, at what time, on which days.

    `time` accepts "HH:MM" for convenience and is always stored as a time, so
    the rest of the code never parses strings.
    """

    enabled: bool = True
    time: dtime = dtime(8, 0)
    weekdays: frozenset[int] = ALL_DAYS

    def __post_init__(self) -> None:
        if not isinstance(self.enabled, bool):
            raise ValueError(f"enabled must be True or False, got {self.enabled!r}")
        object.__setattr__(self, "time", parse_hhmm(self.time))
        object.__setattr__(self, "weekdays", _weekdays(self.weekdays))

    @property
    def active(self) -> bool:
        """True when this slot can produce a reminder at all."""
        return self.enabled and bool(self.weekdays)

    def to_dict(self) -> dict:
        return {
            "enabled": self.enabled,
            "time": format_hhmm(self.time),
            "weekdays": sorted(self.weekdays),
        }

    @classmethod
    def from_dict(cls, d: dict, default: SlotReminder | None = None) -> SlotReminder:
        """Read a stored slot; missing keys fall back to `default` (old files)."""
        base = default or cls()
        if not isinstance(d, dict):
            raise ValueError(f"slot settings must be a mapping, got {d!r}")
        return cls(
            enabled=d.get("enabled", base.enabled),
            time=d.get("time", base.time),
            weekdays=d.get("weekdays", base.weekdays),
        )


def _default_morning() -> SlotReminder:
    return SlotReminder(True, dtime(8, 0), ALL_DAYS)


def _default_evening() -> SlotReminder:
    return SlotReminder(True, dtime(20, 0), ALL_DAYS)


@dataclass(frozen=True)
class ReminderSettings:
    """Everything the planner needs to know about the user's reminder wishes.

    Quiet hours are off when both ends are None. They are a half-open local
    interval [quiet_start, quiet_end) that wraps midnight when start > end
    (22:00-07:00 means 22:00 up to but not including 07:00).

    Rule for a main reminder whose chosen time falls inside quiet hours: it is
    still sent. The user picked that exact minute for that exact purpose, and
    the complaint we are fixing is reminders that silently do not fire; quiet
    hours only silence what the app adds on its own (follow-ups) and snoozes
    that would land there. `quiet_conflicts()` lets the settings screen point
    the overlap out instead of resolving it behind the user's back.
    """

    morning: SlotReminder = field(default_factory=_default_morning)
    evening: SlotReminder = field(default_factory=_default_evening)
    follow_up_minutes: int = 30
    max_follow_ups: int = 2
    quiet_start: dtime | None = None
    quiet_end: dtime | None = None
    snooze_minutes: int = SNOOZE_CHOICES[0]  # what the reminder's one Snooze button offers

    def __post_init__(self) -> None:
        for name in ("morning", "evening"):
            if not isinstance(getattr(self, name), SlotReminder):
                raise ValueError(f"{name} must be a SlotReminder")
        _int_in("follow_up_minutes", self.follow_up_minutes, *FOLLOW_UP_MINUTES_RANGE)
        _int_in("max_follow_ups", self.max_follow_ups, 0, MAX_FOLLOW_UPS_LIMIT)
        if _int_in("snooze_minutes", self.snooze_minutes, 1, 24 * 60) not in SNOOZE_CHOICES:
            raise ValueError(f"snooze_minutes must be one of {SNOOZE_CHOICES}, got {self.snooze_minutes!r}")
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise ValueError("quiet hours need both a start and an end (or neither)")
        if self.quiet_start is not None:
            start, end = parse_hhmm(self.quiet_start), parse_hhmm(self.quiet_end)
            if start == end:
                raise ValueError("quiet hours cannot start and end at the same minute")
            object.__setattr__(self, "quiet_start", start)
            object.__setattr__(self, "quiet_end", end)

    # --- reading -------------------------------------------------------------------------
    def slot(self, slot: Slot) -> SlotReminder:
        return self.morning if slot is Slot.MORNING else self.evening

    def day_split(self) -> dtime:
        """When the evening session begins to count: halfway between the two chosen times.

        So a session done near the evening reminder closes the evening one even when the
        person chose unusual times (evening at 13:00, morning at 15:00 are refused as a
        pair and fall back to 14:00, like the defaults 08:00 and 20:00 give).
        """
        m, e = (self.morning.time.hour * 60 + self.morning.time.minute,
                self.evening.time.hour * 60 + self.evening.time.minute)
        if m >= e:
            return DEFAULT_DAY_SPLIT
        middle = (m + e) // 2
        return dtime(middle // 60, middle % 60)

    def with_slot(self, slot: Slot, cfg: SlotReminder) -> ReminderSettings:
        """A copy with one slot replaced (settings are immutable)."""
        return replace(self, **{slot.value: cfg})

    @property
    def quiet_enabled(self) -> bool:
        return self.quiet_start is not None

    def in_quiet_hours(self, local: dtime) -> bool:
        """True if a local wall-clock time lies in [quiet_start, quiet_end)."""
        if self.quiet_start is None or self.quiet_end is None:
            return False
        t = local.replace(tzinfo=None)
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= t < self.quiet_end
        return t >= self.quiet_start or t < self.quiet_end

    def quiet_conflicts(self) -> list[Slot]:
        """Enabled slots whose chosen time lies in quiet hours (they still fire)."""
        return [s for s in Slot if self.slot(s).active and self.in_quiet_hours(self.slot(s).time)]

    # --- storage -------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "morning": self.morning.to_dict(),
            "evening": self.evening.to_dict(),
            "follow_up_minutes": self.follow_up_minutes,
            "max_follow_ups": self.max_follow_ups,
            "quiet_start": format_hhmm(self.quiet_start) if self.quiet_start else None,
            "quiet_end": format_hhmm(self.quiet_end) if self.quiet_end else None,
            "snooze_minutes": self.snooze_minutes,
        }

    @classmethod
    def from_dict(cls, d: dict | None) -> ReminderSettings:
        """Read stored settings; absent keys take defaults, wrong values raise."""
        if d is None:
            return cls()
        if not isinstance(d, dict):
            raise ValueError(f"reminder settings must be a mapping, got {d!r}")
        base = cls()
        return cls(
            morning=SlotReminder.from_dict(d.get("morning", {}), base.morning),
            evening=SlotReminder.from_dict(d.get("evening", {}), base.evening),
            follow_up_minutes=d.get("follow_up_minutes", base.follow_up_minutes),
            max_follow_ups=d.get("max_follow_ups", base.max_follow_ups),
            quiet_start=d.get("quiet_start"),
            quiet_end=d.get("quiet_end"),
            snooze_minutes=d.get("snooze_minutes", base.snooze_minutes),
        )
