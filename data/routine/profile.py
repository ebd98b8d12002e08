"""The first-run answers that shape a person's routine and switch on its safety rules.

Why a module of its own: the answers are asked once, changed rarely, and read by
both the point selection (data/routine/selection.py) and the screens, so they need one
validated shape in the store (doc "profile").  Every question can be skipped:
a skipped yes/no answer stays ``None`` (the screens can ask again later) and is
treated as "no" by the rules; a skipped multiple choice is an empty set.

Symptom zones carry no side: neuropathy from diabetes or chemotherapy is usually
on both sides, and routines press both sides anyway.  Skin problems do carry a
side, because they decide which side of a point may be pressed at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, TypeVar

from data.models import Region, Side

PROFILE_DOC = "profile"
SETUP_DOC = "setup"  # remembers "Not now" on the invitation to answer the questions

_E = TypeVar("_E", bound=StrEnum)


class ProfileError(ValueError):
    """A profile, or a stored profile doc, holds an answer the app does not know."""


class Zone(StrEnum):
    """Large areas of the body map where numbness, tingling or pain is felt."""

    FOREARM = "forearm"
    BACK_OF_HAND = "back_of_hand"
    FINGERS = "fingers"
    LOWER_LEG = "lower_leg"
    FOOT_TOP_ANKLE = "foot_top_ankle"
    SOLE = "sole"
    TOES = "toes"

    @property
    def label(self) -> str:
        return _ZONE_LABELS[self]


_ZONE_LABELS = {
    Zone.FOREARM: "Forearm",
    Zone.BACK_OF_HAND: "Back of the hand",
    Zone.FINGERS: "Fingers",
    Zone.LOWER_LEG: "Lower leg",
    Zone.FOOT_TOP_ANKLE: "Top of the foot or ankle",
    Zone.SOLE: "Sole of the foot",
    Zone.TOES: "Toes",
}


class Cause(StrEnum):
    """What the person was told causes their neuropathy; several may apply."""

    DIABETES = "diabetes"
    CHEMOTHERAPY = "chemotherapy"
    NERVE_COMPRESSION = "nerve_compression"
    OTHER = "other"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _CAUSE_LABELS[self]


_CAUSE_LABELS = {
    Cause.DIABETES: "Diabetes",
    Cause.CHEMOTHERAPY: "Chemotherapy (cancer treatment)",
    Cause.NERVE_COMPRESSION: "A trapped or pinched nerve",
    Cause.OTHER: "Something else",
    Cause.UNKNOWN: "I don't know",
}


class BodySide(StrEnum):
    """Where a skin problem is, as the person answers it."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {BodySide.LEFT: "Left", BodySide.RIGHT: "Right", BodySide.BOTH: "Both sides"}[self]

    @property
    def sides(self) -> frozenset[Side]:
        if self is BodySide.BOTH:
            return frozenset((Side.LEFT, Side.RIGHT))
        return frozenset((Side(self.value),))


class SkinArea(StrEnum):
    """Body areas for skin problems; each covers whole catalog regions (see ``regions``)."""

    HAND = "hand"
    ARM = "arm"
    LEG = "leg"
    FOOT = "foot"
    NECK = "neck"
    LOW_BACK = "low_back"

    @property
    def label(self) -> str:
        return _AREA_WORDS[self][0].capitalize()

    @property
    def regions(self) -> frozenset[Region]:
        return _AREA_REGIONS[self]

    @property
    def is_trunk(self) -> bool:
        return self in (SkinArea.NECK, SkinArea.LOW_BACK)

    @property
    def singular(self) -> str:
        """e.g. "foot or ankle", as in "your left foot or ankle"."""
        return _AREA_WORDS[self][0]

    @property
    def plural(self) -> str:
        """e.g. "feet or ankles", as in "both your feet or ankles"."""
        return _AREA_WORDS[self][1]

    @property
    def limb(self) -> str:
        """The word for one side of this area, as in "only your right foot is used"."""
        return _AREA_WORDS[self][2]

    @classmethod
    def of(cls, region: Region) -> SkinArea:
        return next(area for area in cls if region in area.regions)


_AREA_REGIONS = {
    SkinArea.HAND: frozenset((Region.HAND, Region.WRIST)),
    SkinArea.ARM: frozenset((Region.FOREARM, Region.ELBOW)),
    SkinArea.LEG: frozenset((Region.KNEE, Region.LOWER_LEG)),
    SkinArea.FOOT: frozenset((Region.ANKLE, Region.FOOT_TOP, Region.SOLE)),
    SkinArea.NECK: frozenset((Region.NECK, Region.UPPER_BACK)),
    SkinArea.LOW_BACK: frozenset((Region.LOW_BACK,)),
}

_AREA_WORDS = {
    SkinArea.HAND: ("hand or wrist", "hands or wrists", "hand"),
    SkinArea.ARM: ("forearm or elbow", "forearms or elbows", "arm"),
    SkinArea.LEG: ("knee or lower leg", "knees or lower legs", "leg"),
    SkinArea.FOOT: ("foot or ankle", "feet or ankles", "foot"),
    SkinArea.NECK: ("neck or upper back", "neck or upper back", "side"),
    SkinArea.LOW_BACK: ("low back", "low back", "side"),
}


