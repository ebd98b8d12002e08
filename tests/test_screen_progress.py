"""The Progress screen's summary: every figure and sentence it shows, from small hand-made histories."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.dates import day_month, long_date, long_day, short_day
from data.journal.checkins import (
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
)
from data.journal.questionnaires import MnsiAnswers, save_mnsi
from data.journal.sessions import save_session
from data.journal.stats import DayValue, adherence_calendar
from data.journal.summaries import read_recent
from data.models import SessionRecord, Slot
from data.screens.progress import (
    MEANINGFUL_WORDS,
    MNSI_CARD,
    NO_PAIRS,
    ProgressSummary,
    average_runs,
    calendar_months,
    calendar_weeks,
    chart,
    chart_summary,
    number,
    progress_summary,
    streak_words,
    ticks,
)
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 26)  # a Thursday


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def series(*values, start: date = date(2026, 3, 1)) -> list[DayValue]:
    """Days from `start`, each (value, average)."""
    return [DayValue(start + timedelta(days=i), v, a) for i, (v, a) in enumerate(values)]


# -- words and numbers ----------------------------------------------------------------------------


def test_numbers_and_days_as_people_say_them():
    assert number(4.0) == "4" and number(4.5) == "4.5" and number(4.04) == "4" and number(3.96) == "4"
    assert number(4.25) == "4.2"  # one decimal for a mean
    assert short_day(date(2026, 3, 2)) == "Mon 2 Mar"
    assert long_day(date(2026, 3, 2)) == "Monday 2 March"
    assert day_month(date(2026, 3, 2)) == "2 Mar"
    assert long_date(date(2026, 3, 2)) == "2 March 2026"


def test_chart_summary_says_the_range_and_the_average_now_and_then():
    assert chart_summary("Pain", series((None, None), (None, None))) == "No pain scores in the last 2 days."
    full = series((4, 4.0), (None, 4.0), (6, 5.0))
    assert chart_summary("Numbness", full) == (
        "Numbness: scores on 2 of the last 3 days, from 4 to 6. "
        "The 7-day average is 5 now; it was 4 four weeks ago.")
    late_start = series((None, None), (3, 3.0), (5, 4.0))  # no average yet on the first day
    assert chart_summary("Pain", late_start).endswith("The 7-day average is 4 now.")
    gone_quiet = series((3, 3.0), (None, None))
    assert chart_summary("Pain", gone_quiet).endswith("No scores in the last 7 days.")


def test_chart_runs_break_at_gaps_and_ticks_end_on_today():
    days = series((2, 2.0), (None, None), (4, 4.0), (6, 5.0))
    assert average_runs(days) == (((0, 2.0),), ((2, 4.0), (3, 5.0)))
    month = series(*[(None, None)] * 28)
    assert [i for i, _ in ticks(month)] == [6, 13, 20, 27]  # weekly, the last one on the last day
    assert ticks(month)[-1] == (27, "28 Mar")
    drawn = chart("Tingling", days)
    assert drawn.days == 4 and drawn.dots == ((0, 2), (2, 4), (3, 6))
    assert drawn.name == "Chart of daily tingling scores and their 7-day average. The summary follows."


def test_streak_words():
    assert streak_words(0) == "No days in a row yet: any session today starts a new run."
    assert streak_words(1) == "1 day in a row with at least one session."
    assert streak_words(5) == "5 days in a row with at least one session."


def test_calendar_rows_run_monday_to_sunday_with_marks_and_full_names():
    monday = date(2026, 3, 23)
    done = [SessionRecord("s1", Slot.MORNING, at(monday, 8), at(monday, 8) + timedelta(minutes=10), (), True),
            SessionRecord("s2", Slot.EVENING, at(monday, 20), at(monday, 20) + timedelta(minutes=10), (), True),
            SessionRecord("s3", Slot.EVENING, at(TODAY, 20), at(TODAY, 20), (), False)]  # unfinished
    entries = adherence_calendar(done, BERLIN, monday, TODAY)
    weeks = calendar_weeks(entries, monday, weeks=1)
    assert len(weeks) == 1 and len(weeks[0]) == 7
    first = weeks[0][0]
    assert (first.day, first.marks, first.done) == ("23", "M E", 2)
    assert first.label == "Monday 23 March: morning done, evening done"
    assert weeks[0][3].marks == "– –" and weeks[0][3].label.endswith("morning not done, evening not done")
    assert weeks[0][4:] == (None, None, None)  # Friday to Sunday are still to come


def test_each_calendar_row_is_said_as_one_line_of_its_days_in_full():
    monday = date(2026, 3, 23)
    done = [SessionRecord("s1", Slot.MORNING, at(monday, 8), at(monday, 8) + timedelta(minutes=10), (), True)]
    weeks = calendar_weeks(adherence_calendar(done, BERLIN, monday, TODAY), monday, weeks=1)
    labels = ProgressSummary(symptoms=(), before_after=(), streak="", sessions="", calendar=weeks, pgic=(),
                             notes=(), mnsi=()).calendar_labels
    assert labels == ("Monday 23 March: morning done, evening not done; "
                      "Tuesday 24 March: morning not done, evening not done; "
                      "Wednesday 25 March: morning not done, evening not done; "
                      "Thursday 26 March: morning not done, evening not done",)  # days still to come: not said


# -- the whole screen -----------------------------------------------------------------------------


def test_an_empty_store_invites_a_first_check_in(store):
    summary = progress_summary(store, TODAY, BERLIN)
    assert summary.symptoms == ()
    assert summary.before_after == (NO_PAIRS,)
    assert summary.streak.startswith("No days in a row yet")
    # Issue 11: counted from the first day of use (today, for someone new), never the days before.
    assert summary.sessions == ("Sessions since you began on Thursday 26 March: 0 of 2 "
                                "(a morning and an evening each day).")
    assert len(summary.calendar) == 1 and summary.calendar[0][:3] == (None, None, None)
    assert summary.calendar[-1][3].label.startswith("Thursday 26 March") and summary.calendar[-1][4] is None
    assert summary.calendar_months == ("March 2026",)
    assert summary.pgic == ()
    assert summary.notes == ("Nothing written in the last 28 days.",)
    assert summary.mnsi == (MNSI_CARD,)


def test_a_history_shows_each_scored_symptom_and_a_meaningful_drop(store):
    start = TODAY - timedelta(days=27)
    for i in range(28):  # numbness 8 in the first two weeks, 4 in the last two: a meaningful drop
        save_checkin(store, CheckIn(f"c{i}", at(start + timedelta(days=i)), numbness=8 if i < 14 else 4))
    save_checkin(store, CheckIn("b", at(TODAY, 10), context=Context.BEFORE_SESSION, session_id="s", pain=6))
    save_checkin(store, CheckIn("a", at(TODAY, 11), context=Context.AFTER_SESSION, session_id="s", pain=3))
    summary = progress_summary(store, TODAY, BERLIN)
    # Issue 11: the charts show daily check-ins only; pain was rated only around a session: no panel.
    assert [p.symptom for p in summary.symptoms] == ["numbness"]
    (numbness,) = summary.symptoms
    # Issue 12: the 30%-and-2-points threshold comes from pain studies: numbness shows the drop, no badge.
    assert numbness.name == "Numbness" and not numbness.meaningful
    assert numbness.summary.startswith("Numbness: scores on 28 of the last 28 days, from 4 to 8.")
    assert numbness.comparison.startswith("Your numbness scores were lower over the last two weeks")
    assert numbness.chart.days == 28 and len(numbness.chart.dots) == 28
    assert summary.before_after == (
        "On average, pain was 3.0 points lower just after a session than just before it (1 session). "
        "This is a short-term change only.",)
    assert "30%" in MEANINGFUL_WORDS and "2 points" in MEANINGFUL_WORDS


def test_practice_streak_and_totals(store):
    for back in range(3):  # yesterday and the two days before: today not done yet, the run holds
        day = TODAY - timedelta(days=back + 1)
        save_session(store, SessionRecord(f"s{back}", Slot.MORNING, at(day, 8), at(day, 8) + timedelta(minutes=9),
                                          (), True))
    summary = progress_summary(store, TODAY, BERLIN)
    assert summary.streak == "3 days in a row with at least one session."
    # Issue 11: from the first session (Monday) to today: 4 days, 8 planned.
    assert summary.sessions == ("Sessions since you began on Monday 23 March: 3 of 8 "
                                "(a morning and an evening each day).")
    assert summary.calendar[-1][2].marks == "M –"  # Wednesday


def test_notes_newest_first_pgic_and_mnsi_lines(store):
    save_note(store, DayNote("n1", at(TODAY - timedelta(days=2)), "New tablets"))
    save_side_effect(store, SideEffect("e1", at(TODAY - timedelta(days=1)), "dizziness", note="after standing"))
    save_side_effect(store, SideEffect("e2", at(TODAY - timedelta(days=40)), "bruising"))  # before the period
    save_pgic(store, PgicAnswer("p1", at(TODAY - timedelta(days=3)), 3))
    save_mnsi(store, MnsiAnswers("m1", at(TODAY - timedelta(days=5)), {n: n in (1, 2) for n in range(1, 16)}))
    summary = progress_summary(store, TODAY, BERLIN)
    assert summary.notes == ("Wed 25 Mar: Dizziness: after standing", "Tue 24 Mar: New tablets")
    assert summary.pgic[0] == "Your weekly answer on Monday 23 March: a little improved."
    assert summary.pgic[1].startswith("This shows a change over time")
    assert summary.mnsi[0] == MNSI_CARD
    assert summary.mnsi[1].startswith("You answered it on Saturday 21 March: screening score ")
    assert summary.mnsi[1].endswith(" out of 13.")


def test_only_the_eight_latest_notes_show(store):
    for i in range(10):
        save_note(store, DayNote(f"n{i}", at(TODAY - timedelta(days=i)), f"note {i}"))
    notes = progress_summary(store, TODAY, BERLIN).notes
    assert len(notes) == 8 and notes[0] == "Thu 26 Mar: note 0" and notes[-1] == "Thu 19 Mar: note 7"


# -- issue 11: daily charts, session ratings, counting from the first day of use, month names -------


def test_daily_chart_never_averages_in_session_ratings(store):
    save_checkin(store, CheckIn("d", at(TODAY, 8), numbness=5))
    save_checkin(store, CheckIn("b", at(TODAY, 10), context=Context.BEFORE_SESSION, session_id="s", numbness=3))
    save_checkin(store, CheckIn("a", at(TODAY, 11), context=Context.AFTER_SESSION, session_id="s", numbness=1))
    (numbness,) = progress_summary(store, TODAY, BERLIN).symptoms
    assert numbness.chart.dots == ((27, 5),)  # 5, not the mean 3 of 5, 3 and 1
    assert numbness.summary.startswith("Numbness: scores on 1 of the last 28 days, from 5 to 5.")


def test_session_ratings_have_their_own_lines_newest_first(store):
    save_checkin(store, CheckIn("b1", at(TODAY - timedelta(days=1), 8), context=Context.BEFORE_SESSION,
                                session_id="s1", numbness=6, pain=4))
    save_checkin(store, CheckIn("a1", at(TODAY - timedelta(days=1), 9), context=Context.AFTER_SESSION,
                                session_id="s1", numbness=3))
    save_checkin(store, CheckIn("b2", at(TODAY, 20), context=Context.BEFORE_SESSION, session_id="s2", tingling=2))
    summary = progress_summary(store, TODAY, BERLIN)
    assert summary.session_ratings == (
        "Thu 26 Mar, 20:00: tingling 2 before, not rated after.",
        "Wed 25 Mar, 08:00: numbness 6 before, 3 after; pain 4 before, not rated after.",
    )
    assert summary.symptoms == ()  # no daily check-in: no chart


def test_calendar_and_count_start_on_the_first_day_of_use(store):
    first = TODAY - timedelta(days=9)  # Tuesday 17 March
    save_checkin(store, CheckIn("c", at(first), numbness=4))
    summary = progress_summary(store, TODAY, BERLIN)
    assert summary.sessions == ("Sessions since you began on Tuesday 17 March: 0 of 20 "
                                "(a morning and an evening each day).")
    assert len(summary.calendar) == 2 and summary.calendar[0][0] is None  # Monday 16: before first use
    assert summary.calendar[0][1].label.startswith("Tuesday 17 March")


def test_long_use_keeps_the_five_week_window(store):
    save_checkin(store, CheckIn("c", at(TODAY - timedelta(days=100)), numbness=4))
    summary = progress_summary(store, TODAY, BERLIN)
    assert summary.sessions == "Sessions in these 5 weeks: 0 of 64 (a morning and an evening each day)."
    assert len(summary.calendar) == 5 and summary.calendar[0][0].label.startswith("Monday 23 February")
    assert summary.calendar_months == ("February – March 2026", "", "", "", "")


def test_calendar_months_name_each_new_month():
    assert calendar_months(date(2026, 11, 30), 2) == ("November – December 2026", "")
    assert calendar_months(date(2026, 11, 2), 5) == ("November 2026", "", "", "", "November – December 2026")
    assert calendar_months(date(2026, 6, 1), 1) == ("June 2026",)


def test_first_day_of_use_is_the_first_session_or_check_in(store):
    assert read_recent(store, BERLIN, TODAY, TODAY).history.first_use(TODAY) == TODAY
    session = SessionRecord("s", Slot.EVENING, at(TODAY - timedelta(days=3), 20),
                            at(TODAY - timedelta(days=3), 21), (), False)
    save_session(store, session)
    save_checkin(store, CheckIn("c", at(TODAY - timedelta(days=2)), pain=2))
    assert read_recent(store, BERLIN, TODAY, TODAY).history.first_use(TODAY) == TODAY - timedelta(days=3)
    assert read_recent(store, BERLIN, TODAY, TODAY).history.first_use(TODAY - timedelta(days=4)) == \
        TODAY - timedelta(days=4)  # nothing before: that day is the first


def test_narrow_phones_get_a_tick_a_fortnight_ending_on_today():
    month = series(*[(None, None)] * 28)
    drawn = chart("Pain", month)
    assert [i for i, _ in drawn.narrow_ticks] == [13, 27] and drawn.narrow_ticks[-1] == (27, "28 Mar")


def test_only_pain_earns_the_meaningful_badge(store):
    start = TODAY - timedelta(days=27)
    for i in range(28):  # both 8 in the first two weeks, 4 in the last two: a drop of 50% and 4 points
        save_checkin(store, CheckIn(f"c{i}", at(start + timedelta(days=i)), pain=8 if i < 14 else 4,
                                    tingling=8 if i < 14 else 4))
    summary = progress_summary(store, TODAY, BERLIN)
    panels = {p.symptom: p for p in summary.symptoms}
    assert panels["pain"].meaningful and not panels["tingling"].meaningful
    for panel in panels.values():  # the change itself is said for both
        assert panel.comparison.startswith(f"Your {panel.symptom} scores were lower over the last two weeks")


def test_progress_shows_the_daily_foot_check_beside_the_sessions_once_it_is_on(store):
    """Issue 12: the foot check's adherence is on Progress; nothing is said while it is off and unused."""

    from data.journal.footchecks import FootCheck, save_foot_check, save_setting

    assert progress_summary(store, TODAY, BERLIN).foot_checks == ()
    save_setting(store, True, TODAY - timedelta(days=6))
    for back in (0, 2, 3):
        day = TODAY - timedelta(days=back)
        save_foot_check(store, FootCheck(f"f{back}", datetime(day.year, day.month, day.day, 21, tzinfo=BERLIN), True))
    lines = progress_summary(store, TODAY, BERLIN).foot_checks
    assert lines == ("In the last 7 days: feet checked on 3 of 7 days.",)
