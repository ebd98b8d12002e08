"""Points: every point of the catalog, searchable and filterable, each saying whether it is in my routine and why.

Why: people look points up by code, by name or by where it hurts, and want to
know why a point is (or is not) theirs; the screens draw the core's summary (data/screens/points.py),
worked out by the same core that builds the routine, so the list and the routine
always agree.  A page per point shows how to find and press it.
"""
from __future__ import annotations

import flet as ft

from data.routine.selection import Standing
from data.screens.my_routine import add_point
from data.screens.points import (
    AREA_CHOICES,
    AREA_FILTER_TITLE,
    SYMPTOM_CHOICES,
    SYMPTOM_FILTER_TITLE,
    PointRow,
    PointStatus,
    mine,
    point_detail,
    points_summary,
)
from data.storage.save_errors import attempt
from views import theme
from views.context import use_services, use_ui_state
from views.saving import not_saved
from views.shell import go, tab_view
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

STANDING_LOOK = {
    Standing.IN_ROUTINE: (ft.Icons.CHECK_CIRCLE, ft.Colors.PRIMARY),
    Standing.NOT_SAFE: (ft.Icons.BLOCK, ft.Colors.ERROR),
    Standing.REMOVED: (ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ON_SURFACE_VARIANT),
    Standing.NOT_CHOSEN: (ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ON_SURFACE_VARIANT),
}
STANDING_TONE = {Standing.IN_ROUTINE: Tone.GOOD, Standing.NOT_SAFE: Tone.WARN}
RESULTS = "point-results"  # the scroll key of the count line: a filter's tap brings its results into view


def status_line(status: PointStatus) -> ft.Control:
    icon, colour = STANDING_LOOK[status.standing]
    return ft.Row(
        [ft.Icon(icon, size=26, color=colour),
         ft.Text(status.label, size=theme.SMALL, weight=ft.FontWeight.BOLD, expand=True)],
        spacing=8,
    )


def point_row(row: PointRow) -> ft.Control:
    return ft.Button(
        style=ft.ButtonStyle(padding=ft.Padding.all(10), shape=ft.RoundedRectangleBorder(radius=16)),
        bgcolor=ft.Colors.SURFACE_CONTAINER,
        color=ft.Colors.ON_SURFACE,
        on_click=lambda e: go(f"/points/{row.code}"),
        content=ft.Row(
            [
                ft.Image(src=row.illustration, width=84, height=84, fit=ft.BoxFit.CONTAIN, border_radius=12),
                ft.Column(
                    [
                        ft.Text(row.title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),
                        ft.Text(row.surface, size=theme.SMALL),
                        status_line(row.status),
                        ft.Text(row.status.why, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=4,
                    expand=True,
                ),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, size=32),
            ],
            spacing=12,
        ),
    )


def choice_group(title: str, options: tuple[tuple[str, str], ...], chosen: str, choose) -> ft.Control:
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
    filter_taps, set_filter_taps = ft.use_state(0)  # each filter tap scrolls its results into view
    today = services.now().date()
    # The plan is worked out once per data change, not on every keystroke of the search.
    me = ft.use_memo(lambda: mine(services.store, today), [ui.revision, today])
    summary = points_summary(me, query, area, symptom)

    view = ft.use_ref(None)  # this render's view: the effect scrolls it

    async def bring_results() -> None:
        if filter_taps and view.current is not None:
            await view.current.scroll_to(scroll_key=RESULTS)  # at once: a moving screen would swallow the next tap

    ft.use_effect(bring_results, [filter_taps])

    def choose(setter):
        def chosen(key: str) -> None:
            setter(key)
            set_filter_taps(filter_taps + 1)
        return chosen

    def clear(e) -> None:
        set_query("")
        set_area("")
        set_symptom("")

    filters: list[ft.Control] = []
    if show_filters:
        filters = [
            choice_group(AREA_FILTER_TITLE, AREA_CHOICES, area, choose(set_area)),
            choice_group(SYMPTOM_FILTER_TITLE, SYMPTOM_CHOICES, symptom, choose(set_symptom)),
        ]
    return tab_view(
        "/points",
        "Points",
        [
            ft.TextField(
                value=query,
                width=float("inf"),
                label="Search points",
                hint_text="Code, name, body part or symptom",
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
            ft.Semantics(live_region=True, content=body(summary.count_words), key=ft.ScrollKey(RESULTS)),
            *([action_button("Clear search and filters", clear, icon=ft.Icons.CLEAR_ROUNDED, outlined=True)]
              if summary.filtered else []),
            *(point_row(row) for row in summary.rows),
        ],
        ref=view,
    )


def section(title: str, lines: tuple[str, ...]) -> ft.Control:
    return ft.Column([heading(title, theme.TITLE - 2), *(body(line) for line in lines)], spacing=6)


@ft.component
def PointDetailScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    code = ft.use_route_params().get("code", "")
    problem, set_problem = ft.use_state("")  # why the last "Add to my routine" saved nothing
    detail = point_detail(services.store, services.now().date(), code)
    if detail is None:
        return page_view(f"/points/{code}", "Points", [body("No such point.")])

    def add(e) -> None:
        saved = attempt(lambda: add_point(services.store, detail.code))
        set_problem(saved.problem)
        if saved.ok:
            ui.data_changed()

    actions: list[ft.Control] = [*not_saved(problem)]
    if detail.offer_setup:
        actions.append(action_button("Make the routine yours", lambda e: go("/setup"),
                                     icon=ft.Icons.ARROW_FORWARD_ROUNDED))
    elif detail.can_add:
        actions.append(action_button("Add to my routine", add, icon=ft.Icons.ADD_ROUNDED, primary=True,
                                     name=f"Add {detail.code} to my routine"))
    status = detail.status
    return page_view(
        f"/points/{code}",
        detail.title,
        [
            ft.Row(
                [
                    ft.Text(detail.hanzi, size=theme.TITLE, font_family=theme.HANZI_FONT),
                    ft.Text(detail.meaning_words, size=theme.BODY),
                ],
                spacing=12,
            ),
            ft.Semantics(live_region=True, content=card(
                [status.why, *detail.rule_lines], STANDING_TONE.get(status.standing, Tone.PLAIN), title=status.label,
                actions=actions)),
            ft.Image(
                src=detail.illustration,
                width=float("inf"),
                height=440,
                fit=ft.BoxFit.CONTAIN,
                semantics_label=detail.drawing_label,
            ),
            *(section(title, lines) for title, lines in detail.sections),
        ],
    )
