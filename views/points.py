"""Points: every point of the catalog, searchable and filterable, each saying whether it is in my routine and why.

Why: people look points up by code, by name or by where it hurts, and want to
know why a point is (or is not) theirs; the answer comes from the same core
that builds the routine (data/selection.explain), so the list and the routine
always agree.  A page per point shows how to find and press it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import flet as ft

from data.models import Point, PregnancyRule, Routine
from data.routine.catalog import POINTS, point
from data.routine.profile import Profile, SkinArea
from data.routine.progression import personal_plan
from data.routine.saved import load_routine
from data.routine.selection import Explanation, Standing, explain, load_edits, save_edits, symptom_areas
from views import theme
from views.context import use_services, use_ui_state
from views.shell import go, tab_view
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

PREGNANCY_WORDS = {
    PregnancyRule.FORBIDDEN: "Not in pregnancy: traditionally never pressed when pregnant.",
    PregnancyRule.CAUTION: "In pregnancy: left out to be careful.",
}
STANDING_LOOK = {
    Standing.IN_ROUTINE: ("In your routine", ft.Icons.CHECK_CIRCLE, ft.Colors.PRIMARY),
    Standing.NOT_SAFE: ("Not safe for you", ft.Icons.BLOCK, ft.Colors.ERROR),
    Standing.REMOVED: ("Removed by you", ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ON_SURFACE_VARIANT),
    # The why says which: not for your symptoms, or left out to keep the routine short.
    Standing.NOT_CHOSEN: ("Not in your routine", ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ON_SURFACE_VARIANT),
}
SYMPTOMS = {key: (label, frozenset(codes)) for key, label, codes in symptom_areas()}


@dataclass(frozen=True)
class Mine:
    """The person's routine as the Points pages need it."""

    personal: bool  # False before the first-run questions: the starting (or saved) routine
    profile: Profile
    routine: Routine  # the whole routine, for explain()
    this_week: frozenset[str]  # codes practised at the plan's current level

    def explain(self, code: str) -> Explanation:
        return explain(code, self.profile, self.routine)

    def status(self, code: str) -> tuple[str, str, ft.IconData, ft.ColorValue]:
        """(short status, why, icon, colour) for one point."""
        why = self.explain(code)
        label, icon, colour = STANDING_LOOK[why.standing]
        text = why.text
        for said in ("Not in your routine: ", f"{label}: "):  # the status line says it already
            if text.startswith(said):
                text = text[len(said)].upper() + text[len(said) + 1:]
        if not self.personal:
            if not why.in_routine:
                label, text = "Not in your routine", "Not in the starting routine."
            text = text or "In the routine you practise."
        elif why.in_routine and code not in self.this_week:
            text += " It joins your sessions as your plan grows."
        return label, text, icon, colour


def mine(store, today: date) -> Mine:
    plan = personal_plan(store, today)
    if plan is None:
        routine = load_routine(store)
        return Mine(False, Profile(), routine, frozenset(s.point_code for s in routine.steps))
    return Mine(True, plan.profile, plan.full.routine, frozenset(s.point_code for s in plan.routine.steps))


def matches(pt: Point, query: str) -> bool:
    """Every word of the query appears in the code, pinyin, meaning, surface or Chinese name."""
    haystack = " ".join((pt.code, pt.code.replace("-", ""), pt.pinyin, pt.meaning, pt.surface, pt.hanzi)).lower()
    return all(word in haystack for word in query.lower().split())


def status_line(label: str, icon: ft.IconData, colour: ft.ColorValue) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, size=26, color=colour),
         ft.Text(label, size=theme.SMALL, weight=ft.FontWeight.BOLD, expand=True)],
        spacing=8,
    )


