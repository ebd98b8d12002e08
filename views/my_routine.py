"""My routine: the points chosen for the person's answers, why each one, the plan's level, and editing.

Why: the person must be able to see and change what they press, and to trust it.
The screen draws one core summary (data/screens/my_routine.py) and hands each tap to
one core call there, so safety always wins and a refused change is said with its
reason.  Editing uses big named buttons (e.g. "Move LI11 up"), never drag and drop.
Also the pieces of Today that lead here: the first-run invitation and the plan's summary.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.routine.progression import PersonalPlan
from data.screens.my_routine import (
    AddSection,
    PlanCard,
    PlanGlance,
    Recent,
    StartingStep,
    StepCard,
    add_point,
    hold_plan,
    move_point,
    my_routine_summary,
    remove_point,
    set_seconds,
    step_back_plan,
)
from views import theme
from views.context import use_services, use_ui_state
from views.shell import go
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

# --- Pieces of Today ------------------------------------------------------------------


def setup_invite(show: bool, not_now: Callable[[], None]) -> list[ft.Control]:
    """The first-run invitation, while ``show`` (until the questions are answered or put off)."""
    if not show:
        return []
    return [card(
        ["A few questions choose points for where you feel it, and leave out any that may not be safe "
         "for you."],
        Tone.GOOD,
        title="Make the routine yours (2 minutes)",
        actions=[ft.Row(
            [
                action_button("Start setup", lambda e: go("/setup"), icon=ft.Icons.ARROW_FORWARD_ROUNDED,
                              primary=True, expand=3),
                action_button("Not now", lambda e: not_now(), outlined=True, expand=2),
            ],
            spacing=10,
        )],
    )]


def nothing_to_press(plan: PersonalPlan) -> ft.Control:
    """Said instead of a Start button when no point is safe to press."""
    return _nothing_card(plan.nothing_to_press)


def _nothing_card(lines: tuple[str, ...]) -> ft.Control:
    return card(
        lines,
        Tone.WARN,
        title="There is nothing safe to press right now",
        actions=[action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_OUTLINED)],
    )


def nothing_to_press_today(glance: PlanGlance | None) -> list[ft.Control]:
    """On Today, where the Start button would be: why there is nothing to press (nothing when there is)."""
    return [_nothing_card(glance.nothing_to_press)] if glance is not None and glance.nothing_to_press else []


def plan_summary(glance: PlanGlance | None) -> list[ft.Control]:
    """Where the person is in the plan, and the way to My routine."""
    my_routine = action_button("My routine", lambda e: go("/routine"), icon=ft.Icons.LIST_ALT_ROUNDED)
    if glance is None:
        return [my_routine]
    return [card(glance.lines, Tone.PLAIN, actions=[my_routine])]


# --- My routine ---------------------------------------------------------------------

def _plan_card(plan: PlanCard, on_hold: Callable[[], None], on_step_back: Callable[[ft.Event], None]
               ) -> ft.Control:
    actions = [toggle("Hold my routine at this size", plan.hold, on_hold)]
    if plan.can_step_back:
        actions.append(action_button("Step back to an easier level", on_step_back,
                                     icon=ft.Icons.TRENDING_DOWN_ROUNDED))
    return card(plan.lines, Tone.GOOD, title="Your plan", actions=actions)


def _step_card(step: StepCard, edit: _Edit | None) -> ft.Control:
    """One point of the routine: why it is there, how long, and (``edit`` given) the buttons to change it."""
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Image(src=step.illustration, width=72, height=72, fit=ft.BoxFit.CONTAIN, border_radius=10,
                         exclude_from_semantics=True),
                ft.Column(
                    [
                        ft.Text(step.title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                        ft.Text(step.surface, size=theme.SMALL),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ],
            spacing=12,
        ),
        *(body(t) for t in step.lines),
        body(step.hold_words, bold=True),
    ]
    if edit is not None:
        lines += _edit_buttons(step, edit)
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        content=ft.Column(lines, spacing=10),
    )


class _Edit:
    """The editing taps: one core call each, then the notice of what changed and a re-read."""

    def __init__(self, store, set_recent: Callable[[Recent | None], None], changed: Callable[[], None]) -> None:
        self.store, self.set_recent, self.changed = store, set_recent, changed

    def _done(self, recent: Recent | None) -> None:
        self.set_recent(recent)
        self.changed()

    def move(self, code: str, by: int) -> Callable[[ft.Event], None]:
        return lambda e: self._done(move_point(self.store, code, by))

    def remove(self, code: str, place: int) -> Callable[[ft.Event], None]:
        return lambda e: self._done(remove_point(self.store, code, place))

    def add(self, code: str) -> Callable[[ft.Event], None]:
        return lambda e: self._done(add_point(self.store, code))

    def seconds(self, code: str, seconds: int | None) -> Callable[[ft.Event], None] | None:
        """None (a switched-off button) when there is no shorter or longer hold time."""
        if seconds is None:
            return None

        def on_click(e: ft.Event) -> None:
            set_seconds(self.store, code, seconds)
            self._done(None)

        return on_click


def _edit_buttons(step: StepCard, edit: _Edit) -> list[ft.Control]:
    code = step.code
    moves = []
    if step.can_move_up:
        moves.append(action_button("Up", edit.move(code, -1), icon=ft.Icons.ARROW_UPWARD_ROUNDED,
                                   name=f"Move {code} up", expand=True))
    if step.can_move_down:
        moves.append(action_button("Down", edit.move(code, 1), icon=ft.Icons.ARROW_DOWNWARD_ROUNDED,
                                   name=f"Move {code} down", expand=True))
    return [
        ft.Row(
            [
                action_button("Shorter", edit.seconds(code, step.shorter), icon=ft.Icons.REMOVE_ROUNDED,
                              name=f"Shorter hold for {code}", expand=True, disabled=step.shorter is None),
                action_button("Longer", edit.seconds(code, step.longer), icon=ft.Icons.ADD_ROUNDED,
                              name=f"Longer hold for {code}", expand=True, disabled=step.longer is None),
            ],
            spacing=10,
        ),
        ft.Row(moves, spacing=10),
        action_button("Remove from my routine", edit.remove(code, step.place),
                      icon=ft.Icons.DELETE_OUTLINE, name=f"Remove {code} from my routine", outlined=True),
    ]


def _read_only(starting: tuple[StartingStep, ...]) -> list[ft.Control]:
    return [
        card(
            ["You are using the starting routine. Answer a few questions to get points chosen for where "
             "you feel your symptoms, with anything that may not be safe for you left out."],
            Tone.GOOD,
            actions=[action_button("Make the routine yours", lambda e: go("/setup"),
                                   icon=ft.Icons.ARROW_FORWARD_ROUNDED, main=True, wide=True)],
        ),
        heading(f"Your points ({len(starting)})"),
        *(card(s.lines, title=s.title) for s in starting),
    ]


@ft.component
def MyRoutineScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    store = services.store
    recent, set_recent = ft.use_state(None)
    editing, set_editing = ft.use_state(False)
    today = services.now().date()
    summary = my_routine_summary(store, today, recent, editing)
    if summary.plan is None:
        return page_view("/routine", "My routine", _read_only(summary.starting))

    plan = summary.plan

    def on_hold() -> None:
        hold_plan(store, today, not plan.hold)
        ui.data_changed()

    def on_step_back(e: ft.Event) -> None:
        step_back_plan(store, today, plan.level)
        ui.data_changed()

    edit = _Edit(store, set_recent, ui.data_changed)
    cards: list[ft.Control] = [_step_card(s, edit if editing else None) for s in summary.steps]
    if summary.removed is not None:
        removed = summary.removed
        cards.insert(removed.place, card(
            [removed.words], Tone.INFO,
            actions=[action_button("Put it back", edit.add(removed.code), icon=ft.Icons.UNDO_ROUNDED,
                                   name=f"Put {removed.code} back")],
        ))
    controls: list[ft.Control] = [
        _plan_card(plan, on_hold, on_step_back),
        action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_OUTLINED, outlined=True),
        *([card([summary.pressure_note], Tone.INFO, title="Press lightly")] if summary.pressure_note else []),
        *([_nothing_card(summary.nothing_to_press)] if summary.nothing_to_press else []),
        *([card(summary.other_refusals, Tone.WARN, title="Changes that could not be made")]
          if summary.other_refusals else []),
        *([card(summary.uncovered, Tone.INFO, title="Where you feel it but nothing is pressed")]
          if summary.uncovered else []),
        heading(f"Your points ({len(summary.steps)})"),
        toggle("Change my points: order, hold time, add or remove", editing, lambda: set_editing(not editing)),
        *cards,
        *(_add_section(summary.add, edit) if summary.add is not None else []),
    ]
    return page_view("/routine", "My routine", controls)


def _add_section(add: AddSection, edit: _Edit) -> list[ft.Control]:
    """Points that may be added (ones the person took out first), then the ones safety rules out, and why."""
    choices = [
        card([c.words], title=c.title,
             actions=[action_button("Add", edit.add(c.code), icon=ft.Icons.ADD_ROUNDED,
                                    name=f"Add {c.code} to my routine")])
        if c.can_add else card([c.words], Tone.GOOD)
        for c in add.choices
    ]
    return [
        heading("Add a point"),
        *(choices or [body("Every point that is safe for you is already in your routine.")]),
        *([heading("Points you cannot add"), *(body(line) for line in add.cannot_add)] if add.cannot_add else []),
    ]
