"""Choosing points (data/routine/selection.py): the selection rule as a table, every safety rule,
explanations for the Points library, and the person's own edits."""
from __future__ import annotations

from dataclasses import replace

import pytest

from data.models import Region, Routine, RoutineStep, Side
from data.routine.catalog import CORE_CODES, POINTS, point
from data.routine.profile import Amputation, BodySide, Cause, Profile, SkinArea, SkinProblem, Zone
from data.routine.progression import LEVELS, routine_for_level
from data.routine.selection import (
    EDITS_DOC,
    LIGHT_PRESSURE_MAX_SECONDS,
    MAX_POINTS,
    MAX_SECONDS,
    PREGNANCY_CHOICE,
    STEP_CIRCULATION_NOTE,
    STEP_FOOT_NOTE,
    STEP_LIGHT_NOTE,
    RoutineEdits,
    Standing,
    apply_edits,
    area_coverage,
    build_routine,
    check_point,
    duration_words,
    enforce_safety,
    explain,
    first_choices,
    load_edits,
    personal_routine,
    save_edits,
    seconds_cap,
    step_note,
)
from tests.test_profile import FakeStore

CORE = frozenset(CORE_CODES)
BOTH = (Side.LEFT, Side.RIGHT)
FOOT_CODES = {p.code for p in POINTS if p.region.is_foot}
ALL_ZONES = frozenset(Zone)


NO = Profile(pregnant_or_maybe=False)  # the pregnancy question answered "no"


def zones(*z: Zone, **answers) -> Profile:
    """Symptom zones, with the pregnancy question answered "no" unless given."""
    return Profile(zones=frozenset(z), **{"pregnant_or_maybe": False, **answers})


def codes(routine: Routine) -> set[str]:
    return {s.point_code for s in routine.steps}


def step(routine: Routine, code: str) -> RoutineStep:
    return next(s for s in routine.steps if s.point_code == code)


def skin(area: SkinArea, side: BodySide, **answers) -> Profile:
    return Profile(skin_problems=frozenset({SkinProblem(area, side)}), **answers)


# --- The selection rule, as a table ------------------------------------------------------

SELECTION_TABLE = [
    # (answers, points added to the five core points); pregnancy answered "no"
    (NO, set()),
    (zones(Zone.FOREARM), {"LI10"}),  # arm outer; LI11 (core) already serves it
    (zones(Zone.BACK_OF_HAND), {"EX-UE9"}),  # arm outer; LI4 (core) already serves it
    (zones(Zone.FINGERS), {"PC6", "PC7"}),  # arm inner: wrist and inner forearm
    (zones(Zone.LOWER_LEG), {"GB39"}),  # leg front/outer
    (zones(Zone.FOOT_TOP_ANKLE), {"ST41"}),  # leg front/outer: front of the ankle
    (zones(Zone.SOLE), {"KI3"}),  # leg/foot inner; SP6 (core) already serves it
    (zones(Zone.TOES), {"EX-LE10"}),  # Bafeng, between the toes
    (zones(Zone.PALM_INNER_FOREARM), {"PC7", "PC6"}),  # arm inner: wrist crease, then inner forearm
    (zones(Zone.PALM_INNER_FOREARM, fistula_arm=BodySide.LEFT), {"PC7", "PC6"}),  # right arm only (below)
    (zones(neck_compression=True), {"BL10", "GV14"}),
    (zones(low_back_compression=True), {"GV3", "BL32"}),
    (zones(neck_compression=False, low_back_compression=None), set()),
    (zones(causes=frozenset({Cause.DIABETES, Cause.CHEMOTHERAPY})), set()),  # cause alone adds nothing
    (zones(Zone.FINGERS, Zone.TOES), {"PC6", "PC7", "EX-LE10"}),
    (zones(Zone.FOOT_TOP_ANKLE, Zone.SOLE, Zone.TOES), {"ST41", "KI3", "EX-LE10"}),
    # Every area: feet and hands take turns for second points, so foot points are in (Bafeng, KI3).
    (zones(*ALL_ZONES), {"PC6", "EX-LE10", "PC7", "KI3", "EX-UE9"}),
    # Every area gets at least one matching point before any gets a second one.
    (zones(*ALL_ZONES, neck_compression=True, low_back_compression=True),
     {"PC6", "BL10", "GV3", "EX-LE10", "PC7"}),
]

