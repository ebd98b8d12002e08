"""Statistics for the symptom charts, the practice calendar and the honest progress summary.

Pure functions on lists of records, with the dates and the time zone passed in,
so every figure can be checked by hand in a test and nothing depends on the
clock.  Days are LOCAL days in the given zone (a check-in at 00:10 belongs to
the day it starts; DST days simply have 23 or 25 hours).

Definitions (each is tested):
* daily value: mean of a day's scores from daily and before-session check-ins;
  after-session ratings are left out because they measure the minutes right
  after pressing, which the before/after summary reports on its own;
* 7-day average: mean of the daily values of that day and the six before it,
  skipping days without one; none when the whole window is empty;
* a slot (morning/evening) is done when a session in it finished;
* streak: days in a row, ending today, with at least one finished session;
  today counts only once done, so an evening with no session yet does not
  break a streak that ran to yesterday;
* baseline: the first 7 calendar days starting at the first day with a value;
  recent: the last 14 days up to and including `today`.  A meaningful
  improvement needs a drop of at least 30% AND at least 2 points
  (Farrar 2001; domain.md, section 3), and the wording never claims a cause.
  That threshold was found in studies of pain, so only pain earns the "meaningful
  improvement" badge; other symptoms show the same change in words, without it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from statistics import fmean

from data.journal.checkins import LABELS, CheckIn, Context
from data.journal.records import local_day
from data.models import SessionRecord, Slot

TREND_CONTEXTS = frozenset({Context.DAILY, Context.BEFORE_SESSION})
ROLLING_DAYS = 7
BASELINE_DAYS = 7
RECENT_DAYS = 14
MIN_BASELINE_DAYS = 3  # days with a value needed in the baseline week
MIN_RECENT_DAYS = 6  # days with a value needed in the last two weeks (3 a week)
MEANINGFUL_DROP_POINTS = 2.0
MEANINGFUL_DROP_FRACTION = 0.30
#: Symptoms whose studies set the 30%-and-2-points threshold: only these get the badge.
MEANINGFUL_SYMPTOMS = frozenset({"pain"})
ABOUT_THE_SAME = 0.5  # a change smaller than this (in points) is called "about the same"
_EPSILON = 1e-9  # means of whole numbers: guard the thresholds against float rounding

NO_CAUSE = "This shows a change over time; it cannot show what caused it."


def date_range(start: date, end: date) -> list[date]:
    """Every date from start to end, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _name(symptom: str) -> str:
    return LABELS[symptom].lower()


def _points(value: float) -> str:
    return f"{value:.1f}"


# -- symptom trends -------------------------------------------------------------------------------


def daily_means(
    checkins: Iterable[CheckIn], symptom: str, tz: tzinfo, contexts: frozenset[Context] = TREND_CONTEXTS
) -> dict[date, float]:
    """Mean score per local day, for days that have at least one answered score."""
    by_day: dict[date, list[int]] = {}
    for c in checkins:
        value = c.score(symptom)
        if value is not None and c.context in contexts:
            by_day.setdefault(local_day(c.at, tz), []).append(value)
    return {day: fmean(values) for day, values in sorted(by_day.items())}


def rolling_average(means: dict[date, float], day: date, days: int = ROLLING_DAYS) -> float | None:
    window = [means[d] for d in date_range(day - timedelta(days=days - 1), day) if d in means]
    return fmean(window) if window else None


@dataclass(frozen=True)
class DayValue:
    day: date
    value: float | None  # that day's mean, None when nothing was recorded
    average: float | None  # 7-day average ending that day


def symptom_series(checkins: Iterable[CheckIn], symptom: str, tz: tzinfo, start: date, end: date) -> list[DayValue]:
    """One entry per day of the period; the 7-day average also uses the six days before `start`."""
    means = daily_means(checkins, symptom, tz)
    return [DayValue(day, means.get(day), rolling_average(means, day)) for day in date_range(start, end)]


# -- practice -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayAdherence:
    day: date
    morning: bool
    evening: bool

    @property
    def done(self) -> int:
        return int(self.morning) + int(self.evening)


