"""Progress: symptom charts, practice calendar, before/after and start-versus-now, notes, for the person and a doctor.

Why the careful words: the person hopes to see acupressure working, and a chart
can suggest more than it shows.  Every figure comes from data/journal/stats.py, whose
rules are tested; the "meaningful improvement" badge appears only when the core
says so (a drop of at least 30% and 2 points), and every comparison says that it
shows change over time, not its cause.
"""
from __future__ import annotations

from datetime import date, timedelta

import flet as ft

from data.journal.checkins import (
    LABELS,
    SYMPTOMS,
    list_checkins,
    list_notes,
    list_pgic,
    list_side_effects,
)
from data.journal.questionnaires import MNSI_MAX_SCORE, list_mnsi
from data.journal.sessions import COLLECTION as SESSIONS
from data.journal.stats import (
    MEANINGFUL_DROP_FRACTION,
    MEANINGFUL_DROP_POINTS,
    NO_CAUSE,
    DayAdherence,
    DayValue,
    adherence_calendar,
    adherence_total,
    before_after,
    compare_with_baseline,
    current_streak,
    symptom_series,
)
from data.models import SessionRecord
from views import theme
from views.charts import ChartProbe, SymptomChart, legend
from views.checkin import CHECKIN_ROUTE
from views.context import use_services, use_ui_state
from views.export import SHARE_ROUTE
from views.notes import FELT_WRONG_ROUTE, NOTE_ROUTE, long_day
from views.questionnaire import QUESTIONNAIRE_ROUTE
from views.shell import go, tab_view
from views.widgets import action_button, body, card, heading

