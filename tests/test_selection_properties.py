"""Property: whatever the answers and whatever the edits, no routine ever holds a point,
or a side, that the safety rules exclude; every step is a catalog point.

The oracle below restates domain.md section 2 on its own, from point codes and
regions, so it does not share code with data/routine/selection.py.
"""
from __future__ import annotations

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
    RoutineEdits,
    apply_edits,
    build_routine,
    enforce_safety,
    explain,
)
from tests.test_profile import profiles

NEVER_IN_PREGNANCY = {"LI4", "SP6", "BL60", "BL67", "GB21", "LR3", "SP9", "GV3", "BL32"}
AREA_OF = {
    Region.HAND: "hand", Region.WRIST: "hand", Region.FOREARM: "arm", Region.ELBOW: "arm",
    Region.KNEE: "leg", Region.LOWER_LEG: "leg", Region.ANKLE: "foot", Region.FOOT_TOP: "foot",
    Region.SOLE: "foot", Region.NECK: "neck", Region.UPPER_BACK: "neck", Region.LOW_BACK: "low_back",
}
CODES = [p.code for p in POINTS]


def forbidden_sides(code: str, profile: Profile) -> set[Side]:
    """Sides of ``code`` the safety rules exclude for ``profile`` (all of them = the whole point)."""
    p = point(code)
    every = set(p.sides)
    if profile.pregnant_or_maybe and (code in NEVER_IN_PREGNANCY or p.region is Region.LOW_BACK):
        return every
    if profile.foot_ulcer_or_charcot and p.region in (Region.ANKLE, Region.FOOT_TOP, Region.SOLE):
        return every
    hurt: set[Side] = set()
    for problem in profile.skin_problems:
        if problem.area.value == AREA_OF[p.region]:
            hurt |= {Side.LEFT, Side.RIGHT} if problem.side.value == "both" else {Side(problem.side.value)}
    if hurt and Side.MIDDLE in every:
        return every
    return every & hurt


def assert_safe(routine: Routine, profile: Profile) -> None:
    seen = set()
    light = profile.bleeding_risk or profile.reduced_feeling
    for s in routine.steps:
        assert s.point_code in CODES, s.point_code
        assert s.point_code not in seen
        seen.add(s.point_code)
        assert s.sides, s
        assert set(s.sides) <= set(point(s.point_code).sides)
        assert not set(s.sides) & forbidden_sides(s.point_code, profile), (s, profile)
        assert MIN_SECONDS <= s.seconds_per_side <= (LIGHT_PRESSURE_MAX_SECONDS if light else MAX_SECONDS)
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


@settings(max_examples=300)
@given(profiles)
def test_chosen_routine_is_safe(profile):
    routine = build_routine(profile)
    assert_safe(routine, profile)
    assert len(routine.steps) <= MAX_POINTS


@settings(max_examples=300)
@given(profiles, edits)
def test_edited_routine_is_safe(profile, user_edits):
    assert_safe(apply_edits(build_routine(profile), user_edits, profile).routine, profile)


@settings(max_examples=300)
@given(profiles, any_routines, edits)
def test_any_routine_with_any_edits_is_made_safe(profile, base, user_edits):
    """Even a stale or corrupt saved routine under edits comes out safe, and stays put when checked again."""
    result = apply_edits(base, user_edits, profile)
    assert_safe(result.routine, profile)
    assert enforce_safety(result.routine, profile).routine == result.routine


@settings(max_examples=200)
@given(profiles, edits, st.sampled_from(LEVELS))
def test_every_level_of_the_plan_is_safe(profile, user_edits, level):
    full = apply_edits(build_routine(profile), user_edits, profile).routine
    assert_safe(routine_for_level(full, level, profile), profile)


@settings(max_examples=100)
@given(profiles, st.sampled_from(CODES))
def test_explanations_agree_with_the_rules(profile, code):
    e = explain(code, profile)
    if forbidden_sides(code, profile) == set(point(code).sides):
        assert e.safety_excluded and e.sides == () and e.text.startswith("Not in your routine: ")
    else:
        assert not e.safety_excluded
        assert set(e.sides) == set(point(code).sides) - forbidden_sides(code, profile)