@dataclass(frozen=True)
class SkinProblem:
    """An open wound, ulcer or other skin problem: where it is and on which side."""

    area: SkinArea
    side: BodySide

    def __post_init__(self) -> None:
        if not isinstance(self.area, SkinArea) or not isinstance(self.side, BodySide):
            raise ProfileError(f"a skin problem needs a SkinArea and a BodySide, got {self!r}")

    def to_dict(self) -> dict:
        return {"area": self.area.value, "side": self.side.value}


@dataclass(frozen=True)
class Profile:
    """The first-run answers; every one may be skipped (None or empty)."""

    zones: frozenset[Zone] = frozenset()
    neck_compression: bool | None = None  # nerve compression in the neck is involved
    low_back_compression: bool | None = None  # nerve compression in the low back is involved
    causes: frozenset[Cause] = frozenset()
    pregnant_or_maybe: bool | None = None
    bleeding_risk: bool | None = None  # blood thinners, easy bruising, low platelets
    skin_problems: frozenset[SkinProblem] = field(default_factory=frozenset)
    foot_ulcer_or_charcot: bool | None = None  # ever had a foot ulcer, or has Charcot foot
    reduced_feeling: bool | None = None  # cannot judge pressure: a helper or the other hand must

    def __post_init__(self) -> None:
        for name, kind in (("zones", Zone), ("causes", Cause), ("skin_problems", SkinProblem)):
            value = getattr(self, name)
            if not isinstance(value, frozenset) or not all(isinstance(v, kind) for v in value):
                raise ProfileError(f"{name} must be a frozenset of {kind.__name__}, got {value!r}")
        for name in _YES_NO:
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise ProfileError(f"{name} must be True, False or None, got {value!r}")
        if Cause.UNKNOWN in self.causes and len(self.causes) > 1:
            raise ProfileError("'I don't know' cannot be combined with a known cause")

    @property
    def light_pressure(self) -> bool:
        """Bleeding risk or reduced feeling: press lightly, hold briefly."""
        return self.bleeding_risk is True or self.reduced_feeling is True

    def skin_sides(self, area: SkinArea) -> frozenset[Side]:
        """Sides (LEFT, RIGHT) of ``area`` with a skin problem; empty when none."""
        out: frozenset[Side] = frozenset()
        for problem in self.skin_problems:
            if problem.area is area:
                out |= problem.side.sides
        return out

    def to_dict(self) -> dict:
        """Plain JSON with sorted lists, so equal profiles give equal docs."""
        out: dict[str, Any] = {name: getattr(self, name) for name in _YES_NO}
        out["zones"] = sorted(z.value for z in self.zones)
        out["causes"] = sorted(c.value for c in self.causes)
        out["skin_problems"] = sorted(
            (p.to_dict() for p in self.skin_problems), key=lambda d: (d["area"], d["side"])
        )
        return out

    @classmethod
    def from_dict(cls, d: dict) -> Profile:
        """Read a stored profile; missing answers count as skipped, anything unknown raises."""
        if not isinstance(d, dict):
            raise ProfileError(f"a profile must be a dict, got {type(d).__name__}")
        unknown = set(d) - {f.name for f in fields(cls)}
        if unknown:
            raise ProfileError(f"unknown profile answers: {', '.join(sorted(unknown))}")
        problems = []
        for item in _list(d, "skin_problems"):
            if not isinstance(item, dict) or set(item) != {"area", "side"}:
                raise ProfileError(f"a skin problem needs exactly 'area' and 'side', got {item!r}")
            problems.append(SkinProblem(_enum(SkinArea, item["area"]), _enum(BodySide, item["side"])))
        return cls(
            zones=frozenset(_enum(Zone, v) for v in _list(d, "zones")),
            causes=frozenset(_enum(Cause, v) for v in _list(d, "causes")),
            skin_problems=frozenset(problems),
            **{name: d.get(name) for name in _YES_NO},
        )


_YES_NO = (
    "neck_compression",
    "low_back_compression",
    "pregnant_or_maybe",
    "bleeding_risk",
    "foot_ulcer_or_charcot",
    "reduced_feeling",
)


def _list(d: dict, key: str) -> list:
    value = d.get(key, [])
    if not isinstance(value, list):
        raise ProfileError(f"{key} must be a list, got {value!r}")
    return value


def _enum(kind: type[_E], value: object) -> _E:
    try:
        return kind(value)
    except ValueError:
        raise ProfileError(f"unknown {kind.__name__} {value!r}") from None


def load_profile(store) -> Profile:
    """The saved answers, or an all-skipped profile before the first run.

    A stored doc that cannot be read raises ProfileError rather than silently
    dropping safety answers such as pregnancy.
    """
    doc = store.get_doc(PROFILE_DOC)
    return Profile() if doc is None else Profile.from_dict(doc)


def save_profile(store, profile: Profile) -> None:
    store.put_doc(PROFILE_DOC, profile.to_dict())


def has_profile(store) -> bool:
    """True once the first-run questions were answered (even if every one was skipped)."""
    return store.get_doc(PROFILE_DOC) is not None


def setup_put_off(store) -> bool:
    """True once the person said "Not now" to the first-run questions: stop inviting them."""
    doc = store.get_doc(SETUP_DOC)
    return bool(doc and doc.get("put_off") is True)


def put_off_setup(store) -> None:
    store.put_doc(SETUP_DOC, {"put_off": True})
