"""The first-run answers (data/routine/profile.py): defaults, validation, round trips and the store doc.

Also home of the ``profiles`` strategy and ``FakeStore``, shared by the selection
and progression tests.
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from hypothesis import given, strategies as st

from data.models import Region, Side
from data.routine.profile import (
    PROFILE_DOC,
    Amputation,
    BodySide,
    Cause,
    Profile,
    ProfileError,
    SkinArea,
    SkinProblem,
    Zone,
    latest_mnsi_answers,
    load_profile,
    load_rules_profile,
    save_profile,
)


class FakeStore:
    """Docs in a dict; like the real store, refuses anything that is not plain JSON."""

    def __init__(self) -> None:
        self.docs: dict[str, dict] = {}

    def get_doc(self, name: str) -> dict | None:
        doc = self.docs.get(name)
        return None if doc is None else json.loads(json.dumps(doc))

    def put_doc(self, name: str, doc: dict) -> None:
        copy = json.loads(json.dumps(doc))
        assert copy == doc, f"doc {name!r} is not plain JSON"
        self.docs[name] = copy


yes_no = st.sampled_from([None, False, True])
causes = st.one_of(
    st.just(frozenset({Cause.UNKNOWN})),
    st.frozensets(st.sampled_from([c for c in Cause if c is not Cause.UNKNOWN])),
)
LIMB_AREAS = (SkinArea.HAND, SkinArea.ARM, SkinArea.FOOT, SkinArea.LEG)
arm_sides = st.one_of(st.none(), st.sampled_from(BodySide))
amputation_answers = st.one_of(
    st.tuples(yes_no, st.just(frozenset())),
    st.tuples(st.sampled_from([None, True]),
              st.frozensets(st.builds(Amputation, st.sampled_from(LIMB_AREAS), st.sampled_from(BodySide)),
                            min_size=1, max_size=2)),
)
_base_profiles = st.builds(
    Profile,
    zones=st.frozensets(st.sampled_from(Zone)),
    neck_compression=yes_no,
    low_back_compression=yes_no,
    causes=causes,
    pregnant_or_maybe=yes_no,
    bleeding_risk=yes_no,
    skin_problems=st.frozensets(st.builds(SkinProblem, st.sampled_from(SkinArea), st.sampled_from(BodySide))),
    foot_ulcer_or_charcot=yes_no,
    reduced_feeling=yes_no,
    numb_feet=yes_no,
    poor_leg_circulation=yes_no,
    fistula_arm=arm_sides,
    lymphoedema_arm=arm_sides,
)
profiles = st.builds(
    lambda base, amp: replace(base, amputation=amp[0], amputations=amp[1]), _base_profiles, amputation_answers
)
"""Any answers, including every later question and unanswered ones."""

# MNSI answers as the questionnaire stores them: every scored item, items 4 and 10 optional.
mnsi_answers = st.fixed_dictionaries(
    {n: st.booleans() for n in (1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15)},
    optional={4: st.booleans(), 10: st.booleans()},
)


def test_every_answer_starts_skipped():
    p = Profile()
    assert p.zones == frozenset() and p.causes == frozenset() and p.skin_problems == frozenset()
    assert p.pregnant_or_maybe is None and p.bleeding_risk is None and p.reduced_feeling is None
    assert not p.light_pressure


@given(profiles)
def test_round_trips_through_plain_json(profile):
    doc = profile.to_dict()
    assert json.loads(json.dumps(doc)) == doc
    assert Profile.from_dict(doc) == profile


def test_doc_is_sorted_so_equal_answers_give_equal_docs():
    doc = Profile(zones=frozenset({Zone.TOES, Zone.FINGERS}), causes=frozenset({Cause.OTHER, Cause.DIABETES})).to_dict()
    assert doc["zones"] == ["fingers", "toes"]
    assert doc["causes"] == ["diabetes", "other"]


def test_missing_answers_read_as_skipped():
    assert Profile.from_dict({}) == Profile()
    assert Profile.from_dict({"zones": ["sole"]}) == Profile(zones=frozenset({Zone.SOLE}))


@pytest.mark.parametrize("doc", [
    {"zones": ["knee"]},
    {"zones": "sole"},
    {"causes": ["stress"]},
    {"pregnant_or_maybe": "yes"},
    {"bleeding_risk": 1},
    {"skin_problems": [{"area": "foot"}]},
    {"skin_problems": [{"area": "tail", "side": "left"}]},
    {"skin_problems": [{"area": "foot", "side": "middle"}]},
    {"skin_problems": ["foot"]},
    {"causes": ["unknown", "diabetes"]},
    {"favourite_colour": "blue"},
])
def test_refuses_unknown_or_malformed_answers(doc):
    with pytest.raises(ProfileError):
        Profile.from_dict(doc)


def test_refuses_a_non_dict():
    with pytest.raises(ProfileError):
        Profile.from_dict(["fingers"])


def test_constructor_refuses_plain_strings_for_enums():
    with pytest.raises(ProfileError):
        Profile(zones=frozenset({"fingers"}))
    with pytest.raises(ProfileError):
        SkinProblem("foot", BodySide.LEFT)


def test_skin_sides_combine_answers_per_area():
    p = Profile(skin_problems=frozenset({
        SkinProblem(SkinArea.FOOT, BodySide.LEFT),
        SkinProblem(SkinArea.FOOT, BodySide.RIGHT),
        SkinProblem(SkinArea.HAND, BodySide.BOTH),
        SkinProblem(SkinArea.LEG, BodySide.RIGHT),
    }))
    assert p.skin_sides(SkinArea.FOOT) == {Side.LEFT, Side.RIGHT}
    assert p.skin_sides(SkinArea.HAND) == {Side.LEFT, Side.RIGHT}
    assert p.skin_sides(SkinArea.LEG) == {Side.RIGHT}
    assert p.skin_sides(SkinArea.ARM) == frozenset()


def test_every_catalog_region_belongs_to_exactly_one_skin_area():
    for region in Region:
        assert [a for a in SkinArea if region in a.regions] == [SkinArea.of(region)]
    assert {r for a in SkinArea for r in a.regions if r.is_foot} == SkinArea.FOOT.regions


@pytest.mark.parametrize("bleeding, feeling, light", [
    (None, None, False), (False, False, False), (True, None, True), (None, True, True),
])
def test_light_pressure_for_bleeding_risk_or_reduced_feeling(bleeding, feeling, light):
    assert Profile(bleeding_risk=bleeding, reduced_feeling=feeling).light_pressure is light


def test_every_choice_has_a_label():
    for kind in (Zone, Cause, BodySide, SkinArea):
        for member in kind:
            assert member.label and member.label[0].isupper()


def test_load_before_first_run_and_after_save():
    store = FakeStore()
    assert load_profile(store) == Profile()
    profile = Profile(zones=frozenset({Zone.SOLE}), pregnant_or_maybe=False,
                      skin_problems=frozenset({SkinProblem(SkinArea.FOOT, BodySide.LEFT)}))
    save_profile(store, profile)
    assert PROFILE_DOC in store.docs
    assert load_profile(store) == profile


def test_a_damaged_profile_is_kept_aside_said_on_today_and_read_as_unanswered(tmp_path):
    """Issue 10: one wrong field never stops Today; the answers are kept (quarantine), never lost,
    and until they are given again every safety question counts as unanswered (the careful reading)."""
    from datetime import date, time

    from data.routine.profile import has_profile
    from data.routine.progression import current_routine
    from data.screens.today import today_summary
    from data.storage.store import open_store

    store = open_store(tmp_path / "data")
    store.put_doc(PROFILE_DOC, {"pregnant_or_maybe": "perhaps"})
    assert load_profile(store) == Profile()
    assert not has_profile(store) and [e.name for e in store.quarantined()] == [PROFILE_DOC]
    today = today_summary(store, datetime(2026, 12, 1, 9, tzinfo=timezone.utc), "", time(14))
    assert today.invite_setup and "your answers to the first questions" in " ".join(today.kept_aside.lines)
    assert not {"LI4", "SP6"} & {step.point_code for step in current_routine(store, date(2026, 12, 1)).steps}


# --- Answers added by the second safety review (domain.md section 5) ------------------------


def test_old_profiles_and_backups_still_load_with_the_new_answers_unanswered():
    old = {"zones": ["sole"], "pregnant_or_maybe": False, "bleeding_risk": None, "skin_problems": [],
           "causes": [], "neck_compression": None, "low_back_compression": None,
           "foot_ulcer_or_charcot": False, "reduced_feeling": None}
    p = Profile.from_dict(old)
    assert p.numb_feet is None and p.poor_leg_circulation is None and p.amputation is None
    assert p.amputations == frozenset() and p.fistula_arm is None and p.lymphoedema_arm is None
    assert Profile.from_dict(p.to_dict()) == p


def test_new_answers_round_trip():
    p = Profile(numb_feet=True, poor_leg_circulation=False, amputation=True,
                amputations=frozenset({Amputation(SkinArea.FOOT, BodySide.LEFT)}),
                fistula_arm=BodySide.RIGHT, lymphoedema_arm=BodySide.BOTH)
    doc = p.to_dict()
    assert doc["amputations"] == [{"area": "foot", "side": "left"}]
    assert doc["fistula_arm"] == "right" and doc["lymphoedema_arm"] == "both"
    assert Profile.from_dict(json.loads(json.dumps(doc))) == p


@pytest.mark.parametrize("doc", [
    {"numb_feet": "yes"},
    {"amputations": [{"area": "neck", "side": "left"}]},
    {"amputations": [{"area": "leg"}]},
    {"amputations": "leg"},
    {"amputation": False, "amputations": [{"area": "leg", "side": "left"}]},
    {"fistula_arm": "middle"},
    {"lymphoedema_arm": True},
])
def test_refuses_malformed_new_answers(doc):
    with pytest.raises(ProfileError):
        Profile.from_dict(doc)


def test_an_amputation_takes_its_area_and_everything_further_down_the_limb():
    leg = Profile(amputations=frozenset({Amputation(SkinArea.LEG, BodySide.RIGHT)}))
    assert leg.amputated_sides(SkinArea.LEG) == {Side.RIGHT} == leg.amputated_sides(SkinArea.FOOT)
    assert leg.amputated_sides(SkinArea.HAND) == frozenset()
    assert leg.has_amputation and leg.lower_limb_amputation
    arm = Profile(amputations=frozenset({Amputation(SkinArea.HAND, BodySide.LEFT)}))
    assert arm.amputated_sides(SkinArea.HAND) == {Side.LEFT} and arm.amputated_sides(SkinArea.ARM) == frozenset()
    assert not arm.lower_limb_amputation
    somewhere = Profile(amputation=True)
    assert somewhere.lower_limb_amputation  # place not given: it may have been a leg
    assert not Profile(amputation=False).has_amputation
    with pytest.raises(ProfileError):
        Amputation(SkinArea.NECK, BodySide.LEFT)


@pytest.mark.parametrize("answers, changes", [
    ({8: True}, {"foot_ulcer_or_charcot": True}),
    ({15: True}, {"amputation": True}),
    ({7: False}, {"numb_feet": True}),  # cannot tell hot from cold water
    ({13: False}, {"numb_feet": True}),  # cannot feel the feet when walking
    ({1: True}, {"numb_feet": True}),
    ({7: True, 8: False, 13: True, 15: False, 1: False}, {}),  # a "no" never adds anything
    ({}, {}),
])
def test_mnsi_answers_feed_the_same_answers(answers, changes):
    assert Profile().with_mnsi(answers) == replace(Profile(), **changes)


def test_mnsi_never_turns_a_yes_into_no():
    p = Profile(foot_ulcer_or_charcot=True, amputation=True, numb_feet=True)
    assert p.with_mnsi({8: False, 15: False, 7: True, 13: True, 1: False}) == p
    assert p.with_mnsi(None) == p


@pytest.mark.parametrize("answers", [{16: True}, {"8": True}, {8: "yes"}, {True: True}, ["8"]])
def test_unreadable_mnsi_answers_are_refused(answers):
    with pytest.raises(ProfileError):
        Profile().with_mnsi(answers)


class FakeRecordStore(FakeStore):
    def __init__(self, records: list[dict]) -> None:
        super().__init__()
        self._records = records

    def records(self, collection: str, **_kw) -> list[dict]:
        return list(self._records) if collection == "mnsi" else []


def test_the_rules_profile_folds_in_the_newest_questionnaire_only():
    def record(rid: str, day: int, sore: bool) -> dict:
        answers = {str(n): False for n in (1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15)}
        answers.update({"7": True, "13": True, "8": sore})
        return {"id": rid, "at": datetime(2026, 3, day, 9, tzinfo=timezone.utc).isoformat(), "answers": answers}

    store = FakeRecordStore([record("b", 9, sore=True), record("a", 2, sore=False)])
    save_profile(store, Profile(foot_ulcer_or_charcot=False))
    assert latest_mnsi_answers(store)[8] is True
    assert load_rules_profile(store).foot_ulcer_or_charcot is True
    assert load_profile(store).foot_ulcer_or_charcot is False  # the setup answers stay as given
    assert load_rules_profile(FakeRecordStore([])) == Profile()