LEG_CORE = CORE - {"LI4", "SP6"}

FULL_TABLE = [
    # (answers, the whole routine): unanswered questions and the later screening answers
    (Profile(), LEG_CORE),  # pregnancy unanswered = maybe: LI4 and SP6 stay out
    (zones(Zone.FINGERS, pregnant_or_maybe=None), LEG_CORE | {"PC6", "PC7"}),
    (zones(Zone.SOLE, pregnant_or_maybe=True), LEG_CORE | {"KI3"}),  # KI1 is avoided in pregnancy too
    (zones(Zone.SOLE, Zone.TOES, pregnant_or_maybe=True, foot_ulcer_or_charcot=True), LEG_CORE),
    (zones(Zone.TOES, foot_ulcer_or_charcot=None), CORE | {"EX-LE10"}),  # kept, but light (below)
    (zones(Zone.TOES, amputation=True), CORE | {"SP9"}),  # place unknown: feet left out
    (zones(Zone.TOES, amputations=frozenset({Amputation(SkinArea.HAND, BodySide.LEFT)})),
     CORE | {"EX-LE10"}),  # a hand amputation leaves the feet alone
    (zones(Zone.SOLE, poor_leg_circulation=True), CORE | {"SP9"}),
    (zones(Zone.FINGERS, fistula_arm=BodySide.BOTH), {"ST36", "GB34", "SP6"}),
    (zones(Zone.FINGERS, lymphoedema_arm=BodySide.BOTH, neck_compression=True),
     {"ST36", "GB34", "SP6", "BL10", "GV14"}),
]



@pytest.mark.parametrize("profile, added", SELECTION_TABLE)
def test_selection_rule(profile, added):
    assert codes(build_routine(profile)) == CORE | added


@pytest.mark.parametrize("profile, routine", FULL_TABLE)
def test_selection_with_unanswered_and_later_answers(profile, routine):
    assert codes(build_routine(profile)) == routine


def test_everyone_with_every_zone_gets_foot_points_and_a_balanced_routine():
    for extra in ({}, {"neck_compression": True, "low_back_compression": True}):
        routine = build_routine(zones(*ALL_ZONES, **extra))
        limbs = [point(c).region.limb for c in codes(routine)]
        assert codes(routine) & FOOT_CODES
        assert abs(limbs.count("arm") - limbs.count("leg")) <= 1


def test_every_zone_ticked_gives_a_foot_point_in_week_one_and_at_most_two_arm_points():
    for extra in ({}, {"pregnant_or_maybe": None}, {"neck_compression": True, "low_back_compression": True}):
        profile = zones(*ALL_ZONES, **extra)
        week1 = routine_for_level(build_routine(profile), LEVELS[0], profile)
        limbs = [point(c).region.limb for c in codes(week1)]
        assert codes(week1) & FOOT_CODES, week1
        assert limbs.count("arm") <= 2, week1


def test_palm_zone_is_served_by_inner_wrist_points_and_said_so():
    cover = area_coverage(zones(Zone.PALM_INNER_FOREARM))
    assert [c.words for c in cover] == ["Palm or inner forearm: PC6 Neiguan and PC7 Daling."]
    left_fistula = build_routine(zones(Zone.PALM_INNER_FOREARM, fistula_arm=BodySide.LEFT))
    assert step(left_fistula, "PC7").sides == (Side.RIGHT,)


def test_week_one_first_choices_take_feet_and_hands_in_turn():
    profile = zones(*ALL_ZONES)
    full = [s.point_code for s in build_routine(profile).steps]
    firsts = first_choices(profile, full)
    assert firsts[:3] == ("EX-LE10", "PC6", "KI3")  # toes, fingers, sole


