"""Property: whatever the answers (skipped ones, MNSI answers and the later screening answers
included) and whatever the edits, no routine ever holds a point, or a side, that the safety
rules exclude, nor a hold longer than they allow; every step is a catalog point; every zone
chosen has a point or a stated reason; and the person's tender spots meet the same rules as
a point in their region and on their side.

No deadline: on a busy 2-core machine one example can take 300 ms, which says nothing of the rules.

The oracle below restates domain.md sections 2 and 5 on its own, from point codes,
regions and the raw answers, so it does not share code with data/routine/selection.py
or Profile.with_mnsi.
"""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings, strategies as st

from data.models import Region, Routine, RoutineStep, Side
from data.routine.catalog import POINTS, point
from data.routine.profile import Profile
from data.routine.progression import LEVELS, routine_for_level
from data.routine.selection import (
    LIGHT_PRESSURE_MAX_SECONDS,
    MAX_POINTS,
    MAX_SECONDS,
    MIN_SECONDS,
    ROUTINE_TIME_CAP_SECONDS,
    RoutineEdits,
    apply_edits,
    area_coverage,
    build_routine,
    enforce_safety,
    explain,
    personal_routine,
    spots_in_routine,
    symptom_areas,
)
from data.routine.spots import MAX_SPOTS, TenderSpot
from tests.test_profile import mnsi_answers, profiles

DAY = date(2026, 3, 2)

FORBIDDEN_IN_PREGNANCY = {"LI4", "SP6", "BL60", "BL67"}  # also out while the question is unanswered
NEVER_IN_PREGNANCY = FORBIDDEN_IN_PREGNANCY | {"GB21", "LR3", "SP9", "GV3", "BL32", "KI1"}
AREA_OF = {
    Region.HAND: "hand", Region.WRIST: "hand", Region.FOREARM: "arm", Region.ELBOW: "arm",
    Region.KNEE: "leg", Region.LOWER_LEG: "leg", Region.ANKLE: "foot", Region.FOOT_TOP: "foot",
    Region.SOLE: "foot", Region.NECK: "neck", Region.UPPER_BACK: "neck", Region.LOW_BACK: "low_back",
}
CODES = [p.code for p in POINTS]
FEET = (Region.ANKLE, Region.FOOT_TOP, Region.SOLE)
# an amputation takes the area named and every area further down the limb
DOWN_THE_LIMB = {"hand": {"hand"}, "arm": {"arm", "hand"}, "foot": {"foot"}, "leg": {"leg", "foot"}}


def _sides(body_side) -> set[Side]:
    return {Side.LEFT, Side.RIGHT} if body_side.value == "both" else {Side(body_side.value)}


def _facts(profile: Profile, mnsi: dict[int, bool] | None) -> dict:
    """The answers the rules go by: the profile's, with any MNSI "yes" to the same thing."""
    mnsi = mnsi or {}
    return {
        "ulcer": profile.foot_ulcer_or_charcot,
        "ulcer_yes": profile.foot_ulcer_or_charcot is True or mnsi.get(8) is True,
        "amputation": profile.amputation is True or bool(profile.amputations) or mnsi.get(15) is True,
        "numb_feet_no": profile.numb_feet is False
        and mnsi.get(1) is not True and mnsi.get(7) is not False and mnsi.get(13) is not False,
    }


def forbidden_sides(code: str, profile: Profile, mnsi: dict[int, bool] | None = None) -> set[Side]:
    """Sides of ``code`` the safety rules exclude for ``profile`` (all of them = the whole point)."""
    p = point(code)
    if profile.pregnant_or_maybe is None and code in FORBIDDEN_IN_PREGNANCY:
        return set(p.sides)
    if profile.pregnant_or_maybe and code in NEVER_IN_PREGNANCY:
        return set(p.sides)
    return forbidden_at(p.region, set(p.sides), profile, mnsi)


def forbidden_at(region: Region, every: set[Side], profile: Profile, mnsi: dict[int, bool] | None = None
                 ) -> set[Side]:
    """Sides of a place (a point's or a tender spot's) that the rules of its region exclude."""
    facts = _facts(profile, mnsi)
    p = region
    if profile.pregnant_or_maybe and region is Region.LOW_BACK:
        return every
    if p in FEET:
        leg_amputation = facts["amputation"] and (
            not profile.amputations or any(a.area.value in ("leg", "foot") for a in profile.amputations)
        )
        if facts["ulcer_yes"] or leg_amputation or profile.poor_leg_circulation is True:
            return every
    area = AREA_OF[region]
    out: set[Side] = set()
    for amputation in profile.amputations:
        if area in DOWN_THE_LIMB[amputation.area.value]:
            out |= _sides(amputation.side)
    if area in ("hand", "arm"):
        for arm in (profile.fistula_arm, profile.lymphoedema_arm):
            if arm is not None:
                out |= _sides(arm)
    hurt: set[Side] = set()
    for problem in profile.skin_problems:
        if problem.area.value == area:
            hurt |= _sides(problem.side)
    if hurt and Side.MIDDLE in every:
        return every
    return every & (hurt | out)


