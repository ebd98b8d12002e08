"""Tender or numb spots a person marks on their own body, to press like a point.

Why: seed 002's first principle is to press "tender or numb points on the affected
limb", and tender spots in the neck or low back when a nerve is trapped there
(domain.md section 5).  No catalog can know where those are, so the person marks
them: a short name, a body region and a side.  The selection rule adds the ones the
safety rules allow to the routine, after the catalog points
(``data.routine.selection.spots_in_routine``), under exactly the rules a catalog point
in that region and on that side would meet.

Everything here is hostile until checked: a name is a short single line, a region
is one the app knows, a limb spot has a side, and there are at most ``MAX_SPOTS``.
The store document (``SPOTS_DOC``) is read strictly: a damaged one is set aside
(kept, told once on Today) and reads as no spots, never as a crash.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from data.models import Region, Side
from data.routine.profile import Profile, Zone
from data.storage.documents import read_doc, update_doc

SPOTS_DOC = "tender_spots"
MAX_SPOTS = 6  # a short list: a routine of 10 points plus a few spots of one's own
MAX_NAME_CHARS = 40
MAX_ID = 1_000_000
CODE_PREFIX = "spot-"  # a spot's code in a session record, e.g. "spot-3": never a catalog code

_TRUNK = (Region.NECK, Region.UPPER_BACK, Region.LOW_BACK)
REGION_WORDS = {
    Region.HAND: "hand", Region.WRIST: "wrist", Region.FOREARM: "forearm", Region.ELBOW: "elbow",
    Region.KNEE: "knee", Region.LOWER_LEG: "lower leg", Region.ANKLE: "ankle",
    Region.FOOT_TOP: "top of the foot", Region.SOLE: "sole of the foot",
    Region.NECK: "neck", Region.UPPER_BACK: "upper back", Region.LOW_BACK: "low back",
}
_FOOT_WHERE = {Region.FOOT_TOP: "the top of your {side} foot", Region.SOLE: "the sole of your {side} foot"}
_SHORT = {Region.FOOT_TOP: "foot, top", Region.SOLE: "sole"}
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # text-direction tricks
_ARM_ZONES = frozenset({Zone.FOREARM, Zone.BACK_OF_HAND, Zone.FINGERS, Zone.PALM_INNER_FOREARM})


class SpotError(ValueError):
    """A spot, a change to the spots, or a stored spots document the app cannot accept."""


def clean_name(name: object) -> str:
    """The name as saved: one line, spaces squeezed; SpotError when empty, too long or not text."""
    if not isinstance(name, str):
        raise SpotError("The name must be written in words.")
    if any(unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI for ch in name if ch not in "\n\t"):
        raise SpotError("The name can hold letters, numbers and punctuation only.")
    words = " ".join(name.split())
    if not words:
        raise SpotError("Give the spot a short name, for example \"sore spot on the shin\".")
    if len(words) > MAX_NAME_CHARS:
        raise SpotError(f"Keep the name to {MAX_NAME_CHARS} letters or fewer.")
    return words


@dataclass(frozen=True)
class TenderSpot:
    """One marked spot: which region, which side (MIDDLE only on the neck or back), and since when."""

    id: int
    name: str
    region: Region
    side: Side
    created: date

    def __post_init__(self) -> None:
        if type(self.id) is not int or not 1 <= self.id <= MAX_ID:
            raise SpotError(f"a spot's id must be a whole number 1-{MAX_ID}, got {self.id!r}")
        if clean_name(self.name) != self.name:
            raise SpotError(f"a spot's name must be saved cleaned, got {self.name!r}")
        if not isinstance(self.region, Region) or not isinstance(self.side, Side):
            raise SpotError(f"a spot needs a known region and side, got {self.region!r}, {self.side!r}")
        if self.side is Side.MIDDLE and self.region not in _TRUNK:
            raise SpotError("a spot on an arm or a leg is on the left or the right")
        if type(self.created) is not date:
            raise SpotError(f"a spot's date must be a date, got {self.created!r}")

    @property
    def code(self) -> str:
        """e.g. "spot-3": how a session or a routine screen refers to it."""
        return f"{CODE_PREFIX}{self.id}"

    @property
    def where(self) -> str:
        """e.g. "your left forearm", "the middle of your neck"."""
        if self.side is Side.MIDDLE:
            return f"the middle of your {REGION_WORDS[self.region]}"
        if self.region in _TRUNK:
            return f"the {self.side.value} side of your {REGION_WORDS[self.region]}"
        if self.region in _FOOT_WHERE:
            return _FOOT_WHERE[self.region].format(side=self.side.value)
        return f"your {self.side.value} {REGION_WORDS[self.region]}"

    @property
    def title(self) -> str:
        """e.g. "Sore spot (left forearm)", "Hot patch (right sole)", as in lists."""
        side = "middle" if self.side is Side.MIDDLE else self.side.value
        return f"{self.name} ({side} {_SHORT.get(self.region, REGION_WORDS[self.region])})"

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "region": self.region.value, "side": self.side.value,
                "created": self.created.isoformat()}

    @classmethod
    def from_dict(cls, d: Any) -> TenderSpot:
        if not isinstance(d, dict) or set(d) != {"id", "name", "region", "side", "created"}:
            raise SpotError(f"a spot needs exactly id, name, region, side and created, got {d!r}")
        try:
            region, side = Region(d["region"]), Side(d["side"])
            created = date.fromisoformat(d["created"]) if isinstance(d["created"], str) else None
        except ValueError:
            raise SpotError(f"unreadable spot {d!r}") from None
        return cls(d["id"], d["name"], region, side, created)


def is_spot_code(code: object) -> bool:
    return isinstance(code, str) and code.startswith(CODE_PREFIX)


@dataclass(frozen=True)
class SpotList:
    """The saved spots, oldest first, and the next id to give (ids are never given twice)."""

    spots: tuple[TenderSpot, ...] = ()
    next_id: int = 1

    def __post_init__(self) -> None:
        if len(self.spots) > MAX_SPOTS:
            raise SpotError(f"at most {MAX_SPOTS} spots, got {len(self.spots)}")
        ids = [s.id for s in self.spots]
        if len(set(ids)) != len(ids):
            raise SpotError("two spots share an id")
        if type(self.next_id) is not int or not max(ids, default=0) < self.next_id <= MAX_ID + 1:
            raise SpotError(f"next_id must come after every spot's id, got {self.next_id!r}")

    def to_dict(self) -> dict:
        return {"next_id": self.next_id, "spots": [s.to_dict() for s in self.spots]}

    @classmethod
    def from_dict(cls, d: Any) -> SpotList:
        if not isinstance(d, dict) or set(d) != {"next_id", "spots"} or not isinstance(d["spots"], list):
            raise SpotError(f"unreadable spots document: {d!r}")
        if len(d["spots"]) > MAX_SPOTS:
            raise SpotError(f"at most {MAX_SPOTS} spots, got {len(d['spots'])}")
        return cls(tuple(TenderSpot.from_dict(s) for s in d["spots"]), d["next_id"])


def spot_regions(profile: Profile) -> tuple[Region, ...]:
    """Where the person may mark a spot (seed 002): an affected limb, or the neck or low back with a
    trapped nerve there.  Empty until they say where they feel their symptoms."""
    out: list[Region] = []
    if profile.zones & _ARM_ZONES:
        out += [Region.HAND, Region.WRIST, Region.FOREARM, Region.ELBOW]
    if profile.zones - _ARM_ZONES:
        out += [Region.KNEE, Region.LOWER_LEG, Region.ANKLE, Region.FOOT_TOP, Region.SOLE]
    if profile.neck_compression is True:
        out += [Region.NECK, Region.UPPER_BACK]
    if profile.low_back_compression is True:
        out.append(Region.LOW_BACK)
    return tuple(out)


def sides_for(region: Region) -> tuple[Side, ...]:
    """The sides a spot in ``region`` can be on: left or right, and the middle on the neck or back."""
    return (Side.LEFT, Side.MIDDLE, Side.RIGHT) if region in _TRUNK else (Side.LEFT, Side.RIGHT)


# --- The store document -------------------------------------------------------------


def load_spot_list(store) -> SpotList:
    """The saved spots; none before the first one (or when the document was damaged and set aside)."""
    return read_doc(store, SPOTS_DOC, SpotList.from_dict) or SpotList()


def load_spots(store) -> tuple[TenderSpot, ...]:
    return load_spot_list(store).spots


def _change(store, change) -> SpotList:
    saved = update_doc(store, SPOTS_DOC, SpotList.from_dict, lambda now: change(now or SpotList()).to_dict())
    return SpotList.from_dict(saved)


def add_spot(store, name: object, region: object, side: object, profile: Profile, today: date) -> TenderSpot:
    """Mark a new spot; SpotError (in plain words) for a bad name, a place not offered, or a seventh spot."""
    name = clean_name(name)
    try:
        region, side = Region(region), Side(side)
    except ValueError:
        raise SpotError("Choose where the spot is.") from None
    if region not in spot_regions(profile):
        raise SpotError("A spot can be marked where you told us you feel your symptoms.")
    if side not in sides_for(region):
        raise SpotError("Choose the left or the right side.")
    made: list[TenderSpot] = []

    def add(now: SpotList) -> SpotList:
        if len(now.spots) >= MAX_SPOTS:
            raise SpotError(f"You can mark up to {MAX_SPOTS} spots. Delete one to add another.")
        made[:] = [TenderSpot(now.next_id, name, region, side, today)]
        return SpotList((*now.spots, made[0]), now.next_id + 1)

    _change(store, add)
    return made[0]


def rename_spot(store, spot_id: int, name: object) -> TenderSpot:
    name = clean_name(name)

    def rename(now: SpotList) -> SpotList:
        _find(now, spot_id)
        return replace(now, spots=tuple(replace(s, name=name) if s.id == spot_id else s for s in now.spots))

    return _find(_change(store, rename), spot_id)


def delete_spot(store, spot_id: int) -> TenderSpot:
    """Take a spot away for good; returns it (e.g. to say what was deleted)."""
    gone: list[TenderSpot] = []

    def delete(now: SpotList) -> SpotList:
        gone[:] = [_find(now, spot_id)]
        return replace(now, spots=tuple(s for s in now.spots if s.id != spot_id))

    _change(store, delete)
    return gone[0]


def _find(spots: SpotList, spot_id: int) -> TenderSpot:
    found = next((s for s in spots.spots if s.id == spot_id), None)
    if found is None:
        raise SpotError("That spot is no longer there.")
    return found
