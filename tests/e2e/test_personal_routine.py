"""Issue 5 end to end: answer the first-run questions, get a routine made safe, see why in the Points library.

Taps go by accessible names, as a screen reader user would find them.
"""
from datetime import datetime

import pytest

from data.journal.sessions import slot_for
from data.routine.profile import (
    PROFILE_DOC,
    BodySide,
    Profile,
    SkinArea,
    SkinProblem,
    has_profile,
    load_profile,
    setup_put_off,
)
from data.routine.progression import current_routine, finish_setup, load_plan, starting_routine
from data.routine.selection import load_edits
from data.storage.store import open_store

pytestmark = pytest.mark.e2e


def answer_setup_as_pregnant_with_numb_fingers_and_soles(phone) -> None:
    phone.tap("Start setup")
    phone.wait_text("Make the routine yours")
    phone.tap("Start")
    phone.wait_text("Where do you feel it?")
    phone.tap("Fingers")
    phone.tap("Sole of the foot")
    phone.wait_text("Fingers selected")
    phone.wait_text("Sole of the foot selected")
    assert any(n.startswith("Toes not selected") for n in phone.names())

    phone.tap("Safety")  # the red flags, over the setup ...
    phone.wait_text("Stop and get help if you notice")
    phone.tap("Close")
    phone.wait_text("Fingers selected")  # ... and back without losing an answer

    phone.tap("Next")
    phone.wait_text("Neck or low back")
    phone.tap("Next")
    phone.wait_text("What causes it?")
    phone.tap("Diabetes")
    phone.tap("Next")
    phone.wait_text("Keeping you safe")
    phone.tap("I am pregnant")
    phone.wait_text("I am pregnant, or I might be selected")
    phone.tap("Next")
    phone.wait_text("A few more safety questions")  # each left "Not sure / skip"
    phone.tap("Next")
    phone.wait_text("Wounds and skin problems")
    phone.tap("Next")
    phone.wait_text("When to stop and get help")
    phone.wait_text("Call emergency services now")
    phone.tap("Save my answers")
    phone.wait_text("Your routine is ready")
    phone.wait_text("Week 1 of your plan: 3 points, 30 seconds each side.")


def search(phone, words: str) -> None:
    """Type into the search field, as a keyboard would."""
    phone.page.locator("input[aria-label='Search points']").click()
    phone.page.wait_for_timeout(300)
    phone.page.keyboard.press("Control+a")
    phone.page.keyboard.type(words, delay=30)
    phone.page.wait_for_timeout(500)


