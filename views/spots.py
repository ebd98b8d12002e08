"""Tender spots: mark a tender or numb place of your own, name it, and have it pressed after your points.

Why a screen of its own: seed 002's first principle is to press the tender or numb
spots on the affected limb, which no catalog knows.  Large choices instead of a
tiny drawing to tap (numb fingers, poor eyesight): choose the place, then the side,
type a short name.  The screen draws ``SpotsPage`` (data/screens/spots.py) and hands
each tap to one method of ``SpotsEditor``; a failed save says so above its button and
keeps what was typed.
"""
from __future__ import annotations

import flet as ft

from data.screens.spots import SPOTS_ROUTE, SpotsEditor, SpotsPage
from views import theme
from views.context import use_redraw, use_services, use_ui_state
from views.saving import not_saved
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle


def _rows(page: SpotsPage, rename, delete) -> list[ft.Control]:
    if not page.rows:
        return [body("No spots marked yet.")]
    return [
        card(
            [row.standing],
            Tone.GOOD if row.pressed else Tone.PLAIN,
            title=row.title,
            # side by side where both words fit, else one under the other: a word never breaks
            actions=[ft.Row([
                action_button("Rename", lambda e, i=row.id: rename(i), name=f"Rename {row.title}",
                              icon=ft.Icons.EDIT_OUTLINED, outlined=True),
                action_button("Delete", lambda e, i=row.id: delete(i), name=f"Delete {row.title}",
                              icon=ft.Icons.DELETE_OUTLINE, outlined=True),
            ], spacing=10, run_spacing=10, wrap=True)],
        )
        for row in page.rows
    ]


def _form(page: SpotsPage, editor: SpotsEditor, redraw, save) -> list[ft.Control]:
    if page.renaming is None and not page.can_add:
        return [*not_saved(page.problem), card([page.full_words], Tone.PLAIN)]
    out: list[ft.Control] = [heading(page.form_title, theme.BODY + 2)]
    if page.renaming is None:
        out += [
            body("Where is it?", bold=True),
            ft.Row([
                toggle(label, page.region is region, lambda r=region: (editor.choose_place(r), redraw()), chip=True)
                for region, label in page.places
            ], wrap=True, spacing=8, run_spacing=8),
        ]
        if page.sides:
            out += [
                body("Which side?", bold=True),
                ft.Row([
                    toggle(label, page.side is side, lambda s=side: (editor.choose_side(s), redraw()), expand=True)
                    for side, label in page.sides
                ], spacing=10),
            ]
    out += [
        ft.TextField(
            value=page.name,
            label="Name of the spot",
            hint_text="For example: sore spot on the shin",
            max_length=page.max_name,
            width=float("inf"),
            text_size=theme.BODY,
            label_style=ft.TextStyle(size=theme.BODY),
            hint_style=ft.TextStyle(size=theme.BODY),
            counter_style=ft.TextStyle(size=theme.SMALL),
            # The text goes to the editor, not to state, so typing never lags or redraws.
            on_change=lambda e: editor.type_name(e.control.value or ""),
        ),
        *not_saved(page.problem),
        action_button(page.save_label, save, icon=ft.Icons.CHECK_ROUNDED, primary=True, wide=True),
    ]
    if page.renaming is not None:
        out.append(action_button("Cancel", lambda e: (editor.cancel(), redraw()), outlined=True, wide=True))
    return out


@ft.component
def SpotsScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    editor, _ = ft.use_state(lambda: SpotsEditor(services.store, services.now))
    repaint = use_redraw()
    page = editor.view()

    def redraw() -> None:
        repaint()

    def changed(ok: bool) -> None:
        if ok:
            ui.data_changed()
        redraw()

    controls = [
        body("Mark a place that feels tender or numb, on a hand, arm, leg or foot where you feel your "
             "symptoms (or on your neck or low back when a nerve is trapped there). It is pressed after "
             "your points, with the same pressure and safety rules as a point in that place."),
        body(page.count_words),
        *_rows(page, lambda i: (editor.start_rename(i), redraw()), lambda i: changed(editor.delete(i))),
        *_form(page, editor, redraw, lambda e: changed(editor.save())),
    ]
    return page_view(SPOTS_ROUTE, "Your spots", controls, modal=True)
