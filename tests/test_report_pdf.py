"""The PDF report, opened with pypdf: period, adherence figures, notes, disclaimer and fonts."""
import io
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from data.exports import report_pdf
from data.exports.report_pdf import ReportData, build_report, report_from_store
from data.journal.checkins import (
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    SideEffectKind,
    new_id,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
)
from data.journal.questionnaires import MnsiAnswers, save_mnsi
from data.journal.sessions import save_session
from data.models import SessionRecord, Side, Slot, StepResult
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
MADE = datetime(2026, 4, 1, 10, 0, tzinfo=BERLIN)


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def text_of(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), reader


def session(sid: str, start: datetime, slot: Slot, finished: bool = True) -> SessionRecord:
    steps = (StepResult("LI4", Side.LEFT, 60, 60, True),)
    return SessionRecord(sid, slot, start, start + timedelta(minutes=10), steps, finished)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    # 4 slots done in March: mornings of 2, 3 and 4 March, evening of 3 March; 5 March stopped early
    for sid, start, slot, finished in [
        ("m2", at(3, 2, 8), Slot.MORNING, True),
        ("m3", at(3, 3, 8), Slot.MORNING, True),
        ("e3", at(3, 3, 19), Slot.EVENING, True),
        ("m4", at(3, 4, 0, 15), Slot.MORNING, True),  # just after midnight: 4 March
        ("m5", at(3, 5, 8), Slot.MORNING, False),
        ("feb", at(2, 28, 8), Slot.MORNING, True),  # outside the period
    ]:
        save_session(s, session(sid, start, slot, finished))
    for day in range(1, 32):
        save_checkin(s, CheckIn(f"d{day}", at(3, day), numbness=6 if day <= 7 else 3, tingling=4))
    save_checkin(s, CheckIn("b", at(3, 2, 7, 59), numbness=6, context=Context.BEFORE_SESSION, session_id="m2"))
    save_checkin(s, CheckIn("a", at(3, 2, 8, 11), numbness=4, context=Context.AFTER_SESSION, session_id="m2"))
    save_note(s, DayNote("n1", at(3, 10, 20), "Started new tablets from the GP; feet warmer 🙂"))
    save_note(s, DayNote("n0", at(2, 20, 20), "February note, outside the period"))
    save_side_effect(s, SideEffect(new_id(), at(3, 5, 9, 30), SideEffectKind.BRUISING, "left hand"))
    save_pgic(s, PgicAnswer("p1", at(3, 14, 10), 3))
    return s


def test_report_text_holds_period_adherence_notes_and_disclaimer(store):
    pdf = report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE)
    assert pdf.startswith(b"%PDF-")
    text, reader = text_of(pdf)
    assert "PressPoint" in text and "Symptom and practice report" in text
    assert "does not diagnose or cure neuropathy" in text
    assert "It can show changes over time; it cannot show what caused them." in text
    assert "Period: 1 March 2026 to 31 March 2026 (31 days)" in text
    assert "Made on 1 April 2026" in text
    assert "Sessions done: 4 of 62 planned" in text
    assert "Days with at least one session: 3 of 31." in text
    assert "Started new tablets from the GP; feet warmer" in text
    assert "February note" not in text
    assert "Bruising" in text and "left hand" in text
    assert "A little improved" in text and "14 Mar 2026, 10:00" in text
    assert "Your numbness scores were lower over the last two weeks than at the start" in text
    assert "Numbness 1 6.0 4.0 –2.0" in text  # before/after table row
    assert reader.metadata.title == "PressPoint symptom and practice report, 1 March 2026 to 31 March 2026"
    assert f"Page 1 of {len(reader.pages)}" in text


def test_calendar_rows_count_each_week(store):
    text, _ = text_of(report_from_store(store, date(2026, 3, 2), date(2026, 3, 15), BERLIN, MADE))
    # week of 2 March: mornings 2, 3, 4 and evening 3; week of 9 March: nothing
    assert "4 of 14" in text and "0 of 14" in text
    assert "Sessions done: 4 of 28 planned" in text


def test_a_characters_no_font_has_becomes_a_question_mark(store):
    text, _ = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    assert "feet warmer ?" in text


def test_atkinson_hyperlegible_is_embedded(store):
    _, reader = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("AtkinsonHyperlegible" in f for f in fonts)


def test_empty_period_still_makes_a_clear_report():
    data = ReportData(date(2026, 3, 1), date(2026, 3, 7), BERLIN, MADE, [], [], [], [], [])
    text, _ = text_of(build_report(data))
    assert "Period: 1 March 2026 to 7 March 2026 (7 days)" in text
    assert "Sessions done: 0 of 14 planned" in text
    assert "No daily symptom scores were recorded in this period." in text
    assert "No session in this period has a rating both before and after it." in text
    assert "No notes in this period." in text and "No side effects were logged in this period." in text