def test_a_pregnant_user_gets_a_safe_routine_and_sees_why(app_server, data_dir, phone, tmp_path):
    app = app_server()
    phone.open(app.url)
    phone.wait_text("Make the routine yours (2 minutes)")
    answer_setup_as_pregnant_with_numb_fingers_and_soles(phone)

    store = open_store(data_dir)
    profile = load_profile(store)
    assert profile.pregnant_or_maybe is True and profile.bleeding_risk is False
    assert {z.value for z in profile.zones} == {"fingers", "sole"}
    assert profile.neck_compression is False and profile.skin_problems == frozenset()
    assert load_plan(store) is not None

    phone.tap("See my routine")
    phone.wait_text("Your plan")
    phone.shot(tmp_path / "my_routine.png")
    names = phone.names()
    shown = [n for n in names if n[:1].isdigit() and ". " in n]  # "2. PC6 Neiguan"
    assert any("PC6 Neiguan" in n for n in shown) and any("KI3 Taixi" in n for n in shown), shown
    assert not any("LI4" in n or "SP6" in n for n in shown), shown
    assert "Chosen because you told us about your fingers." in names

    phone.tap("Change my points")
    phone.tap("Move KI3 up")
    phone.wait_text("Moved to place")
    order = load_edits(open_store(data_dir)).order
    assert order.index("KI3") < order.index("GB34")
    phone.wait_text("LI4 Hegu cannot be added: it is not used in pregnancy.")
    phone.wait_text("SP6 Sanyinjiao cannot be added: it is not used in pregnancy.")

    phone.tap("Back")
    phone.wait_text(f"Start {slot_for(datetime.now().astimezone()).value} session")
    phone.tap("Points")
    phone.wait_text("All 24 points")
    search(phone, "Hegu")
    phone.wait_text("1 of 24 points match.")
    row = next(n for n in phone.names() if n.startswith("LI4 Hegu"))
    assert "Not safe for you\nIt is not used in pregnancy." in row, row
    phone.tap("LI4 Hegu")
    phone.wait_text("How to find it")
    phone.wait_text("Not safe for you")
    phone.wait_text("It is not used in pregnancy.")
    assert not any("Add LI4" in n for n in phone.names())
    phone.page.go_back()
    phone.wait_text("1 of 24 points match.")  # the search is kept
    search(phone, "sanyinjiao")
    phone.wait_text("SP6 Sanyinjiao")
    row = next(n for n in phone.names() if n.startswith("SP6 Sanyinjiao"))
    assert "Not safe for you\nIt is not used in pregnancy." in row, row

    phone.tap("Today")
    phone.wait_text("Week 1 of your plan: 3 points, 30 seconds each side.")
    slot = datetime.now().astimezone()
    today = current_routine(open_store(data_dir), slot.date())
    assert [s.point_code for s in today.steps] == ["LI11", "PC6", "KI3"]  # fingers and soles from week 1
    assert not [u for u in phone.outside if "rive" not in u], phone.outside


def test_points_filters_and_adding_a_point(app_server, data_dir, phone):
    app = app_server()
    phone.open(app.url)
    answer_setup_as_pregnant_with_numb_fingers_and_soles(phone)
    phone.tap("Back to Today")
    phone.tap("Points")
    phone.tap("Filter by body area or symptom")
    phone.tap("Fingers not selected")  # the symptom filter, not a row that mentions fingers
    phone.wait_text("4 of 24 points match.")
    phone.wait_text("Left out to keep your routine short, though the app's rule lists it for your fingers. You can add it.")
    phone.tap("HT7 Shenmen")
    phone.tap("Add HT7 to my routine")
    phone.wait_text("In your routine")
    assert "HT7" in load_edits(open_store(data_dir)).added


def test_putting_setup_off_keeps_the_starting_routine(app_server, data_dir, phone):
    app = app_server()
    phone.open(app.url)
    phone.wait_text("Make the routine yours (2 minutes)")
    phone.wait_text("Your routine: 3 points")
    phone.tap("Not now")
    phone.wait_text("Your routine: 3 points")
    assert not any("Make the routine yours" in n for n in phone.names())

    store = open_store(data_dir)
    assert setup_put_off(store) and not has_profile(store) and store.get_doc(PROFILE_DOC) is None
    assert current_routine(store, datetime.now().astimezone().date()) == starting_routine()

    phone.open(app.url)  # a new visit does not ask again
    phone.wait_text("Your routine: 3 points")
    assert not any("Make the routine yours (2 minutes)" in n for n in phone.names())
    phone.tap("My routine")
    phone.wait_text("You are using the starting routine")
    phone.wait_text("1. LI11 Quchi")
    assert load_profile(open_store(data_dir)) == Profile()


def test_the_player_says_why_when_nothing_is_safe_to_press(app_server, data_dir, phone):
    everywhere = frozenset(SkinProblem(area, BodySide.BOTH) for area in SkinArea)
    finish_setup(open_store(data_dir), Profile(skin_problems=everywhere), datetime.now().astimezone().date())
    app = app_server()
    phone.open(app.url)
    phone.wait_text("There is nothing safe to press right now")
    assert not any(n.startswith("Start ") and n.endswith("session") for n in phone.names())
    phone.open(app.url + "session", expect="There is nothing safe to press right now")  # a direct link
    phone.wait_text("Safety")  # the red flags stay one tap away
