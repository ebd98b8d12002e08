"""Which points go into a person's routine, which never may, and why, in plain words.

Why: the selection rule (domain.md section 1, after seed 002) picks points by
where the symptoms are; the safety rules (section 2) then take points, or one
side of a point, out.  Safety is applied last, by one function
(``enforce_safety``), to every routine this module hands out (the chosen one,
the one the person edited), so neither the rule nor an edit can get past it.

How a routine is chosen (``build_routine``):

1. Start with the five core points (seed 000) that safety allows.
2. Every symptom area the person reported (body-map zones, neck or low-back
   nerve compression) has a list of matching points, best first (``_CONCERNS``).
   First, each area that no chosen point matches yet gets its best allowed point
   (this always fits: at most 9 areas, and each core point serves one).
3. Then each area gets one more allowed point of its own, so reporting an area
   always adds something.  This second round takes the areas in ``_BALANCE``
   order, feet and hands taking turns, toes first: neuropathy usually starts in
   the feet (domain.md section 5), so someone who reports every area still gets
   foot points instead of a routine crowded with arm points.
4. Stop at ``MAX_POINTS`` (10): at one minute a side that is about 20 minutes,
   the top of what the five core points take at 1-2 minutes a side.
5. Practice order is catalog order: arms, legs, feet, then neck and back.

An area left with no point says why (``area_coverage``): every one of its
points is ruled out by a safety rule, or the person took them out.

The cause of the neuropathy does not change the points: the rule goes by where
the symptoms are, not by what caused them.

Unanswered is not "no" (domain.md section 5): with the pregnancy question
unanswered the points forbidden in pregnancy stay out, and with the foot-ulcer
question unanswered foot points are pressed lightly and briefly, with a caution.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import zip_longest
from types import MappingProxyType
from typing import Any, Mapping, Sequence

from data.journal.sessions import DAY_SECONDS
from data.models import Point, PregnancyRule, Region, Routine, RoutineStep, Side
from data.routine.catalog import CORE_CODES, POINTS, point
from data.routine.profile import Profile, SkinArea, Zone
from data.routine.saved import DEFAULT_SECONDS_PER_SIDE, MAX_SECONDS_PER_SIDE
from data.routine.spots import TenderSpot, spot_regions
from data.storage.documents import read_doc

MAX_POINTS = 10
MIN_SECONDS = 15  # the lighter start of domain.md's 15-30 s
MAX_SECONDS = MAX_SECONDS_PER_SIDE  # the top of domain.md's 1-2 min per point per side
LIGHT_PRESSURE_MAX_SECONDS = 30
EDITS_DOC = "routine_edits"
MAX_EDIT_ITEMS = 500  # far more changes than there are points

# domain.md sections 2 and 5, by name, on top of each point's own pregnancy field, so a
# point added to the catalog later (BL67, GB21) is covered even if its field is left wrong.
# KI1 is on no classical list but is used to bring on labour (section 5): avoided too.
_PREGNANCY_FORBIDDEN = frozenset({"LI4", "SP6", "BL60", "BL67"})
_PREGNANCY_AVOID = frozenset({"GB21", "GV3", "BL32", "SP9", "LR3", "KI1"})

PREGNANCY_CHOICE = (
    "Some points are traditionally not pressed in pregnancy. A 2015 review found no firm evidence "
    "that pressing them causes harm (Carr, Acupuncture in Medicine 33: 413); the app leaves them "
    "out anyway, as a careful choice."
)
"""Said plainly wherever the pregnancy rule is explained (domain.md section 5: a choice, not a proven risk)."""

_ORDER = {p.code: i for i, p in enumerate(POINTS)}


# --- Symptom areas and their points -----------------------------------------------


@dataclass(frozen=True)
class _Concern:
    """One symptom area of the selection rule and its matching points, best first."""

    key: str  # a Zone value, "neck" or "low_back"
    yours: str  # "your fingers": after "you told us about"
    general: str  # "the fingers": after "this point is picked for"
    codes: tuple[str, ...]


_CONCERNS: tuple[_Concern, ...] = (
    # Arm, outer surface: forearm and back-of-hand symptoms.
    _Concern(Zone.FOREARM, "your forearm", "the forearm", ("LI10", "TE5", "LI11")),
    _Concern(Zone.BACK_OF_HAND, "the back of your hand", "the back of the hand",
             ("LI4", "EX-UE9", "TE5")),
    # Arm, inner surface of forearm and wrist: numb fingers.  Baxie, on the back of
    # the hand, comes last: the sources use it for numb fingers (see catalog.py).
    _Concern(Zone.FINGERS, "your fingers", "the fingers", ("PC6", "PC7", "HT7", "EX-UE9")),
    # Palm and inner forearm (common in chemotherapy neuropathy and carpal tunnel, domain.md
    # section 5): the same inner (yin) surface of the wrist and forearm, the wrist crease first.
    _Concern(Zone.PALM_INNER_FOREARM, "your palm or inner forearm", "the palm or inner forearm",
             ("PC7", "PC6", "HT7")),
    # The rule names no points for the lower leg itself; as on the arm, where
    # symptoms of the limb go to its outer surface, we use the front and outer leg.
    _Concern(Zone.LOWER_LEG, "your lower leg", "the lower leg", ("GB39", "ST36", "GB34")),
    # Leg, front and outer surface: top of the foot or ankle.
    _Concern(Zone.FOOT_TOP_ANKLE, "the top of your foot or ankle", "the top of the foot or the ankle",
             ("ST41", "EX-LE10", "LR3", "GB39", "BL60", "ST36", "GB34")),
    # Leg and foot, inner surface: the sole.
    _Concern(Zone.SOLE, "the sole of your foot", "the sole of the foot", ("KI3", "KI1", "SP9", "SP6")),
    # Toes: Bafeng lies between the toes and is among the points most used for
    # chemotherapy neuropathy (Jin 2020); diabetic numbness starts on the sole side
    # of the toes, so the sole's inner-leg-and-foot points follow.  The leg points
    # at the end keep something for toes when foot points must be skipped.
    _Concern(Zone.TOES, "your toes", "the toes", ("EX-LE10", "KI1", "KI3", "SP9", "SP6")),
    _Concern("neck", "nerve trouble in your neck", "nerve trouble in the neck", ("BL10", "GV14", "SI15")),
    _Concern("low_back", "nerve trouble in your low back", "nerve trouble in the low back", ("GV3", "BL32")),
)


# The second round of choosing, and week 1's first points: feet and hands take turns,
# from the tips of the limbs inward, toes first (neuropathy usually starts in the feet).
_BALANCE: tuple[str, ...] = (
    Zone.TOES, Zone.FINGERS, Zone.SOLE, Zone.BACK_OF_HAND, Zone.FOOT_TOP_ANKLE, Zone.FOREARM,
    Zone.LOWER_LEG, Zone.PALM_INNER_FOREARM, "neck", "low_back",
)
assert set(_BALANCE) == {c.key for c in _CONCERNS}
_LIMB_OF = {
    Zone.TOES: "leg", Zone.SOLE: "leg", Zone.FOOT_TOP_ANKLE: "leg", Zone.LOWER_LEG: "leg",
    Zone.FINGERS: "arm", Zone.PALM_INNER_FOREARM: "arm", Zone.BACK_OF_HAND: "arm", Zone.FOREARM: "arm",
    "neck": "trunk", "low_back": "trunk",
}


def _concerns_of(profile: Profile) -> tuple[_Concern, ...]:
    keys = {z.value for z in profile.zones}
    if profile.neck_compression is True:
        keys.add("neck")
    if profile.low_back_compression is True:
        keys.add("low_back")
    return tuple(c for c in _CONCERNS if c.key in keys)


def _balanced(concerns: tuple[_Concern, ...]) -> tuple[_Concern, ...]:
    return tuple(sorted(concerns, key=lambda c: _BALANCE.index(c.key)))


def first_choices(profile: Profile, codes: Sequence[str]) -> tuple[str, ...]:
    """Among `codes`, the best point for each symptom area the person reported, leg and arm in turn.

    A short routine (week 1 of the plan) starts with these, so it already targets
    where the person feels their symptoms instead of only the general core points.
    Each area gives its best point not already taken; the leg areas' points and the
    arm areas' points then take turns, leg first (neuropathy usually starts in the
    feet), and neck and low-back points follow, so week 1 is not all arm points.
    """
    present = set(codes)
    taken: set[str] = set()
    groups: dict[str, list[str]] = {"leg": [], "arm": [], "trunk": []}
    for concern in _balanced(_concerns_of(profile)):
        best = next((c for c in concern.codes if c in present and c not in taken), None)
        if best is not None:
            taken.add(best)
            groups[_LIMB_OF[concern.key]].append(best)
    legs, arms = groups["leg"], groups["arm"]
    turns = [c for pair in zip_longest(legs, arms) for c in pair if c is not None]
    return (*turns, *groups["trunk"])


# --- Safety --------------------------------------------------------------------------


class BlockKind(StrEnum):
    PREGNANCY = "pregnancy"  # pregnant or maybe, or the question not answered (forbidden points only)
    SKIN = "skin"
    FOOT_HISTORY = "foot_history"  # past foot ulcer or Charcot foot
    AMPUTATION = "amputation"
    CIRCULATION = "circulation"  # poor blood flow to the legs
    NO_PRESSURE_ARM = "no_pressure_arm"  # dialysis fistula, or an arm at risk of lymphoedema


@dataclass(frozen=True)
class Block:
    """One safety rule that takes out a point, or some of its sides."""

    kind: BlockKind
    sides: tuple[Side, ...]  # the sides it takes out
    reason: str  # plain words, e.g. "it is not used in pregnancy"


@dataclass(frozen=True)
class SafetyCheck:
    """What the safety rules allow for one point and one profile."""

    code: str
    allowed_sides: tuple[Side, ...]
    blocks: tuple[Block, ...]

    @property
    def allowed(self) -> bool:
        return bool(self.allowed_sides)

    @property
    def reasons(self) -> str:
        """Every rule that applies, joined: for a point that is out altogether."""
        return "; ".join(dict.fromkeys(b.reason for b in self.blocks))

    def side_note(self, future: bool = False) -> str:
        """E.g. "only your right foot is used: ..."; empty when every side is allowed."""
        if not self.allowed or len(self.allowed_sides) == len(point(self.code).sides):
            return ""
        limb = SkinArea.of(point(self.code).region).limb
        used = "will be used" if future else "is used"
        side = self.allowed_sides[0].value
        return f"only your {side} {limb} {used}: {self.reasons}"


_FOOT_HISTORY = "foot points are left out after a foot ulcer or with Charcot foot; leg points are used instead"
_AMPUTATION_FEET = (
    "foot points are left out after an amputation on a leg or foot, because the feet then get sores "
    "more easily; leg points are used instead"
)
_AMPUTATION_SOMEWHERE = (
    "foot points are left out after an amputation until you tell us where it was (it may have been on a "
    "leg or foot); leg points are used instead"
)
_CIRCULATION_FEET = (
    "foot points are left out with poor circulation in the legs, because a mark on the foot can be slow "
    "to heal; leg points are pressed lightly instead"
)
_NO_PRESSURE_ARM = {
    "fistula": "nothing should press on the arm with a dialysis fistula, so {where} is not used",
    "lymphoedema": "an arm at risk of lymphoedema should not be pressed, so {where} is not used",
}


def _left_out_in_pregnancy(p: Point) -> bool:
    """A point left out when the person is pregnant: forbidden, avoided to be safe, or on the low back."""
    return (p.pregnancy is not PregnancyRule.NONE_FOUND or p.code in _PREGNANCY_FORBIDDEN
            or p.code in _PREGNANCY_AVOID or p.region is Region.LOW_BACK)


def check_point(code: str, profile: Profile) -> SafetyCheck:
    """Apply every safety rule of domain.md sections 2 and 5 to one point.

    An unanswered pregnancy question counts as "maybe" for the forbidden points.
    A skin problem, an amputation, a dialysis fistula or an arm at risk of
    lymphoedema on one side takes out that side of a two-sided point, and a skin
    problem takes a midline point in that area out altogether.
    """
    p = point(code)
    blocks: list[Block] = []
    forbidden = p.pregnancy is PregnancyRule.FORBIDDEN or code in _PREGNANCY_FORBIDDEN
    if profile.pregnant_or_maybe is True:
        if forbidden:
            blocks.append(Block(BlockKind.PREGNANCY, p.sides, "it is not used in pregnancy"))
        elif _left_out_in_pregnancy(p):
            blocks.append(Block(BlockKind.PREGNANCY, p.sides, "it is left out in pregnancy, to be safe"))
    elif profile.pregnant_or_maybe is None and forbidden:
        blocks.append(Block(
            BlockKind.PREGNANCY, p.sides,
            "it is not used in pregnancy, and the question whether you are or might be pregnant is not "
            "answered yet",
        ))
    blocks += _place_blocks(p.region, p.sides, profile)
    taken = {s for b in blocks for s in b.sides}
    return SafetyCheck(code, tuple(s for s in p.sides if s not in taken), tuple(blocks))


def _place_blocks(region: Region, sides: tuple[Side, ...], profile: Profile) -> list[Block]:
    """The rules that go by where a place is (region and side), for catalog points and tender spots alike:
    foot history, amputations, leg circulation, a no-pressure arm and skin problems."""
    blocks: list[Block] = []
    if region.is_foot:
        if profile.foot_ulcer_or_charcot is True:
            blocks.append(Block(BlockKind.FOOT_HISTORY, sides, _FOOT_HISTORY))
        if profile.lower_limb_amputation:
            why = _AMPUTATION_FEET if profile.amputations else _AMPUTATION_SOMEWHERE
            blocks.append(Block(BlockKind.AMPUTATION, sides, why))
        if profile.poor_leg_circulation is True:
            blocks.append(Block(BlockKind.CIRCULATION, sides, _CIRCULATION_FEET))
    area = SkinArea.of(region)
    for amputation in sorted(profile.amputations, key=lambda a: (a.area.value, a.side.value)):
        if area in amputation.areas:
            blocks.append(Block(
                BlockKind.AMPUTATION, tuple(s for s in sides if s in amputation.side.sides),
                f"you told us about an amputation of {_where(amputation.area, amputation.side.sides)}",
            ))
    if region.limb == "arm":
        for key, arm_sides in profile.no_pressure_arm_sides().items():
            where = "either arm" if len(arm_sides) == 2 else f"your {next(iter(arm_sides)).value} arm"
            blocks.append(Block(
                BlockKind.NO_PRESSURE_ARM, tuple(s for s in sides if s in arm_sides),
                _NO_PRESSURE_ARM[key].format(where=where),
            ))
    hurt = profile.skin_sides(area)
    if hurt:
        blocks.append(Block(
            BlockKind.SKIN, tuple(s for s in sides if s is Side.MIDDLE or s in hurt),
            f"you told us about a wound or skin problem on {_where(area, hurt)}",
        ))
    return blocks


def _where(area: SkinArea, sides: frozenset[Side]) -> str:
    both = len(sides) == 2
    if area.is_trunk:
        return f"your {area.singular}" if both else f"the {next(iter(sides)).value} side of your {area.singular}"
    return f"both your {area.plural}" if both else f"your {next(iter(sides)).value} {area.singular}"


def _light_reason(profile: Profile) -> str:
    reasons = []
    if profile.bleeding_risk is True:
        reasons.append("you take blood thinners or bruise easily")
    if profile.reduced_feeling is True:
        reasons.append("less feeling makes pressure hard to judge")
    return ", and ".join(reasons)


def _place_light_reasons(region: Region, profile: Profile) -> tuple[str, ...]:
    """Why a place in ``region`` (a point's or a tender spot's) is pressed lightly and briefly."""
    reasons: list[str] = []
    if region.is_foot and profile.numb_feet is not False:
        reasons.append("numb feet cannot warn you of harm")
    if region.is_foot and profile.foot_ulcer_or_charcot is None:
        reasons.append("the question about foot ulcers is not answered yet")
    if region.limb == "leg" and profile.poor_leg_circulation is True:
        reasons.append("you told us about poor circulation in the legs")
    return tuple(reasons)


def _step_note(region: Region, profile: Profile) -> str:
    if profile.light_pressure:
        return STEP_LIGHT_NOTE
    if not _place_light_reasons(region, profile):
        return ""
    return STEP_FOOT_NOTE if region.is_foot else STEP_CIRCULATION_NOTE


def _region_cap(region: Region, profile: Profile) -> int:
    if profile.light_pressure or _place_light_reasons(region, profile):
        return LIGHT_PRESSURE_MAX_SECONDS
    return MAX_SECONDS


def seconds_cap(code: str, profile: Profile) -> int:
    """The longest hold, each side, the rules allow for this point: 30 s under light pressure, else 2 min.

    Light pressure applies to the whole routine with bleeding risk or reduced feeling,
    and to single points: foot points unless the person said their feet are not numb and
    answered the foot-ulcer question (domain.md sections 1 and 5), and leg and foot
    points with poor circulation in the legs.
    """
    return _region_cap(point(code).region, profile)


def pressure_note(profile: Profile) -> str:
    """The routine-wide note for light pressure, or "" when none is needed."""
    if not profile.light_pressure:
        return ""
    note = (
        f"Press lightly and keep each hold short, {LIGHT_PRESSURE_MAX_SECONDS} seconds each side "
        f"at most, because {_light_reason(profile)}."
    )
    if profile.reduced_feeling is True:
        note += (
            " Use the hand that feels more, or ask a helper to press for you."
            " Afterwards, look at your skin for redness or marks."
        )
    return note


STEP_LIGHT_NOTE = f"Press lightly, {LIGHT_PRESSURE_MAX_SECONDS} seconds each side at most."
"""Said on every step when light pressure applies (a step has no field of its own for it)."""

STEP_FOOT_NOTE = (
    f"Press lightly, {LIGHT_PRESSURE_MAX_SECONDS} seconds each side at most: numb feet cannot warn you "
    "of harm. Look at the skin afterwards."
)
"""Said on a foot point pressed lightly while the rest of the routine is not."""

STEP_CIRCULATION_NOTE = (
    f"Press lightly, {LIGHT_PRESSURE_MAX_SECONDS} seconds each side at most, because of poor circulation "
    "in the legs."
)
"""Said on a leg point pressed lightly because of poor circulation."""

_STEP_NOTES = (STEP_LIGHT_NOTE, STEP_FOOT_NOTE, STEP_CIRCULATION_NOTE)


def step_note(code: str, profile: Profile) -> str:
    """The light-pressure sentence added to this point's step, or "" when it is pressed firmly."""
    return _step_note(point(code).region, profile)