PROGRESS_ROUTE = "/progress"
PERIOD_DAYS = 28
CALENDAR_WEEKS = 5
RECENT_ENTRIES = 8
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def number(value: float) -> str:
    """A score as people say it: 4, or 4.5 for a mean."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def short_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


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


def meaningful_badge() -> ft.Control:
    return ft.Container(
        padding=ft.Padding.symmetric(horizontal=14, vertical=8),
        border_radius=20,
        bgcolor=ft.Colors.PRIMARY,
        content=ft.Row(
            [ft.Icon(ft.Icons.VERIFIED_OUTLINED, color=ft.Colors.ON_PRIMARY, size=26),
             ft.Text("Meaningful improvement", size=theme.BODY, weight=ft.FontWeight.BOLD, color=ft.Colors.ON_PRIMARY)],
            tight=True,
            spacing=8,
        ),
    )


def symptom_section(symptom: str, series: list[DayValue], comparison) -> ft.Control:
    name = LABELS[symptom]
    parts: list[ft.Control] = [
        ft.Text(name, size=theme.BODY + 4, weight=ft.FontWeight.BOLD),
        SymptomChart(name, series),
        legend(),
        body(chart_summary(name, series)),
    ]
    if comparison.meaningful_improvement:
        parts.append(meaningful_badge())
        parts.append(body(f"A drop of at least {MEANINGFUL_DROP_FRACTION:.0%} and at least "
                          f"{MEANINGFUL_DROP_POINTS:.0f} points: a change people with nerve pain called "
                          "worthwhile in studies."))
    parts.append(body(comparison.summary))
    return ft.Container(padding=theme.PAD, border_radius=16, border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
                        content=ft.Column(parts, spacing=10))


def day_cell(entry: DayAdherence | None) -> ft.Control:
    """One calendar day: its date and M / E marks, never colour alone; named in full for screen readers."""
    if entry is None:
        return ft.Container(expand=True, height=64)
    marks = f"{'M' if entry.morning else '–'} {'E' if entry.evening else '–'}"
    label = (f"{long_day(entry.day)}: morning {'done' if entry.morning else 'not done'}, "
             f"evening {'done' if entry.evening else 'not done'}")
    bg, fg = {
        0: (ft.Colors.SURFACE_CONTAINER_HIGH, ft.Colors.ON_SURFACE),
        1: (ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER),
        2: (ft.Colors.PRIMARY, ft.Colors.ON_PRIMARY),
    }[entry.done]
    return ft.Semantics(
        label=label,
        container=True,
        exclude_semantics=True,
        expand=True,
        content=ft.Container(
            height=64,
            border_radius=10,
            bgcolor=bg,
            alignment=ft.Alignment.CENTER,
            content=ft.Column(
                [ft.Text(str(entry.day.day), size=theme.SMALL, weight=ft.FontWeight.BOLD, color=fg),
                 ft.Text(marks, size=theme.SMALL, weight=ft.FontWeight.W_600, color=fg)],
                spacing=0,
                tight=True,
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            ),
        ),
    )


def calendar_grid(entries: list[DayAdherence], start: date) -> ft.Control:
    by_day = {e.day: e for e in entries}
    header = ft.Semantics(exclude_semantics=True, content=ft.Row(
        [ft.Text(w, size=theme.SMALL, weight=ft.FontWeight.W_600, expand=True, text_align=ft.TextAlign.CENTER)
         for w in WEEKDAYS], spacing=4))
    rows = [
        ft.Row([day_cell(by_day.get(start + timedelta(days=7 * week + d))) for d in range(7)], spacing=4)
        for week in range(CALENDAR_WEEKS)
    ]
    return ft.Column([header, *rows], spacing=4)


@ft.component
def ProgressScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()  # re-read after every save, and switch charts once the client proves it has them
    store = services.store
    now = services.now()
    tz, today = now.tzinfo, now.date()
    checkins = list_checkins(store, until=today, tz=tz)
    sessions = [SessionRecord.from_dict(d) for d in store.records(SESSIONS)]
    period_start = today - timedelta(days=PERIOD_DAYS - 1)

    controls: list[ft.Control] = [
        body("What you recorded, day by day. It shows how things changed over time; it cannot show what "
             "caused the change."),
        action_button("Report for your doctor", lambda e: go(SHARE_ROUTE), icon=ft.Icons.DESCRIPTION_OUTLINED,
                      primary=True, wide=True),
        heading("Symptoms"),
    ]
    shown = [s for s in SYMPTOMS if any(c.score(s) is not None for c in checkins)]
    if not shown:
        controls.append(card(["No check-ins yet. Rate your symptoms from Today, or here: it takes a few seconds."],
                             actions=[action_button("Check in now", lambda e: go(CHECKIN_ROUTE),
                                                    icon=ft.Icons.EDIT_NOTE, wide=True)]))
    for symptom in shown:
        series = symptom_series(checkins, symptom, tz, period_start, today)
        controls.append(symptom_section(symptom, series, compare_with_baseline(checkins, symptom, tz, today)))

    controls.append(heading("Just before and just after a session"))
    pairs = [r for r in (before_after(checkins, s) for s in SYMPTOMS) if r.pairs]
    controls.append(card([r.summary for r in pairs] if pairs else [
        "No session has a rating both before and after it yet. The player asks one quick question at the "
        "start and at the end of each session."]))

    controls.append(heading("Practice"))
    streak = current_streak(sessions, tz, today)
    calendar_start = today - timedelta(days=today.weekday() + 7 * (CALENDAR_WEEKS - 1))
    entries = adherence_calendar(sessions, tz, calendar_start, today)
    done, planned = adherence_total(entries)
    streak_words = (f"{streak} day{'s' if streak != 1 else ''} in a row with at least one session."
                    if streak else "No days in a row yet: any session today starts a new run.")
    controls += [
        ft.Text(streak_words, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
        body(f"Sessions in these {CALENDAR_WEEKS} weeks: {done} of {planned} (a morning and an evening each day)."),
        calendar_grid(entries, calendar_start),
        body("M: morning session done. E: evening session done. A dash: not done."),
    ]

    answers = list_pgic(store)
    if answers:
        latest = answers[-1]
        controls += [heading("How things are overall"),
                     card([f"Your weekly answer on {long_day(latest.at.astimezone(tz).date())}: "
                           f"{latest.label.lower()}.", NO_CAUSE])]

    controls.append(heading("Notes and side effects"))
    written = [(n.at, n.text) for n in list_notes(store, period_start, today, tz)]
    written += [(e.at, f"{e.label}{': ' + e.note if e.note else ''}")
                for e in list_side_effects(store, period_start, today, tz)]
    recent = [f"{short_day(at.astimezone(tz).date())}: {text}"
              for at, text in sorted(written, key=lambda w: w[0], reverse=True)[:RECENT_ENTRIES]]
    controls += [
        card(recent or [f"Nothing written in the last {PERIOD_DAYS} days."]),
        action_button("Add a note", lambda e: go(NOTE_ROUTE), icon=ft.Icons.NOTE_ADD_OUTLINED, wide=True),
        action_button("Something felt wrong", lambda e: go(FELT_WRONG_ROUTE), icon=ft.Icons.REPORT_OUTLINED,
                      outlined=True, wide=True),
    ]

    controls.append(heading("Nerve symptom questionnaire"))
    done_before = list_mnsi(store)
    lines = ["15 yes-or-no questions a doctor may use to judge whether nerve damage is likely. It is a screening "
             "tool: it does not measure change, so it cannot tell whether acupressure helps."]
    if done_before:
        last = done_before[-1]
        lines.append(f"You answered it on {long_day(last.at.astimezone(tz).date())}: screening score "
                     f"{last.result.score} out of {MNSI_MAX_SCORE}.")
    controls.append(card(lines, actions=[action_button(
        "Nerve symptom questionnaire", lambda e: go(QUESTIONNAIRE_ROUTE), icon=ft.Icons.QUIZ_OUTLINED, wide=True)]))

    if not ui.charts_supported:
        controls.append(ChartProbe())
    return tab_view(PROGRESS_ROUTE, "Progress", controls)
