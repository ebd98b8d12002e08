"""Records shared by the whole core: points, routines and practice sessions.

Plain dataclasses with explicit dict conversion, so the store, exports and
tests all agree on one JSON shape.  Nothing here knows about the UI.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from enum import StrEnum


class Side(StrEnum):
    """Which side of the body a step is pressed on."""

    LEFT = "left"
    RIGHT = "right"
    MIDDLE = "middle"  # midline points are pressed once


class Laterality(StrEnum):
    """Whether a point exists on both sides or once on the midline."""

    BILATERAL = "bilateral"
    MIDLINE = "midline"


class Region(StrEnum):
    """Body region a point lies in; drives the safety rules on skin problems."""

    HAND = "hand"
    WRIST = "wrist"
    FOREARM = "forearm"
    ELBOW = "elbow"
    KNEE = "knee"
    LOWER_LEG = "lower_leg"
    ANKLE = "ankle"
    FOOT_TOP = "foot_top"
    SOLE = "sole"
    NECK = "neck"
    UPPER_BACK = "upper_back"
    LOW_BACK = "low_back"

    @property
    def is_foot(self) -> bool:
        return self in (Region.FOOT_TOP, Region.SOLE, Region.ANKLE)

    @property
    def limb(self) -> str:
        """'arm', 'leg' or 'trunk': the limb a wound or ulcer rule applies to."""
        if self in (Region.HAND, Region.WRIST, Region.FOREARM, Region.ELBOW):
            return "arm"
        if self in (Region.NECK, Region.UPPER_BACK, Region.LOW_BACK):
            return "trunk"
        return "leg"


class Category(StrEnum):
    """Groups of the point-selection rule (domain.md, section 1)."""

    ARM_OUTER = "arm_outer"  # forearm and back-of-hand symptoms
    ARM_INNER = "arm_inner"  # numb fingers
    LEG_FRONT_OUTER = "leg_front_outer"  # top of the foot or ankle
    LEG_INNER = "leg_inner"  # sole of the foot
    NECK = "neck"  # nerve compression in the neck
    LOW_BACK = "low_back"  # nerve compression in the low back
    CORE = "core"  # the five core points of the starting routine


class PregnancyRule(StrEnum):
    """What the sources say about a point in pregnancy."""

    FORBIDDEN = "forbidden"
    CAUTION = "caution"
    NONE_FOUND = "none_found"  # no listing found: not proof of safety


@dataclass(frozen=True)
class Point:
    """One acupressure point of the catalog, in the app's own words."""

    code: str  # e.g. "LI4"
    pinyin: str  # e.g. "Hegu"
    hanzi: str  # e.g. "合谷"
    meaning: str  # plain-English meaning of the name, e.g. "Joining Valley"
    region: Region
    surface: str  # plain words, e.g. "back of the hand"
    laterality: Laterality
    location_steps: tuple[str, ...]  # two or three short lines: landmarks, finger-widths
    technique: str
    cautions: tuple[str, ...]
    categories: frozenset[Category]
    pregnancy: PregnancyRule
    spots_per_side: int = 1  # Baxie and Bafeng are four spots on each hand or foot

    @property
    def title(self) -> str:
        """Name as shown in lists: code, pinyin and meaning."""
        return f"{self.code} {self.pinyin} ({self.meaning})"

    @property
    def illustration(self) -> str:
        """Path of the drawing inside the app's assets folder."""
        return f"illustrations/{self.code}.svg"

    @property
    def sides(self) -> tuple[Side, ...]:
        """Sides in practice order: left then right, or once for the midline."""
        if self.laterality is Laterality.MIDLINE:
            return (Side.MIDDLE,)
        return (Side.LEFT, Side.RIGHT)


