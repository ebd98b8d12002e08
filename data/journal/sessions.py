"""Practice sessions: which daily slot a session counts for, saving them, and today's status.

A session is saved as it goes (upsert by id) so closing the app mid-routine still
keeps what was pressed; the final save marks it finished or stopped early.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from data.models import SessionRecord, Slot

COLLECTION = "sessions"
# A session started before this local time counts as the morning one, otherwise the evening one;
# the app passes the split that fits the person's reminder times (ReminderSettings.day_split).
EVENING_STARTS_AT = time(14, 0)


def slot_for(local_start: datetime, evening_starts_at: time = EVENING_STARTS_AT) -> Slot:
    return Slot.MORNING if local_start.time() < evening_starts_at else Slot.EVENING


def save_session(store, record: SessionRecord) -> None:
    """Insert or update a session; partitioned by the local date it started."""
    store.replace(COLLECTION, record.to_dict(), record.started_at)


def sessions_on(store, day: date) -> list[SessionRecord]:
    """Sessions that started on `day` (in the zone they were recorded in), oldest first."""
    found = [SessionRecord.from_dict(d) for d in store.records(COLLECTION, since=day, until=day)]
    return sorted((s for s in found if s.started_at.date() == day), key=lambda s: s.started_at)


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