def test_no_answers_give_the_five_core_points_both_sides_one_minute():
    routine = build_routine(NO)
    assert [s.point_code for s in routine.steps] == list(CORE_CODES)
    assert all(s.sides == BOTH and s.seconds_per_side == 60 for s in routine.steps)
    assert all(s.reason == "One of the five core points." for s in routine.steps)
    assert routine.pressure_note == ""


def test_practice_order_is_catalog_order_arms_legs_feet_neck_back():
    routine = build_routine(zones(*ALL_ZONES, neck_compression=True, low_back_compression=True))
    order = [p.code for p in POINTS]
    got = [s.point_code for s in routine.steps]
    assert got == sorted(got, key=order.index)
    assert len(got) == MAX_POINTS


def test_reasons_say_why_in_plain_words():
    routine = build_routine(zones(Zone.FINGERS, Zone.BACK_OF_HAND, Zone.FOREARM))
    assert step(routine, "PC6").reason == "Chosen because you told us about your fingers."
    assert step(routine, "EX-UE9").reason == (
        "Chosen because you told us about the back of your hand and your fingers."
    )
    assert step(routine, "LI11").reason == (
        "One of the five core points, and chosen because you told us about your forearm."
    )
    assert step(routine, "ST36").reason == "One of the five core points."


def test_seconds_per_side_is_a_parameter_within_limits():
    assert {s.seconds_per_side for s in build_routine(Profile(), 90).steps} == {90}
    with pytest.raises(ValueError):
        build_routine(Profile(), 5)


# --- Safety rules ------------------------------------------------------------------------

PREGNANCY_OUT = {"LI4", "SP6", "BL60", "LR3", "SP9", "GV3", "BL32"}


def test_pregnancy_takes_out_forbidden_and_cautious_points_whatever_the_symptoms():
    everything = zones(*ALL_ZONES, neck_compression=True, low_back_compression=True, pregnant_or_maybe=True)
    for profile in (Profile(pregnant_or_maybe=True), everything):
        assert not codes(build_routine(profile)) & PREGNANCY_OUT


def test_pregnant_with_numb_fingers_gets_inner_wrist_points_not_li4_or_sp6():
    got = codes(build_routine(zones(Zone.FINGERS, pregnant_or_maybe=True)))
    assert got & {"PC6", "PC7", "HT7"}
    assert got <= {"PC6", "PC7", "HT7"} | {"LI11", "ST36", "GB34"}
    assert "LI4" not in got and "SP6" not in got


def test_pregnant_with_numb_soles_gets_ki3_not_ki1_sp6_or_sp9():
    got = codes(build_routine(zones(Zone.SOLE, pregnant_or_maybe=True)))
    assert "KI3" in got
    assert not got & {"SP6", "SP9", "KI1"}  # KI1 is used to bring on labour (domain.md section 5)
    assert "careful choice" in PREGNANCY_CHOICE and "Carr" in PREGNANCY_CHOICE


def test_pregnant_with_low_back_compression_gets_no_low_back_points():
    got = build_routine(Profile(pregnant_or_maybe=True, low_back_compression=True))
    assert not {p.code for p in POINTS if p.region is Region.LOW_BACK} & codes(got)


def test_skipped_pregnancy_answer_counts_as_maybe_for_the_forbidden_points():
    routine = build_routine(zones(*ALL_ZONES, pregnant_or_maybe=None, low_back_compression=True))
    assert not codes(routine) & {"LI4", "SP6", "BL60"}
    assert {"GV3"} <= codes(routine)  # only avoided in pregnancy: kept, with a warning at the point
    assert "not answered yet" in check_point("LI4", Profile()).reasons
    assert check_point("LI4", NO).allowed


