"""Tender spots (data/routine/spots.py and the spot rules of data/routine/selection.py).

The record and its store document are checked like hostile input; the selection adds
allowed spots after the catalog points, under the same rules a point in that region
and on that side meets, and within the session's time cap.
"""
from __future__ import annotations

from datetime import date

import pytest

from data.models import Region, Routine, RoutineStep, Side
from data.routine.drawings import spot_drawing, spot_words
from data.routine.player import SessionPlayer, estimated_seconds
from data.routine.profile import Amputation, BodySide, Profile, SkinArea, SkinProblem, Zone
from data.routine.selection import (
    LIGHT_PRESSURE_MAX_SECONDS,
    ROUTINE_TIME_CAP_SECONDS,
    STEP_FOOT_NOTE,
    BlockKind,
    build_routine,
    check_spot,
    spots_in_routine,
)
from data.routine.spots import (
    MAX_NAME_CHARS,
    MAX_SPOTS,
    SPOTS_DOC,
    SpotError,
    SpotList,
    TenderSpot,
    add_spot,
    clean_name,
    delete_spot,
    is_spot_code,
    load_spots,
    rename_spot,
    sides_for,
    spot_regions,
)
from data.storage.store import open_store

DAY = date(2026, 3, 2)
ARMS_AND_LEGS = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=False,
                        foot_ulcer_or_charcot=False, numb_feet=False)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def spot(region: Region, side: Side = Side.LEFT, spot_id: int = 1, name: str = "Sore spot") -> TenderSpot:
    return TenderSpot(spot_id, name, region, side, DAY)


# --- The record ----------------------------------------------------------------------


def test_a_spot_round_trips_and_says_where_it_is():
    s = spot(Region.FOREARM)
    assert TenderSpot.from_dict(s.to_dict()) == s
    assert (s.code, s.title, s.where) == ("spot-1", "Sore spot (left forearm)", "your left forearm")
    assert spot(Region.NECK, Side.MIDDLE).where == "the middle of your neck"
    assert spot(Region.LOW_BACK, Side.RIGHT).where == "the right side of your low back"
    assert spot(Region.SOLE, Side.RIGHT).title == "Sore spot (right sole)"
    assert is_spot_code("spot-1") and not is_spot_code("LI4") and not is_spot_code(None)


@pytest.mark.parametrize("name, words", [
    ("  sore   spot ", "sore spot"),
    ("line\nbreak", "line break"),
    ("x" * MAX_NAME_CHARS, "x" * MAX_NAME_CHARS),
])
def test_names_are_squeezed_to_one_line(name, words):
    assert clean_name(name) == words


@pytest.mark.parametrize("name", ["", "   ", "x" * (MAX_NAME_CHARS + 1), None, 7, "bell\x07", "rtl\u202eevil"])
def test_hostile_names_are_refused(name):
    with pytest.raises(SpotError):
        clean_name(name)


@pytest.mark.parametrize("doc", [
    None, [], {"id": 1},
    {"id": 0, "name": "a", "region": "hand", "side": "left", "created": "2026-03-02"},
    {"id": True, "name": "a", "region": "hand", "side": "left", "created": "2026-03-02"},
    {"id": 1, "name": " a", "region": "hand", "side": "left", "created": "2026-03-02"},
    {"id": 1, "name": "a", "region": "tail", "side": "left", "created": "2026-03-02"},
    {"id": 1, "name": "a", "region": "hand", "side": "middle", "created": "2026-03-02"},  # limbs have a side
    {"id": 1, "name": "a", "region": "hand", "side": "left", "created": "yesterday"},
    {"id": 1, "name": "a", "region": "hand", "side": "left", "created": 20260302},
    {"id": 1, "name": "a", "region": "hand", "side": "left", "created": "2026-03-02", "extra": 1},
])
def test_unreadable_spots_raise(doc):
    with pytest.raises(SpotError):
        TenderSpot.from_dict(doc)


