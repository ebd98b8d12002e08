"""Every statistic on small hand-made histories whose answers are worked out in the comments."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from data.journal.checkins import CheckIn, Context
from data.journal.stats import (
    NO_CAUSE,
    AdherenceWeek,
    DayAdherence,
    adherence_calendar,
    adherence_total,
    adherence_weeks,
    before_after,
    compare_with_baseline,
    current_streak,
    daily_means,
    meaningful_improvement,
    rolling_average,
    symptom_series,
)
from data.models import SessionRecord, Slot

BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc
_ids = iter(range(10**6))


def c(when: datetime, context: Context = Context.DAILY, session_id: str | None = None, **scores) -> CheckIn:
    return CheckIn(f"c{next(_ids)}", when, context=context, session_id=session_id, **scores)


def local(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def session(start: datetime, slot: Slot, finished: bool = True) -> SessionRecord:
    return SessionRecord(f"s{next(_ids)}", slot, start, start + timedelta(minutes=12), (), finished)


# -- daily values ---------------------------------------------------------------------------------


def test_daily_mean_of_several_checkins_and_skips():
    history = [
        c(local(3, 2, 8), numbness=4),
        c(local(3, 2, 20), numbness=7, pain=2),
        c(local(3, 2, 21), pain=5),  # numbness skipped: not a zero
        c(local(3, 3, 9), numbness=0),
    ]
    assert daily_means(history, "numbness", BERLIN) == {date(2026, 3, 2): 5.5, date(2026, 3, 3): 0.0}
    assert daily_means(history, "pain", BERLIN) == {date(2026, 3, 2): 3.5}
    assert daily_means(history, "tingling", BERLIN) == {}


def test_after_session_ratings_stay_out_of_the_trend():
    history = [
        c(local(3, 2, 8), Context.BEFORE_SESSION, "s1", numbness=6),
        c(local(3, 2, 8, 20), Context.AFTER_SESSION, "s1", numbness=2),
        c(local(3, 2, 20), numbness=4),
    ]
    assert daily_means(history, "numbness", BERLIN) == {date(2026, 3, 2): 5.0}


def test_midnight_checkins_count_on_the_local_day():
    history = [
        c(local(3, 2, 0, 10), numbness=2),  # 00:10 on 2 March: that day, though 1 March in UTC
        c(local(3, 1, 23, 59), numbness=8),
        c(datetime(2026, 3, 2, 23, 30, tzinfo=UTC), numbness=6),  # 00:30 on 3 March in Berlin
    ]
    assert daily_means(history, "numbness", BERLIN) == {
        date(2026, 3, 1): 8.0, date(2026, 3, 2): 2.0, date(2026, 3, 3): 6.0,
    }
    assert daily_means(history, "numbness", UTC) == {date(2026, 3, 1): 5.0, date(2026, 3, 2): 6.0}


@pytest.mark.parametrize(
    "first, last, day",
    [
        # 29 March 2026: clocks go forward at 02:00, the day has 23 hours (00:00 = 23:00 UTC the day before)
        (datetime(2026, 3, 28, 23, 0, tzinfo=UTC), datetime(2026, 3, 29, 21, 59, tzinfo=UTC), date(2026, 3, 29)),
        # 25 October 2026: clocks go back at 03:00, the day has 25 hours (00:00 = 22:00 UTC the day before)
        (datetime(2026, 10, 24, 22, 0, tzinfo=UTC), datetime(2026, 10, 25, 22, 59, tzinfo=UTC), date(2026, 10, 25)),
    ],
)
def test_dst_days_keep_their_first_and_last_minute(first, last, day):
    before, after = first - timedelta(minutes=1), last + timedelta(minutes=1)
    history = [c(first, pain=2), c(last, pain=4), c(before, pain=9), c(after, pain=9)]
    means = daily_means(history, "pain", BERLIN)
    assert means[day] == 3.0
    assert means[day - timedelta(days=1)] == 9.0 and means[day + timedelta(days=1)] == 9.0
    assert (last - first) == timedelta(hours=23 if day.month == 3 else 25) - timedelta(minutes=1)


def test_repeated_hour_of_the_autumn_change_is_one_day():
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # 02:30 CEST
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)  # 02:30 again, CET, an hour later
    assert daily_means([c(first, numbness=1), c(second, numbness=3)], "numbness", BERLIN) == {date(2026, 10, 25): 2.0}


# -- 7-day average --------------------------------------------------------------------------------


def test_rolling_average_with_gaps():
    # scores on 1 March (4), 3 March (6) and 10 March (2) only
    means = {date(2026, 3, 1): 4.0, date(2026, 3, 3): 6.0, date(2026, 3, 10): 2.0}
    expected = {
        1: 4.0, 2: 4.0, 3: 5.0, 7: 5.0,  # window 1-7 holds 1 and 3
        8: 6.0, 9: 6.0,  # windows 2-8 and 3-9 hold only 3 March
        10: 2.0, 16: 2.0,  # windows 4-10 ... 10-16 hold only 10 March
        17: None,  # 11-17 is empty
    }
    for day, value in expected.items():
        assert rolling_average(means, date(2026, 3, day)) == value


def test_series_uses_days_before_the_period_for_the_average():
    history = [c(local(2, 27), tingling=8), c(local(3, 2), tingling=2)]
    series = symptom_series(history, "tingling", BERLIN, date(2026, 3, 1), date(2026, 3, 3))
    assert [(d.day.day, d.value, d.average) for d in series] == [(1, None, 8.0), (2, 2.0, 5.0), (3, None, 5.0)]


def test_series_with_one_value():
    series = symptom_series([c(local(3, 5), pain=7)], "pain", BERLIN, date(2026, 3, 5), date(2026, 3, 5))
    assert [(d.value, d.average) for d in series] == [(7.0, 7.0)]


def test_series_across_spring_dst_has_one_entry_per_calendar_day():
    history = [c(local(3, d, 23, 30), numbness=d % 3) for d in range(27, 32)]
    series = symptom_series(history, "numbness", BERLIN, date(2026, 3, 28), date(2026, 3, 31))
    assert [d.day.day for d in series] == [28, 29, 30, 31]
    assert [d.value for d in series] == [1.0, 2.0, 0.0, 1.0]
    assert series[-1].average == pytest.approx((0 + 1 + 2 + 0 + 1) / 5)


# -- adherence and streak -------------------------------------------------------------------------


def test_a_slot_is_done_only_by_a_finished_session():
    sessions = [
        session(local(3, 2, 8), Slot.MORNING),
        session(local(3, 2, 19), Slot.EVENING, finished=False),  # stopped early
        session(local(3, 3, 19), Slot.EVENING),
        session(local(3, 3, 20), Slot.EVENING),  # a second evening session counts once
    ]
    cal = adherence_calendar(sessions, BERLIN, date(2026, 3, 1), date(2026, 3, 3))
    assert cal == [
        DayAdherence(date(2026, 3, 1), False, False),
        DayAdherence(date(2026, 3, 2), True, False),
        DayAdherence(date(2026, 3, 3), False, True),
    ]
    assert adherence_total(cal) == (2, 6)


def test_a_late_session_counts_on_its_local_day():
    late = session(local(3, 2, 23, 50), Slot.EVENING)  # 22:50 UTC, still 2 March in Berlin
    early = session(datetime(2026, 3, 2, 23, 15, tzinfo=UTC), Slot.MORNING)  # 00:15 on 3 March in Berlin
    cal = adherence_calendar([late, early], BERLIN, date(2026, 3, 2), date(2026, 3, 3))
    assert [(d.morning, d.evening) for d in cal] == [(False, True), (True, False)]


def test_weeks_run_monday_to_sunday_clipped_to_the_period():
    # 4 March 2026 is a Wednesday; period 4-16 March: Wed-Sun, a full week, then Monday 16th
    sessions = [session(local(3, d, 8), Slot.MORNING) for d in (4, 5, 9, 16)] + [session(local(3, 9, 19), Slot.EVENING)]
    weeks = adherence_weeks(adherence_calendar(sessions, BERLIN, date(2026, 3, 4), date(2026, 3, 16)))
    assert [(w.start, w.end, w.done, w.planned) for w in weeks] == [
        (date(2026, 3, 4), date(2026, 3, 8), 2, 10),
        (date(2026, 3, 9), date(2026, 3, 15), 2, 14),
        (date(2026, 3, 16), date(2026, 3, 16), 1, 2),
    ]
    assert isinstance(weeks[0], AdherenceWeek)


def test_streak_counts_today_only_when_done():
    today = date(2026, 3, 10)
    history = [session(local(3, d, 8), Slot.MORNING) for d in (5, 7, 8, 9)]
    assert current_streak(history, BERLIN, today) == 3  # 7, 8, 9: today not done yet does not break it
    history.append(session(local(3, 10, 19), Slot.EVENING))
    assert current_streak(history, BERLIN, today) == 4  # 7-10
    assert current_streak(history, BERLIN, date(2026, 3, 12)) == 0  # 11 March missed


def test_streak_ignores_unfinished_sessions_and_uses_local_days():
    today = date(2026, 3, 10)
    assert current_streak([], BERLIN, today) == 0
    assert current_streak([session(local(3, 10, 8), Slot.MORNING, finished=False)], BERLIN, today) == 0
    # 00:20 on 10 March in Berlin is still 9 March in UTC
    just_after_midnight = session(local(3, 10, 0, 20), Slot.MORNING)
    yesterday = session(local(3, 9, 8), Slot.MORNING)
    assert current_streak([just_after_midnight, yesterday], BERLIN, today) == 2
    assert current_streak([just_after_midnight, yesterday], UTC, today) == 1  # both on 9 March in UTC


# -- before and after a session -------------------------------------------------------------------


def test_before_after_pairs_by_session_id():
    history = [
        c(local(3, 2, 8), Context.BEFORE_SESSION, "s1", numbness=6, pain=3),
        c(local(3, 2, 8, 20), Context.AFTER_SESSION, "s1", numbness=4, pain=None),
        c(local(3, 3, 8), Context.BEFORE_SESSION, "s2", numbness=5),
        c(local(3, 3, 8, 5), Context.BEFORE_SESSION, "s2", numbness=7),  # re-rated: the latest counts
        c(local(3, 3, 8, 20), Context.AFTER_SESSION, "s2", numbness=6),
        c(local(3, 4, 8), Context.BEFORE_SESSION, "s3", numbness=9),  # no after rating: not paired
        c(local(3, 4, 9), Context.AFTER_SESSION, None, numbness=0),  # no session id: not paired
        c(local(3, 4, 10), numbness=1),
    ]
    result = before_after(history, "numbness")
    # s1: 6 -> 4, s2: 7 -> 6
    assert (result.pairs, result.mean_before, result.mean_after, result.mean_change) == (2, 6.5, 5.0, -1.5)
    assert result.summary == (
        "On average, numbness was 1.5 points lower just after a session than just before it (2 sessions). "
        "This is a short-term change only."
    )
    none = before_after(history, "pain")  # s1 has no pain rating afterwards
    assert (none.pairs, none.mean_change) == (0, None)
    assert none.summary == "No session has a pain rating both before and after it yet."


def test_before_after_higher_and_same():
    up = [c(local(3, 2, 8), Context.BEFORE_SESSION, "s1", pain=2),
          c(local(3, 2, 9), Context.AFTER_SESSION, "s1", pain=3)]
    assert "1.0 points higher" in before_after(up, "pain").summary and "(1 session)" in before_after(up, "pain").summary
    same = [c(local(3, 2, 8), Context.BEFORE_SESSION, "s1", pain=2),
            c(local(3, 2, 9), Context.AFTER_SESSION, "s1", pain=2)]
    assert "was the same" in before_after(same, "pain").summary


# -- baseline against the last two weeks ----------------------------------------------------------


@pytest.mark.parametrize(
    "baseline, recent, meaningful",
    [
        (6.0, 4.0, True),  # 2 points, 33%
        (10.0, 7.0, True),  # 3 points, exactly 30%
        (10.0, 8.0, False),  # 2 points but only 20%
        (5.0, 3.5, False),  # 30% but only 1.5 points
        (6.0, 4.1, False),  # 1.9 points
        (2.0, 0.0, True),  # 2 points, 100%
        (0.0, 0.0, False),
        (4.0, 6.0, False),  # worse
        (7.0 / 3, 1.0 / 3, True),  # 2 points from means of whole numbers: float rounding must not matter
    ],
)
def test_meaningful_improvement_needs_30_percent_and_2_points(baseline, recent, meaningful):
    assert meaningful_improvement(baseline, recent) is meaningful


def history_of(scores: dict[date, int], symptom: str = "numbness") -> list[CheckIn]:
    return [c(datetime(d.year, d.month, d.day, 9, tzinfo=BERLIN), **{symptom: v}) for d, v in scores.items()]


def days(first: date, values: list[int | None]) -> dict[date, int]:
    return {first + timedelta(days=i): v for i, v in enumerate(values) if v is not None}


def test_meaningful_drop_from_baseline_with_non_overclaiming_words():
    start = date(2026, 3, 1)
    # baseline 1-7 March: 6, 7, 5, gap, 6, gap, 6 -> mean 6.0 over 5 days
    scores = days(start, [6, 7, 5, None, 6, None, 6])
    # nothing 8-17 March, then 18-31 March (the last 14 days up to 31 March): 4 on 7 days, 3 on 1 -> 31/8
    scores |= days(date(2026, 3, 18), [4, None, 4, 4, None, 4, None, 3, 4, None, None, 4, None, 4])
    result = compare_with_baseline(history_of(scores), "numbness", BERLIN, date(2026, 3, 31))
    assert (result.baseline_start, result.baseline_mean, result.baseline_days) == (start, 6.0, 5)
    assert (result.recent_start, result.recent_end, result.recent_mean, result.recent_days) == (
        date(2026, 3, 18), date(2026, 3, 31), 31 / 8, 8,
    )
    # Issue 12: the threshold comes from pain studies, so numbness says the drop in words, without the badge.
    assert result.enough_data and result.clear_drop and not result.meaningful_improvement
    assert result.summary == (
        "Your numbness scores were lower over the last two weeks than at the start "
        "(average 3.9, compared with 6.0 at the start). "
        "This shows a change over time; it cannot show what caused it."
    )
    pain = compare_with_baseline(history_of(scores, "pain"), "pain", BERLIN, date(2026, 3, 31))
    assert pain.clear_drop and pain.meaningful_improvement
    assert pain.summary.startswith("Your pain scores were lower over the last two weeks than at the start")


@pytest.mark.parametrize("symptom", ["numbness", "tingling", "touch_sensitivity", "cold_sensitivity",
                                     "weakness_balance", "sleep_disturbed"])
def test_only_pain_gets_the_meaningful_badge(symptom):
    scores = days(date(2026, 3, 1), [8] * 7) | days(date(2026, 3, 18), [2] * 14)
    result = compare_with_baseline(history_of(scores, symptom), symptom, BERLIN, date(2026, 3, 31))
    assert result.clear_drop and not result.meaningful_improvement


def test_small_drop_is_not_called_meaningful():
    scores = days(date(2026, 3, 1), [6] * 7) | days(date(2026, 3, 18), [5] * 14)  # 1 point, 17%
    result = compare_with_baseline(history_of(scores), "numbness", BERLIN, date(2026, 3, 31))
    assert result.enough_data and not result.meaningful_improvement and not result.clear_drop
    assert result.summary.startswith("Your numbness scores were a little lower") and NO_CAUSE in result.summary


def test_rise_and_no_change_are_said_plainly():
    up = days(date(2026, 3, 1), [3] * 7) | days(date(2026, 3, 18), [5] * 14)
    result = compare_with_baseline(history_of(up, "pain"), "pain", BERLIN, date(2026, 3, 31))
    assert result.summary.startswith("Your pain scores were higher") and "tell your doctor or nurse" in result.summary
    flat = days(date(2026, 3, 1), [3] * 7) | days(date(2026, 3, 18), [3, 4, 3, 3, 4, 3, 3] * 2)  # 3.29 vs 3.0
    assert "about the same" in compare_with_baseline(history_of(flat), "numbness", BERLIN, date(2026, 3, 31)).summary
    half = days(date(2026, 3, 1), [3] * 7) | days(date(2026, 3, 18), [3, 4] * 7)  # 3.5 vs 3.0: no longer the same
    assert "higher" in compare_with_baseline(history_of(half), "numbness", BERLIN, date(2026, 3, 31)).summary


@pytest.mark.parametrize(
    "scores, today",
    [
        ({}, date(2026, 3, 31)),  # nothing at all
        ({date(2026, 3, 1): 8}, date(2026, 3, 31)),  # one value
        (days(date(2026, 3, 1), [8, 8, None, None, None, None, None]) | days(date(2026, 3, 18), [2] * 14),
         date(2026, 3, 31)),  # only 2 baseline days
        (days(date(2026, 3, 1), [8] * 7) | days(date(2026, 3, 18), [2, None, None] * 4 + [2, None]),
         date(2026, 3, 31)),  # only 5 recent days
        (days(date(2026, 3, 1), [8] * 20), date(2026, 3, 20)),  # last 14 days overlap the baseline week
    ],
)
def test_not_enough_data_is_never_meaningful(scores, today):
    result = compare_with_baseline(history_of(scores), "numbness", BERLIN, today)
    assert not result.enough_data and not result.meaningful_improvement
    assert result.summary.startswith("Not enough numbness scores to compare the last two weeks with the start.")


def test_baseline_ignores_checkins_after_today():
    scores = days(date(2026, 3, 1), [6] * 7) | days(date(2026, 3, 18), [3] * 14) | {date(2026, 4, 5): 10}
    result = compare_with_baseline(history_of(scores), "numbness", BERLIN, date(2026, 3, 31))
    assert (result.recent_mean, result.recent_days) == (3.0, 14)
