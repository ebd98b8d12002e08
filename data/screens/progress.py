"""Progress: every figure and sentence of the Progress screen, worked out once from what is saved.

Why the careful words: the person hopes to see acupressure working, and a chart
can suggest more than it shows.  Every figure comes from data/journal/stats.py,
whose rules are tested; the "meaningful improvement" badge appears only when the
core says so (a drop of at least 30% and 2 points, for pain only: the studies that set
that threshold were of pain), and every comparison says that it shows change over
time, not its cause.  The screen only draws this summary.

It reads only the weeks it shows (and each symptom's baseline week); the figures that reach
back to the start come from the per-month summaries (data/journal/summaries.py), so it costs
the same with 20 years of history as with one month.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from data.dates import day_month, long_day, short_day
from data.journal.checkins import (
    LABELS,
    SYMPTOMS,
    CheckIn,
    Context,
    latest_pgic,
    list_notes,
    list_side_effects,
)
from data.journal.footcheck_stats import foot_check_progress
from data.journal.questionnaires import MNSI_MAX_SCORE, list_mnsi
from data.journal.stats import (
    MEANINGFUL_DROP_FRACTION,
    MEANINGFUL_DROP_POINTS,
    NO_CAUSE,
    ROLLING_DAYS,
    DayAdherence,
    DayValue,
    adherence_calendar,
    adherence_total,
    before_after_from_totals,
    compare_with_baseline,
    streak_of,
    symptom_series,
)
from data.journal.summaries import baseline_checkins, rated_before, read_recent

PERIOD_DAYS = 28
CALENDAR_WEEKS = 5
RECENT_ENTRIES = 8
TICK_EVERY = 7  # a dated tick a week on the charts
NARROW_TICK_EVERY = 14  # on a narrow phone a tick a fortnight, so "10 Nov17 Nov" never runs together

MEANINGFUL_WORDS = (
    f"A drop of at least {MEANINGFUL_DROP_FRACTION:.0%} and at least {MEANINGFUL_DROP_POINTS:.0f} points: "
    "a change people with nerve pain called worthwhile in studies."
)
NO_PAIRS = ("No session has a rating both before and after it yet. The player asks one quick question at the "
            "start and at the end of each session.")
MNSI_CARD = ("15 yes-or-no questions a doctor may use to judge whether nerve damage is likely. It is a "
              "screening tool: it does not measure change, so it cannot tell whether acupressure helps.")

Point = tuple[int, float]  # (day index in the chart, score 0-10)


def number(value: float) -> str:
    """A score as people say it: 4, or 4.5 for a mean."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def chart_summary(name: str, series: list[DayValue]) -> str:
    """The chart in a few words, for everyone and for screen readers."""
    values = [d.value for d in series if d.value is not None]
    if not values:
        return f"No {name.lower()} scores in the last {len(series)} days."
    words = [f"{name}: scores on {len(values)} of the last {len(series)} days, from {number(min(values))} "
             f"to {number(max(values))}."]
    first = next((d.average for d in series if d.average is not None), None)
    last = series[-1].average
    if last is None:
        words.append("No scores in the last 7 days.")
    elif first is not None and series[0].average is not None:
        words.append(f"The 7-day average is {number(last)} now; it was {number(first)} four weeks ago.")
    else:
        words.append(f"The 7-day average is {number(last)} now.")
    return " ".join(words)


@dataclass(frozen=True)
class Chart:
    """One symptom's chart, ready to draw: daily dots, the 7-day average line and the dated ticks."""

    days: int  # how many days the x axis holds
    dots: tuple[Point, ...]  # the daily scores, on days with one
    runs: tuple[tuple[Point, ...], ...]  # the 7-day average as unbroken runs
    ticks: tuple[tuple[int, str], ...]  # (day index, "3 Mar"): weekly, ending on today
    name: str  # what a screen reader says for the chart
    narrow_ticks: tuple[tuple[int, str], ...] = ()  # every other tick, still ending on today: narrow phones


def average_runs(series: list[DayValue]) -> tuple[tuple[Point, ...], ...]:
    """The 7-day average as unbroken runs: a gap in the data is a gap in the line, never a guess."""
    runs: list[list[Point]] = [[]]
    for i, day in enumerate(series):
        if day.average is None:
            runs.append([])
        else:
            runs[-1].append((i, day.average))
    return tuple(tuple(r) for r in runs if r)


def ticks(series: list[DayValue], every: int = TICK_EVERY) -> tuple[tuple[int, str], ...]:
    """The dated ticks: every ``every`` days, ending on the last day, so "today" is always labelled."""
    return tuple((i, day_month(series[i].day)) for i in range(len(series) - 1, -1, -every))[::-1]


