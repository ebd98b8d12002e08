"""The session player: one point and side at a time, a big countdown, cues to move on.

While the timer runs the screen shows only what can be taken in at a glance: the
side, the point's name and drawing, and the ring.  Where to find the point is shown
during the short preparation before each point.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timezone

import flet as ft

from data.routine.drawings import VIEWBOX, zoom_to_read
from data.routine.player import Cue
from data.screens.player_layout import APP_BAR, COLUMN_GAP, GAP, RATIO, PlayerLayout, landscape_column, player_layout
from data.screens.session import (
    Countdown,
    FinishQuestion,
    PlayerView,
    PracticeSession,
    Stage,
    SummaryView,
    cue_words,
)
from views import theme
from views.audio import CueSound
from views.checkin import after_question, before_question
from views.context import use_redraw, use_services, use_ui_state
from views.footcheck import foot_check_button
from views.my_routine import nothing_to_press
from views.notes import FELT_WRONG_ROUTE
from views.saving import not_saved
from views.shell import go
from views.widgets import action_button, safety_action

TICK_SECONDS = 0.25
PULSE_SECONDS = 1.2
PHONE = (412, 915)  # the size assumed until the page reports its own


def countdown_ring(ring: Countdown, pulse: bool, size: int) -> ft.Control:
    return ft.Semantics(
        label=ring.label,
        exclude_semantics=True,
        content=ft.Container(
            width=size + 10,
            height=size + 10,
            alignment=ft.Alignment.CENTER,
            border_radius=size / 2 + 5,
            bgcolor=ft.Colors.TERTIARY_CONTAINER if pulse else None,
            animate=ft.Animation(300, ft.AnimationCurve.EASE_OUT),
            content=ft.Stack(
                [
                    ft.ProgressRing(
                        value=ring.value,
                        width=size,
                        height=size,
                        stroke_width=size / 12,
                        color=ft.Colors.PRIMARY if ring.pressing else ft.Colors.TERTIARY,
                        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                    ),
                    ft.Container(
                        width=size,
                        height=size,
                        alignment=ft.Alignment.CENTER,
                        content=ft.Column(
                            [
                                ft.Text(str(ring.seconds), size=theme.HUGE if size > 150 else theme.HEADLINE,
                                        weight=ft.FontWeight.BOLD, no_wrap=True),
                                ft.Text(ring.word, size=theme.BODY if size > 150 else theme.SMALL, no_wrap=True,
                                        weight=ft.FontWeight.BOLD if ring.paused else None,
                                        color=ft.Colors.ERROR if ring.paused else None),
                            ],
                            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                            alignment=ft.MainAxisAlignment.CENTER,
                            spacing=0,
                            tight=True,
                        ),
                    ),
                ]
            ),
        ),
    )


def control_button(label: str, icon: ft.IconData, on_click, height: int, primary: bool = False) -> ft.Control:
    style = theme.button_style()
    return ft.Container(
        expand=True,
        content=ft.Button(
            content=(ft.Column if height >= 80 else ft.Row)(  # a low bar (landscape): icon beside the word
                [ft.Icon(icon, size=32), ft.Text(label, size=theme.BODY, weight=ft.FontWeight.W_600)],
                alignment=ft.MainAxisAlignment.CENTER,
                spacing=2,
                tight=True,
                **({"horizontal_alignment": ft.CrossAxisAlignment.CENTER} if height >= 80
                   else {"vertical_alignment": ft.CrossAxisAlignment.CENTER}),
            ),
            height=height,
            style=style,
            bgcolor=ft.Colors.PRIMARY if primary else ft.Colors.SECONDARY_CONTAINER,
            color=ft.Colors.ON_PRIMARY if primary else ft.Colors.ON_SECONDARY_CONTAINER,
            on_click=on_click,
        ),
    )


def drawing(shown: PlayerView, layout: PlayerLayout, open_full: Callable[[], None]) -> ft.Control:
    """The drawing of the side pressed; a tap shows it full screen."""
    if not shown.illustration:  # a tender spot on the neck or back: no drawing, the words say where
        return ft.Container(width=layout.drawing_width, height=layout.drawing_height, alignment=ft.Alignment.CENTER,
                            content=ft.Text(shown.drawing_label, size=theme.BODY, text_align=ft.TextAlign.CENTER))
    return ft.Semantics(
        container=True,
        button=True,
        label=f"{shown.drawing_label}. Show it full screen",
        content=ft.Container(
            width=layout.drawing_width,
            height=layout.drawing_height,
            border_radius=12,
            ink=True,
            on_click=lambda e: open_full(),
            content=ft.Image(src=shown.illustration, width=layout.drawing_width, height=layout.drawing_height,
                             fit=ft.BoxFit.CONTAIN),
        ),
    )


def playing_view(shown: PlayerView, pulse: bool, layout: PlayerLayout, width: float,
                 open_full: Callable[[], None]) -> list[ft.Control]:
    """What is shown above the control bar: point, side, drawing and the countdown.

    Sizes come from `player_layout`: the heading, the words above the drawing, the
    drawing and the ring fit above the bar; how to find the point follows below.
    """
    progress = ft.ProgressBar(value=shown.progress, height=8, border_radius=4,
                              semantics_label="Progress through the session")
    name = ft.Text(shown.point_name, size=theme.HEADLINE, weight=ft.FontWeight.BOLD)
    badge = ft.Container(
        padding=ft.Padding.symmetric(horizontal=20, vertical=8),
        border_radius=30,
        bgcolor=ft.Colors.TERTIARY if pulse else ft.Colors.PRIMARY,
        animate=ft.Animation(300, ft.AnimationCurve.EASE_OUT),
        content=ft.Text(
            shown.side,
            size=theme.TITLE,
            weight=ft.FontWeight.BOLD,
            color=ft.Colors.ON_TERTIARY if pulse else ft.Colors.ON_PRIMARY,
        ),
    )
    if shown.preparing:
        above = [ft.Text(w, size=theme.BODY, weight=ft.FontWeight.BOLD, color=ft.Colors.ERROR)
                 for w in shown.warnings]
        if shown.one_side:
            above.append(ft.Text(shown.one_side, size=theme.BODY, weight=ft.FontWeight.W_600))
        if shown.other_side:
            above.append(ft.Text(shown.other_side, size=theme.BODY + 2, weight=ft.FontWeight.BOLD))
        below = [ft.Text(line, size=theme.BODY) for line in shown.location_lines]
    else:
        above = [ft.Text(shown.pressing_words, size=theme.BODY, text_align=ft.TextAlign.CENTER)]
        below = []
    if layout.words_below:  # large text on a small screen: the drawing, the ring and the side come first
        above, below = [], above + below
    picture = drawing(shown, layout, open_full)
    ring = countdown_ring(shown.countdown, pulse, layout.ring)
    if layout.landscape:
        column = ft.Column([name, badge, *above], spacing=COLUMN_GAP, width=landscape_column(layout, width),
                           horizontal_alignment=ft.CrossAxisAlignment.CENTER)
        return [progress, ft.Row([column, picture, ring], spacing=GAP, alignment=ft.MainAxisAlignment.CENTER,
                                 vertical_alignment=ft.CrossAxisAlignment.START), *below]
    heading = ft.Column([name, ft.Text(shown.meaning, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT)],
                        spacing=0, horizontal_alignment=ft.CrossAxisAlignment.CENTER)
    if layout.stacked:
        pictures = [picture, ring]
    else:
        pictures = [ft.Row([picture, ring], alignment=ft.MainAxisAlignment.CENTER,
                           vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=GAP)]
    return [progress, heading, badge, *above, *pictures, *below]


def full_drawing(shown: PlayerView, width: float, height: float,
                 close: Callable[[], None]) -> tuple[ft.AlertDialog, ft.InteractiveViewer]:
    """The drawing as big as the screen allows; the viewer (zoomed in on the point once shown) moves by pinch."""
    fit = max(100.0, min(width - 16, (height - 230) / RATIO))
    x, y = shown.drawing_spot
    viewer = ft.InteractiveViewer(
        min_scale=1,
        max_scale=5,
        alignment=ft.Alignment(x / VIEWBOX[0] * 2 - 1, y / VIEWBOX[1] * 2 - 1),  # zoom() enlarges around the point
        content=ft.Image(src=shown.illustration, width=fit, height=fit * RATIO, semantics_label=shown.drawing_label),
    )
    dialog = ft.AlertDialog(
        modal=True,
        semantics_label=shown.drawing_title,
        title=ft.Text(shown.drawing_title, size=theme.TITLE, weight=ft.FontWeight.BOLD),
        inset_padding=ft.Padding.all(8),
        content_padding=ft.Padding.all(0),
        content=ft.Container(width=fit, height=fit * RATIO, content=viewer),
        actions=[action_button("Close", lambda e: close(), icon=ft.Icons.CLOSE_ROUNDED, main=True, wide=True)],
    )
    return dialog, viewer


def finish_dialog(question: FinishQuestion, yes: Callable[[], None], no: Callable[[], None]) -> ft.AlertDialog:
    """Asked before finishing early: two big buttons, "Keep going" the safe one on top."""
    return ft.AlertDialog(
        modal=True,
        semantics_label=question.title,
        title=ft.Text(question.title, size=theme.TITLE, weight=ft.FontWeight.BOLD),
        content=ft.Text(question.words, size=theme.BODY),
        actions=[
            ft.Column(
                [
                    action_button("Keep going", lambda e: no(), icon=ft.Icons.PLAY_ARROW_ROUNDED, main=True,
                                  wide=True),
                    action_button("Yes, finish", lambda e: yes(), icon=ft.Icons.STOP_ROUNDED, outlined=True,
                                  wide=True),
                ],
                spacing=16,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            )
        ],
    )


def control_bar(paused: bool, act, height: int) -> ft.BottomAppBar:
    """Back, Pause and Skip: always on screen, at thumb height."""
    return ft.BottomAppBar(
        height=height,
        padding=ft.Padding.symmetric(horizontal=12, vertical=10),
        content=ft.Row(
            [
                control_button("Back", ft.Icons.SKIP_PREVIOUS_ROUNDED, lambda e: act("back"), height - 20),
                control_button(
                    "Resume" if paused else "Pause",
                    ft.Icons.PLAY_ARROW_ROUNDED if paused else ft.Icons.PAUSE_ROUNDED,
                    lambda e: act("pause"),
                    height - 20,
                    primary=True,
                ),
                control_button("Skip", ft.Icons.SKIP_NEXT_ROUNDED, lambda e: act("skip"), height - 20),
            ],
            spacing=10,
        ),
    )


def summary_view(shown: SummaryView, after: list[ft.Control], session_id: str) -> list[ft.Control]:
    rows = [
        ft.Semantics(
            label=row.label,
            exclude_semantics=True,
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE if row.completed else ft.Icons.REMOVE_CIRCLE_OUTLINE, size=28,
                            color=ft.Colors.PRIMARY if row.completed else ft.Colors.OUTLINE),
                    ft.Text(row.words, size=theme.BODY),
                ]
            ),
        )
        for row in shown.rows
    ]
    return [
        ft.Text(shown.title, size=theme.HEADLINE, weight=ft.FontWeight.BOLD),
        ft.Text(shown.message, size=theme.BODY),
        ft.Text(shown.tally, size=theme.BODY + 2, weight=ft.FontWeight.W_600),
        ft.Text(
            "Look at the skin you pressed: if you see a bruise or a mark, press more lightly next time.",
            size=theme.BODY,
        ),
        *after,
        *rows,
        action_button("Something felt wrong", lambda e: go(f"{FELT_WRONG_ROUTE}/{session_id}"),
                      icon=ft.Icons.REPORT_OUTLINED, outlined=True, wide=True),
        action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, main=True, wide=True),
    ]


@ft.component
def SessionScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    session, _ = ft.use_state(lambda: PracticeSession(
        services.store, services.now, services.monotonic, services.reminders.settings.day_split(),
        services.on_session_saved, services.reminders.slot_day_for))
    repaint = use_redraw()
    pulse_until, set_pulse_until = ft.use_state(0.0)
    devices = ft.use_ref(None)
    sound = ft.use_ref(None)
    page = ft.context.page
    size, set_size = ft.use_state(lambda: (page.width or PHONE[0], page.height or PHONE[1]))

    def refresh() -> None:
        repaint()

    def handle(cues: list[Cue]) -> None:
        """The cues the core just returned (it has saved what they call for): pulse, tell, vibrate."""
        if not cues:
            return
        set_pulse_until(services.monotonic() + PULSE_SECONDS)
        if Cue.FINISHED in cues:
            ui.data_changed()  # other screens re-read the store once, not at every side switch
        if devices.current:
            asyncio.create_task(devices.current.cue(cue_words(cues)))
        if sound.current:
            sound.current.play(session.sounds(cues))

    def act(what: str) -> None:
        if what == "pause":
            session.toggle_pause()
        elif what == "skip":
            handle(session.skip())
        elif what == "back":
            session.back()
        elif what == "finish":
            handle(session.finish())
        refresh()

    def ask_to_finish() -> None:
        """"Finish" asks first (the session waits meanwhile): one stray tap cannot end it."""
        session.hold()

        def answer(finish: bool) -> None:
            page.pop_dialog()
            if finish:
                act("finish")
            else:
                session.release()
                refresh()

        page.show_dialog(finish_dialog(session.finish_question(), lambda: answer(True), lambda: answer(False)))
        refresh()

    def show_drawing(shown: PlayerView) -> None:
        session.hold()

        def close() -> None:
            page.pop_dialog()
            session.release()
            refresh()

        dialog, viewer = full_drawing(shown, *size, close)
        page.show_dialog(dialog)
        refresh()

        async def zoom_in() -> None:
            """Enlarge around the point until the drawing's smallest words are body-text size."""
            await asyncio.sleep(0.4)  # once the dialog is on screen
            try:
                await viewer.zoom(zoom_to_read(viewer.content.width, theme.BODY))
            except Exception:  # noqa: BLE001 - closed already: nothing to zoom
                pass

        asyncio.create_task(zoom_in())

    async def run() -> None:
        page.on_resize = lambda e: set_size((e.width, e.height))  # a turned phone or a resized window
        devices.current = _Devices()
        sound.current = CueSound(session.sound)
        await devices.current.keep_awake(True)
        while True:
            await asyncio.sleep(TICK_SECONDS)
            if page.session.connection is None:
                # The tab was closed or lost its connection: Flet unmounts nothing then, so
                # the core stops the clock here; end the loop once the session has expired.
                session.connection_lost()
                expires = page.session.expires_at
                if expires is not None and datetime.now(timezone.utc) >= expires:
                    return
                continue
            stage = session.stage
            if stage is Stage.SUMMARY:
                return
            if stage is not Stage.PLAYING:  # the before question is on screen
                continue
            handle(session.advance())
            refresh()

    async def leave() -> None:
        page.on_resize = None
        session.leave()  # closing the screen mid-session keeps what was pressed
        ui.data_changed()
        if sound.current:
            sound.current.close()
        if devices.current:
            await devices.current.keep_awake(False)

    ft.use_effect(run, [], cleanup=leave)

    def pause_to_read() -> None:
        session.pause_to_read()
        refresh()

    def tapped(call: Callable[..., None]) -> Callable[..., None]:
        """A tap on the rating: the core call, then draw again."""
        def tap(*args) -> None:
            call(*args)
            refresh()
        return tap

    def starting(call: Callable[[], None]) -> Callable[[], None]:
        """"Save and start" or "Skip": the core call, then the first point's words."""
        def tap() -> None:
            call()
            if sound.current:
                sound.current.play(session.opening_sounds())
            refresh()
        return tap

    pulse = services.monotonic() < pulse_until
    shown = session.view()
    bar, finish = None, None
    if shown.stage is Stage.NOTHING_TO_PRESS:  # only reachable by a direct link: Today hides Start then
        body = [nothing_to_press(shown.plan)] if shown.plan else [
            action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, main=True, wide=True)]
    elif shown.stage is Stage.BEFORE:
        body = before_question(shown.rating, tapped(session.rating.pick), starting(session.rate_and_start),
                               starting(session.start))
    elif shown.stage is Stage.SUMMARY:
        after = after_question(shown.rating, tapped(session.rating.pick),
                               tapped(session.rating.save_after), tapped(session.rating.skip_after))
        after += [foot_check_button()] if shown.summary.offer_foot_check else []
        body = [*not_saved(shown.problem), *summary_view(shown.summary, after, session.id)]
    else:
        p = shown.player
        words = p.warnings + (p.one_side, p.other_side) if p.preparing else (p.pressing_words,)
        layout = player_layout(*size, preparing=p.preparing, words_above=words, text_scale=theme.text_scale())
        body = [*not_saved(shown.problem), *playing_view(p, pulse, layout, size[0], lambda: show_drawing(p))]
        bar = control_bar(p.countdown.paused, act, layout.bar_height)
        # Far from Safety (at the other end of the bar), and it asks before finishing.
        finish = ft.TextButton(
            content="Finish",
            icon=ft.Icons.STOP_ROUNDED,
            height=theme.TAP,
            style=theme.button_style(theme.BAR_BUTTON),
            on_click=lambda e: ask_to_finish(),
        )
    return ft.View(
        route="/session",
        appbar=ft.AppBar(
            title=ft.Text(shown.title, size=theme.BAR_BUTTON + 2, weight=ft.FontWeight.BOLD,
                          semantics_label=shown.title_name or None),
            toolbar_height=APP_BAR,
            automatically_imply_leading=False,
            leading=finish,
            leading_width=136 if finish else None,
            actions=[safety_action(pause_to_read)],  # the red flags stay one tap away
            actions_padding=ft.Padding.only(right=8),
        ),
        bottom_appbar=bar,
        padding=0,
        scroll=ft.ScrollMode.AUTO,
        controls=[
            ft.SafeArea(
                content=ft.Column(body, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.CENTER),
                minimum_padding=ft.Padding.all(theme.PAD),
            )
        ],
    )


class _Devices:
    """Phone features used by the player, each optional: what a platform lacks is skipped quietly."""

    def __init__(self) -> None:
        self.wakelock = ft.Wakelock()
        self.haptic = ft.HapticFeedback()
        self.speech = ft.SemanticsService()

    async def keep_awake(self, on: bool) -> None:
        try:
            await (self.wakelock.enable() if on else self.wakelock.disable())
        except Exception:  # noqa: BLE001 - a platform without wakelock still plays the session
            pass

    async def cue(self, words: str) -> None:
        for call in (self.haptic.heavy_impact, lambda: self.speech.announce_message(words)):
            try:
                await call()
            except Exception:  # noqa: BLE001 - no vibration or screen reader: the visual pulse remains
                pass
