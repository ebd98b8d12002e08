"""Progress: symptom charts, practice calendar, before/after and start-versus-now, notes, for the person and a doctor.

Why it only draws: every figure and sentence, and when the "meaningful improvement"
badge shows, come from one summary (data/screens/progress.py), where they are
tested.  The summary is worked out once per change of data, so a re-render (a
reminder prompt, a text-size change) does not read the store again, and it is
worked out in a worker thread, so the other tabs stay responsive meanwhile (a short
"Loading" line shows until it is ready).  The last summary is kept per browser
session, so coming back to the tab with no change of data shows it at once.  The
screen is a lazy list: the phone lays out and draws the charts and the calendar
further down only as they are scrolled to, so the first screenful shows about as
quickly as a short tab's (benchmarks/screens.py).
"""
from __future__ import annotations

import asyncio
import logging
import weakref

import flet as ft

from data.screens.progress import MEANINGFUL_WORDS, SymptomPanel, progress_summary
from views import theme
from views.calendar import PracticeCalendar
from views.charts import SymptomChart, legend
from views.checkin import CHECKIN_ROUTE
from views.context import use_services, use_ui_state
from views.export import SHARE_ROUTE
from views.notes import FELT_WRONG_ROUTE, NOTE_ROUTE
from views.questionnaire import QUESTIONNAIRE_ROUTE
from views.shell import go, tab_view
from views.widgets import Tone, action_button, body, card, heading

PROGRESS_ROUTE = "/progress"
log = logging.getLogger(__name__)
#: id(UiState) -> the last (revision, today, zone) worked out and its summary; dropped with its session.
_last_summary: dict[int, tuple[tuple, object]] = {}


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


def symptom_section(panel: SymptomPanel) -> ft.Control:
    parts: list[ft.Control] = [
        ft.Text(panel.name, size=theme.BODY + 4, weight=ft.FontWeight.BOLD),
        SymptomChart(panel.chart),
        legend(),
        body(panel.summary),
    ]
    if panel.meaningful:
        parts.append(meaningful_badge())
        parts.append(body(MEANINGFUL_WORDS))
    parts.append(body(panel.comparison))
    return ft.Container(padding=theme.PAD, border_radius=16, border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
                        content=ft.Column(parts, spacing=10))


@ft.component
def ProgressScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()  # re-read after every save
    now = services.now()
    tz, today = now.tzinfo, now.date()
    # Read the store once per change of data (or of day), not on every re-render, and off the event loop.
    wanted = (ui.revision, today, tz)
    # (wanted, ProgressSummary) once worked out; kept per browser session, so coming back to the tab
    # with no change of data shows it at once
    loaded, set_loaded = ft.use_state(lambda: _last_summary.get(id(ui)))
    failed, set_failed = ft.use_state(None)  # the `wanted` whose reading failed: say so, never load for ever
    latest = ft.use_ref(None)

    async def load() -> None:
        if loaded is not None and loaded[0] == wanted:
            return
        latest.current = wanted
        try:
            summary = await asyncio.to_thread(progress_summary, services.store, today, tz)
        except Exception:  # e.g. the store stayed locked by another process: an effect's error is only logged
            log.exception("Progress could not be worked out")
            if latest.current == wanted:
                set_failed(wanted)
            return
        if latest.current == wanted:  # a newer change may have asked again meanwhile
            if id(ui) not in _last_summary:
                weakref.finalize(ui, _last_summary.pop, id(ui), None)
            _last_summary[id(ui)] = (wanted, summary)
            set_loaded((wanted, summary))

    ft.use_effect(load, [ui.revision, today, tz])
    if failed == wanted and (loaded is None or loaded[0] != wanted):
        return tab_view(PROGRESS_ROUTE, "Progress", [card(
            ["Your progress could not be read just now. Nothing you saved was changed."], Tone.WARN,
            actions=[action_button("Try again", lambda e: ui.data_changed(), icon=ft.Icons.REFRESH, primary=True,
                                   wide=True)])])
    if loaded is None or loaded[0] != wanted:  # never figures of older data
        return tab_view(PROGRESS_ROUTE, "Progress", [
            ft.Row([ft.ProgressRing(width=28, height=28, semantics_label="Loading"),
                    body("Loading your progress…")], spacing=12)])
    summary = loaded[1]

    controls: list[ft.Control] = [
        body("What you recorded, day by day. It shows how things changed over time; it cannot show what "
             "caused the change."),
        action_button("Report for your doctor", lambda e: go(SHARE_ROUTE), icon=ft.Icons.DESCRIPTION_OUTLINED,
                      primary=True, wide=True),
        action_button("See and correct my entries", lambda e: go("/history"), icon=ft.Icons.HISTORY,
                      outlined=True, wide=True),
        heading("Symptoms"),
    ]
    if not summary.symptoms:
        controls.append(card(["No check-ins yet. Rate your symptoms from Today, or here: it takes a few seconds."],
                             actions=[action_button("Check in now", lambda e: go(CHECKIN_ROUTE),
                                                    icon=ft.Icons.EDIT_NOTE, wide=True)]))
    controls += [symptom_section(panel) for panel in summary.symptoms]

    controls += [
        heading("Just before and just after a session"),
        card(list(summary.before_after)),
        *([heading("Each session's ratings", theme.BODY + 2), card(list(summary.session_ratings))]
          if summary.session_ratings else []),
        heading("Practice"),
        ft.Text(summary.streak, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
        body(summary.sessions),
        PracticeCalendar(summary.calendar, summary.calendar_months, summary.calendar_labels),
        body("M: morning session done. E: evening session done. A dash: not done."),
    ]
    if summary.foot_checks:
        controls += [heading("Daily foot checks", theme.BODY + 2), card(list(summary.foot_checks))]

    if summary.pgic:
        controls += [heading("How things are overall"), card(list(summary.pgic))]

    controls += [
        heading("Notes and side effects"),
        card(list(summary.notes)),
        action_button("Add a note", lambda e: go(NOTE_ROUTE), icon=ft.Icons.NOTE_ADD_OUTLINED, wide=True),
        action_button("Something felt wrong", lambda e: go(FELT_WRONG_ROUTE), icon=ft.Icons.REPORT_OUTLINED,
                      outlined=True, wide=True),
        heading("Nerve symptom questionnaire"),
        card(list(summary.mnsi), actions=[action_button(
            "Nerve symptom questionnaire", lambda e: go(QUESTIONNAIRE_ROUTE), icon=ft.Icons.QUIZ_OUTLINED,
            wide=True)]),
    ]

    return tab_view(PROGRESS_ROUTE, "Progress", controls, lazy=True)
