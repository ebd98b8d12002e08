"""Check-ins, notes, side effects and PGIC: validation, wording, saving, slider start values, PGIC timing."""
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from data.journal.checkins import (
    LABELS,
    PGIC_LEVELS,
    SCORE_WORDS,
    SYMPTOMS,
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    SideEffectKind,
    Where,
    accessible_value,
    last_values,
    list_checkins,
    list_notes,
    list_pgic,
    list_side_effects,
    main_symptom,
    new_id,
    pgic_due,
    question,
    same_as_last,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
    score_word,
)
from data.journal.sessions import save_session
from data.models import SessionRecord, Slot
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def at(day: int, hour: int = 9, minute: int = 0, month: int = 3, tz=BERLIN) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=tz)


def checkin(cid: str, when: datetime, **scores) -> CheckIn:
    return CheckIn(cid, when, **scores)


# -- records and validation -----------------------------------------------------------------------


def test_checkin_round_trips_through_a_plain_dict():
    c = CheckIn(
        "c1", at(3), numbness=4, tingling=0, pain=None, cold_sensitivity=10, where=Where.BOTH,
        note="Cold morning", context=Context.BEFORE_SESSION, session_id="s1",
    )
    d = c.to_dict()
    assert d == {
        "id": "c1", "at": "2026-03-03T09:00:00+01:00", "numbness": 4, "tingling": 0, "pain": None,
        "touch_sensitivity": None, "cold_sensitivity": 10, "weakness_balance": None, "sleep_disturbed": None,
        "where": "both", "note": "Cold morning", "context": "before_session", "session_id": "s1",
    }
    assert CheckIn.from_dict(d) == c


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("numbness", 14, "numbness must be a whole number from 0 to 10, found 14"),
        ("pain", -1, "pain must be a whole number from 0 to 10, found -1"),
        ("tingling", 4.5, "tingling must be a whole number from 0 to 10, found 4.5"),
        ("numbness", "4", "numbness must be a whole number from 0 to 10, found '4'"),
        ("sleep_disturbed", True, "sleep_disturbed must be a whole number from 0 to 10, found True"),
        ("where", "knees", "where must be one of hands, feet, both, found 'knees'"),
        ("context", "weekly", "context must be one of daily, before_session, after_session, found 'weekly'"),
        ("at", "2026-03-03T09:00:00", "at has no time zone"),
        ("at", "yesterday", "at is not a valid date and time"),
        ("at", 1700000000, "at must be a date and time as text, found 1700000000"),
        ("note", 7, "note must be text, found 7"),
        ("note", "x" * 2001, "note is longer than 2000 characters"),
        ("id", "", "id must be text of 1 to 100 characters"),
        ("session_id", 3, "session_id must be text of 1 to 100 characters, found 3"),
        ("colour", "red", "unknown field 'colour'"),
    ],
)
def test_from_dict_refuses_bad_fields_with_a_clear_message(field, value, message):
    d = CheckIn("c1", at(3), numbness=4).to_dict() | {field: value}
    with pytest.raises(ValueError) as err:
        CheckIn.from_dict(d)
    assert message in str(err.value)


def test_from_dict_requires_id_time_and_context_but_not_the_optional_scores():
    with pytest.raises(ValueError, match="at is missing"):
        CheckIn.from_dict({"id": "c1", "context": "daily", "numbness": 3})
    assert CheckIn.from_dict({"id": "c1", "at": "2026-03-03T09:00:00+01:00", "context": "daily", "pain": 2}).pain == 2


def test_constructor_validates_too():
    with pytest.raises(ValueError, match="at least one score"):
        CheckIn("c1", at(3))
    with pytest.raises(ValueError, match="time-zone aware"):
        CheckIn("c1", datetime(2026, 3, 3, 9), numbness=1)
    with pytest.raises(ValueError, match="0 to 10"):
        CheckIn("c1", at(3), weakness_balance=11)


