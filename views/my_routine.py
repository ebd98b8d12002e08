"""My routine: the points chosen for the person's answers, why each one, the plan's level, and editing.

Why: the person must be able to see and change what they press, and to trust it.
Every change goes through the core (data/selection.apply_edits, data/progression),
so safety always wins and a refused change is said with its reason.  Editing uses
big named buttons (e.g. "Move LI11 up"), never drag and drop.  Also the pieces of
Today that lead here: the first-run invitation and the plan's summary.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.models import Routine, RoutineStep
from data.routine.catalog import POINTS, point
from data.routine.profile import has_profile, put_off_setup, setup_put_off
from data.routine.progression import PersonalPlan, personal_plan, save_plan, set_hold, step_back
from data.routine.saved import load_routine
from data.routine.selection import (
    LIGHT_PRESSURE_MAX_SECONDS,
    MAX_SECONDS,
    RoutineEdits,
    Standing,
    check_point,
    duration_words,
    explain,
    load_edits,
    save_edits,
)
from views import theme
from views.context import UiState, use_services, use_ui_state
from views.shell import go
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

DURATIONS = (15, 30, 45, 60, 90, 120)
Recent = tuple[str, str, int]  # the last change, for a notice where it happened: (kind, code, place)


def title(code: str) -> str:
    pt = point(code)
    return f"{pt.code} {pt.pinyin}"


# --- Pieces of Today ------------------------------------------------------------------


def setup_invite(store, on_change: Callable[[], None]) -> list[ft.Control]:
    """The first-run invitation, until the questions are answered or put off."""
    if has_profile(store) or setup_put_off(store):
        return []

    def not_now(e) -> None:
        put_off_setup(store)
        on_change()

    return [card(
        ["A few questions choose points for where you feel it, and leave out any that may not be safe "
         "for you."],
        Tone.GOOD,
        title="Make the routine yours (2 minutes)",
        actions=[ft.Row(
            [
                action_button("Start setup", lambda e: go("/setup"), icon=ft.Icons.ARROW_FORWARD_ROUNDED,
                              primary=True, expand=3),
                action_button("Not now", not_now, outlined=True, expand=2),
            ],
            spacing=10,
        )],
    )]


def nothing_to_press(plan: PersonalPlan) -> ft.Control:
    """Said instead of a Start button when no point is safe to press."""
    return card(
        plan.nothing_to_press,
        Tone.WARN,
        title="There is nothing safe to press right now",
        actions=[action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_OUTLINED)],
    )


def plan_summary(plan: PersonalPlan | None) -> list[ft.Control]:
    """Where the person is in the plan, and the way to My routine (or why there is nothing to press)."""
    my_routine = action_button("My routine", lambda e: go("/routine"), icon=ft.Icons.LIST_ALT_ROUNDED)
    if plan is None:
        return [my_routine]
    lines = [plan.words, *([plan.plan.news] if plan.plan.news else [])]
    return [
        *([nothing_to_press(plan)] if not plan.routine.steps else []),
        card(lines, Tone.PLAIN, actions=[my_routine]),
    ]


# --- My routine ---------------------------------------------------------------------


def _plan_card(plan: PersonalPlan, on_hold: Callable[[], None], on_step_back: Callable[[ft.Event], None]
               ) -> ft.Control:
    state = plan.plan.state
    lines = [plan.words]
    if plan.plan.news:
        lines.append(plan.plan.news)
    lines.append(
        "Your plan is on hold: your routine keeps its size until you let it grow again."
        if state.hold else
        "You start gently. Your routine grows a little after each week in which you do most of your "
        "sessions."
    )
    actions = [toggle("Hold my routine at this size", state.hold, on_hold)]
    if state.can_step_back:
        actions.append(action_button("Step back to an easier level", on_step_back,
                                     icon=ft.Icons.TRENDING_DOWN_ROUNDED))
    return card(lines, Tone.GOOD, title="Your plan", actions=actions)


def _step_card(
    index: int,
    count: int,
    step: RoutineStep,
    why: str,
    this_week: RoutineStep | None,
    messages: list[str],
    act: _Actions | None,
) -> ft.Control:
    """One point of the routine: why it is there, how long, and (``act`` given) the buttons to change it."""
    code = step.point_code
    pt = point(code)
    seconds = step.seconds_per_side
    if this_week is None:
        week = "Not in this week's sessions yet: it joins as your plan grows."
    elif this_week.seconds_per_side < seconds:
        week = f"This week: {duration_words(this_week.seconds_per_side)} each side, as your plan builds up."
    else:
        week = "In this week's sessions."
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Image(src=pt.illustration, width=72, height=72, fit=ft.BoxFit.CONTAIN, border_radius=10,
                         exclude_from_semantics=True),
                ft.Column(
                    [
                        ft.Text(f"{index + 1}. {title(code)}", size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                        ft.Text(pt.surface.capitalize(), size=theme.SMALL),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ],
            spacing=12,
        ),
        *(body(t) for t in (why, week, *messages)),
        body(f"Hold: {duration_words(seconds)} each side", bold=True),
    ]
    if act is not None:
        lines += _edit_buttons(index, count, step, act)
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        content=ft.Column(lines, spacing=10),
    )


def _edit_buttons(index: int, count: int, step: RoutineStep, act: _Actions) -> list[ft.Control]:
    code, seconds = step.point_code, step.seconds_per_side
    shorter = [d for d in DURATIONS if d < seconds]
    longer = [d for d in DURATIONS if seconds < d <= act.top_seconds]
    moves = []
    if index > 0:
        moves.append(action_button("Up", lambda e: act.move(code, -1), icon=ft.Icons.ARROW_UPWARD_ROUNDED,
                                   name=f"Move {code} up", expand=True))
    if index < count - 1:
        moves.append(action_button("Down", lambda e: act.move(code, 1), icon=ft.Icons.ARROW_DOWNWARD_ROUNDED,
                                   name=f"Move {code} down", expand=True))
    return [
        ft.Row(
            [
                action_button("Shorter", lambda e: act.seconds(code, shorter[-1]), icon=ft.Icons.REMOVE_ROUNDED,
                              name=f"Shorter hold for {code}", expand=True, disabled=not shorter),
                action_button("Longer", lambda e: act.seconds(code, longer[0]), icon=ft.Icons.ADD_ROUNDED,
                              name=f"Longer hold for {code}", expand=True, disabled=not longer),
            ],
            spacing=10,
        ),
        ft.Row(moves, spacing=10),
        action_button("Remove from my routine", lambda e: act.remove(code, index), icon=ft.Icons.DELETE_OUTLINE,
                      name=f"Remove {code} from my routine", outlined=True),
    ]


class _Actions:
    """What the editing buttons do: save the person's edits, remember what changed for the notice."""

    def __init__(self, store, plan: PersonalPlan, set_recent: Callable[[Recent | None], None], ui: UiState
                 ) -> None:
        self.store, self.plan, self.set_recent, self.ui = store, plan, set_recent, ui
        self.top_seconds = LIGHT_PRESSURE_MAX_SECONDS if plan.profile.light_pressure else MAX_SECONDS

    def _edits(self) -> RoutineEdits:
        """The edits as saved now: another tab, or a quick second tap, may have changed them."""
        return load_edits(self.store)

    def _save(self, edits: RoutineEdits, recent: Recent | None) -> None:
        save_edits(self.store, edits)
        self.set_recent(recent)
        self.ui.data_changed()

    def move(self, code: str, by: int) -> None:
        order = [s.point_code for s in self.plan.full.routine.steps]
        i = order.index(code)
        order[i], order[i + by] = order[i + by], order[i]
        self._save(self._edits().with_order(order), ("moved", code, i + by))

    def remove(self, code: str, index: int) -> None:
        self._save(self._edits().with_removed(code), ("removed", code, index))

    def add(self, code: str) -> None:
        self._save(self._edits().with_added(code), ("added", code, 0))

    def seconds(self, code: str, seconds: int) -> None:
        self._save(self._edits().with_seconds(code, seconds), None)