def longest_hold(code: str, profile: Profile, mnsi: dict[int, bool] | None = None) -> int:
    return longest_hold_at(point(code).region, profile, mnsi)


def longest_hold_at(region: Region, profile: Profile, mnsi: dict[int, bool] | None = None) -> int:
    """30 s under light pressure: bleeding risk or reduced feeling anywhere; foot points unless
    the feet are said not to be numb and the foot-ulcer question is answered; leg and foot
    points with poor leg circulation."""
    facts = _facts(profile, mnsi)
    if profile.bleeding_risk or profile.reduced_feeling:
        return LIGHT_PRESSURE_MAX_SECONDS
    if region in FEET and (not facts["numb_feet_no"] or facts["ulcer"] is None):
        return LIGHT_PRESSURE_MAX_SECONDS
    if region in (*FEET, Region.KNEE, Region.LOWER_LEG) and profile.poor_leg_circulation is True:
        return LIGHT_PRESSURE_MAX_SECONDS
    return MAX_SECONDS


def assert_safe(routine: Routine, profile: Profile, mnsi: dict[int, bool] | None = None) -> None:
    seen = set()
    light = profile.bleeding_risk or profile.reduced_feeling
    for s in routine.steps:
        assert s.point_code in CODES, s.point_code
        assert s.point_code not in seen
        seen.add(s.point_code)
        assert s.sides, s
        assert set(s.sides) <= set(point(s.point_code).sides)
        assert not set(s.sides) & forbidden_sides(s.point_code, profile, mnsi), (s, profile)
        assert MIN_SECONDS <= s.seconds_per_side <= longest_hold(s.point_code, profile, mnsi), (s, profile)
    assert bool(routine.pressure_note) == bool(light)


some_codes = st.lists(st.one_of(st.sampled_from(CODES), st.sampled_from(["XX1", "", "li4"])), max_size=8)
edits = st.builds(
    RoutineEdits,
    added=some_codes.map(tuple),
    removed=some_codes.map(frozenset),
    order=st.permutations(CODES).map(tuple),
    seconds=st.dictionaries(st.sampled_from(CODES), st.integers(-100, 10_000), max_size=6),
)
any_routines = st.builds(
    Routine,
    steps=st.lists(
        st.builds(
            RoutineStep,
            point_code=st.one_of(st.sampled_from(CODES), st.just("XX1")),
            seconds_per_side=st.integers(-10, 1_000),
            sides=st.lists(st.sampled_from(Side), max_size=3).map(tuple),
            reason=st.text(max_size=20),
        ),
        max_size=12,
    ).map(tuple),
    pressure_note=st.text(max_size=10),
)


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_chosen_routine_is_safe(profile):
    routine = build_routine(profile)
    assert_safe(routine, profile)
    assert len(routine.steps) <= MAX_POINTS


@settings(max_examples=300, deadline=None)
@given(profiles, edits)
def test_edited_routine_is_safe(profile, user_edits):
    assert_safe(apply_edits(build_routine(profile), user_edits, profile).routine, profile)


@settings(max_examples=300, deadline=None)
@given(profiles, any_routines, edits)
def test_any_routine_with_any_edits_is_made_safe(profile, base, user_edits):
    """Even a stale or corrupt saved routine under edits comes out safe, and stays put when checked again."""
    result = apply_edits(base, user_edits, profile)
    assert_safe(result.routine, profile)
    assert enforce_safety(result.routine, profile).routine == result.routine


@settings(max_examples=200, deadline=None)
@given(profiles, edits, st.sampled_from(LEVELS))
def test_every_level_of_the_plan_is_safe(profile, user_edits, level):
    full = apply_edits(build_routine(profile), user_edits, profile).routine
    assert_safe(routine_for_level(full, level, profile), profile)


@settings(max_examples=100, deadline=None)
@given(profiles, st.sampled_from(CODES))
def test_explanations_agree_with_the_rules(profile, code):
    e = explain(code, profile)
    if forbidden_sides(code, profile) == set(point(code).sides):
        assert e.safety_excluded and e.sides == () and e.text.startswith("Not in your routine: ")
    else:
        assert not e.safety_excluded
        assert set(e.sides) == set(point(code).sides) - forbidden_sides(code, profile)