def chart(name: str, series: list[DayValue]) -> Chart:
    return Chart(
        days=len(series),
        dots=tuple((i, d.value) for i, d in enumerate(series) if d.value is not None),
        runs=average_runs(series),
        ticks=ticks(series),
        name=f"Chart of daily {name.lower()} scores and their 7-day average. The summary follows.",
        narrow_ticks=ticks(series, NARROW_TICK_EVERY),
    )


@dataclass(frozen=True)
class SymptomPanel:
    """One symptom's section: its chart, the chart in words, and the comparison with the start."""

    symptom: str
    name: str  # "Numbness"
    chart: Chart
    summary: str  # chart_summary
    meaningful: bool  # show the "Meaningful improvement" badge and MEANINGFUL_WORDS
    comparison: str  # the last two weeks against the first week


@dataclass(frozen=True)
class CalendarDay:
    """One day of the practice calendar: its date and M / E marks, never colour alone."""

    day: str  # "14"
    marks: str  # "M –": morning done, evening not
    label: str  # the whole day for a screen reader
    done: int  # 0, 1 or 2 sessions: the view's colour


def calendar_day(entry: DayAdherence) -> CalendarDay:
    return CalendarDay(
        day=str(entry.day.day),
        marks=f"{'M' if entry.morning else '–'} {'E' if entry.evening else '–'}",
        label=(f"{long_day(entry.day)}: morning {'done' if entry.morning else 'not done'}, "
               f"evening {'done' if entry.evening else 'not done'}"),
        done=entry.done,
    )


def calendar_weeks(entries: list[DayAdherence], start: date, weeks: int = CALENDAR_WEEKS
                   ) -> tuple[tuple[CalendarDay | None, ...], ...]:
    """Monday-to-Sunday rows from `start`; None for a day without an entry (after today, or before the first
    day of use)."""
    by_day = {e.day: e for e in entries}
    return tuple(
        tuple(calendar_day(e) if (e := by_day.get(start + timedelta(days=7 * week + d))) else None
              for d in range(7))
        for week in range(weeks)
    )


def calendar_months(start: date, weeks: int) -> tuple[str, ...]:
    """The months named above each calendar row: the first row's, then each row where a month begins ("").

    A row holding the end of one month and the start of the next names both: "November – December 2026".
    """
    names = []
    for week in range(weeks):
        row = [start + timedelta(days=7 * week + d) for d in range(7)]
        first = row[0]
        new = next((day for day in row[1:] if day.day == 1), None)
        if new is not None:
            names.append(f"{first:%B} – {new:%B %Y}")
        elif week == 0 or first.day == 1:
            names.append(f"{first:%B %Y}")
        else:
            names.append("")
    return tuple(names)


def session_lines(checkins: list[CheckIn], tz: tzinfo, limit: int = RECENT_ENTRIES) -> tuple[str, ...]:
    """Each session's own ratings, newest first: "Tue 24 Mar, 09:00: numbness 6 before, 3 after"."""
    sessions: dict[str, dict[Context, CheckIn]] = {}
    for c in sorted(checkins, key=lambda c: c.at):
        if c.session_id is not None and c.context is not Context.DAILY:
            sessions.setdefault(c.session_id, {})[c.context] = c
    lines = []
    for ratings in sessions.values():
        before, after = ratings.get(Context.BEFORE_SESSION), ratings.get(Context.AFTER_SESSION)
        first = before or after
        parts = []
        for symptom in SYMPTOMS:
            b = before.score(symptom) if before else None
            a = after.score(symptom) if after else None
            if b is None and a is None:
                continue
            said = [f"{b} before" if b is not None else "not rated before",
                    f"{a} after" if a is not None else "not rated after"]
            parts.append(f"{LABELS[symptom].lower()} {', '.join(said)}")
        local = first.at.astimezone(tz)
        lines.append((first.at, f"{short_day(local.date())}, {local:%H:%M}: {'; '.join(parts)}."))
    return tuple(text for _, text in sorted(lines, key=lambda line: line[0], reverse=True)[:limit])


def sessions_words(done: int, planned: int, first: date, calendar_start: date) -> str:
    """How many of the planned sessions were done, counted from the first day of use, never before."""
    since = (f"Sessions since you began on {long_day(first)}" if first > calendar_start
             else f"Sessions in these {CALENDAR_WEEKS} weeks")
    return f"{since}: {done} of {planned} (a morning and an evening each day)."


def streak_words(streak: int) -> str:
    if not streak:
        return "No days in a row yet: any session today starts a new run."
    return f"{streak} day{'s' if streak != 1 else ''} in a row with at least one session."