def test_a_spot_list_is_bounded_and_ids_are_unique():
    many = [spot(Region.HAND, spot_id=i).to_dict() for i in range(1, MAX_SPOTS + 2)]
    with pytest.raises(SpotError):
        SpotList.from_dict({"next_id": MAX_SPOTS + 2, "spots": many})
    with pytest.raises(SpotError):
        SpotList((spot(Region.HAND), spot(Region.WRIST)), 2)  # the same id twice
    with pytest.raises(SpotError):
        SpotList((spot(Region.HAND, spot_id=3),), 3)  # next_id must come after every id
    assert SpotList.from_dict(SpotList((spot(Region.HAND),), 2).to_dict()).spots == (spot(Region.HAND),)


# --- Where a spot may be marked (seed 002) ---------------------------------------------


def test_spots_go_on_an_affected_limb_or_the_neck_or_low_back_with_compression():
    assert spot_regions(Profile()) == ()
    assert spot_regions(Profile(zones=frozenset({Zone.FINGERS}))) == (
        Region.HAND, Region.WRIST, Region.FOREARM, Region.ELBOW)
    legs = spot_regions(Profile(zones=frozenset({Zone.TOES})))
    assert Region.SOLE in legs and Region.HAND not in legs
    assert spot_regions(Profile(neck_compression=True, low_back_compression=True)) == (
        Region.NECK, Region.UPPER_BACK, Region.LOW_BACK)
    assert sides_for(Region.NECK) == (Side.LEFT, Side.MIDDLE, Side.RIGHT)
    assert sides_for(Region.SOLE) == (Side.LEFT, Side.RIGHT)


# --- The store document --------------------------------------------------------------


def test_add_rename_and_delete_a_spot(store):
    assert load_spots(store) == ()
    first = add_spot(store, "  Tender   shin ", "lower_leg", "right", ARMS_AND_LEGS, DAY)
    assert first == TenderSpot(1, "Tender shin", Region.LOWER_LEG, Side.RIGHT, DAY)
    second = add_spot(store, "Wrist", Region.WRIST, Side.LEFT, ARMS_AND_LEGS, DAY)
    assert load_spots(store) == (first, second)
    assert rename_spot(store, 2, "Inner wrist").name == "Inner wrist"
    assert delete_spot(store, 1) == first
    third = add_spot(store, "Sole", Region.SOLE, Side.LEFT, ARMS_AND_LEGS, DAY)
    assert third.id == 3  # an id is never given twice
    assert [s.name for s in load_spots(store)] == ["Inner wrist", "Sole"]
    with pytest.raises(SpotError):
        delete_spot(store, 1)
    with pytest.raises(SpotError):
        rename_spot(store, 99, "x")


def test_adding_refuses_bad_places_and_a_seventh_spot(store):
    with pytest.raises(SpotError):
        add_spot(store, "Neck", Region.NECK, Side.LEFT, ARMS_AND_LEGS, DAY)  # no neck compression told
    with pytest.raises(SpotError):
        add_spot(store, "Hand", "paw", Side.LEFT, ARMS_AND_LEGS, DAY)
    with pytest.raises(SpotError):
        add_spot(store, "Hand", Region.HAND, Side.MIDDLE, ARMS_AND_LEGS, DAY)
    with pytest.raises(SpotError):
        add_spot(store, "", Region.HAND, Side.LEFT, ARMS_AND_LEGS, DAY)
    for i in range(MAX_SPOTS):
        add_spot(store, f"Spot {i}", Region.HAND, Side.LEFT, ARMS_AND_LEGS, DAY)
    with pytest.raises(SpotError, match="up to 6"):
        add_spot(store, "One more", Region.HAND, Side.LEFT, ARMS_AND_LEGS, DAY)
    assert len(load_spots(store)) == MAX_SPOTS


class QuarantineStore:
    """Docs in a dict, with the store's quarantine: enough for a damaged document."""

    def __init__(self, docs: dict) -> None:
        self.docs, self.set_aside = docs, []

    def get_doc(self, name):
        return self.docs.get(name)

    def update_doc(self, name, change):
        self.docs[name] = change(self.docs.get(name))
        return self.docs[name]

    def quarantine_doc(self, name, doc, why):
        self.set_aside.append((name, doc))
        self.docs.pop(name, None)


