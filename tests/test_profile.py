"""The first-run answers (data/routine/profile.py): defaults, validation, round trips and the store doc.

Also home of the ``profiles`` strategy and ``FakeStore``, shared by the selection
and progression tests.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from data.models import Region, Side
from data.routine.profile import (
    PROFILE_DOC,
    BodySide,
    Cause,
    Profile,
    ProfileError,
    SkinArea,
    SkinProblem,
    Zone,
    load_profile,
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
profiles = st.builds(
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


def test_a_corrupt_doc_is_an_error_not_a_silent_reset():
    store = FakeStore()
    store.put_doc(PROFILE_DOC, {"pregnant_or_maybe": "maybe"})
    with pytest.raises(ProfileError):
        load_profile(store)