SLOTS_PER_DAY = len(Slot)


def adherence_calendar(sessions: Iterable[SessionRecord], tz: tzinfo, start: date, end: date) -> list[DayAdherence]:
    """Morning and evening done or not, for every day of the period (day = local day the session started)."""
    done: set[tuple[date, Slot]] = {(s.practice_day(tz), s.slot) for s in sessions if s.finished}
    return [
        DayAdherence(day, (day, Slot.MORNING) in done, (day, Slot.EVENING) in done) for day in date_range(start, end)
    ]


@dataclass(frozen=True)
class AdherenceWeek:
    """Monday-to-Sunday week, clipped to the period."""

    days: tuple[DayAdherence, ...]

    @property
    def start(self) -> date:
        return self.days[0].day

    @property
    def end(self) -> date:
        return self.days[-1].day

    @property
    def done(self) -> int:
        return sum(d.done for d in self.days)

    @property
    def planned(self) -> int:
        return SLOTS_PER_DAY * len(self.days)


def adherence_weeks(calendar: list[DayAdherence]) -> list[AdherenceWeek]:
    weeks: list[list[DayAdherence]] = []
    for entry in calendar:
        if not weeks or entry.day.weekday() == 0:
            weeks.append([])
        weeks[-1].append(entry)
    return [AdherenceWeek(tuple(w)) for w in weeks]


def adherence_total(calendar: list[DayAdherence]) -> tuple[int, int]:
    """(sessions done, sessions planned): planned is a morning and an evening session every day."""
    return sum(d.done for d in calendar), SLOTS_PER_DAY * len(calendar)


def current_streak(sessions: Iterable[SessionRecord], tz: tzinfo, today: date) -> int:
    """Days in a row with at least one finished session, ending today if done, else yesterday."""
    return streak_of({s.practice_day(tz) for s in sessions if s.finished}, today)


def streak_of(done: set[date] | frozenset[date], today: date) -> int:
    """``current_streak`` from the days with a finished session (kept per month by data/journal/summaries.py)."""
    day = today if today in done else today - timedelta(days=1)
    streak = 0
    while day in done:
        streak += 1
        day -= timedelta(days=1)
    return streak


# -- before and after a session -------------------------------------------------------------------


@dataclass(frozen=True)
class BeforeAfter:
    symptom: str
    pairs: int  # sessions with a rating both before and after
    mean_before: float | None
    mean_after: float | None

    @property
    def mean_change(self) -> float | None:
        """After minus before; negative means lower after the session."""
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before

    @property
    def summary(self) -> str:
        name = _name(self.symptom)
        change = self.mean_change
        if change is None:
            return f"No session has a {name} rating both before and after it yet."
        sessions = f"{self.pairs} session{'s' if self.pairs != 1 else ''}"
        if abs(change) < _EPSILON:
            return f"On average, {name} was the same just after a session as just before it ({sessions})."
        direction = "lower" if change < 0 else "higher"
        return (
            f"On average, {name} was {_points(abs(change))} points {direction} just after a session than "
            f"just before it ({sessions}). This is a short-term change only."
        )


PairTotals = tuple[int, int, int]  # (sessions with both ratings, sum of the before scores, sum of the after ones)


def pair_totals(checkins: Iterable[CheckIn], symptom: str) -> PairTotals:
    """Pair before/after ratings by session id (the latest rating of each kind counts) and add them up.

    Totals, not means, so that the totals of separate months add up to the whole history's
    (data/journal/summaries.py) when no session's ratings are split between them.
    """
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    for c in sorted(checkins, key=lambda c: c.at):
        value = c.score(symptom)
        if c.session_id is None or value is None:
            continue
        if c.context is Context.BEFORE_SESSION:
            before[c.session_id] = value
        elif c.context is Context.AFTER_SESSION:
            after[c.session_id] = value
    paired = before.keys() & after.keys()
    return len(paired), sum(before[s] for s in paired), sum(after[s] for s in paired)