FIRM_WORDS = "Firm, slow circles, never painful. Breathe slowly."
LIGHT_WORDS = "Press lightly, in slow circles. Breathe slowly."


def pressing_words(code: str, profile: Profile) -> str:
    """The one line shown while the timer runs: light where the rules ask for light pressure.

    Bleeding risk and reduced feeling (the person's answers), numb feet (any foot
    point) and poor leg circulation (leg points) call for light pressure; everyone
    else presses firmly, never painfully (the one pressure message, domain.md section 1).
    """
    return _pressing_words(point(code).region, profile)


def _pressing_words(region: Region, profile: Profile) -> str:
    if profile.light_pressure or region.is_foot or _place_light_reasons(region, profile):
        return LIGHT_WORDS
    return FIRM_WORDS


def unanswered_cautions(code: str, profile: Profile) -> tuple[str, ...]:
    """Warnings the rules cannot apply yet because a safety question was not answered.

    With the pregnancy question unanswered the forbidden points are left out
    (``check_point``); the points only avoided in pregnancy stay, with this warning.
    With the foot-ulcer question unanswered, foot points carry a warning too.
    """
    out: list[str] = []
    if profile.pregnant_or_maybe is None and (
        code in _PREGNANCY_FORBIDDEN | _PREGNANCY_AVOID
        or point(code).pregnancy is not PregnancyRule.NONE_FOUND
    ):
        out.append("If you are or might be pregnant, skip this point.")
    if profile.foot_ulcer_or_charcot is None and point(code).region.is_foot:
        out.append(
            "If you have or have had a foot ulcer, or have Charcot foot, skip this point and say so in your "
            "answers. Until then, press it lightly."
        )
    return tuple(out)


