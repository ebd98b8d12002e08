"""Building blocks shared by the screens, so every screen gets the same large, named, themed controls.

Accessible names: a button is named by its visible text unless ``name`` gives a
fuller one (e.g. "Move LI11 up" on a button that shows "Up"), set as the text's
semantics label so the button stays a single node a screen reader can press.
Toggles are switches with a "selected" / "not selected" value.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import Enum

import flet as ft

from data.journal.checkins import LABELS, accessible_value, score_word
from views import theme
from views.shell import go

SAFETY_SHEET = "/safety-sheet"  # the red flags over any screen, without leaving it
SLIDER_WORDS_HEIGHT = 60  # a slider's name and score-word lines at Normal text: fixed, so nothing below moves


class Tone(Enum):
    """Colour roles of a card and of the text on it, so contrast holds in light and dark mode."""

    INFO = (ft.Colors.SECONDARY_CONTAINER, ft.Colors.ON_SECONDARY_CONTAINER)
    WARN = (ft.Colors.ERROR_CONTAINER, ft.Colors.ON_ERROR_CONTAINER)
    GOOD = (ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER)
    PLAIN = (ft.Colors.SURFACE_CONTAINER_HIGH, ft.Colors.ON_SURFACE)


def _expand(expand: bool | int) -> dict:
    """Pass ``expand`` only when set: even ``expand=False`` breaks a control inside a wrapping Row."""
    return {"expand": expand} if expand else {}


def heading(text: str, size: int | None = None) -> ft.Control:
    """A section's title (title size unless ``size`` is given: read when drawn, so it follows the text size)."""
    return ft.Semantics(header=True, content=ft.Text(text, size=size or theme.TITLE, weight=ft.FontWeight.BOLD))


def body(text: str, *, color: ft.ColorValue | None = None, bold: bool = False) -> ft.Text:
    return ft.Text(text, size=theme.BODY, color=color, weight=ft.FontWeight.W_600 if bold else None)


def card(
    lines: list[str] | tuple[str, ...],
    tone: Tone = Tone.PLAIN,
    *,
    title: str = "",
    actions: list[ft.Control] | None = None,
) -> ft.Control:
    """A padded, rounded box of text in one colour role, with optional buttons under it."""
    bg, fg = tone.value
    texts: list[ft.Control] = []
    if title:
        texts.append(ft.Text(title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD, color=fg))
    texts += [body(line, color=fg) for line in lines]
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=bg,
        content=ft.Column([*texts, *(actions or [])], spacing=10),
    )


def action_button(
    label: str,
    on_click: Callable[[ft.Event], None] | None,
    *,
    icon: ft.IconData | None = None,
    name: str | None = None,
    primary: bool = False,
    main: bool = False,
    outlined: bool = False,
    expand: bool | int = False,
    disabled: bool = False,
    action: ft.ClientAction | None = None,
    wide: bool = False,
) -> ft.Control:
    """A large button: ``main`` for the screen's main action, ``primary`` filled, ``outlined`` quiet.

    ``wide`` fills the width of the column it is in.

    ``action`` is done by the client within the tap itself (e.g. ``ft.PickFiles``), as browsers require.

    No fixed height: the padding makes one line at least ``theme.TAP`` (``MAIN_TAP`` for
    ``main``) tall, and a label that wraps makes the button taller instead of being cut off.
    Standard density, because desktop browsers would otherwise shrink the padding.
    """
    text = ft.Text(label, semantics_label=name, text_align=ft.TextAlign.CENTER)
    width = float("inf") if wide else None
    style = replace(
        theme.main_button_style() if main else theme.button_style(),
        padding=ft.Padding.symmetric(horizontal=12, vertical=23 if main else 17),  # three fit a 360 dp row
        visual_density=ft.VisualDensity.STANDARD,
    )
    if outlined:
        return ft.OutlinedButton(content=text, icon=icon, style=style, on_click=on_click, disabled=disabled,
                                 action=action, width=width, **_expand(expand))
    return ft.Button(
        content=text,
        icon=icon,
        style=style,
        disabled=disabled,
        action=action,
        width=width,
        **_expand(expand),
        # Disabled: the theme's own disabled colours, so it looks switched off.
        bgcolor=None if disabled else ft.Colors.PRIMARY if primary or main else ft.Colors.SECONDARY_CONTAINER,
        color=None if disabled else ft.Colors.ON_PRIMARY if primary or main else ft.Colors.ON_SECONDARY_CONTAINER,
        on_click=on_click,
    )