def test_skipped_foot_ulcer_answer_means_light_short_holds_and_a_caution_on_foot_points():
    from data.routine.selection import unanswered_cautions

    profile = zones(Zone.TOES, foot_ulcer_or_charcot=None, numb_feet=False)
    routine = build_routine(profile, seconds_per_side=120)
    assert step(routine, "EX-LE10").seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS
    assert step(routine, "EX-LE10").reason.endswith(STEP_FOOT_NOTE)
    assert step(routine, "ST36").seconds_per_side == 120
    assert any("foot ulcer" in c for c in unanswered_cautions("EX-LE10", profile))
    assert not unanswered_cautions("EX-LE10", replace(profile, foot_ulcer_or_charcot=False))


@pytest.mark.parametrize("numb_feet, short", [(True, True), (None, True), (False, False)])
def test_foot_points_on_numb_feet_get_short_holds_even_with_good_fingers(numb_feet, short):
    profile = zones(Zone.SOLE, foot_ulcer_or_charcot=False, numb_feet=numb_feet, reduced_feeling=False)
    routine = build_routine(profile, seconds_per_side=90)
    assert (step(routine, "KI3").seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS) is short
    assert step(routine, "SP6").seconds_per_side == 90  # leg points keep their length
    assert routine.pressure_note == ""  # the fingers are fine: no routine-wide light pressure
    assert seconds_cap("KI3", profile) == (LIGHT_PRESSURE_MAX_SECONDS if short else MAX_SECONDS)


def test_mnsi_answers_feed_the_same_rules():
    profile = zones(Zone.SOLE, Zone.TOES, foot_ulcer_or_charcot=False, numb_feet=False)
    assert codes(build_routine(profile)) & FOOT_CODES
    sore = build_routine(profile, mnsi={8: True})  # an open sore on the foot, ever
    assert not codes(sore) & FOOT_CODES
    amputated = personal_routine(profile, mnsi={15: True}).routine
    assert not codes(amputated) & FOOT_CODES
    hot_cold = build_routine(profile, 90, mnsi={7: False})  # cannot tell hot from cold water
    assert step(hot_cold, "KI3").seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS
    assert build_routine(profile, mnsi={7: True, 8: False, 15: False}) == build_routine(profile)


def test_an_amputation_takes_out_that_side_and_the_feet():
    leg = zones(Zone.FINGERS, Zone.SOLE, amputations=frozenset({Amputation(SkinArea.LEG, BodySide.LEFT)}))
    routine = build_routine(leg)
    assert not codes(routine) & FOOT_CODES
    for s in routine.steps:
        region = point(s.point_code).region
        assert s.sides == ((Side.RIGHT,) if region.limb == "leg" else BOTH)
    assert "amputation of your left knee or lower leg" in check_point("ST36", leg).reasons
    hand = zones(Zone.FINGERS, amputations=frozenset({Amputation(SkinArea.HAND, BodySide.RIGHT)}))
    assert step(build_routine(hand), "PC7").sides == (Side.LEFT,)  # on the wrist
    assert step(build_routine(hand), "PC6").sides == BOTH  # the forearm is still there
    assert "until you tell us where" in check_point("KI3", Profile(amputation=True)).reasons


def test_poor_leg_circulation_leaves_out_foot_points_and_softens_leg_points():
    profile = zones(Zone.SOLE, Zone.TOES, poor_leg_circulation=True)
    routine = build_routine(profile, seconds_per_side=90)
    assert not codes(routine) & FOOT_CODES
    assert step(routine, "SP6").seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS
    assert step(routine, "SP6").reason.endswith(STEP_CIRCULATION_NOTE)
    assert step(routine, "LI11").seconds_per_side == 90
    assert "poor circulation" in check_point("KI1", profile).reasons


@pytest.mark.parametrize("answer, words", [("fistula_arm", "dialysis fistula"), ("lymphoedema_arm", "lymphoedema")])
def test_no_pressure_on_a_fistula_arm_or_an_arm_at_risk_of_lymphoedema(answer, words):
    profile = zones(Zone.FINGERS, Zone.FOREARM, **{answer: BodySide.LEFT})
    routine = build_routine(profile)
    for s in routine.steps:
        if point(s.point_code).region.limb == "arm":
            assert s.sides == (Side.RIGHT,)
    assert words in check_point("PC6", profile).reasons
    assert check_point("ST36", profile).allowed_sides == BOTH