def test_long_period_and_single_day_render(store):
    text, reader = text_of(report_from_store(store, date(2026, 1, 1), date(2026, 6, 30), BERLIN, MADE))
    # Issue 11: counted from the first day of use (28 February), not from 1 January: 123 days, 246 planned.
    assert "Sessions done: 5 of 246 planned" in text and len(reader.pages) < 15
    assert "counted from the first day of use, 28 February 2026" in text
    text, _ = text_of(report_from_store(store, date(2026, 3, 3), date(2026, 3, 3), BERLIN, MADE))
    assert "(1 day)" in text and "Sessions done: 2 of 2 planned" in text


def test_falls_back_to_helvetica_and_plain_text_without_fonts(store, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "fontpkg_atkinson_hyperlegible", None)  # import now fails
    monkeypatch.setattr(report_pdf, "DEJAVU_DIR", tmp_path / "no-fonts")
    pdf = report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE)
    text, reader = text_of(pdf)
    assert "Sessions done: 4 of 62 planned" in text and "feet warmer ?" in text
    assert "M = morning session done, E = evening session done, - = not done." in text
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts <= {"/Helvetica", "/Helvetica-Bold"}


def test_long_notes_flow_over_pages_and_bad_periods_are_refused():
    long_note = DayNote("n1", at(3, 2), "line of a long note\n" * 100)  # taller than a page
    word = DayNote("n2", at(3, 3), "x" * 2000)  # one word wider than the page
    data = ReportData(date(2026, 3, 1), date(2026, 3, 7), BERLIN, MADE, [], [], [long_note, word], [], [])
    text, reader = text_of(build_report(data))
    assert text.count("line of a long note") == 100 and len(reader.pages) >= 3
    with pytest.raises(ValueError, match="ends"):
        build_report(ReportData(date(2026, 3, 7), date(2026, 3, 1), BERLIN, MADE, [], [], [], [], []))


def test_a_symptom_rated_only_after_sessions_gets_no_empty_chart():
    after_only = [CheckIn("a", at(3, 2, 9), pain=3, context=Context.AFTER_SESSION, session_id="s1")]
    data = ReportData(date(2026, 3, 1), date(2026, 3, 7), BERLIN, MADE, after_only, [], [], [], [])
    assert "No daily symptom scores were recorded in this period." in text_of(build_report(data))[0]


def test_latest_screening_questionnaire_is_shown_as_screening_only(store):
    assert "MNSI" not in text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))[0]
    save_mnsi(store, MnsiAnswers("m1", at(3, 1, 11), {n: n in (1, 2) for n in range(1, 16)}))
    save_mnsi(store, MnsiAnswers("m2", at(3, 20, 11), {n: n in (1, 2, 3) for n in range(1, 16)}))
    save_mnsi(store, MnsiAnswers("m3", at(4, 20, 11), {n: True for n in range(1, 16)}))  # after the period
    text, _ = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    assert "Nerve symptom screening questions (MNSI, patient version)" in text
    assert "Answered on 20 Mar 2026, 11:00. Screening score: 5 out of 13." in text  # 1-3 yes, 7 and 13 no
    assert "not a measure of change" in text
    assert "3. Are your feet too sensitive to touch? Yes" in text
    assert "15. Have you ever had an amputation? No" in text


# -- issue 11: the zone in words, points practised, safety answers, daily-only charts, plurals --------


def test_zone_in_words_and_plurals():
    from datetime import timezone
    assert report_pdf.zone_words(BERLIN) == "Europe/Berlin time"
    assert report_pdf.zone_words(ZoneInfo("Etc/UTC")) == "UTC" and report_pdf.zone_words(timezone.utc) == "UTC"
    assert report_pdf.zone_words(ZoneInfo("America/New_York")) == "America/New York time"
    assert report_pdf.plural(1, "session") == "1 session" and report_pdf.plural(2, "session") == "2 sessions"


def test_the_report_names_the_zone_points_and_safety_answers(store):
    from data.routine.profile import BodySide, Profile, SkinArea, SkinProblem, save_profile
    save_session(store, SessionRecord("p1", Slot.MORNING, at(3, 20, 8), at(3, 20, 8, 10),
                                      (StepResult("LI4", Side.LEFT, 60, 60, True),
                                       StepResult("KI3", Side.LEFT, 60, 0, False)), True))
    save_profile(store, Profile(bleeding_risk=True, pregnant_or_maybe=False,
                                skin_problems=frozenset({SkinProblem(SkinArea.FOOT, BodySide.LEFT)})))
    text, _ = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    assert "Times are local, Europe/Berlin time." in text and "Etc/" not in text
    assert "Points practised" in text and "LI4 6 sessions" in text  # 5 in the fixture, and this one
    assert "KI3" not in text.split("Points practised")[1].split("Safety answers")[0]  # never pressed
    assert "Blood thinners or easy bruising or bleeding: yes" in text
    assert "Pregnant, or might be: no." in text
    assert "Wounds or skin problems: foot or ankle (left) (points there left out)." in text


