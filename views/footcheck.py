"""The daily foot check: a one-minute guided look, one tap for "All fine", or what was found and what to do.

Opened from Today's card and after the evening session; it slides over that screen
and returns there.  The rules (who has it on, what is saved, which red flags a
finding leads to) are in data/screens/footcheck.py; the words of the look are in
data/health/footcare.py.  Every button is large, named by its text, and the main
ones sit low on the screen for one thumb.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.health.footcare import FOOT_CHECK_SOURCE, FOOT_CHECK_STEPS, FOOT_CHECK_WHY, LOOK_FOR
from data.journal.footchecks import MAX_NOTE_CHARS
from data.screens.footcheck import FootCheckView, FootCheckVisit, Stage
from views import theme
from views.context import use_redraw, use_services, use_ui_state
from views.notes import note_field
from views.safety import red_flag_card
from views.saving import not_saved
from views.shell import go
from views.widgets import SAFETY_SHEET, Tone, action_button, body, card, close_screen, heading, page_view, toggle

FOOT_CHECK_ROUTE = "/footcheck"


def foot_check_button(label: str = "Check your feet") -> ft.Control:
    return action_button(label, lambda e: go(FOOT_CHECK_ROUTE), icon=ft.Icons.DIRECTIONS_WALK, wide=True)


def foot_check_card() -> ft.Control:
    """Today's card while the check is still to do: one tap starts it."""
    return card(["A one-minute look at both feet, once a day."], Tone.INFO, title="Daily foot check",
                actions=[foot_check_button()])


def look_controls(shown: FootCheckView, fine: Callable, found: Callable) -> list[ft.Control]:
    steps = [card([step.words], Tone.PLAIN, title=f"{n}. {step.title}")
             for n, step in enumerate(FOOT_CHECK_STEPS, 1)]
    return [
        *([card([shown.today_words], Tone.GOOD)] if shown.today_words else []),
        body(FOOT_CHECK_WHY),
        heading("One minute, both feet", theme.BODY + 4),
        *steps,
        body(LOOK_FOR, bold=True),
        ft.Text(f"Source: {FOOT_CHECK_SOURCE}", size=theme.SMALL, italic=True),
        *not_saved(shown.problem),
        action_button("All fine", fine, icon=ft.Icons.CHECK, main=True, wide=True),
        action_button("I found something", found, icon=ft.Icons.REPORT_OUTLINED, wide=True),
    ]


def found_controls(shown: FootCheckView, visit: FootCheckVisit, redraw: Callable, save: Callable) -> list[ft.Control]:
    return [
        heading("What did you find?", theme.BODY + 4),
        body("Tap everything you found, on either foot."),
        *(toggle(c.label, c.chosen, lambda f=c.finding: redraw(lambda: visit.toggle(f))) for c in shown.choices),
        note_field("Where is it? (optional)", "For example: blister under the left big toe", visit.set_note,
                   shown.note, min_lines=2, max_length=MAX_NOTE_CHARS),
        *not_saved(shown.problem),
        action_button("Save what I found", save, icon=ft.Icons.CHECK, main=True, wide=True),
        action_button("Back to the look", lambda e: redraw(visit.back_to_look), icon=ft.Icons.ARROW_BACK,
                      outlined=True, wide=True),
    ]


def saved_controls(shown: FootCheckView) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.Semantics(live_region=True, container=True, content=card([shown.saved_words], Tone.GOOD, title="Thank you")),
    ]
    if shown.flags:
        controls += [
            heading("What to do now", theme.BODY + 4),
            body("The first box that fits what you see says what to do."),
            *(red_flag_card(flag) for flag in shown.flags),
            action_button("All signs to act on", lambda e: go(SAFETY_SHEET), icon=ft.Icons.HEALTH_AND_SAFETY_OUTLINED,
                          outlined=True, wide=True),
        ]
    else:
        controls.append(body("Well done. Look again tomorrow."))
    controls.append(action_button("Done", lambda e: close_screen(), icon=ft.Icons.CHECK, primary=True, wide=True))
    return controls


@ft.component
def FootCheckScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    visit, _ = ft.use_state(lambda: FootCheckVisit(services.store, services.now))
    repaint = use_redraw()
    shown = visit.view()

    def redraw(call: Callable[[], object] = lambda: None) -> None:
        call()
        repaint()

    def saved(ok: bool) -> None:
        if ok:
            ui.data_changed()  # Today's card goes, Progress counts the day
        repaint()

    if shown.stage is Stage.SAVED:
        controls = saved_controls(shown)
    elif shown.stage is Stage.FOUND:
        controls = found_controls(shown, visit, redraw, lambda e: saved(visit.save_findings()))
    else:  # the on/off choice first, where it is found without scrolling
        controls = [
            toggle("Daily foot check on Today", shown.on, lambda: saved(visit.set_on(not shown.on))),
            body(shown.on_words),
            *look_controls(shown, lambda e: saved(visit.all_fine()), lambda e: redraw(visit.found_something)),
        ]
    return page_view(FOOT_CHECK_ROUTE, "Foot check", controls, modal=True, page_key=shown.stage.value)
