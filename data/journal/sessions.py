"""Practice sessions: which daily slot a session counts for, saving them, and today's status.

A session is saved as it goes (upsert by id) so closing the app mid-routine still
keeps what was pressed; the final save marks it finished or stopped early.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from data.journal.records import check_fields, check_id, parse_day, parse_time, read_records
from data.models import SessionRecord, Side, Slot

COLLECTION = "sessions"
MAX_SESSION_STEPS = 500  # far more than any routine has sides: a bigger list is damage
DAY_SECONDS = 24 * 3600
# A session counts for another day than it started on only across one night (begun at 00:05 after the
# 23:30 evening reminder); a date further away is damage, not a late session.
FOR_DAY_REACH = timedelta(days=2)
_SLOTS = tuple(s.value for s in Slot)
SIDES = tuple(s.value for s in Side)
# A session started before this local time counts as the morning one, otherwise the evening one;
# the app passes the split that fits the person's reminder times (ReminderSettings.day_split).
EVENING_STARTS_AT = time(14, 0)


def slot_for(local_start: datetime, evening_starts_at: time = EVENING_STARTS_AT) -> Slot:
    return Slot.MORNING if local_start.time() < evening_starts_at else Slot.EVENING


def save_session(store, record: SessionRecord) -> None:
    """Insert or update a session; partitioned by the local date it started."""
    store.replace(COLLECTION, record.to_dict(), record.started_at)


def parse_session(d: Any) -> SessionRecord:
    """A saved session record, checked strictly (``SessionRecord.from_dict`` would coerce "no" to True
    and take a time without a zone, which would break every comparison later)."""
    check_fields(d, {"id", "slot", "started_at", "ended_at", "steps", "finished"}, {"for_day"})
    check_id(d["id"])
    if d["slot"] not in _SLOTS:
        raise ValueError(f"slot must be morning or evening, found {d['slot']!r}")
    started = parse_time(d["started_at"], "started_at")
    if "for_day" in d:
        check_for_day(d["for_day"], started)
    parse_time(d["ended_at"], "ended_at")
    if type(d["finished"]) is not bool:
        raise ValueError(f"finished must be true or false, found {d['finished']!r}")
    if not isinstance(d["steps"], list) or len(d["steps"]) > MAX_SESSION_STEPS:
        raise ValueError(f"steps must be a list of at most {MAX_SESSION_STEPS} steps")
    for n, step in enumerate(d["steps"], 1):
        try:
            check_fields(step, {"point_code", "side", "planned_seconds", "pressed_seconds", "completed"}, set())
            check_id(step["point_code"], "point_code")
            if step["side"] not in SIDES:
                raise ValueError(f"side must be left, right or middle, found {step['side']!r}")
            for name in ("planned_seconds", "pressed_seconds"):
                if type(step[name]) is not int or not 0 <= step[name] <= DAY_SECONDS:
                    raise ValueError(f"{name} must be a whole number of seconds, found {step[name]!r}")
            if type(step["completed"]) is not bool:
                raise ValueError(f"completed must be true or false, found {step['completed']!r}")
        except ValueError as exc:
            raise ValueError(f"step {n}: {exc}") from None
    return SessionRecord.from_dict(d)


def check_for_day(value: Any, started: datetime) -> date:
    """The day a session counts for: a date as text, up to FOR_DAY_REACH before the date it started
    (a late session answering last evening's reminder) and at most a day after (a zone change), never
    further ahead: a hostile backup must not mark a future slot-day done and silence its reminders."""
    day = parse_day(value, "for_day")
    if not -FOR_DAY_REACH <= day - started.date() <= timedelta(days=1):
        raise ValueError(f"for_day {value} is too far from the day the session started ({started.date()})")
    return day


def read_sessions(store, since: date | None = None, until: date | None = None) -> list[SessionRecord]:
    """The sessions saved in the months overlapping [since, until] (whole months), in saved order.

    The one way to read sessions: a saved row that cannot be read is set aside, not raised.
    """
    return read_records(store, COLLECTION, parse_session, since, until)


def sessions_on(store, day: date) -> list[SessionRecord]:
    """Sessions that count for `day` (SessionRecord.practice_day), oldest first."""
    found = read_sessions(store, day - FOR_DAY_REACH, day + FOR_DAY_REACH)
    return sorted((s for s in found if s.practice_day() == day), key=lambda s: s.started_at)


class SlotState(StrEnum):
    DONE = "done"  # went through the whole routine
    PARTLY = "partly"  # started, stopped early
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class SlotStatus:
    slot: Slot
    state: SlotState
    completed_steps: int = 0
    total_steps: int = 0


def day_status(sessions: list[SessionRecord]) -> dict[Slot, SlotStatus]:
    """Morning and evening status of one day; a finished session beats a partial one."""
    out: dict[Slot, SlotStatus] = {}
    for slot in Slot:
        mine = [s for s in sessions if s.slot is slot]
        finished = [s for s in mine if s.finished]
        if finished:
            best = finished[-1]
            out[slot] = SlotStatus(slot, SlotState.DONE, best.completed_steps, len(best.steps))
        elif mine:
            best = max(mine, key=lambda s: s.completed_steps)
            out[slot] = SlotStatus(slot, SlotState.PARTLY, best.completed_steps, len(best.steps))
        else:
            out[slot] = SlotStatus(slot, SlotState.NOT_YET)
    return out


def delete_session(store, record: SessionRecord) -> bool:
    """Remove a session (from the history list); False if it was already gone.  ``save_session`` puts it back."""
    return store.delete(COLLECTION, record.id, record.started_at)