@dataclass(frozen=True)
class RoutineStep:
    """One point of a routine: how long to press it and on which sides."""

    point_code: str
    seconds_per_side: int
    sides: tuple[Side, ...]
    reason: str = ""  # why this point is in the routine, shown to the user

    def to_dict(self) -> dict:
        return {
            "point_code": self.point_code,
            "seconds_per_side": self.seconds_per_side,
            "sides": [s.value for s in self.sides],
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: dict) -> RoutineStep:
        return cls(
            point_code=str(d["point_code"]),
            seconds_per_side=int(d["seconds_per_side"]),
            sides=tuple(Side(s) for s in d["sides"]),
            reason=str(d.get("reason", "")),
        )


@dataclass(frozen=True)
class Routine:
    """An ordered list of steps; the order is the practice order."""

    steps: tuple[RoutineStep, ...]
    pressure_note: str = ""  # e.g. "Use light pressure" for bleeding risk

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds_per_side * len(s.sides) for s in self.steps)

    def to_dict(self) -> dict:
        return {"steps": [s.to_dict() for s in self.steps], "pressure_note": self.pressure_note}

    @classmethod
    def from_dict(cls, d: dict) -> Routine:
        return cls(
            steps=tuple(RoutineStep.from_dict(s) for s in d["steps"]),
            pressure_note=str(d.get("pressure_note", "")),
        )


class Slot(StrEnum):
    """The two daily practice times."""

    MORNING = "morning"
    EVENING = "evening"


@dataclass(frozen=True)
class StepResult:
    """What happened to one point on one side during a session."""

    point_code: str
    side: Side
    planned_seconds: int
    pressed_seconds: int
    completed: bool  # the timer ran out (not skipped, not cut short)

    def to_dict(self) -> dict:
        return {
            "point_code": self.point_code,
            "side": self.side.value,
            "planned_seconds": self.planned_seconds,
            "pressed_seconds": self.pressed_seconds,
            "completed": self.completed,
        }

    @classmethod
    def from_dict(cls, d: dict) -> StepResult:
        return cls(
            point_code=str(d["point_code"]),
            side=Side(d["side"]),
            planned_seconds=int(d["planned_seconds"]),
            pressed_seconds=int(d["pressed_seconds"]),
            completed=bool(d["completed"]),
        )


@dataclass(frozen=True)
class SessionRecord:
    """One practice session as saved: when, which slot, what was pressed."""

    id: str
    slot: Slot
    started_at: datetime  # time-zone aware
    ended_at: datetime  # time-zone aware
    steps: tuple[StepResult, ...] = field(default_factory=tuple)
    finished: bool = False  # True when the whole routine was gone through
    # The day whose slot this session closes when it is not the day it started on: begun at
    # 00:05 after the 23:30 evening reminder, it is that evening's session. None: the start's date.
    for_day: date | None = None

    @property
    def completed_steps(self) -> int:
        return sum(1 for s in self.steps if s.completed)

    def practice_day(self, tz: tzinfo | None = None) -> date:
        """The day this session counts for: `for_day` when set, else the date it started on.

        Without `tz`, the start's date where it was done (the offset it was saved with), so a
        New York evening stays that evening after a flight to London; with `tz`, the start's
        date in that zone (a calendar drawn in one zone). Reminders, Today and every
        statistic ask this, so "done" means the same everywhere.
        """
        if self.for_day is not None:
            return self.for_day
        if self.started_at.utcoffset() is None:
            raise ValueError("a session's start without a time zone names no place, so no day")
        return (self.started_at if tz is None else self.started_at.astimezone(tz)).date()

    def to_dict(self) -> dict:
        d = {
            "id": self.id,
            "slot": self.slot.value,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "steps": [s.to_dict() for s in self.steps],
            "finished": self.finished,
        }
        if self.for_day is not None:  # absent otherwise: older records and readers stay as they were
            d["for_day"] = self.for_day.isoformat()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> SessionRecord:
        for_day = d.get("for_day")
        return cls(
            id=str(d["id"]),
            slot=Slot(d["slot"]),
            started_at=datetime.fromisoformat(d["started_at"]),
            ended_at=datetime.fromisoformat(d["ended_at"]),
            steps=tuple(StepResult.from_dict(s) for s in d["steps"]),
            finished=bool(d["finished"]),
            for_day=date.fromisoformat(for_day) if for_day is not None else None,
        )