@dataclass(frozen=True)
class Refusal:
    """A change the safety rules or limits did not allow, said in plain words."""

    code: str
    message: str


@dataclass(frozen=True)
class RoutineResult:
    """A routine that obeys the safety rules, and what had to be refused to get there."""

    routine: Routine
    refused: tuple[Refusal, ...] = ()


def _name(code: str) -> str:
    p = point(code)
    return f"{p.code} {p.pinyin}"


def _with_step_note(reason: str, note: str) -> str:
    base = reason
    for known in _STEP_NOTES:
        base = base.removesuffix(known).rstrip()
    if not note:
        return base
    return f"{base} {note}" if base else note


def enforce_safety(routine: Routine, profile: Profile) -> RoutineResult:
    """Make any routine obey the safety rules; every routine the app plays passes through here.

    Drops unknown, duplicate and unsafe points, keeps only allowed sides (in
    catalog order), keeps seconds within 15 s-2 min (30 s under light pressure,
    ``seconds_cap``), and sets the pressure note and the per-step light-pressure
    sentence.  Idempotent: a routine that already obeys comes back unchanged.
    """
    steps: list[RoutineStep] = []
    refused: list[Refusal] = []
    seen: set[str] = set()
    for step in routine.steps:
        code = step.point_code
        if code not in _ORDER:
            refused.append(Refusal(code, f"{code} was taken out: it is no longer in the app's list of points."))
            continue
        if code in seen:
            continue
        seen.add(code)
        check = check_point(code, profile)
        if not check.allowed:
            refused.append(Refusal(code, f"{_name(code)} was taken out of your routine: {check.reasons}."))
            continue
        # Sides are always what safety allows: no edit chooses sides, and a healed side comes back.
        blocked = {s for b in check.blocks for s in b.sides}
        if blocked & set(step.sides):
            refused.append(Refusal(code, f"For {_name(code)}, {check.side_note()}."))
        top = seconds_cap(code, profile)
        seconds = min(max(step.seconds_per_side, MIN_SECONDS), top)
        if seconds != step.seconds_per_side:
            if step.seconds_per_side > top and top < MAX_SECONDS:
                because = _light_reason(profile) or ", and ".join(_place_light_reasons(point(code).region, profile))
                why = f"is kept to {top} seconds each side because {because}"
            else:
                why = f"is set to {duration_words(seconds)} each side: it can be 15 seconds to 2 minutes"
            refused.append(Refusal(code, f"{_name(code)} {why}."))
        steps.append(replace(step, sides=check.allowed_sides, seconds_per_side=seconds,
                             reason=_with_step_note(step.reason, step_note(code, profile))))
    return RoutineResult(Routine(tuple(steps), pressure_note(profile)), tuple(refused))


