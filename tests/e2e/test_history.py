"""Issue 10 end to end: nothing lost, nothing invented, everything correctable.

The words typed under "Something felt wrong" are saved by Done; an untouched slider is
"not answered"; an entry edited and deleted from the history list is gone from Progress,
the CSV and the report; "Same as last time" can be undone.
"""
from datetime import datetime, timedelta

import pytest

from data.exports.csv_export import export_csv
from data.journal.checkins import CheckIn, accessible_value, list_checkins, list_side_effects, save_checkin
from data.storage.store import open_store

pytestmark = pytest.mark.e2e


def slider_says(phone, text: str) -> bool:
    """A slider's accessible value, as a screen reader reads it."""
    return phone.page.locator(f"input[aria-valuetext='{text}']").count() == 1


def test_a_typed_note_an_untouched_slider_and_corrections_from_the_history_list(app_server, data_dir, phone):
    app = app_server()
    phone.open(app.url)
    phone.tap("Check in")
    phone.wait_text("Save check-in")
    for symptom in ("numbness", "tingling", "pain"):  # nothing rated before: not answered, not 0
        assert slider_says(phone, accessible_value(symptom, None)), symptom
    for _ in range(3):
        phone.tap("Numbness higher")
    phone.page.wait_for_function("() => document.querySelector(\"input[aria-valuetext='Numbness, 3 of 10']\")")
    phone.tap("Save check-in")
    phone.wait_text("You checked in at")
    assert [(c.numbness, c.tingling, c.pain) for c in list_checkins(open_store(data_dir))] == [(3, None, None)]

    phone.tap("Something felt wrong")
    phone.tap("Log bruising")
    phone.wait_text("Saved: bruising")
    phone.type_into("What happened", "bruise on the left wrist")
    phone.tap("Done")  # the main button saves the words; "Save these words" is not tapped
    phone.wait_text("How are your hands and feet today?")
    assert [(e.kind.value, e.note) for e in list_side_effects(open_store(data_dir))] == [
        ("bruising", "bruise on the left wrist")]

    phone.tap("Progress")
    phone.wait_text("Numbness: scores on 1 of the last 28 days, from 3 to 3.")
    passed = phone.scroll_to("Bruising: bruise on the left wrist")  # the notes: below every symptom
    assert not [n for n in passed if n.startswith(("Pain:", "Tingling:"))]  # never rated: no figure

    phone.scroll_to("See and correct my entries", down=False)
    phone.tap("See and correct my entries")
    phone.wait_text("Today, ")
    phone.tap("Edit check-in")
    phone.wait_text("Save changes")
    phone.tap("Numbness lower")
    phone.page.wait_for_function("() => document.querySelector(\"input[aria-valuetext='Numbness, 2 of 10']\")")
    phone.tap("Save changes")
    phone.wait_text("Numbness 2. Not answered: tingling, pain.")
    assert [c.numbness for c in list_checkins(open_store(data_dir))] == [2]

    phone.tap("Delete side effect")
    phone.wait_text("Deleted: side effect")
    assert list_side_effects(open_store(data_dir)) == []
    phone.tap("Undo")
    phone.wait_text("Bruising: bruise on the left wrist")
    assert len(list_side_effects(open_store(data_dir))) == 1
    phone.tap("Delete side effect")
    phone.wait_text("Deleted: side effect")
    phone.tap("Delete check-in")
    phone.wait_text("Nothing recorded yet.")

    store = open_store(data_dir)
    assert list_checkins(store) == [] and list_side_effects(store) == []
    phone.tap("Close")
    phone.wait_text("No check-ins yet.")
    assert not [n for n in phone.names() if "bruise" in n.lower()]
    csv_text = export_csv(store, datetime.now().astimezone().tzinfo).decode("utf-8-sig")
    assert "bruise" not in csv_text and "checkin" not in csv_text


def test_same_as_last_time_on_today_can_be_undone(app_server, data_dir, phone):
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    save_checkin(open_store(data_dir), CheckIn("y", yesterday, numbness=4, tingling=3))
    app = app_server()
    phone.open(app.url)
    phone.tap("Same as last time")
    phone.wait_text("Saved the same as last time.")
    assert len(list_checkins(open_store(data_dir))) == 2
    phone.tap("Undo")
    phone.wait_text("Same as last time")  # offered again: today's copy is gone
    assert [c.id for c in list_checkins(open_store(data_dir))] == ["y"]
