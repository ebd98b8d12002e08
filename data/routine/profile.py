"""The first-run answers that shape a person's routine and switch on its safety rules.

Why a module of its own: the answers are asked once, changed rarely, and read by
both the point selection (data/routine/selection.py) and the screens, so they need one
validated shape in the store (doc "profile").  Every question can be skipped:
a skipped yes/no answer stays ``None`` (the screens can ask again later); a skipped
multiple choice is an empty set.  A skipped answer is not a "no": the rules treat
an unanswered pregnancy question as "maybe" and an unanswered foot question with
care (domain.md section 5).  Answers added later (numb feet, leg circulation,
amputation, dialysis fistula, lymphoedema) default to "not answered", so profiles
and backups saved before them still load.

The MNSI questionnaire (data/journal/questionnaires.py) asks some of the same
things; ``Profile.with_mnsi`` folds those answers in, only ever toward more care.

Symptom zones carry no side: neuropathy from diabetes or chemotherapy is usually
on both sides, and routines press both sides anyway.  Skin problems do carry a
side, because they decide which side of a point may be pressed at all.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any, TypeVar

from data.journal.questionnaires import MNSI_ITEMS, list_mnsi
from data.models import Region, Side
from data.storage.documents import read_doc

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
    PALM_INNER_FOREARM = "palm_inner_forearm"  # palm side of the hand, wrist and forearm (domain.md section 5)
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
    Zone.PALM_INNER_FOREARM: "Palm or inner forearm",
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


_LIMB_AREAS = {
    # an amputation of an area takes that area and everything further down the limb
    SkinArea.ARM: (SkinArea.ARM, SkinArea.HAND),
    SkinArea.HAND: (SkinArea.HAND,),
    SkinArea.LEG: (SkinArea.LEG, SkinArea.FOOT),
    SkinArea.FOOT: (SkinArea.FOOT,),
}


@dataclass(frozen=True)
class Amputation:
    """Where a limb, or part of one, was amputated: a hand or fingers, an arm, a foot or toes, a leg."""

    area: SkinArea  # HAND, ARM, FOOT or LEG
    side: BodySide

    def __post_init__(self) -> None:
        if self.area not in _LIMB_AREAS or not isinstance(self.side, BodySide):
            raise ProfileError(f"an amputation needs a limb area (hand, arm, foot, leg) and a side, got {self!r}")

    @property
    def areas(self) -> tuple[SkinArea, ...]:
        """The areas it takes out: the one named and every one further down the same limb."""
        return _LIMB_AREAS[self.area]

    @property
    def lower_limb(self) -> bool:
        return self.area in (SkinArea.LEG, SkinArea.FOOT)

    def to_dict(self) -> dict:
        return {"area": self.area.value, "side": self.side.value}


# MNSI items (data/journal/questionnaires.py) that say the same as a profile answer.
MNSI_OPEN_SORE = 8  # "Have you ever had an open sore on your foot?"  yes -> foot_ulcer_or_charcot
MNSI_AMPUTATION = 15  # "Have you ever had an amputation?"  yes -> amputation
MNSI_NUMB_FEET_YES = 1  # "Are your legs or feet numb?"  yes -> numb_feet
MNSI_NUMB_FEET_NO = (7, 13)  # cannot tell hot from cold water; cannot feel the feet when walking -> numb_feet


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
    # Added in the second safety review (domain.md section 5); None = not answered.
    numb_feet: bool | None = None  # numb feet, or cannot tell hot from cold with them
    poor_leg_circulation: bool | None = None  # poor blood flow to the legs (peripheral arterial disease)
    amputation: bool | None = None  # ever had an amputation, toes or fingers included
    amputations: frozenset[Amputation] = field(default_factory=frozenset)  # where, if the person said
    fistula_arm: BodySide | None = None  # the arm with a dialysis fistula; None: none, or not answered
    lymphoedema_arm: BodySide | None = None  # an arm at risk of lymphoedema; None: none, or not answered

    def __post_init__(self) -> None:
        for name, kind in (
            ("zones", Zone), ("causes", Cause), ("skin_problems", SkinProblem), ("amputations", Amputation)
        ):
            value = getattr(self, name)
            if not isinstance(value, frozenset) or not all(isinstance(v, kind) for v in value):
                raise ProfileError(f"{name} must be a frozenset of {kind.__name__}, got {value!r}")
        for name in _YES_NO:
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise ProfileError(f"{name} must be True, False or None, got {value!r}")
        for name in _ARM_SIDES:
            value = getattr(self, name)
            if value is not None and not isinstance(value, BodySide):
                raise ProfileError(f"{name} must be a BodySide or None, got {value!r}")
        if Cause.UNKNOWN in self.causes and len(self.causes) > 1:
            raise ProfileError("'I don't know' cannot be combined with a known cause")
        if self.amputations and self.amputation is False:
            raise ProfileError("an amputation's place is given, but the amputation answer is 'no'")

    @property
    def has_amputation(self) -> bool:
        """Yes to the amputation question, or a place given for one."""
        return self.amputation is True or bool(self.amputations)

    @property
    def lower_limb_amputation(self) -> bool:
        """A leg, foot or toe amputation, or one whose place is not known (it may have been on a leg)."""
        if not self.has_amputation:
            return False
        return not self.amputations or any(a.lower_limb for a in self.amputations)

    def amputated_sides(self, area: SkinArea) -> frozenset[Side]:
        """Sides (LEFT, RIGHT) of ``area`` that an amputation took away; empty when none."""
        out: frozenset[Side] = frozenset()
        for a in self.amputations:
            if area in a.areas:
                out |= a.side.sides
        return out

    def no_pressure_arm_sides(self) -> dict[str, frozenset[Side]]:
        """Arms that must not be pressed at all, by reason key ("fistula", "lymphoedema")."""
        out: dict[str, frozenset[Side]] = {}
        if self.fistula_arm is not None:
            out["fistula"] = self.fistula_arm.sides
        if self.lymphoedema_arm is not None:
            out["lymphoedema"] = self.lymphoedema_arm.sides
        return out

    def with_mnsi(self, answers: Mapping[int, bool] | None) -> Profile:
        """These answers with the MNSI questionnaire's folded in, only ever toward more care.

        A "yes" to an open sore on the foot counts as the foot-ulcer answer, a "yes" to an
        amputation as the amputation answer (place unknown), and numb feet, not telling hot
        from cold water or not feeling the feet when walking as numb feet.  An MNSI answer
        never turns a setup "yes" into "no".  ``answers`` maps item number (1-15) to yes (True).
        """
        if answers is None:
            return self
        if not isinstance(answers, Mapping):
            raise ProfileError(f"MNSI answers must map question numbers to yes or no, got {answers!r}")
        known = {item.number for item in MNSI_ITEMS}
        for number, answer in answers.items():
            if type(number) is not int or number not in known or not isinstance(answer, bool):
                raise ProfileError(f"unreadable MNSI answer {number!r}: {answer!r}")
        changes: dict[str, Any] = {}
        if answers.get(MNSI_OPEN_SORE) is True:
            changes["foot_ulcer_or_charcot"] = True
        if answers.get(MNSI_AMPUTATION) is True:
            changes["amputation"] = True
        if answers.get(MNSI_NUMB_FEET_YES) is True or any(answers.get(n) is False for n in MNSI_NUMB_FEET_NO):
            changes["numb_feet"] = True
        return replace(self, **changes) if changes else self

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
        out["amputations"] = sorted(
            (a.to_dict() for a in self.amputations), key=lambda d: (d["area"], d["side"])
        )
        for name in _ARM_SIDES:
            value = getattr(self, name)
            out[name] = None if value is None else value.value
        return out

    @classmethod
    def from_dict(cls, d: dict) -> Profile:
        """Read a stored profile; missing answers count as skipped, anything unknown raises."""
        if not isinstance(d, dict):
            raise ProfileError(f"a profile must be a dict, got {type(d).__name__}")
        unknown = set(d) - {f.name for f in fields(cls)}
        if unknown:
            raise ProfileError(f"unknown profile answers: {', '.join(sorted(unknown))}")
        places = {}
        for key, kind in (("skin_problems", SkinProblem), ("amputations", Amputation)):
            places[key] = frozenset(kind(*_area_side(item, key)) for item in _list(d, key))
        arms = {name: None if d.get(name) is None else _enum(BodySide, d[name]) for name in _ARM_SIDES}
        return cls(
            zones=frozenset(_enum(Zone, v) for v in _list(d, "zones")),
            causes=frozenset(_enum(Cause, v) for v in _list(d, "causes")),
            **places,
            **arms,
            **{name: d.get(name) for name in _YES_NO},
        )


_YES_NO = (
    "neck_compression",
    "low_back_compression",
    "pregnant_or_maybe",
    "bleeding_risk",
    "foot_ulcer_or_charcot",
    "reduced_feeling",
    "numb_feet",
    "poor_leg_circulation",
    "amputation",
)
_ARM_SIDES = ("fistula_arm", "lymphoedema_arm")


def _area_side(item: object, key: str) -> tuple[SkinArea, BodySide]:
    if not isinstance(item, dict) or set(item) != {"area", "side"}:
        raise ProfileError(f"each of {key} needs exactly 'area' and 'side', got {item!r}")
    return _enum(SkinArea, item["area"]), _enum(BodySide, item["side"])


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

    A saved document that cannot be read is set aside (kept, and said once on Today)
    and reads as no answers: every safety question then counts as unanswered, the
    careful reading (no LI4 or SP6, light pressure on the feet), and Setup asks again.
    """
    return read_doc(store, PROFILE_DOC, Profile.from_dict) or Profile()


def latest_mnsi_answers(store) -> Mapping[int, bool] | None:
    """The answers of the newest completed MNSI questionnaire, or None when there is none."""
    done = list_mnsi(store)
    return done[-1].answers if done else None


def load_rules_profile(store) -> Profile:
    """The saved answers with the newest MNSI answers folded in: the profile the safety rules use.

    Screens that EDIT answers must load ``load_profile`` instead, so questionnaire answers
    are never copied into the setup answers.
    """
    return load_profile(store).with_mnsi(latest_mnsi_answers(store))


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