def duration_words(seconds: int) -> str:
    """30 -> "30 seconds", 60 -> "1 minute", 90 -> "1 and a half minutes"."""
    minutes, rest = divmod(seconds, 60)
    if minutes == 0:
        return f"{seconds} seconds"
    whole = "1 minute" if minutes == 1 else f"{minutes} minutes"
    if rest == 0:
        return whole
    if rest == 30:
        return f"{minutes} and a half minutes"
    return f"{whole} {rest} seconds"


# --- Choosing the routine -----------------------------------------------------------


def build_routine(
    profile: Profile, seconds_per_side: int = DEFAULT_SECONDS_PER_SIDE, *, mnsi: Mapping[int, bool] | None = None
) -> Routine:
    """The routine the selection rule chooses for these answers (see the module docstring).

    ``mnsi``: the newest MNSI answers (item number -> yes), folded in by ``Profile.with_mnsi``.
    """
    profile = profile.with_mnsi(mnsi)
    if not MIN_SECONDS <= seconds_per_side <= MAX_SECONDS:
        raise ValueError(f"seconds_per_side must be {MIN_SECONDS}-{MAX_SECONDS}, got {seconds_per_side}")
    concerns = _concerns_of(profile)
    checks = {p.code: check_point(p.code, profile) for p in POINTS}
    chosen = [code for code in CORE_CODES if checks[code].allowed]

    def add_best(concern: _Concern) -> None:
        for code in concern.codes:
            if code not in chosen and checks[code].allowed:
                chosen.append(code)
                return

    for concern in concerns:
        if len(chosen) < MAX_POINTS and not any(code in chosen for code in concern.codes):
            add_best(concern)
    for concern in _balanced(concerns):
        if len(chosen) < MAX_POINTS:
            add_best(concern)
    steps = tuple(
        RoutineStep(code, seconds_per_side, checks[code].allowed_sides, _reason(code, concerns))
        for code in sorted(chosen, key=_ORDER.__getitem__)
    )
    return enforce_safety(Routine(steps), profile).routine