def _read_only(routine: Routine) -> list[ft.Control]:
    return [
        card(
            ["You are using the starting routine. Answer a few questions to get points chosen for where "
             "you feel your symptoms, with anything that may not be safe for you left out."],
            Tone.GOOD,
            actions=[action_button("Make the routine yours", lambda e: go("/setup"),
                                   icon=ft.Icons.ARROW_FORWARD_ROUNDED, main=True, wide=True)],
        ),
        heading(f"Your points ({len(routine.steps)})"),
        *(card([s.reason, f"{duration_words(s.seconds_per_side)} each side."],
               title=f"{i + 1}. {title(s.point_code)}")
          for i, s in enumerate(routine.steps)),
    ]


@ft.component
def MyRoutineScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    store = services.store
    recent, set_recent = ft.use_state(None)
    editing, set_editing = ft.use_state(False)
    today = services.now().date()
    plan = personal_plan(store, today)
    if plan is None:
        return page_view("/routine", "My routine", _read_only(load_routine(store)))

    act = _Actions(store, plan, set_recent, ui)

    def on_hold() -> None:
        save_plan(store, set_hold(plan.plan.state, not plan.plan.state.hold, today))
        ui.data_changed()

    def on_step_back(e) -> None:
        save_plan(store, step_back(plan.plan.state, today))
        ui.data_changed()

    steps = plan.full.routine.steps
    order = [s.point_code for s in steps]
    this_week = {s.point_code: s for s in plan.routine.steps}
    messages: dict[str, list[str]] = {}
    for refusal in plan.full.refused:
        # Only points in the routine have a card (and a catalog entry: a refusal may name an unknown code).
        note = check_point(refusal.code, plan.profile).side_note() if refusal.code in order else ""
        if not (note and note in refusal.message):  # the card says it already
            messages.setdefault(refusal.code, []).append(refusal.message)
    kind, code, index = recent or ("", "", 0)
    if kind == "moved" and code in order:
        messages.setdefault(code, []).append(f"Moved to place {index + 1}.")
    if kind == "added" and code in order:
        messages.setdefault(code, []).append("Added to your routine.")

    cards: list[ft.Control] = [
        _step_card(i, len(steps), s, explain(s.point_code, plan.profile, plan.full.routine).text,
                   this_week.get(s.point_code), messages.pop(s.point_code, []), act if editing else None)
        for i, s in enumerate(steps)
    ]
    if kind == "removed" and code not in order:
        cards.insert(min(index, len(cards)), card(
            [f"{title(code)} is taken out of your routine."], Tone.INFO,
            actions=[action_button("Put it back", lambda e: act.add(code), icon=ft.Icons.UNDO_ROUNDED,
                                   name=f"Put {code} back")],
        ))
    other_refusals = [m for msgs in messages.values() for m in msgs]
    controls: list[ft.Control] = [
        _plan_card(plan, on_hold, on_step_back),
        action_button("Change my answers", lambda e: go("/setup"), icon=ft.Icons.EDIT_OUTLINED, outlined=True),
        *([card([plan.full.routine.pressure_note], Tone.INFO, title="Press lightly")]
          if plan.full.routine.pressure_note else []),
        *([nothing_to_press(plan)] if not plan.routine.steps else []),
        *([card(other_refusals, Tone.WARN, title="Changes that could not be made")] if other_refusals else []),
        heading(f"Your points ({len(steps)})"),
        toggle("Change my points: order, hold time, add or remove", editing, lambda: set_editing(not editing)),
        *cards,
        *(_add_section(plan, order, act, code if kind == "added" else "") if editing else []),
    ]
    return page_view("/routine", "My routine", controls)