def test_step_notes_are_replaced_not_stacked():
    profile = zones(Zone.TOES)
    assert step_note("EX-LE10", profile) == STEP_FOOT_NOTE and step_note("LI11", profile) == ""
    once = build_routine(profile)
    light = enforce_safety(once, replace(profile, bleeding_risk=True)).routine
    assert step(light, "EX-LE10").reason.count("Press lightly") == 1
    assert step(light, "EX-LE10").reason.endswith(STEP_LIGHT_NOTE)
    back = enforce_safety(light, profile).routine
    assert [s.reason for s in back.steps] == [s.reason for s in once.steps]


# --- Every zone chosen has a point, or says why not ------------------------------------------


def test_zones_left_with_no_point_say_why():
    profile = zones(Zone.FINGERS, Zone.SOLE, Zone.TOES, pregnant_or_maybe=True, foot_ulcer_or_charcot=True)
    routine = build_routine(profile)
    assert routine.steps  # the routine is not empty, yet two zones have nothing
    cover = {c.key: c for c in area_coverage(profile, routine)}
    assert list(cover) == ["fingers", "sole", "toes"]
    assert cover["fingers"].covered and cover["fingers"].codes == ("PC6", "PC7")
    assert cover["fingers"].words == "Fingers: PC6 Neiguan and PC7 Daling."
    for key in ("sole", "toes"):
        c = cover[key]
        assert not c.covered and c.codes == ()
        assert "left out for your safety" in c.reason and "foot ulcer" in c.reason and "pregnancy" in c.reason
        assert c.words.startswith(f"{c.label}: no point. ")


def test_a_zone_whose_points_were_taken_out_says_it_can_have_them_back():
    profile = zones(Zone.FINGERS)
    mine = personal_routine(profile, RoutineEdits().with_removed("PC6").with_removed("PC7")).routine
    (fingers,) = area_coverage(profile, mine)
    assert not fingers.covered
    assert "You can add PC6 Neiguan in My routine." in fingers.reason


def test_ulcer_on_left_foot_only_leaves_foot_points_on_the_right():
    profile = skin(SkinArea.FOOT, BodySide.LEFT, zones=frozenset({Zone.FOOT_TOP_ANKLE, Zone.SOLE, Zone.TOES}))
    routine = build_routine(profile)
    foot_steps = [s for s in routine.steps if point(s.point_code).region.is_foot]
    assert foot_steps  # ST41, KI3, Bafeng... are still used, on the right
    assert all(s.sides == (Side.RIGHT,) for s in foot_steps)
    assert all(s.sides == BOTH for s in routine.steps if not point(s.point_code).region.is_foot)


@pytest.mark.parametrize("area, regions", [
    (SkinArea.HAND, {Region.HAND, Region.WRIST}),
    (SkinArea.ARM, {Region.FOREARM, Region.ELBOW}),
    (SkinArea.LEG, {Region.KNEE, Region.LOWER_LEG}),
    (SkinArea.FOOT, {Region.ANKLE, Region.FOOT_TOP, Region.SOLE}),
])
def test_skin_problem_on_both_sides_takes_out_every_point_of_that_area(area, regions):
    profile = skin(area, BodySide.BOTH, zones=ALL_ZONES)
    routine = build_routine(profile)
    assert not [s for s in routine.steps if point(s.point_code).region in regions]


def test_skin_problem_on_one_side_of_the_neck_takes_out_midline_points_there():
    routine = build_routine(skin(SkinArea.NECK, BodySide.LEFT, neck_compression=True))
    assert "GV14" not in codes(routine)
    assert step(routine, "BL10").sides == (Side.RIGHT,)


def test_ulcer_history_or_charcot_means_no_foot_points_and_leg_points_instead():
    profile = zones(Zone.FOOT_TOP_ANKLE, Zone.SOLE, Zone.TOES, foot_ulcer_or_charcot=True)
    got = codes(build_routine(profile))
    assert not got & FOOT_CODES
    assert {"ST36", "GB34", "SP6"} <= got  # leg points of the core
    assert got & {"GB39", "SP9"}  # and leg points for the feet's symptoms


