"""The Points library's behaviour: which points a search and the filters show, and what each says about me.

Why here: whether a point is in my routine, and why (or why not), comes from the same
core that builds the routine (data/routine/selection.explain), so the library and the
routine always agree; the status words, the search, the filters and the detail page's
sections depend on data, so they are worked out here and unit-tested.  The screens
map a point's ``Standing`` to an icon and a colour.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data.models import Point, PregnancyRule, Routine
from data.routine.catalog import POINTS, point
from data.routine.profile import Profile, SkinArea
from data.routine.progression import personal_plan, routine_before_answers
from data.routine.selection import (
    PREGNANCY_CHOICE,
    BlockKind,
    Explanation,
    Standing,
    area_coverage,
    check_point,
    explain,
    symptom_areas,
)

PREGNANCY_WORDS = {
    PregnancyRule.FORBIDDEN: "Not in pregnancy: traditionally never pressed when pregnant.",
    PregnancyRule.CAUTION: "In pregnancy: left out to be careful.",
}
STANDING_WORDS = {
    Standing.IN_ROUTINE: "In your routine",
    Standing.NOT_SAFE: "Not safe for you",
    Standing.REMOVED: "Removed by you",
    # The why says which: not for your symptoms, or left out to keep the routine short.
    Standing.NOT_CHOSEN: "Not in your routine",
}
SYMPTOMS = {key: (label, frozenset(codes)) for key, label, codes in symptom_areas()}
AREA_CHOICES = tuple((a.value, a.label) for a in SkinArea)  # (key, label) of the body-area filter
SYMPTOM_CHOICES = tuple((key, label) for key, (label, _) in SYMPTOMS.items())  # and of the symptom filter
AREA_FILTER_TITLE = "Where the point is"  # the body-area filter holds where points lie
SYMPTOM_FILTER_TITLE = "Where you feel your symptoms"  # the symptom filter holds where symptoms are felt
# The words people use for what neuropathy feels like: each finds every point chosen for a symptom area.
SYMPTOM_WORDS = ("numb", "numbness", "tingling", "tingle", "pins and needles", "burning", "pain", "painful",
                 "prickling", "cold", "weak", "weakness", "cramp", "cramps", "sensitive", "neuropathy")
_SAME_WORD = {"feet": "foot", "hands": "hand", "fingers": "finger", "toes": "toe", "soles": "sole",
              "legs": "leg", "arms": "arm", "ankles": "ankle", "forearms": "forearm"}


@dataclass(frozen=True)
class PointStatus:
    label: str  # "In your routine", "Not safe for you", "Removed by you" or "Not in your routine"
    why: str
    standing: Standing


@dataclass(frozen=True)
class Mine:
    """The person's routine as the Points pages need it."""

    personal: bool  # False before the first-run questions: the starting (or saved) routine
    profile: Profile
    routine: Routine  # the whole routine, for explain()
    this_week: frozenset[str]  # codes practised at the plan's current level

    def explain(self, code: str) -> Explanation:
        return explain(code, self.profile, self.routine)

    def rule_lines(self, code: str) -> tuple[str, ...]:
        """For a point a safety rule keeps out: each area the person told us about that it serves, with
        the point the routine has there or why there is none ("Sole of the foot: KI3 Taixi."), then, when
        the pregnancy rule is one of the reasons, why the app follows it (``PREGNANCY_CHOICE``)."""
        if self.explain(code).standing is not Standing.NOT_SAFE:
            return ()
        areas = tuple(a.words for a in area_coverage(self.profile, self.routine) if code in SYMPTOMS[a.key][1])
        pregnancy = any(b.kind is BlockKind.PREGNANCY for b in check_point(code, self.profile).blocks)
        return (*areas, *((PREGNANCY_CHOICE,) if pregnancy else ()))

    def status(self, code: str) -> PointStatus:
        """The short status of one point, and why."""
        why = self.explain(code)
        label = STANDING_WORDS[why.standing]
        text = why.text
        for said in ("Not in your routine: ", f"{label}: "):  # the status line says it already
            if text.startswith(said):
                text = text[len(said)].upper() + text[len(said) + 1:]
        if not self.personal:
            if not why.in_routine:
                label, text = "Not in your routine", "Not in the starting routine."
            text = text or "In the routine you practise."
        elif why.in_routine and code not in self.this_week:
            text += " It joins your sessions as your plan grows."
        return PointStatus(label, text, why.standing)


def mine(store, today: date) -> Mine:
    plan = personal_plan(store, today)
    if plan is None:
        routine = routine_before_answers(store)  # the starting routine, or one an old backup brought
        return Mine(False, Profile(), routine, frozenset(s.point_code for s in routine.steps))
    return Mine(True, plan.profile, plan.full.routine, frozenset(s.point_code for s in plan.routine.steps))


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def exact_code(query: str) -> Point | None:
    """The point whose code the query spells, spaces and hyphens aside ("li 4", "ex-le10"), or None."""
    wanted = _compact(query)
    return next((p for p in POINTS if _compact(p.code) == wanted), None) if wanted else None