def before_after_from_totals(symptom: str, totals: PairTotals) -> BeforeAfter:
    pairs, before, after = totals
    if not pairs:
        return BeforeAfter(symptom, 0, None, None)
    return BeforeAfter(symptom, pairs, before / pairs, after / pairs)


def before_after(checkins: Iterable[CheckIn], symptom: str) -> BeforeAfter:
    """Pair before/after ratings by session id; the latest rating of each kind counts."""
    return before_after_from_totals(symptom, pair_totals(checkins, symptom))


# -- progress against the start -------------------------------------------------------------------


def meaningful_improvement(baseline: float, recent: float) -> bool:
    """True only when the score fell by at least 30% AND at least 2 points."""
    drop = baseline - recent
    return (
        baseline > 0
        and drop >= MEANINGFUL_DROP_POINTS - _EPSILON
        and drop >= MEANINGFUL_DROP_FRACTION * baseline - _EPSILON
    )


@dataclass(frozen=True)
class BaselineComparison:
    symptom: str
    baseline_start: date | None  # None when there is no value at all
    baseline_mean: float | None
    baseline_days: int  # days with a value in the baseline week
    recent_start: date
    recent_end: date
    recent_mean: float | None
    recent_days: int

    @property
    def enough_data(self) -> bool:
        return (
            self.baseline_start is not None
            and self.baseline_start + timedelta(days=BASELINE_DAYS) <= self.recent_start  # no overlap
            and self.baseline_days >= MIN_BASELINE_DAYS
            and self.recent_days >= MIN_RECENT_DAYS
        )

    @property
    def clear_drop(self) -> bool:
        """The scores fell by at least 30% and 2 points (said in words for every symptom)."""
        return self.enough_data and meaningful_improvement(self.baseline_mean, self.recent_mean)

    @property
    def meaningful_improvement(self) -> bool:
        """The badge: a clear drop of a symptom whose studies set that threshold (pain only)."""
        return self.symptom in MEANINGFUL_SYMPTOMS and self.clear_drop

    @property
    def summary(self) -> str:
        name = _name(self.symptom)
        if not self.enough_data:
            return (
                f"Not enough {name} scores to compare the last two weeks with the start. This needs scores "
                f"on at least {MIN_BASELINE_DAYS} days of the first week and on {MIN_RECENT_DAYS} days of the "
                "last two weeks, after at least three weeks of use."
            )
        figures = f"(average {_points(self.recent_mean)}, compared with {_points(self.baseline_mean)} at the start)"
        change = self.recent_mean - self.baseline_mean
        if self.clear_drop:
            return f"Your {name} scores were lower over the last two weeks than at the start {figures}. {NO_CAUSE}"
        if abs(change) < ABOUT_THE_SAME:
            return f"Your {name} scores were about the same over the last two weeks as at the start {figures}."
        if change < 0:
            return (
                f"Your {name} scores were a little lower over the last two weeks than at the start {figures}. "
                f"A change this small can come and go from week to week. {NO_CAUSE}"
            )
        return (
            f"Your {name} scores were higher over the last two weeks than at the start {figures}. "
            "If your symptoms are getting worse, tell your doctor or nurse."
        )


def compare_with_baseline(checkins: Iterable[CheckIn], symptom: str, tz: tzinfo, today: date) -> BaselineComparison:
    """Baseline week (from the first day with a value) against the 14 days ending `today`."""
    means = {d: v for d, v in daily_means(checkins, symptom, tz).items() if d <= today}
    recent_start = today - timedelta(days=RECENT_DAYS - 1)
    recent = [v for d, v in means.items() if d >= recent_start]
    if not means:
        return BaselineComparison(symptom, None, None, 0, recent_start, today, None, 0)
    first = min(means)
    baseline = [v for d, v in means.items() if d < first + timedelta(days=BASELINE_DAYS)]
    return BaselineComparison(
        symptom,
        first,
        fmean(baseline),
        len(baseline),
        recent_start,
        today,
        fmean(recent) if recent else None,
        len(recent),
    )