def toggle(
    label: str,
    on: bool,
    on_change: Callable[[], None],
    *,
    width: float | None = None,
    expand: bool | int = False,
    chip: bool = False,
) -> ft.Control:
    """A large on/off choice showing a tick box and its label; read as "Fingers selected, switch, on".

    Full width by default (long labels wrap); ``chip`` makes it as wide as its label, for rows that wrap.
    """
    fg = ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE
    return ft.Semantics(
        container=True,
        button=True,
        toggled=on,
        value="selected" if on else "not selected",
        **_expand(expand),
        content=ft.Container(
            width=width,
            padding=ft.Padding.symmetric(horizontal=12, vertical=14),
            border_radius=16,
            bgcolor=ft.Colors.PRIMARY if on else ft.Colors.SURFACE,
            border=ft.Border.all(2, ft.Colors.PRIMARY if on else ft.Colors.OUTLINE),
            ink=True,
            on_click=lambda e: on_change(),
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_BOX if on else ft.Icons.CHECK_BOX_OUTLINE_BLANK, size=30, color=fg),
                    ft.Text(label, size=theme.BODY, weight=ft.FontWeight.W_600, color=fg, expand=not chip),
                ],
                spacing=10,
                tight=chip,
            ),
        ),
    )


def close_screen() -> None:
    """Leave the top screen as the back arrow or close button would: a modal returns to where it was opened."""
    page = ft.context.page
    if page.on_view_pop is not None:
        page.on_view_pop(ft.ViewPopEvent(name="view_pop", control=page, route=page.route))


def safety_action(before: Callable[[], None] | None = None) -> ft.Control:
    """The "Safety" button for app bars of screens without the tab bar: the red flags, one tap away.

    ``before`` runs first (the player pauses, so no time is lost while reading).
    """

    def open_sheet(e) -> None:
        if before:
            before()
        go(SAFETY_SHEET)

    return ft.TextButton(
        content="Safety",
        icon=ft.Icons.HEALTH_AND_SAFETY_OUTLINED,
        height=theme.TAP,
        style=theme.button_style(theme.BAR_BUTTON),
        on_click=open_sheet,
    )


def back_button(modal: bool) -> ft.Control:
    """The top bar's way back, 56 px square (Flutter's own arrow is 40): "Close" on a modal, else "Back"."""
    name = "Close" if modal else "Back"
    return ft.IconButton(
        icon=ft.Icon(ft.Icons.CLOSE if modal else ft.Icons.ARROW_BACK, size=30, semantics_label=name),
        width=theme.TAP,
        height=theme.TAP,
        on_click=lambda e: close_screen(),
    )


def page_view(
    route: str,
    title: str,
    controls: list[ft.Control],
    *,
    bottom: ft.BottomAppBar | None = None,
    back: bool = True,
    safety: bool = True,
    modal: bool = False,
    page_key: str | None = None,
) -> ft.View:
    """A screen above the tabs: title bar with the phone's back arrow and a Safety button, scrolling body.

    ``modal`` for a route declared ``modal=True``: the screen slides over the current one and
    its close button returns there.  A new ``page_key`` starts the body at the top again, for
    screens that show one page after another on the same route.
    """
    content = ft.SafeArea(minimum_padding=ft.Padding.all(theme.PAD), content=ft.Column(controls, spacing=theme.PAD))
    return ft.View(
        route=route,
        fullscreen_dialog=modal,
        appbar=ft.AppBar(
            title=ft.Text(title, size=theme.BAR_TITLE, weight=ft.FontWeight.BOLD),
            toolbar_height=64,
            leading=back_button(modal) if back else None,
            leading_width=theme.TAP + 8,
            automatically_imply_leading=False,
            actions=[safety_action()] if safety else None,
            actions_padding=ft.Padding.only(right=8),
        ),
        bottom_appbar=bottom,
        scroll=None if page_key else ft.ScrollMode.AUTO,
        padding=0,
        controls=[ft.Column([content], scroll=ft.ScrollMode.AUTO, expand=True, key=page_key) if page_key else content],
    )