@pytest.mark.parametrize("answers, words", [
    ({"bleeding_risk": True}, "blood thinners"),
    ({"reduced_feeling": True}, "helper"),
])
def test_light_pressure_caps_every_step_and_says_so(answers, words):
    routine = build_routine(zones(*ALL_ZONES, **answers), seconds_per_side=120)
    assert words in routine.pressure_note
    assert routine.steps
    for s in routine.steps:
        assert s.seconds_per_side <= LIGHT_PRESSURE_MAX_SECONDS
        assert s.reason.endswith(STEP_LIGHT_NOTE)


def test_all_rules_together():
    profile = Profile(
        zones=ALL_ZONES, neck_compression=True, pregnant_or_maybe=True, bleeding_risk=True,
        foot_ulcer_or_charcot=True, skin_problems=frozenset({SkinProblem(SkinArea.HAND, BodySide.RIGHT)}),
    )
    routine = build_routine(profile)
    got = codes(routine)
    assert not got & (PREGNANCY_OUT | FOOT_CODES)
    for s in routine.steps:
        if point(s.point_code).region in SkinArea.HAND.regions:
            assert s.sides == (Side.LEFT,)
        assert s.seconds_per_side <= LIGHT_PRESSURE_MAX_SECONDS


def test_nothing_safe_gives_an_empty_routine_not_an_unsafe_one():
    everywhere = frozenset(SkinProblem(a, BodySide.BOTH) for a in SkinArea)
    assert build_routine(Profile(zones=ALL_ZONES, skin_problems=everywhere)).steps == ()


# --- enforce_safety on routines from elsewhere ---------------------------------------------


def test_a_saved_routine_loses_points_when_the_answers_change():
    saved = build_routine(zones(Zone.SOLE))
    result = enforce_safety(saved, zones(Zone.SOLE, pregnant_or_maybe=True))
    assert not codes(result.routine) & {"LI4", "SP6"}
    assert "LI4 Hegu was taken out of your routine: it is not used in pregnancy." in [
        r.message for r in result.refused
    ]


def test_a_healed_side_comes_back():
    saved = build_routine(skin(SkinArea.HAND, BodySide.LEFT, pregnant_or_maybe=False))
    assert step(saved, "LI4").sides == (Side.RIGHT,)
    assert step(enforce_safety(saved, NO).routine, "LI4").sides == BOTH


def test_enforce_drops_unknown_and_duplicate_points_and_is_idempotent():
    messy = Routine((
        RoutineStep("LI4", 60, BOTH), RoutineStep("ZZ9", 60, BOTH), RoutineStep("LI4", 30, (Side.LEFT,)),
    ))
    profile = Profile(bleeding_risk=True, pregnant_or_maybe=False)
    once = enforce_safety(messy, profile)
    assert [s.point_code for s in once.routine.steps] == ["LI4"]
    assert any(r.code == "ZZ9" for r in once.refused)
    twice = enforce_safety(once.routine, profile)
    assert twice.routine == once.routine and twice.refused == ()


def test_step_note_goes_when_light_pressure_is_no_longer_needed():
    light = build_routine(Profile(reduced_feeling=True))
    plain = enforce_safety(light, Profile()).routine
    assert plain.pressure_note == ""
    assert all(s.reason == "One of the five core points." for s in plain.steps)


# --- explain() for the Points library ------------------------------------------------------


def test_explain_a_point_in_the_routine():
    e = explain("PC6", zones(Zone.FINGERS))
    assert e.standing is Standing.IN_ROUTINE and e.in_routine and not e.can_add
    assert e.text == "Chosen because you told us about your fingers."
    assert e.sides == BOTH