def test_notes_side_effects_and_pgic_validate():
    with pytest.raises(ValueError, match="text is empty"):
        DayNote("n1", at(3), "   ")
    with pytest.raises(ValueError, match="kind must be one of bruising, more_pain, skin_mark, dizziness, other"):
        SideEffect.from_dict({"id": "e1", "at": "2026-03-03T09:00:00+01:00", "kind": "itching"})
    for level in (0, 8, 3.0, "2"):
        with pytest.raises(ValueError, match="level must be a whole number from 1 to 7"):
            PgicAnswer("p1", at(3), level)
    note = DayNote("n1", at(3), "New shoes")
    assert DayNote.from_dict(note.to_dict()) == note
    effect = SideEffect("e1", at(3), SideEffectKind.SKIN_MARK, "red spot", "s1")
    assert SideEffect.from_dict(effect.to_dict()) == effect and effect.label == "Mark on the skin"
    answer = PgicAnswer("p1", at(3), 2)
    assert PgicAnswer.from_dict(answer.to_dict()) == answer and answer.label == "Much improved"


# -- wording --------------------------------------------------------------------------------------


def test_score_words_cover_0_to_10():
    assert len(SCORE_WORDS) == 11 and len(set(SCORE_WORDS)) == 11
    assert (score_word(0), score_word(4), score_word(10)) == ("none", "mild to moderate", "worst imaginable")
    with pytest.raises(ValueError):
        score_word(11)


def test_accessible_value_and_questions():
    assert accessible_value("numbness", 4) == "Numbness, 4 of 10"
    assert accessible_value("weakness_balance", 0) == "Weakness or balance, 0 of 10"
    assert accessible_value("pain", None) == "Pain, not answered"
    assert set(LABELS) == set(SYMPTOMS)
    assert question("numbness", Context.DAILY) == (
        "How much numbness do you feel in your hands or feet over the past 24 hours?"
    )
    assert question("pain", Context.AFTER_SESSION).endswith("right now?")


def test_pgic_has_seven_levels_best_first():
    assert list(PGIC_LEVELS) == [1, 2, 3, 4, 5, 6, 7]
    assert PGIC_LEVELS[1] == "Very much improved" and PGIC_LEVELS[4] == "No change"
    assert PGIC_LEVELS[7] == "Very much worse"


# -- saving and listing ---------------------------------------------------------------------------


def test_saving_twice_keeps_one_checkin(store):
    c = checkin("c1", at(3), numbness=4)
    save_checkin(store, c)
    save_checkin(store, c)
    assert list_checkins(store) == [c]


def test_list_filters_by_local_date_across_midnight_and_month_end(store):
    just_after_midnight = checkin("a", at(1, 0, 10, month=4), numbness=1)  # 1 April 00:10 Berlin
    late = checkin("b", at(31, 23, 50), numbness=2)  # 31 March 23:50 Berlin
    save_checkin(store, just_after_midnight)
    save_checkin(store, late)
    assert list_checkins(store, date(2026, 4, 1), date(2026, 4, 1)) == [just_after_midnight]
    assert list_checkins(store, date(2026, 3, 31), date(2026, 3, 31)) == [late]
    # In UTC the April check-in is 31 March 22:10: it lives in the April partition but belongs to March.
    assert list_checkins(store, date(2026, 3, 31), date(2026, 3, 31), tz=UTC) == [late, just_after_midnight]
    assert list_checkins(store, date(2026, 4, 1), None, tz=UTC) == []


def test_notes_side_effects_and_pgic_are_saved_in_their_collections(store):
    note = DayNote("n1", at(3, 20), "Started new shoes")
    save_note(store, note)
    effect = SideEffect(new_id(), at(4, 9, 30), SideEffectKind.BRUISING, "left hand")
    save_side_effect(store, effect)
    answer = PgicAnswer("p1", at(5), 3)
    save_pgic(store, answer)
    assert list_notes(store) == [note]
    assert list_side_effects(store) == [effect]
    assert effect.kind is SideEffectKind.BRUISING and effect.at == at(4, 9, 30) and effect.note == "left hand"
    assert list_pgic(store, date(2026, 3, 5), date(2026, 3, 5)) == [answer]
    assert [d["id"] for d in store.records("side_effects")] == [effect.id]