def point_row(pt: Point, status: tuple[str, str, ft.IconData, ft.ColorValue]) -> ft.Control:
    label, why, icon, colour = status
    return ft.Button(
        style=ft.ButtonStyle(padding=ft.Padding.all(10), shape=ft.RoundedRectangleBorder(radius=16)),
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        color=ft.Colors.ON_SURFACE,
        on_click=lambda e: go(f"/points/{pt.code}"),
        content=ft.Row(
            [
                ft.Image(src=pt.illustration, width=84, height=84, fit=ft.BoxFit.CONTAIN, border_radius=12),
                ft.Column(
                    [
                        ft.Text(f"{pt.code} {pt.pinyin}", size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                        ft.Text(pt.surface.capitalize(), size=theme.SMALL),
                        status_line(label, icon, colour),
                        ft.Text(why, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=4,
                    expand=True,
                ),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, size=32),
            ],
            spacing=12,
        ),
    )


def choice_group(title: str, options: list[tuple[str, str]], chosen: str, choose) -> ft.Control:
    """A heading and a wrap of toggles of which at most one is on; tapping the one that is on clears it."""
    return ft.Column(
        [
            heading(title, theme.BODY + 2),
            ft.Row(
                [toggle(label, key == chosen, lambda k=key: choose("" if k == chosen else k), chip=True)
                 for key, label in options],
                wrap=True,
                spacing=10,
                run_spacing=10,
            ),
        ],
        spacing=8,
    )


@ft.component
def PointsScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()  # re-read when the routine changed
    query, set_query = ft.use_state("")
    area, set_area = ft.use_state("")
    symptom, set_symptom = ft.use_state("")
    show_filters, set_show_filters = ft.use_state(False)
    today = services.now().date()
    # The plan is worked out once per data change, not on every keystroke of the search.
    me = ft.use_memo(lambda: mine(services.store, today), [ui.revision, today])

    shown = [
        p for p in POINTS
        if matches(p, query)
        and (not area or p.region in SkinArea(area).regions)
        and (not symptom or p.code in SYMPTOMS[symptom][1])
    ]
    filtered = bool(query.strip() or area or symptom)

    def clear(e) -> None:
        set_query("")
        set_area("")
        set_symptom("")

    filters: list[ft.Control] = []
    if show_filters:
        filters = [
            choice_group("Where on the body", [(a.value, a.label) for a in SkinArea], area, set_area),
            choice_group("For which symptom", [(k, label) for k, (label, _) in SYMPTOMS.items()], symptom,
                         set_symptom),
        ]
    count = (f"{len(shown)} of {len(POINTS)} points match." if filtered else
             f"All {len(POINTS)} points used in this app. Tap one to see where it is and how to press it.")
    return tab_view(
        "/points",
        "Points",
        [
            ft.TextField(
                value=query,
                width=float("inf"),
                label="Search points",
                hint_text="Code, name or body part",
                prefix_icon=ft.Icons.SEARCH,
                text_size=theme.BODY,
                label_style=ft.TextStyle(size=theme.BODY),
                hint_style=ft.TextStyle(size=theme.BODY),
                content_padding=ft.Padding.symmetric(horizontal=12, vertical=18),
                border_radius=16,
                on_change=lambda e: set_query(e.control.value),
            ),
            toggle("Filter by body area or symptom", show_filters, lambda: set_show_filters(not show_filters)),
            *filters,
            ft.Semantics(live_region=True, content=body(count)),
            *([action_button("Clear search and filters", clear, icon=ft.Icons.CLEAR_ROUNDED, outlined=True)]
              if filtered else []),
            *(point_row(p, me.status(p.code)) for p in shown),
        ],
    )


def section(title: str, lines: list[str] | tuple[str, ...]) -> ft.Control:
    return ft.Column([heading(title, theme.TITLE - 2), *(body(line) for line in lines)], spacing=6)


@ft.component
def PointDetailScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    code = ft.use_route_params().get("code", "")
    try:
        pt = point(code)
    except KeyError:
        return page_view(f"/points/{code}", "Points", [body("No such point.")])
    me = mine(services.store, services.now().date())
    label, why, _, _ = me.status(code)

    def add(e) -> None:
        save_edits(services.store, load_edits(services.store).with_added(code))
        ui.data_changed()

    actions: list[ft.Control] = []
    if not me.personal and not me.explain(code).in_routine:
        actions.append(action_button("Make the routine yours", lambda e: go("/setup"),
                                     icon=ft.Icons.ARROW_FORWARD_ROUNDED))
    elif me.personal and me.explain(code).can_add:
        actions.append(action_button("Add to my routine", add, icon=ft.Icons.ADD_ROUNDED, primary=True,
                                     name=f"Add {code} to my routine"))
    tone = {Standing.IN_ROUTINE: Tone.GOOD, Standing.NOT_SAFE: Tone.WARN}.get(me.explain(code).standing,
                                                                               Tone.PLAIN)
    cautions = list(pt.cautions)
    if pt.pregnancy in PREGNANCY_WORDS:
        cautions.insert(0, PREGNANCY_WORDS[pt.pregnancy])
    sides = "Once, on the middle line of the body." if len(pt.sides) == 1 else "Both sides: left, then right."
    spots = f" There are {pt.spots_per_side} spots on each side; press them one after another." \
        if pt.spots_per_side > 1 else ""
    return page_view(
        f"/points/{code}",
        f"{pt.code} {pt.pinyin}",
        [
            ft.Row(
                [
                    ft.Text(pt.hanzi, size=theme.TITLE, font_family=theme.HANZI_FONT),
                    ft.Text(f"“{pt.meaning}”", size=theme.BODY),
                ],
                spacing=12,
            ),
            ft.Semantics(live_region=True, content=card([why], tone, title=label, actions=actions)),
            ft.Image(
                src=pt.illustration,
                width=float("inf"),
                height=440,
                fit=ft.BoxFit.CONTAIN,
                semantics_label=f"Drawing of where {pt.code} is: {pt.surface}",
            ),
            section("How to find it", pt.location_steps),
            section("How to press", [pt.technique, sides + spots]),
            section("Take care", cautions),
        ],
    )