def _reason(code: str, concerns: tuple[_Concern, ...]) -> str:
    matched = [c.yours for c in concerns if code in c.codes]
    if code in CORE_CODES:
        if not matched:
            return "One of the five core points."
        return f"One of the five core points, and chosen because you told us about {_join(matched)}."
    return f"Chosen because you told us about {_join(matched)}."


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def ruled_out_choices(profile: Profile) -> tuple[str, ...]:
    """Why each point the rule would choose (core points, then symptom points) is left out, one line each.

    For saying why a routine came out empty, e.g. "LI4 Hegu: it is not used in pregnancy."
    """
    candidates = dict.fromkeys((*CORE_CODES, *(code for c in _concerns_of(profile) for code in c.codes)))
    checks = (check_point(code, profile) for code in sorted(candidates, key=_ORDER.__getitem__))
    return tuple(f"{_name(c.code)}: {c.reasons}." for c in checks if not c.allowed)


@dataclass(frozen=True)
class AreaCover:
    """One symptom area the person reported: the routine's points for it, or why it has none."""

    key: str  # a Zone value, "neck" or "low_back"
    label: str  # e.g. "Sole of the foot"
    codes: tuple[str, ...]  # the routine's points that serve this area, in routine order
    reason: str  # "" when ``codes`` is not empty; else why no point serves it, in plain words

    @property
    def covered(self) -> bool:
        return bool(self.codes)

    @property
    def words(self) -> str:
        """One line for the screens, e.g. "Sole of the foot: KI3 Taixi." or the reason."""
        if self.codes:
            return f"{self.label}: {_join([_name(c) for c in self.codes])}."
        return f"{self.label}: no point. {self.reason}"