@settings(max_examples=300, deadline=None)
@given(profiles, mnsi_answers, edits)
def test_mnsi_answers_feed_the_rules(profile, mnsi, user_edits):
    """An open sore, an amputation or numb feet told in the questionnaire count as setup answers."""
    assert_safe(build_routine(profile, 120, mnsi=mnsi), profile, mnsi)
    assert_safe(personal_routine(profile, user_edits, mnsi=mnsi).routine, profile, mnsi)


AREA_POINTS = {key: codes for key, _label, codes in symptom_areas()}


@settings(max_examples=300, deadline=None)
@given(profiles, edits)
def test_every_zone_chosen_has_a_point_or_a_stated_reason(profile, user_edits):
    keys = [z.value for z in profile.zones]
    keys += ["neck"] * (profile.neck_compression is True) + ["low_back"] * (profile.low_back_compression is True)
    for routine in (build_routine(profile), apply_edits(build_routine(profile), user_edits, profile).routine):
        cover = area_coverage(profile, routine)
        assert sorted(c.key for c in cover) == sorted(keys)
        present = {s.point_code for s in routine.steps}
        for c in cover:
            assert set(c.codes) == present & set(AREA_POINTS[c.key])
            assert bool(c.codes) != bool(c.reason), c
    # The chosen routine leaves a zone without a point only when safety rules out all its points.
    for c in area_coverage(profile):
        if not c.covered:
            assert "for your safety" in c.reason
            for code in AREA_POINTS[c.key]:
                assert forbidden_sides(code, profile) == set(point(code).sides), (code, profile)


ARM_ZONES = {"forearm", "back_of_hand", "fingers", "palm_inner_forearm"}
ARM_REGIONS = {Region.HAND, Region.WRIST, Region.FOREARM, Region.ELBOW}
PREGNANCY_POINT_REGIONS = {Region.HAND, Region.KNEE, Region.LOWER_LEG, Region.ANKLE, Region.FOOT_TOP, Region.SOLE,
                           Region.LOW_BACK}
tender_spots = st.lists(
    st.builds(
        lambda i, region, side: TenderSpot(i, "Spot", region, Side.MIDDLE if side is None else side, DAY)
        if region in (Region.NECK, Region.UPPER_BACK, Region.LOW_BACK) or side is not None
        else TenderSpot(i, "Spot", region, Side.LEFT, DAY),
        st.integers(1, 50), st.sampled_from(Region), st.sampled_from([Side.LEFT, Side.RIGHT, None]),
    ),
    max_size=MAX_SPOTS, unique_by=lambda s: s.id,
)


def reported_there(region: Region, profile: Profile) -> bool:
    """Seed 002: an affected limb, or the neck or low back with a trapped nerve there (own statement)."""
    zones = {z.value for z in profile.zones}
    if region in ARM_REGIONS:
        return bool(zones & ARM_ZONES)
    if region in (Region.NECK, Region.UPPER_BACK):
        return profile.neck_compression is True
    if region is Region.LOW_BACK:
        return profile.low_back_compression is True
    return bool(zones - ARM_ZONES)


@settings(max_examples=300, deadline=None)
@given(profiles, mnsi_answers, edits, st.sampled_from(LEVELS), tender_spots)
def test_tender_spots_meet_the_rules_of_their_place(profile, mnsi, user_edits, level, spots):
    rules = profile.with_mnsi(mnsi)
    full = personal_routine(profile, user_edits, mnsi=mnsi).routine
    routine = routine_for_level(full, level, rules)
    result = spots_in_routine(routine, spots, rules)
    assert len(result.steps) + len(result.left_out) == len(spots)
    total = routine.total_seconds
    for step in result.steps:
        s = step.spot
        assert reported_there(s.region, profile), s
        assert not forbidden_at(s.region, {s.side}, profile, mnsi), (s, profile, mnsi)
        # A spot may sit on a point left out in pregnancy (LI4, SP9, SP6, BL60, LR3, KI1, GV3, BL32).
        assert not (profile.pregnant_or_maybe and s.region in PREGNANCY_POINT_REGIONS), (s, profile)
        assert MIN_SECONDS <= step.seconds_per_side <= longest_hold_at(s.region, profile, mnsi), (step, profile)
        total += step.seconds_per_side
    assert total <= max(ROUTINE_TIME_CAP_SECONDS, routine.total_seconds)
    for s, why in result.left_out:
        assert why  # said, in plain words