def test_a_damaged_spots_document_is_set_aside_not_a_crash():
    damaged = {"next_id": 2, "spots": [{"id": 1, "name": "x" * 500, "region": "hand", "side": "left",
                                        "created": "2026-03-02"}]}
    fake = QuarantineStore({SPOTS_DOC: damaged})
    assert load_spots(fake) == ()
    assert fake.set_aside == [(SPOTS_DOC, damaged)]


# --- In the routine, under the same rules ---------------------------------------------


def test_allowed_spots_follow_the_catalog_points_at_the_routines_hold():
    routine = build_routine(ARMS_AND_LEGS)
    shin, wrist = spot(Region.LOWER_LEG, Side.RIGHT, 1), spot(Region.WRIST, Side.LEFT, 2)
    result = spots_in_routine(routine, [wrist, shin], ARMS_AND_LEGS)
    assert [s.spot for s in result.steps] == [shin, wrist]  # oldest first
    assert all(s.seconds_per_side == 60 for s in result.steps) and result.left_out == ()
    assert result.steps[0].sides == (Side.RIGHT,)


@pytest.mark.parametrize("answers, place, kind", [
    ({"fistula_arm": BodySide.LEFT}, (Region.FOREARM, Side.LEFT), BlockKind.NO_PRESSURE_ARM),
    ({"lymphoedema_arm": BodySide.BOTH}, (Region.HAND, Side.RIGHT), BlockKind.NO_PRESSURE_ARM),
    ({"foot_ulcer_or_charcot": True}, (Region.SOLE, Side.RIGHT), BlockKind.FOOT_HISTORY),
    ({"poor_leg_circulation": True}, (Region.FOOT_TOP, Side.LEFT), BlockKind.CIRCULATION),
    ({"amputation": True}, (Region.ANKLE, Side.LEFT), BlockKind.AMPUTATION),
    ({"amputations": frozenset({Amputation(SkinArea.ARM, BodySide.RIGHT)})}, (Region.HAND, Side.RIGHT),
     BlockKind.AMPUTATION),
    ({"skin_problems": frozenset({SkinProblem(SkinArea.LEG, BodySide.LEFT)})}, (Region.KNEE, Side.LEFT),
     BlockKind.SKIN),
    ({"skin_problems": frozenset({SkinProblem(SkinArea.NECK, BodySide.RIGHT)}), "neck_compression": True},
     (Region.NECK, Side.MIDDLE), BlockKind.SKIN),
    ({"pregnant_or_maybe": True, "low_back_compression": True}, (Region.LOW_BACK, Side.MIDDLE),
     BlockKind.PREGNANCY),
])
def test_a_spot_meets_the_rules_of_its_region_and_side(answers, place, kind):
    profile = Profile(**{"zones": frozenset({Zone.FINGERS, Zone.SOLE}), **answers})
    s = spot(*place)
    check = check_spot(s, profile)
    assert not check.allowed and kind in {b.kind for b in check.blocks}
    result = spots_in_routine(build_routine(profile), [s], profile)
    assert result.steps == () and result.left_out == ((s, check.reasons),)


@pytest.mark.parametrize("place", [Region.HAND, Region.LOWER_LEG, Region.ANKLE, Region.SOLE, Region.FOOT_TOP,
                                   Region.KNEE])
def test_in_pregnancy_a_spot_where_points_are_left_out_is_left_out_too(place):
    """A hand spot may be LI4, an ankle spot BL60, a sole spot KI1: pregnant, it is not pressed;
    with the question unanswered it is pressed only with the caution to skip it."""
    s = spot(place)
    pregnant = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), pregnant_or_maybe=True)
    check = check_spot(s, pregnant)
    assert not check.allowed and BlockKind.PREGNANCY in {b.kind for b in check.blocks}
    assert spots_in_routine(build_routine(pregnant), [s], pregnant).steps == ()
    unanswered = Profile(zones=frozenset({Zone.FINGERS, Zone.SOLE}), foot_ulcer_or_charcot=False)
    [step] = spots_in_routine(build_routine(unanswered), [s], unanswered).steps
    assert "If you are or might be pregnant, skip this spot." in step.cautions
    assert check_spot(spot(Region.FOREARM), pregnant).allowed  # no point there is left out in pregnancy