def area_coverage(profile: Profile, routine: Routine | None = None) -> tuple[AreaCover, ...]:
    """Each symptom area the person reported, with the points ``routine`` has for it or why it has none.

    ``routine`` is the person's full routine (``personal_routine``); by default the
    one chosen for ``profile``.  An area can be left with no point even when the
    routine is not empty, e.g. the sole and toes when pregnant with a foot ulcer:
    the screens say so, with the reason, instead of staying silent.
    """
    if routine is None:
        routine = build_routine(profile)
    present = [s.point_code for s in routine.steps]
    out: list[AreaCover] = []
    for concern in _concerns_of(profile):
        label = concern.general.removeprefix("the ").capitalize()
        mine = tuple(c for c in present if c in concern.codes)
        if mine:
            out.append(AreaCover(str(concern.key), label, mine, ""))
            continue
        checks = [check_point(c, profile) for c in concern.codes]
        allowed = [c.code for c in checks if c.allowed]
        if allowed:
            reason = (f"Its points are not in your routine now. You can add {_name(allowed[0])} "
                      "in My routine.")
        else:
            by_reason: dict[str, list[str]] = {}
            for c in checks:
                by_reason.setdefault(c.reasons, []).append(_name(c.code))
            parts = [f"{_join(names)}: {why}" for why, names in by_reason.items()]
            reason = f"Every point for {concern.general} is left out for your safety. {'. '.join(parts)}."
            reason = reason[0:1].upper() + reason[1:]
        out.append(AreaCover(str(concern.key), label, (), reason))
    return tuple(out)


