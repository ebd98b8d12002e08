"""My routine: the points chosen for the person's answers, why each one, the plan's level, and editing.

Why: the person must be able to see and change what they press, and to trust it.
The screen draws one core summary (data/screens/my_routine.py) and hands each tap to
one core call there, so safety always wins and a refused change is said with its
reason.  Editing uses big named buttons (e.g. "Move LI11 up"), never drag and drop.
Each tap's result (or why nothing was saved, on the card tapped) is brought into view
at once: a scroll that moved for a while swallowed the next tap.
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
    SpotsSection,
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
from data.screens.spots import SPOTS_ROUTE
from data.storage.save_errors import attempt
from views import theme
from views.context import use_services, use_ui_state
from views.saving import not_saved
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

def _plan_card(plan: PlanCard, problem: str, on_hold: Callable[[], None],
               on_step_back: Callable[[ft.Event], None]) -> ft.Control:
    actions = [*not_saved(problem), toggle("Hold my routine at this size", plan.hold, on_hold)]
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
        lines += [*not_saved(edit.problem_at(_card_key(step.code))), *_edit_buttons(step, edit)]
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        content=ft.Column(lines, spacing=10),
        key=ft.ScrollKey(_card_key(step.code)),
    )


def _card_key(code: str) -> str:
    return f"point-{code}"


def _add_key(code: str) -> str:
    return f"add-{code}"


REMOVED_KEY = "removed-notice"  # the "taken out" notice with its "Put ... back" button
PLAN_KEY = "plan-card"


class _Edit:
    """The editing taps: one core call each through ``attempt``, then the notice of what changed (or why
    nothing was saved, where the tap was), a re-read, and the result brought into view."""

    def __init__(self, store, problem: tuple[str, str], set_problem: Callable[[tuple[str, str]], None],
                 set_recent: Callable[[Recent | None], None], changed: Callable[[], None],
                 show: Callable[[str], None]) -> None:
        self.store, self.problem, self.set_problem = store, problem, set_problem
        self.set_recent, self.changed, self.show = set_recent, changed, show

    def problem_at(self, where: str) -> str:
        """Why the last tap made at ``where`` (the scroll key of its card) saved nothing, else ""."""
        return self.problem[1] if self.problem[0] == where else ""

    def _tap(self, where: str, save: Callable[[], Recent | None], shown_at: str) -> None:
        """``where``: the card tapped, where a failure is said; ``shown_at``: the card showing the result."""
        saved = attempt(save)
        self.set_problem((where, saved.problem))
        if saved.ok:
            self.set_recent(saved.value)
            self.changed()
        self.show(shown_at if saved.ok else where)

    def move(self, code: str, by: int) -> Callable[[ft.Event], None]:
        return lambda e: self._tap(_card_key(code), lambda: move_point(self.store, code, by), _card_key(code))

    def remove(self, code: str, place: int) -> Callable[[ft.Event], None]:
        return lambda e: self._tap(_card_key(code), lambda: remove_point(self.store, code, place), REMOVED_KEY)

    def add(self, code: str, where: str) -> Callable[[ft.Event], None]:
        """``where``: the card the Add or Put back button is in, where a failure is said."""
        return lambda e: self._tap(where, lambda: add_point(self.store, code), _card_key(code))

    def seconds(self, code: str, seconds: int | None) -> Callable[[ft.Event], None] | None:
        """None (a switched-off button) when there is no shorter or longer hold time."""
        if seconds is None:
            return None
        return lambda e: self._tap(_card_key(code), lambda: set_seconds(self.store, code, seconds), _card_key(code))


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


def _read_only(starting: tuple[StartingStep, ...], heading_words: str) -> list[ft.Control]:
    return [
        card(
            ["You are using the starting routine. Answer a few questions to get points chosen for where "
             "you feel your symptoms, with anything that may not be safe for you left out."],
            Tone.GOOD,
            actions=[action_button("Make the routine yours", lambda e: go("/setup"),
                                   icon=ft.Icons.ARROW_FORWARD_ROUNDED, main=True, wide=True)],
        ),
        heading(heading_words),
        *(card(s.lines, title=s.title) for s in starting),
    ]


@ft.component
def MyRoutineScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    store = services.store
    recent, set_recent = ft.use_state(None)
    editing, set_editing = ft.use_state(False)
    problem, set_problem = ft.use_state(("", ""))  # (where the tap was, why it saved nothing)
    focus, set_focus = ft.use_state(("", 0))  # (scroll key of the last tap's result, taps so far)
    shown_view = ft.use_ref(None)  # the View of the latest render, to scroll it
    today = services.now().date()
    summary = my_routine_summary(store, today, recent, editing)

    async def bring_result_into_view() -> None:
        view = shown_view.current
        if not focus[0] or view is None:
            return
        try:
            await view.scroll_to(scroll_key=focus[0])  # at once: a moving screen would swallow the next tap
        except RuntimeError:  # the screen was closed meanwhile
            pass

    ft.use_effect(bring_result_into_view, [focus])

    def show(key: str) -> None:
        set_focus((key, focus[1] + 1))

    if summary.plan is None:
        return page_view("/routine", "My routine", _read_only(summary.starting, summary.points_heading))

    plan = summary.plan
    edit = _Edit(store, problem, set_problem, set_recent, ui.data_changed, show)

    def plan_tap(save: Callable[[], None]) -> None:
        saved = attempt(save)
        set_problem((PLAN_KEY, saved.problem))
        if saved.ok:
            ui.data_changed()
        show(PLAN_KEY)

    def on_hold() -> None:
        plan_tap(lambda: hold_plan(store, today, not plan.hold))

    def on_step_back(e: ft.Event) -> None:
        plan_tap(lambda: step_back_plan(store, today, plan.level))

    cards: list[ft.Control] = [_step_card(s, edit if editing else None) for s in summary.steps]
    if summary.removed is not None:
        removed = summary.removed
        cards.insert(removed.place, ft.Container(key=ft.ScrollKey(REMOVED_KEY), content=card(
            [removed.words], Tone.INFO,
            # The visible words are the name, so the whole button (not only its text) is the tap target.
            actions=[*not_saved(edit.problem_at(REMOVED_KEY)),
                     action_button(f"Put {removed.code} back", edit.add(removed.code, REMOVED_KEY),
                                   icon=ft.Icons.UNDO_ROUNDED, wide=True)],
        )))
    controls: list[ft.Control] = [
        ft.Container(key=ft.ScrollKey(PLAN_KEY),
                     content=_plan_card(plan, edit.problem_at(PLAN_KEY), on_hold, on_step_back)),
        action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_OUTLINED, outlined=True),
        *([card([summary.pressure_note], Tone.INFO, title="Press lightly")] if summary.pressure_note else []),
        *([_nothing_card(summary.nothing_to_press)] if summary.nothing_to_press else []),
        *([card(summary.other_refusals, Tone.WARN, title="Changes that could not be made")]
          if summary.other_refusals else []),
        *([card(summary.uncovered, Tone.INFO, title="Where you feel it but nothing is pressed")]
          if summary.uncovered else []),
        heading(summary.points_heading),
        toggle("Change my points: order, hold time, add or remove", editing, lambda: set_editing(not editing)),
        *cards,
        *(_spots(summary.spots) if summary.spots is not None else []),
        *(_add_section(summary.add, edit) if summary.add is not None else []),
    ]
    view = page_view("/routine", "My routine", controls)
    shown_view.current = view
    return view


def _spots(spots: SpotsSection) -> list[ft.Control]:
    """The person's tender spots, pressed after the points (or why not), and the way to mark one."""
    return [
        heading(spots.heading),
        body(spots.words),
        *(card(c.lines, Tone.GOOD if c.pressed else Tone.PLAIN, title=c.title) for c in spots.cards),
        action_button("Mark a tender spot", lambda e: go(SPOTS_ROUTE), icon=ft.Icons.ADD_LOCATION_ALT_OUTLINED,
                      main=True, wide=True),
    ]


def _add_section(add: AddSection, edit: _Edit) -> list[ft.Control]:
    """Points that may be added (ones the person took out first), then the ones safety rules out, and why."""
    choices = [
        ft.Container(key=ft.ScrollKey(_add_key(c.code)), content=card(
            [c.words], title=c.title,
            actions=[*not_saved(edit.problem_at(_add_key(c.code))),
                     action_button("Add", edit.add(c.code, _add_key(c.code)), icon=ft.Icons.ADD_ROUNDED,
                                   name=f"Add {c.code} to my routine")]))
        if c.can_add else card([c.words], Tone.GOOD)
        for c in add.choices
    ]
    return [
        heading("Add a point"),
        *(choices or [body("Every point that is safe for you is already in your routine.")]),
        *([heading("Points you cannot add"), *(body(line) for line in add.cannot_add)] if add.cannot_add else []),
    ]