# -- slider start values and "same as last time" --------------------------------------------------


def test_words_added_to_a_logged_side_effect_update_it(store):
    effect = SideEffect(new_id(), at(4, 10), SideEffectKind.SKIN_MARK, "", "s1")
    save_side_effect(store, effect)
    save_side_effect(store, replace(effect, note="red mark on the left wrist"))
    assert list_side_effects(store) == [replace(effect, note="red mark on the left wrist")]


def test_last_values_take_each_symptoms_latest_answer(store):
    assert last_values(store).empty
    save_checkin(store, CheckIn("a", at(1), numbness=6, tingling=5, pain=3, where=Where.FEET))
    save_checkin(store, CheckIn("b", at(2), numbness=4, sleep_disturbed=2))  # pain and tingling skipped
    save_checkin(store, CheckIn("c", at(1, 8), pain=9))  # older than "a": never the latest
    last = last_values(store)
    assert last.scores == {
        "numbness": 4, "tingling": 5, "pain": 3, "touch_sensitivity": None,
        "cold_sensitivity": None, "weakness_balance": None, "sleep_disturbed": 2,
    }
    assert last.where is Where.FEET


def test_same_as_last_saves_a_copy_in_one_tap(store):
    assert same_as_last(store, at(5)) is None
    assert list_checkins(store) == []
    save_checkin(store, CheckIn("a", at(1), numbness=6, tingling=5, where=Where.HANDS, note="not copied"))
    copy = same_as_last(store, at(5, 19), Context.BEFORE_SESSION, "s9")
    assert (copy.numbness, copy.tingling, copy.pain, copy.where) == (6, 5, None, Where.HANDS)
    assert (copy.at, copy.context, copy.session_id, copy.note) == (at(5, 19), Context.BEFORE_SESSION, "s9", "")
    assert list_checkins(store)[-1] == copy


def test_main_symptom_is_the_worst_at_the_latest_checkin(store):
    assert main_symptom(store) == "numbness"  # nothing rated yet
    save_checkin(store, CheckIn("a", at(1), numbness=2, tingling=6, pain=6, sleep_disturbed=9))
    assert main_symptom(store) == "tingling"  # a tie goes to the first; extras never count
    save_checkin(store, CheckIn("b", at(2), sleep_disturbed=8))  # no core score: looks further back
    assert main_symptom(store) == "tingling"
    save_checkin(store, CheckIn("c", at(3), pain=1, context=Context.AFTER_SESSION, session_id="s1"))
    assert main_symptom(store) == "pain"  # the latest check-in decides, even one about a session
    save_checkin(store, CheckIn("d", at(4), numbness=0, tingling=0, pain=0))
    assert main_symptom(store) == "numbness"


# -- PGIC once a week -----------------------------------------------------------------------------


def test_pgic_is_due_a_week_after_first_use_then_weekly(store):
    assert not pgic_due(store, date(2026, 3, 20))  # never used
    save_checkin(store, checkin("a", at(1), numbness=5))
    assert not pgic_due(store, date(2026, 3, 7))  # day 7 of use
    assert pgic_due(store, date(2026, 3, 8))  # a full week after the first check-in
    save_pgic(store, PgicAnswer("p1", at(8, 18), 4))
    assert not pgic_due(store, date(2026, 3, 8))
    assert not pgic_due(store, date(2026, 3, 14))
    assert pgic_due(store, date(2026, 3, 15))


def test_pgic_counts_sessions_as_use(store):
    start = at(1, 8)
    save_session(store, SessionRecord("s1", Slot.MORNING, start, start + timedelta(minutes=10), (), True))
    assert not pgic_due(store, date(2026, 3, 7))
    assert pgic_due(store, date(2026, 3, 8))


def test_plain_strings_become_enums():
    c = CheckIn("c1", at(3), numbness=2, where="feet", context="after_session", session_id="s1")
    assert c.where is Where.FEET and c.context is Context.AFTER_SESSION
    assert SideEffect("e1", at(3), "dizziness").kind is SideEffectKind.DIZZINESS