def score_slider(symptom: str, value: int | None, on_change: Callable[[int], None]) -> ft.Control:
    """A 0-10 rating for numb fingers: the name, the word and the number large; a thick slider between - and +.

    Flutter's slider would announce "40%", so it sits in a slider node of our own whose value
    reads "Numbness, 4 of 10" and whose increase/decrease actions step by one.  ``None`` shows
    "Not answered yet" with the handle at 0 until the person moves it.
    """
    label = LABELS[symptom]
    shown = 0 if value is None else value

    def step(by: int) -> None:
        on_change(min(10, max(0, shown + by)) if value is not None else max(0, by))

    def pm(icon: ft.IconData, name: str, by: int) -> ft.Control:
        return ft.IconButton(
            icon=ft.Icon(icon, size=36, semantics_label=name),
            width=theme.TAP,
            height=theme.TAP,
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            icon_color=ft.Colors.ON_SECONDARY_CONTAINER,
            on_click=lambda e: step(by),
        )

    slider = ft.Semantics(
        container=True,
        slider=True,
        label=label,
        value=accessible_value(symptom, value),
        increased_value=accessible_value(symptom, min(10, shown + 1)),
        decreased_value=accessible_value(symptom, max(0, shown - 1)),
        on_increase=lambda e: step(1),
        on_decrease=lambda e: step(-1),
        exclude_semantics=True,
        content=ft.Slider(
            min=0,
            max=10,
            divisions=10,
            value=shown,
            label="{value}",
            year_2023=False,
            padding=ft.Padding.symmetric(horizontal=12, vertical=0),  # the track fills the room between - and +
            on_change=lambda e: on_change(round(e.control.value)),
        ),
    )
    words = "Not answered yet" if value is None else score_word(value)
    # The name, word and number repeat what the slider node says: drawn large, left out of the tree.
    # The name and the word each have a whole line of their own and a fixed height, so a longer
    # word ("moderate to strong") never breaks mid-word nor moves the buttons and the slider.
    name_and_word = ft.Semantics(
        exclude_semantics=True,
        expand=True,
        content=ft.Container(
            height=theme.grown(SLIDER_WORDS_HEIGHT),
            alignment=ft.Alignment.CENTER_LEFT,
            content=ft.Column(
                [
                    ft.Text(label, size=theme.BODY + 2, weight=ft.FontWeight.BOLD, max_lines=1,
                            overflow=ft.TextOverflow.ELLIPSIS),
                    ft.Text(words, size=theme.BODY, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE_VARIANT,
                            max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
                ],
                spacing=0,
                tight=True,
            ),
        ),
    )
    number = ft.Semantics(
        exclude_semantics=True,
        content=ft.Container(
            width=theme.grown(64),
            height=theme.grown(SLIDER_WORDS_HEIGHT),
            alignment=ft.Alignment.CENTER,
            content=ft.Text("–" if value is None else str(value), size=theme.HEADLINE + 10,
                            weight=ft.FontWeight.BOLD),
        ),
    )
    minus, plus = pm(ft.Icons.REMOVE, f"{label} lower", -1), pm(ft.Icons.ADD, f"{label} higher", 1)
    return ft.Container(
        padding=ft.Padding.only(left=theme.PAD, right=10, top=10, bottom=10),
        border_radius=16,
        border=ft.Border.all(1, ft.Colors.OUTLINE),
        content=ft.Column(
            [
                ft.Row([name_and_word, number], spacing=4, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                ft.Row([minus, ft.Container(expand=True, content=slider), plus], spacing=4,
                       vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ],
            spacing=0,
        ),
    )