def symptom_areas() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(key, label, point codes) for every symptom area of the rule, e.g. ("fingers", "Fingers", ("PC6", ...)).

    For filtering the Points library by symptom with the same lists the rule chooses from.
    """
    return tuple((str(c.key), c.general.removeprefix("the ").capitalize(), c.codes) for c in _CONCERNS)


# --- The person's own changes -------------------------------------------------------


@dataclass(frozen=True)
class RoutineEdits:
    """The person's changes, kept apart from the chosen routine so they survive a rebuild.

    When the answers change, the routine is chosen again and these edits are
    applied on top (``apply_edits``); safety still has the last word.
    """

    added: tuple[str, ...] = ()  # point codes, in the order they were added
    removed: frozenset[str] = frozenset()
    order: tuple[str, ...] = ()  # the person's practice order; unlisted points follow
    seconds: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        codes = (*self.added, *self.removed, *self.order, *self.seconds)
        if not all(isinstance(c, str) for c in codes):
            raise ValueError("point codes must be strings")
        if not all(type(s) is int for s in self.seconds.values()):
            raise ValueError("seconds must be whole numbers")
        object.__setattr__(self, "seconds", MappingProxyType(dict(self.seconds)))

    def with_added(self, code: str) -> RoutineEdits:
        added = self.added if code in self.added else (*self.added, code)
        return replace(self, added=added, removed=self.removed - {code})

    def with_removed(self, code: str) -> RoutineEdits:
        return replace(self, added=tuple(c for c in self.added if c != code), removed=self.removed | {code})

    def with_order(self, codes: Sequence[str]) -> RoutineEdits:
        return replace(self, order=tuple(codes))

    def with_seconds(self, code: str, seconds: int) -> RoutineEdits:
        return replace(self, seconds={**self.seconds, code: seconds})

    def to_dict(self) -> dict:
        return {
            "added": list(self.added),
            "removed": sorted(self.removed),
            "order": list(self.order),
            "seconds": dict(sorted(self.seconds.items())),
        }

    @classmethod
    def from_dict(cls, d: dict) -> RoutineEdits:
        """Read stored edits; codes are not checked against the catalog here (``apply_edits`` does)."""
        if not isinstance(d, dict) or set(d) - {"added", "removed", "order", "seconds"}:
            raise ValueError(f"unreadable routine edits: {d!r}")
        lists = {key: d.get(key, []) for key in ("added", "removed", "order")}
        seconds = d.get("seconds", {})
        if (
            not all(isinstance(v, list) and all(isinstance(c, str) for c in v) for v in lists.values())
            or not isinstance(seconds, dict)
        ):
            raise ValueError(f"unreadable routine edits: {d!r}")
        return cls(
            added=tuple(lists["added"]),
            removed=frozenset(lists["removed"]),
            order=tuple(lists["order"]),
            seconds=seconds,
        )


def apply_edits(base: Routine, edits: RoutineEdits, profile: Profile) -> RoutineResult:
    """The chosen routine with the person's changes on top; safety wins over every change.

    Removing and reordering are always allowed.  Adding a point safety rules out
    is refused with the reason (e.g. "LI4 Hegu cannot be added: it is not used
    in pregnancy."); a point allowed on one side only is added for that side.
    Durations are kept within 15 s-2 min, and to 30 s with light pressure.
    """
    steps = [s for s in base.steps if s.point_code not in edits.removed]
    refused: list[Refusal] = []
    new_seconds = max((s.seconds_per_side for s in base.steps), default=DEFAULT_SECONDS_PER_SIDE)
    for code in edits.added:
        if any(s.point_code == code for s in steps):
            continue
        if code not in _ORDER:
            refused.append(Refusal(code, f"{code} cannot be added: it is not in the app's list of points."))
            continue
        check = check_point(code, profile)
        if not check.allowed:
            refused.append(Refusal(code, f"{_name(code)} cannot be added: {check.reasons}."))
            continue
        if check.side_note():
            refused.append(Refusal(code, f"{_name(code)} is added, but {check.side_note()}."))
        seconds = min(new_seconds, seconds_cap(code, profile))  # a light-pressure point starts short
        steps.append(RoutineStep(code, seconds, check.allowed_sides, "Added by you."))
    rank = {code: i for i, code in enumerate(edits.order)}
    steps.sort(key=lambda s: rank.get(s.point_code, len(rank)))  # stable: unlisted keep their order
    steps = [
        replace(s, seconds_per_side=edits.seconds[s.point_code]) if s.point_code in edits.seconds else s
        for s in steps
    ]
    checked = enforce_safety(Routine(tuple(steps), base.pressure_note), profile)
    return RoutineResult(checked.routine, (*refused, *checked.refused))


def personal_routine(
    profile: Profile, edits: RoutineEdits = RoutineEdits(), *, mnsi: Mapping[int, bool] | None = None
) -> RoutineResult:
    """The chosen routine for these answers with the person's edits applied.

    ``mnsi``: the newest MNSI answers, folded in by ``Profile.with_mnsi`` (or pass a
    profile from ``load_rules_profile``, which already holds them).
    """
    profile = profile.with_mnsi(mnsi)
    return apply_edits(build_routine(profile), edits, profile)


def read_edits(doc: Any) -> RoutineEdits:
    """Saved routine edits, checked in full: known points only, a sane number of them, hold times in
    whole seconds up to a day.  ValueError says what is wrong; the one check the reader and a backup use."""
    edits = RoutineEdits.from_dict(doc)
    if max(len(edits.added), len(edits.removed), len(edits.order), len(edits.seconds)) > MAX_EDIT_ITEMS:
        raise ValueError("too many changes to be real")
    for code in {*edits.added, *edits.removed, *edits.order, *edits.seconds}:
        try:
            point(code)
        except KeyError:
            raise ValueError(f"unknown point {code!r}") from None
    for code, seconds in edits.seconds.items():
        if type(seconds) is not int or not 1 <= seconds <= DAY_SECONDS:
            raise ValueError(f"seconds for {code} must be a whole number of seconds, found {seconds!r}")
    return edits


def load_edits(store) -> RoutineEdits:
    """The person's changes to the routine; none when none are saved or the saved ones are damaged
    (then they are set aside and told on Today)."""
    return read_doc(store, EDITS_DOC, read_edits) or RoutineEdits()


def save_edits(store, edits: RoutineEdits) -> None:
    store.put_doc(EDITS_DOC, edits.to_dict())


# --- Tender spots: the person's own places, under the same rules ----------------------

ROUTINE_TIME_CAP_SECONDS = 25 * 60
"""A routine with the person's spots stays under this: the full routine's 20 minutes or so, and a
few spots of their own.  Spots that would go over it wait (``SpotsResult.left_out`` says so)."""


PREGNANCY_SPOT_REGIONS = frozenset(p.region for p in POINTS if _left_out_in_pregnancy(p)) | {Region.LOW_BACK}
"""Regions holding a point left out in pregnancy (LI4 on the hand, SP6, BL60, KI1, the low back...): a
spot there may sit on that very point, so a spot there is left out in pregnancy too."""


def check_spot(spot: TenderSpot, profile: Profile) -> SafetyCheck:
    """The safety rules for a tender spot: exactly those a catalog point in its region and on its
    side meets (foot history, amputations, circulation, a fistula or lymphoedema arm, skin
    problems), and, in pregnancy, spots in a region whose points are left out then
    (``PREGNANCY_SPOT_REGIONS``).

    A spot has no pregnancy listing of its own; the pregnancy question unanswered leaves such a
    spot in, with a caution (``spot_cautions``), as it does GV3 and BL32.
    """
    sides = (spot.side,)
    blocks: list[Block] = []
    if profile.pregnant_or_maybe is True and spot.region in PREGNANCY_SPOT_REGIONS:
        blocks.append(Block(BlockKind.PREGNANCY, sides, "points there are left out in pregnancy, so it is "
                                                        "left out too, to be safe"))
    blocks += _place_blocks(spot.region, sides, profile)
    taken = {s for b in blocks for s in b.sides}
    return SafetyCheck(spot.code, tuple(s for s in sides if s not in taken), tuple(blocks))


def spot_seconds_cap(spot: TenderSpot, profile: Profile) -> int:
    """The longest hold for a spot: the cap of a catalog point in the same region (``seconds_cap``)."""
    return _region_cap(spot.region, profile)


def spot_pressing_words(spot: TenderSpot, profile: Profile) -> str:
    """The one line shown while a spot is pressed, as for a catalog point in its region."""
    return _pressing_words(spot.region, profile)


def spot_cautions(spot: TenderSpot, profile: Profile) -> tuple[str, ...]:
    """Warnings for a spot while a safety question is unanswered, as ``unanswered_cautions`` gives a point."""
    out: list[str] = []
    if profile.pregnant_or_maybe is None and spot.region in PREGNANCY_SPOT_REGIONS:
        out.append("If you are or might be pregnant, skip this spot.")
    if profile.foot_ulcer_or_charcot is None and spot.region.is_foot:
        out.append(
            "If you have or have had a foot ulcer, or have Charcot foot, skip this spot and say so in your "
            "answers. Until then, press it lightly."
        )
    return tuple(out)


@dataclass(frozen=True)
class SpotStep:
    """A tender spot as pressed in a routine, after the catalog points."""

    spot: TenderSpot
    seconds_per_side: int
    note: str  # the light-pressure sentence, as on a catalog point's step; "" when pressed firmly
    cautions: tuple[str, ...]  # while a safety question is unanswered

    @property
    def sides(self) -> tuple[Side, ...]:
        return (self.spot.side,)


@dataclass(frozen=True)
class SpotsResult:
    """The spots that join a routine, and each one left out with the reason, in plain words."""

    steps: tuple[SpotStep, ...]
    left_out: tuple[tuple[TenderSpot, str], ...] = ()


def spots_in_routine(routine: Routine, spots: Sequence[TenderSpot], profile: Profile) -> SpotsResult:
    """The person's spots that join ``routine`` (a plan level's, already made safe), after its points.

    A spot joins when it is where the person still reports symptoms (``spot_regions``), the
    safety rules allow its side (``check_spot``), and the whole session stays within
    ``ROUTINE_TIME_CAP_SECONDS``.  It is held as long as the routine's longest hold (the
    plan's level; a minute when the routine is empty), within its region's cap.
    """
    base = max((s.seconds_per_side for s in routine.steps), default=DEFAULT_SECONDS_PER_SIDE)
    total = routine.total_seconds
    steps: list[SpotStep] = []
    left_out: list[tuple[TenderSpot, str]] = []
    places = spot_regions(profile)
    for spot in sorted(spots, key=lambda s: s.id):
        if spot.region not in places:
            left_out.append((spot, "you no longer tell us about symptoms there: change your answers to use it "
                                   "again"))
            continue
        check = check_spot(spot, profile)
        if not check.allowed:
            left_out.append((spot, check.reasons))
            continue
        seconds = min(max(base, MIN_SECONDS), spot_seconds_cap(spot, profile))
        if total + seconds > ROUTINE_TIME_CAP_SECONDS:
            left_out.append((spot, f"left out to keep a session under {ROUTINE_TIME_CAP_SECONDS // 60} minutes"))
            continue
        total += seconds
        steps.append(SpotStep(spot, seconds, _step_note(spot.region, profile), spot_cautions(spot, profile)))
    return SpotsResult(tuple(steps), tuple(left_out))


# --- Explaining a point in the Points library ----------------------------------------


class Standing(StrEnum):
    IN_ROUTINE = "in_routine"
    NOT_SAFE = "not_safe"  # a safety rule: it cannot be added
    REMOVED = "removed"  # chosen for you, taken out by you
    NOT_CHOSEN = "not_chosen"  # not for your symptoms, or left out to keep the routine short


@dataclass(frozen=True)
class Explanation:
    """Whether a point is in the person's routine, and why or why not."""

    code: str
    standing: Standing
    text: str
    sides: tuple[Side, ...]  # in the routine: the sides used; otherwise the sides it could be added with

    @property
    def in_routine(self) -> bool:
        return self.standing is Standing.IN_ROUTINE

    @property
    def safety_excluded(self) -> bool:
        return self.standing is Standing.NOT_SAFE

    @property
    def can_add(self) -> bool:
        return self.standing in (Standing.REMOVED, Standing.NOT_CHOSEN)