def _add_section(plan: PersonalPlan, order: list[str], act: _Actions, just_added: str) -> list[ft.Control]:
    """Points that may be added (ones the person took out first), then the ones safety rules out, and why.

    The point just added leaves a note where it was, since its card is now further up.
    """
    addable: list[tuple[bool, ft.Control]] = []
    unsafe: list[ft.Control] = []
    for p in POINTS:
        if p.code == just_added and p.code in order:
            addable.append((True, card([f"{title(p.code)} is now in your routine, at place "
                                        f"{order.index(p.code) + 1}."], Tone.GOOD)))
            continue
        if p.code in order:
            continue
        why = explain(p.code, plan.profile, plan.full.routine)
        if why.can_add:
            addable.append((why.standing is not Standing.REMOVED, card(
                [why.text], title=f"{p.code} {p.pinyin}: {p.surface}",
                actions=[action_button("Add", lambda e, c=p.code: act.add(c), icon=ft.Icons.ADD_ROUNDED,
                                       name=f"Add {p.code} to my routine")],
            )))
        else:
            reasons = check_point(p.code, plan.profile).reasons
            unsafe.append(body(f"{p.code} {p.pinyin} cannot be added: {reasons}."))
    addable.sort(key=lambda item: item[0])  # stable: catalog order within each group
    return [
        heading("Add a point"),
        *([c for _, c in addable] or [body("Every point that is safe for you is already in your routine.")]),
        *([heading("Points you cannot add"), *unsafe] if unsafe else []),
    ]