def test_safety_lines_say_what_was_not_answered():
    from data.routine.profile import Profile
    assert report_pdf.safety_lines(None) == ["The safety questions were not answered."]
    lines = report_pdf.safety_lines(Profile())
    assert lines[0] == "Blood thinners or easy bruising or bleeding: not answered."
    assert "Wounds or skin problems: none reported." in lines


def test_report_charts_use_daily_check_ins_only(tmp_path):
    s = open_store(tmp_path / "d")
    save_checkin(s, CheckIn("d", at(3, 2), numbness=5))
    save_checkin(s, CheckIn("b", at(3, 2, 10), numbness=1, context=Context.BEFORE_SESSION, session_id="x"))
    text, _ = text_of(report_from_store(s, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    only_daily = text_of(report_from_store(_daily_only(tmp_path), date(2026, 3, 1), date(2026, 3, 31), BERLIN,
                                           MADE))[0]
    symptoms = text.split("Symptoms")[1].split("Just before")[0] if "Just before" in text else text
    assert "Numbness" in symptoms
    assert text.count("Numbness") >= only_daily.count("Numbness")


def _daily_only(tmp_path):
    s = open_store(tmp_path / "daily")
    save_checkin(s, CheckIn("d", at(3, 2), numbness=5))
    return s


def test_the_report_names_tender_spots_and_every_screening_answer(store):
    """Issue 12: a spot is named as the person named it (never "spot-1"); the new safety answers are there."""
    from data.models import Region
    from data.routine.profile import Amputation, BodySide, Profile, SkinArea, Zone, save_profile
    from data.routine.spots import add_spot

    profile = Profile(zones=frozenset({Zone.FINGERS}), numb_feet=True, poor_leg_circulation=False,
                      amputation=True, amputations=frozenset({Amputation(SkinArea.FOOT, BodySide.RIGHT)}),
                      fistula_arm=BodySide.LEFT)
    save_profile(store, profile)
    spot = add_spot(store, "Sore knuckle", Region.HAND, Side.RIGHT, profile, date(2026, 3, 1))
    save_session(store, SessionRecord("sp", Slot.EVENING, at(3, 21, 19), at(3, 21, 19, 10),
                                      (StepResult(spot.code, Side.RIGHT, 30, 30, True),), True))
    text, _ = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    practised = text.split("Points practised")[1].split("Safety answers")[0]
    assert "Sore knuckle" in practised and spot.code not in text
    assert "Numb feet, or cannot tell hot from cold with them: yes" in text
    assert "Poor blood flow to the legs: no." in text
    assert "Amputation: yes, foot or ankle (right) (not pressed there)." in text
    assert "Arm with a dialysis fistula: left (that arm is not pressed)." in text
    assert "Arm at risk of lymphoedema: none reported." in text


def test_the_report_has_the_daily_foot_checks_and_what_was_found(store, tmp_path):
    """Issue 12: what a foot check found goes to the doctor, with the person's note."""
    from data.journal.footchecks import FootCheck, save_foot_check, save_setting

    save_setting(store, True, date(2026, 3, 1))
    save_foot_check(store, FootCheck("f1", at(3, 9, 21), True))
    save_foot_check(store, FootCheck("f2", at(3, 10, 21), False, ("new_sore",), "under the left big toe"))
    text, _ = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    section = text.split("Daily foot checks")[1]
    assert "2 of the" in section or "on 2 of" in section
    assert "under the left big toe" in section and "sore" in section.lower()
    off = report_from_store(open_store(tmp_path / "other"), date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE)
    assert "Daily foot checks" not in text_of(off)[0]  # off, and none done: no section


def test_the_safety_answers_are_those_the_rules_use_questionnaire_included(store):
    """A "yes, my feet are numb" in the nerve questionnaire softens the routine: the doctor reads it too."""
    from data.routine.profile import Profile, save_profile

    save_profile(store, Profile(numb_feet=False))
    save_mnsi(store, MnsiAnswers("m", at(3, 15), {n: n == 1 for n in range(1, 16)}))  # 1: legs or feet numb
    text, _ = text_of(report_from_store(store, date(2026, 3, 1), date(2026, 3, 31), BERLIN, MADE))
    assert "Numb feet, or cannot tell hot from cold with them: yes" in text