def test_explain_a_point_safety_rules_out():
    e = explain("LI4", Profile(pregnant_or_maybe=True))
    assert e.standing is Standing.NOT_SAFE and e.safety_excluded and not e.can_add
    assert e.text == "Not in your routine: it is not used in pregnancy."
    assert e.sides == ()
    cautious = explain("SP9", zones(Zone.SOLE, pregnant_or_maybe=True))
    assert cautious.text == "Not in your routine: it is left out in pregnancy, to be safe."
    charcot = explain("KI1", zones(Zone.SOLE, foot_ulcer_or_charcot=True))
    assert charcot.safety_excluded and "leg points are used instead" in charcot.text


def test_explain_a_point_used_on_one_side_only():
    e = explain("ST41", skin(SkinArea.FOOT, BodySide.LEFT, zones=frozenset({Zone.FOOT_TOP_ANKLE})))
    assert e.in_routine and e.sides == (Side.RIGHT,)
    assert e.text.endswith(
        "Only your right foot is used: you told us about a wound or skin problem on your left foot or ankle."
    )


def test_explain_a_point_not_chosen_for_these_symptoms():
    e = explain("KI1", zones(Zone.FINGERS))
    assert e.standing is Standing.NOT_CHOSEN and e.can_add and not e.safety_excluded
    assert e.text == "Not chosen for your symptoms: this point is picked for the sole of the foot and the toes."
    one_side = explain("KI1", skin(SkinArea.FOOT, BodySide.RIGHT))
    assert one_side.text.endswith("If you add it, only your left foot will be used: "
                                  "you told us about a wound or skin problem on your right foot or ankle.")
    assert one_side.sides == (Side.LEFT,)


def test_explain_a_matching_point_left_out_for_length():
    e = explain("KI1", zones(Zone.SOLE))
    assert e.standing is Standing.NOT_CHOSEN and e.can_add
    assert "keep your routine short" in e.text and "the sole of your foot" in e.text
    assert "the app's rule lists it for" in e.text and "suits" not in e.text


def test_explain_a_point_the_person_took_out():
    profile = Profile()
    mine = apply_edits(build_routine(profile), RoutineEdits().with_removed("GB34"), profile).routine
    e = explain("GB34", profile, mine)
    assert e.standing is Standing.REMOVED and e.can_add
    assert e.text.startswith("You took this point out of your routine.")


def test_every_catalog_point_can_be_explained_without_a_profile():
    for p in POINTS:
        e = explain(p.code, NO)
        assert e.text
        assert e.in_routine == (p.code in CORE)
        if not e.in_routine:
            assert e.text.startswith("Not chosen for your symptoms: this point is picked for ")
        skipped = explain(p.code, Profile())
        assert skipped.safety_excluded == (p.code in {"LI4", "SP6", "BL60"})
    with pytest.raises(KeyError):
        explain("XX1", Profile())


# --- The person's edits ----------------------------------------------------------------------


def test_edits_remove_reorder_add_and_change_durations():
    profile = NO
    edits = (
        RoutineEdits()
        .with_removed("SP6")
        .with_added("KI3")
        .with_order(["KI3", "ST36"])
        .with_seconds("ST36", 90)
    )
    result = apply_edits(build_routine(profile), edits, profile)
    assert [s.point_code for s in result.routine.steps] == ["KI3", "ST36", "LI4", "LI11", "GB34"]
    assert step(result.routine, "ST36").seconds_per_side == 90
    assert step(result.routine, "KI3").reason == f"Added by you. {STEP_FOOT_NOTE}"
    assert step(result.routine, "KI3").seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS  # starts short
    assert result.refused == ()


def test_safety_wins_over_an_added_point():
    profile = Profile(pregnant_or_maybe=True)
    result = apply_edits(build_routine(profile), RoutineEdits().with_added("LI4"), profile)
    assert "LI4" not in codes(result.routine)
    assert [r.message for r in result.refused] == ["LI4 Hegu cannot be added: it is not used in pregnancy."]