@dataclass(frozen=True)
class ProgressSummary:
    symptoms: tuple[SymptomPanel, ...]  # only symptoms ever scored; empty: invite a first check-in
    before_after: tuple[str, ...]  # one line per symptom with pairs, or NO_PAIRS
    streak: str
    sessions: str  # "Sessions in these 5 weeks: 7 of 20 (...)"
    calendar: tuple[tuple[CalendarDay | None, ...], ...]  # up to CALENDAR_WEEKS rows of 7 days, from first use
    pgic: tuple[str, ...]  # the latest weekly answer; empty: no answer yet, no section
    notes: tuple[str, ...]  # the latest notes and side effects, newest first
    mnsi: tuple[str, ...]  # what the questionnaire is, and the last score if any
    calendar_months: tuple[str, ...] = ()  # per calendar row: "March 2026" above it, or ""
    session_ratings: tuple[str, ...] = ()  # each session's before/after ratings, newest first
    foot_checks: tuple[str, ...] = ()  # the daily foot check: days checked, anything found; empty when off

    @property
    def calendar_labels(self) -> tuple[str, ...]:
        """Each calendar row as a screen reader says it: the row is one drawing, its days said in full."""
        return tuple("; ".join(day.label for day in week if day is not None) for week in self.calendar)


def _symptom_panels(checkins: list[CheckIn], tz: tzinfo, start: date, today: date) -> tuple[SymptomPanel, ...]:
    panels = []
    for symptom in SYMPTOMS:
        if not any(c.score(symptom) is not None for c in checkins):
            continue
        name = LABELS[symptom]
        series = symptom_series(checkins, symptom, tz, start, today)
        comparison = compare_with_baseline(checkins, symptom, tz, today)
        panels.append(SymptomPanel(symptom, name, chart(name, series), chart_summary(name, series),
                                   comparison.meaningful_improvement, comparison.summary))
    return tuple(panels)


def _notes(store, start: date, today: date, tz: tzinfo) -> tuple[str, ...]:
    written = [(n.at, n.text) for n in list_notes(store, start, today, tz)]
    written += [(e.at, f"{e.label}{': ' + e.note if e.note else ''}")
                for e in list_side_effects(store, start, today, tz)]
    recent = [f"{short_day(at.astimezone(tz).date())}: {text}"
              for at, text in sorted(written, key=lambda w: w[0], reverse=True)[:RECENT_ENTRIES]]
    return tuple(recent or [f"Nothing written in the last {PERIOD_DAYS} days."])


def _pgic(store, tz: tzinfo) -> tuple[str, ...]:
    latest = latest_pgic(store)
    if latest is None:
        return ()
    return (f"Your weekly answer on {long_day(latest.at.astimezone(tz).date())}: {latest.label.lower()}.",
            NO_CAUSE)


def _mnsi(store, tz: tzinfo) -> tuple[str, ...]:
    done = list_mnsi(store)
    if not done:
        return (MNSI_CARD,)
    last = done[-1]
    return (MNSI_CARD, f"You answered it on {long_day(last.at.astimezone(tz).date())}: screening score "
                        f"{last.result.score} out of {MNSI_MAX_SCORE}.")


def progress_summary(store, today: date, tz: tzinfo) -> ProgressSummary:
    """The whole Progress screen for `today` (a local date in `tz`), read from the store once.

    Reads the weeks shown (the charts with their 7-day average, the calendar) and each symptom's
    baseline week; the rest of history comes from the per-month summaries.
    """
    period_start = today - timedelta(days=PERIOD_DAYS - 1)
    calendar_start = today - timedelta(days=today.weekday() + 7 * (CALENDAR_WEEKS - 1))
    since = min(calendar_start, period_start - timedelta(days=ROLLING_DAYS - 1))
    recent = read_recent(store, tz, since, today)  # checked: a damaged row is set aside, never counted
    history = recent.history
    # the charts: daily check-ins only; the comparison with the start also needs the baseline weeks
    daily = [c for c in baseline_checkins(store, history, tz, today, since) + recent.checkins
             if c.context is Context.DAILY]
    pairs = [before_after_from_totals(s, history.pairs[s]) for s in SYMPTOMS if s in history.pairs]
    first = history.first_use(today)
    counted_from = max(first, calendar_start)
    rows_from = counted_from - timedelta(days=counted_from.weekday())
    rows = (today - rows_from).days // 7 + 1
    entries = adherence_calendar(recent.sessions, tz, counted_from, today)
    done, planned = adherence_total(entries)
    return ProgressSummary(
        symptoms=_symptom_panels(daily, tz, period_start, today),
        before_after=tuple(r.summary for r in pairs) or (NO_PAIRS,),
        streak=streak_words(streak_of(history.finished_days, today)),
        sessions=sessions_words(done, planned, first, calendar_start),
        calendar=calendar_weeks(entries, rows_from, rows),
        calendar_months=calendar_months(rows_from, rows),
        session_ratings=session_lines(rated_before(store, recent, tz, today, RECENT_ENTRIES + 1), tz),
        pgic=_pgic(store, tz),
        notes=_notes(store, period_start, today, tz),
        mnsi=_mnsi(store, tz),
        foot_checks=foot_check_progress(store, today, tz).lines,
    )