def explain(code: str, profile: Profile, routine: Routine | None = None) -> Explanation:
    """Explain one catalog point against ``routine`` (by default the one chosen for ``profile``).

    Pass the person's full routine (``personal_routine``), not a plan level's
    part of it, or points the plan adds later read as taken out.
    Raises KeyError for a code the catalog does not have.
    """
    point(code)
    check = check_point(code, profile)
    if routine is None:
        routine = build_routine(profile)
    step = next((s for s in routine.steps if s.point_code == code), None)
    if step is not None and check.allowed:
        note = check.side_note()
        text = f"{step.reason} {note[0].upper()}{note[1:]}." if note else step.reason
        return Explanation(code, Standing.IN_ROUTINE, text, check.allowed_sides)
    if not check.allowed:
        return Explanation(code, Standing.NOT_SAFE, f"Not in your routine: {check.reasons}.", ())
    if any(s.point_code == code for s in build_routine(profile).steps):
        standing = Standing.REMOVED
        text = "You took this point out of your routine. You can add it back at any time."
    else:
        standing = Standing.NOT_CHOSEN
        mine = [c.yours for c in _concerns_of(profile) if code in c.codes]
        if mine:
            text = (
                f"Left out to keep your routine short, though the app's rule lists it for {_join(mine)}. "
                "You can add it."
            )
        else:
            used_for = [c.general for c in _CONCERNS if code in c.codes]
            text = f"Not chosen for your symptoms: this point is picked for {_join(used_for)}."
    note = check.side_note(future=True)
    if note:
        text += f" If you add it, {note}."
    return Explanation(code, standing, text, check.allowed_sides)