def matches(pt: Point, query: str) -> bool:
    """Every word of the query appears in the code, pinyin, meaning, surface or Chinese name, or in the
    symptom areas the point is chosen for ("fingers", "sole"), or is a symptom word ("tingling") and the
    point is chosen for some symptom area.  "feet" is read as "foot", "fingers" as "finger"."""
    areas = [label for label, codes in SYMPTOMS.values() if pt.code in codes]
    whole_words = set(" ".join((*areas, *(SYMPTOM_WORDS if areas else ()))).lower().split())
    haystack = " ".join((pt.code, pt.code.replace("-", ""), pt.pinyin, pt.meaning, pt.surface, pt.hanzi)).lower()
    return all(_SAME_WORD.get(word, word) in haystack or _SAME_WORD.get(word, word) in whole_words
               or word in whole_words for word in query.lower().split())


# --- The list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointRow:
    code: str
    title: str  # "LI4 Hegu"
    surface: str  # capitalised
    illustration: str
    status: PointStatus


@dataclass(frozen=True)
class PointsSummary:
    rows: tuple[PointRow, ...]  # the points shown, in catalog order
    count_words: str  # "3 of 24 points match." or, unfiltered, "All 24 points used in this app. ..."
    filtered: bool  # a search or a filter is on: offer to clear them


def points_summary(me: Mine, query: str = "", area: str = "", symptom: str = "") -> PointsSummary:
    """The points matching every word of ``query``, in body area ``area`` and for ``symptom`` ("" for any).

    A query that spells a point's code ("li 4") shows that point only, not every point with "li" and "4".

    ``area`` is a SkinArea value and ``symptom`` a key of ``SYMPTOMS``; anything else raises ValueError.
    """
    regions = SkinArea(area).regions if area else None
    if symptom and symptom not in SYMPTOMS:
        raise ValueError(f"unknown symptom filter {symptom!r}")
    code = exact_code(query)
    shown = [
        p for p in POINTS
        if (p is code if code is not None else matches(p, query))
        and (regions is None or p.region in regions)
        and (not symptom or p.code in SYMPTOMS[symptom][1])
    ]
    filtered = bool(query.strip() or area or symptom)
    count = (f"{len(shown)} of {len(POINTS)} points match." if filtered else
             f"All {len(POINTS)} points used in this app. Tap one to see where it is and how to press it.")
    rows = tuple(PointRow(p.code, f"{p.code} {p.pinyin}", p.surface.capitalize(), p.illustration,
                          me.status(p.code)) for p in shown)
    return PointsSummary(rows, count, filtered)


# --- One point's page ---------------------------------------------------------------------


@dataclass(frozen=True)
class PointDetail:
    code: str
    title: str  # "LI4 Hegu"
    hanzi: str
    meaning_words: str  # "“Joining Valley”"
    status: PointStatus
    rule_lines: tuple[str, ...]  # under the status, for a point a rule keeps out (``Mine.rule_lines``)
    offer_setup: bool  # before the questions, a point not in the routine: "Make the routine yours"
    can_add: bool  # a personal routine the point may be added to: "Add LI4 to my routine"
    illustration: str
    drawing_label: str  # "Drawing of where LI4 is: back of the hand"
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (title, lines): find it, press it, take care


def point_detail(store, today: date, code: str) -> PointDetail | None:
    """One point's page, or None for a code the catalog does not have."""
    try:
        pt = point(code)
    except KeyError:
        return None
    me = mine(store, today)
    why = me.explain(code)
    rule_lines = me.rule_lines(code)
    pregnancy = (PREGNANCY_WORDS[pt.pregnancy],) if pt.pregnancy in PREGNANCY_WORDS else ()
    if pregnancy and PREGNANCY_CHOICE not in rule_lines:  # said once a page, where the rule is explained
        pregnancy += (PREGNANCY_CHOICE,)
    cautions = pregnancy + pt.cautions
    sides = "Once, on the middle line of the body." if len(pt.sides) == 1 else "Both sides: left, then right."
    spots = (f" There are {pt.spots_per_side} spots on each side; press them one after another."
             if pt.spots_per_side > 1 else "")
    return PointDetail(
        code=pt.code,
        title=f"{pt.code} {pt.pinyin}",
        hanzi=pt.hanzi,
        meaning_words=f"“{pt.meaning}”",
        status=me.status(code),
        rule_lines=rule_lines,
        offer_setup=not me.personal and not why.in_routine,
        can_add=me.personal and why.can_add,
        illustration=pt.illustration,
        drawing_label=f"Drawing of where {pt.code} is: {pt.surface}",
        sections=(
            ("How to find it", tuple(pt.location_steps)),
            ("How to press", (pt.technique, sides + spots)),
            ("Take care", tuple(cautions)),
        ),
    )