def test_the_other_side_stays_allowed():
    profile = Profile(zones=frozenset({Zone.FINGERS}), fistula_arm=BodySide.LEFT)
    assert check_spot(spot(Region.FOREARM, Side.RIGHT), profile).allowed_sides == (Side.RIGHT,)


def test_foot_spots_are_light_and_short_like_foot_points():
    profile = Profile(zones=frozenset({Zone.SOLE}), pregnant_or_maybe=False, foot_ulcer_or_charcot=None)
    step = spots_in_routine(build_routine(profile, 120), [spot(Region.SOLE)], profile).steps[0]
    assert step.seconds_per_side == LIGHT_PRESSURE_MAX_SECONDS and step.note == STEP_FOOT_NOTE
    assert any("foot ulcer" in c for c in step.cautions)


def test_a_spot_where_symptoms_are_no_longer_told_waits_with_a_reason():
    s = spot(Region.FOREARM)
    result = spots_in_routine(build_routine(Profile(zones=frozenset({Zone.SOLE}))), [s],
                              Profile(zones=frozenset({Zone.SOLE})))
    assert result.steps == () and "change your answers" in result.left_out[0][1]


def test_spots_stay_within_the_time_cap():
    long = Routine(tuple(RoutineStep(f"X{i}", 120, (Side.LEFT, Side.RIGHT)) for i in range(6)))
    assert long.total_seconds == 1440
    spots = [spot(Region.HAND, Side.LEFT, i) for i in range(1, 7)]
    result = spots_in_routine(long, spots, ARMS_AND_LEGS)
    assert long.total_seconds + sum(s.seconds_per_side for s in result.steps) <= ROUTINE_TIME_CAP_SECONDS
    assert len(result.steps) == 0 and len(result.left_out) == 6
    assert all("under 25 minutes" in why for _s, why in result.left_out)
    short = spots_in_routine(Routine(()), spots, ARMS_AND_LEGS)
    assert len(short.steps) == 6 and short.steps[0].seconds_per_side == 60


# --- In the player --------------------------------------------------------------------


def test_the_player_presses_spots_after_the_points_each_on_its_own_side():
    routine = Routine((RoutineStep("LI11", 30, (Side.LEFT, Side.RIGHT)),))
    shin = spots_in_routine(routine, [spot(Region.LOWER_LEG, Side.RIGHT)], ARMS_AND_LEGS).steps
    player = SessionPlayer(routine, now=0, prepare_seconds=5, switch_seconds=2, spots=shin)
    assert [(s.point_code, s.side, s.point_number, s.first_side) for s in player.steps] == [
        ("LI11", Side.LEFT, 1, True), ("LI11", Side.RIGHT, 1, False), ("spot-1", Side.RIGHT, 2, True)]
    assert player.point_count == 2 and player.steps[-1].seconds == 30
    assert estimated_seconds(routine, 5, 2, shin) == 5 + 30 + 2 + 30 + 5 + 30


def test_a_spot_is_shown_on_its_limbs_drawing_in_plain_words():
    assert spot_drawing(spot(Region.LOWER_LEG)) == "bodymap/leg.svg"
    assert spot_drawing(spot(Region.HAND)) == "bodymap/arm.svg"
    assert spot_drawing(spot(Region.FOREARM)) == "bodymap/palm.svg"
    assert spot_drawing(spot(Region.NECK, Side.MIDDLE)) == ""  # words only
    assert spot_words(spot(Region.SOLE, Side.RIGHT, name="Hot patch")) == (
        'Your own spot, "Hot patch", on the sole of your right foot. Feel for the place that is tender or '
        "numb, and press there.")
