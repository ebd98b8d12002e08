"""The daily foot check's records and its on/off setting (data/journal/footchecks.py): strict on the way in and out."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from data.journal.footchecks import (
    COLLECTION,
    MAX_NOTE_CHARS,
    SETTING_DOC,
    Finding,
    FootCheck,
    FootCheckSetting,
    delete_foot_check,
    list_foot_checks,
    load_setting,
    save_foot_check,
    save_setting,
)
from data.storage.store import open_store

TZ = timezone(timedelta(hours=1))
AT = datetime(2026, 3, 10, 19, 30, tzinfo=TZ)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def good() -> dict:
    return {"id": "f1", "at": AT.isoformat(), "all_fine": False, "findings": ["redness", "new_sore"],
            "note": "left heel"}


def test_a_record_round_trips_with_findings_in_a_fixed_order():
    check = FootCheck.from_dict(good())
    assert check.findings == (Finding.NEW_SORE, Finding.REDNESS)
    assert check.words == "A new sore or cut, redness"
    assert FootCheck.from_dict(check.to_dict()) == check
    assert FootCheck("f2", AT, True).words == "All fine"


@pytest.mark.parametrize("change, why", [
    ({"colour": "red"}, "unknown field"),
    ({"findings": ["gangrene"]}, "unknown finding"),
    ({"findings": ["heat", "heat"]}, "twice"),
    ({"findings": "heat"}, "must be a list"),
    ({"all_fine": "no"}, "true or false"),
    ({"all_fine": True}, "cannot list findings"),
    ({"findings": []}, "must say what"),
    ({"at": "2026-03-10T19:30:00"}, "no time zone"),
    ({"at": "1999-12-31T23:00:00+00:00"}, "before 2000"),
    ({"at": "2026-03-10T19:30:00+15:00"}, "time zone no place uses"),
    ({"at": 1773170000}, "as text"),
    ({"note": "x" * (MAX_NOTE_CHARS + 1)}, "longer than"),
    ({"note": None}, "must be text"),
    ({"id": ""}, "id must be text"),
])
def test_hostile_records_are_refused(change, why):
    with pytest.raises(ValueError, match=why):
        FootCheck.from_dict({**good(), **change})


def test_a_missing_field_is_refused():
    row = good()
    del row["all_fine"]
    with pytest.raises(ValueError, match="all_fine is missing"):
        FootCheck.from_dict(row)


def test_saved_checks_are_listed_by_local_day_and_a_bad_row_is_set_aside(store):
    late = FootCheck("late", datetime(2026, 3, 31, 23, 30, tzinfo=TZ), True)  # 1 April in UTC+3
    save_foot_check(store, FootCheck.from_dict(good()))
    save_foot_check(store, late)
    store.append(COLLECTION, {"id": "bad", "at": AT.isoformat(), "all_fine": "yes"}, AT)
    assert [c.id for c in list_foot_checks(store)] == ["f1", "late"]
    assert [s.name for s in store.quarantined()] == [COLLECTION]
    plus3 = timezone(timedelta(hours=3))
    assert [c.id for c in list_foot_checks(store, date(2026, 4, 1), date(2026, 4, 1), plus3)] == ["late"]
    assert [c.id for c in list_foot_checks(store, date(2026, 3, 10), date(2026, 3, 10), TZ)] == ["f1"]


def test_saving_twice_with_one_id_keeps_one_record_and_delete_removes_it(store):
    check = FootCheck("same", AT, True)
    save_foot_check(store, check)
    save_foot_check(store, check)
    assert list_foot_checks(store) == [check]
    assert delete_foot_check(store, check) and list_foot_checks(store) == []


def test_the_setting_is_none_until_chosen_then_remembered(store):
    assert load_setting(store) is None
    assert save_setting(store, True, date(2026, 3, 1)) == FootCheckSetting(True, date(2026, 3, 1))
    assert load_setting(store) == FootCheckSetting(True, date(2026, 3, 1))
    assert store.get_doc(SETTING_DOC) == {"on": True, "changed_on": "2026-03-01"}


@pytest.mark.parametrize("doc", [
    {"on": "yes", "changed_on": "2026-03-01"},
    {"on": True},
    {"on": True, "changed_on": "2026-03-01", "extra": 1},
    {"on": True, "changed_on": "yesterday"},
    {"on": True, "changed_on": "1999-03-01"},
    {"on": True, "changed_on": "2026-03-01T10:00"},
    ["on"],
])
def test_a_damaged_setting_is_refused_and_counts_as_no_choice(store, doc):
    with pytest.raises(ValueError):
        FootCheckSetting.from_dict(doc)
    if isinstance(doc, dict):  # the store keeps documents as named fields only
        store.put_doc(SETTING_DOC, doc)
        assert load_setting(store) is None