def test_an_added_point_is_used_only_on_the_safe_side():
    profile = skin(SkinArea.FOOT, BodySide.LEFT)
    result = apply_edits(build_routine(profile), RoutineEdits().with_added("KI1"), profile)
    assert step(result.routine, "KI1").sides == (Side.RIGHT,)
    assert result.refused[0].message == (
        "KI1 Yongquan is added, but only your right foot is used: "
        "you told us about a wound or skin problem on your left foot or ankle."
    )


def test_safety_wins_over_a_longer_duration():
    profile = Profile(bleeding_risk=True)
    result = apply_edits(build_routine(profile), RoutineEdits().with_seconds("LI11", 120), profile)
    assert step(result.routine, "LI11").seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS
    assert [r.message for r in result.refused] == [
        "LI11 Quchi is kept to 30 seconds each side because you take blood thinners or bruise easily."
    ]


@pytest.mark.parametrize("asked, got", [(5, 15), (600, 120), (45, 45)])
def test_durations_stay_between_15_seconds_and_2_minutes(asked, got):
    profile = NO
    result = apply_edits(build_routine(profile), RoutineEdits().with_seconds("LI4", asked), profile)
    assert step(result.routine, "LI4").seconds_per_side == got
    assert bool(result.refused) == (asked != got)


def test_unknown_points_cannot_be_added():
    result = personal_routine(NO, RoutineEdits().with_added("XX1"))
    assert codes(result.routine) == CORE
    assert result.refused[0].message == "XX1 cannot be added: it is not in the app's list of points."


def test_adding_back_a_removed_point_undoes_the_removal():
    edits = RoutineEdits().with_removed("LI4").with_added("LI4")
    assert codes(personal_routine(NO, edits).routine) == CORE
    assert edits.removed == frozenset()


def test_edits_survive_a_change_of_answers():
    edits = RoutineEdits().with_removed("LI11").with_added("BL10")
    before = personal_routine(zones(Zone.FINGERS), edits).routine
    after = personal_routine(zones(Zone.FINGERS, Zone.SOLE), edits).routine
    assert "LI11" not in codes(after) and "BL10" in codes(after)
    assert codes(after) == codes(before) | {"KI3"}


def test_edits_round_trip_through_the_store():
    store = FakeStore()
    assert load_edits(store) == RoutineEdits()
    edits = RoutineEdits().with_added("KI1").with_removed("LI4").with_order(["KI1"]).with_seconds("KI1", 45)
    save_edits(store, edits)
    assert EDITS_DOC in store.docs
    assert load_edits(store) == edits


@pytest.mark.parametrize("doc", [
    {"added": "KI1"}, {"seconds": {"KI1": "long"}}, {"seconds": {"KI1": True}}, {"added": [3]}, {"removed": [{}]}, {"colour": []},
])
def test_unreadable_edits_raise(doc):
    with pytest.raises(ValueError):
        RoutineEdits.from_dict(doc)


@pytest.mark.parametrize("seconds, words", [
    (15, "15 seconds"), (30, "30 seconds"), (60, "1 minute"), (90, "1 and a half minutes"),
    (120, "2 minutes"), (75, "1 minute 15 seconds"),
])
def test_duration_words(seconds, words):
    assert duration_words(seconds) == words


def test_pressing_words_ask_for_light_pressure_where_the_rules_do():
    from data.routine.selection import pressing_words

    assert pressing_words("LI11", Profile()).startswith("Firm")
    assert pressing_words("KI1", Profile()).startswith("Press lightly")  # numb feet
    assert pressing_words("LI11", Profile(bleeding_risk=True)).startswith("Press lightly")
    assert pressing_words("LI11", Profile(reduced_feeling=True)).startswith("Press lightly")


def test_pregnancy_warning_until_the_question_is_answered():
    from data.routine.selection import unanswered_cautions

    assert unanswered_cautions("LI4", Profile()) == ("If you are or might be pregnant, skip this point.",)
    assert unanswered_cautions("SP9", Profile())  # the cautious set too
    assert unanswered_cautions("LI11", Profile()) == ()
    assert unanswered_cautions("LI4", Profile(pregnant_or_maybe=False)) == ()
