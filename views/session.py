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

from data.routine.player import Cue
from data.screens.session import Countdown, PlayerView, PracticeSession, Stage, SummaryView, cue_words
from views import theme
from views.audio import CueSound
from views.checkin import after_question, before_question
from views.context import use_services, use_ui_state
from views.my_routine import nothing_to_press
from views.notes import FELT_WRONG_ROUTE
from views.shell import go
from views.widgets import action_button, safety_action

TICK_SECONDS = 0.25
PULSE_SECONDS = 1.2


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
                                        weight=ft.FontWeight.BOLD),
                                ft.Text(ring.word, size=theme.BODY if size > 150 else theme.SMALL,
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


def control_button(label: str, icon: ft.IconData, on_click, primary: bool = False) -> ft.Control:
    style = theme.button_style()
    return ft.Container(
        expand=True,
        content=ft.Button(
            content=ft.Column(
                [ft.Icon(icon, size=32), ft.Text(label, size=theme.BODY, weight=ft.FontWeight.W_600)],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                alignment=ft.MainAxisAlignment.CENTER,
                spacing=2,
                tight=True,
            ),
            height=theme.MAIN_TAP + 8,
            style=style,
            bgcolor=ft.Colors.PRIMARY if primary else ft.Colors.SECONDARY_CONTAINER,
            color=ft.Colors.ON_PRIMARY if primary else ft.Colors.ON_SECONDARY_CONTAINER,
            on_click=on_click,
        ),
    )


def playing_view(shown: PlayerView, pulse: bool) -> list[ft.Control]:
    """What is shown above the control bar: point, side, drawing and the countdown."""
    heading = [
        ft.ProgressBar(value=shown.progress, height=8, border_radius=4,
                       semantics_label="Progress through the session"),
        ft.Column(
            [
                ft.Text(shown.point_name, size=theme.HEADLINE, weight=ft.FontWeight.BOLD),
                ft.Text(shown.meaning, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT),
            ],
            spacing=0,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        ft.Container(
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
        ),
    ]
    picture = ft.Image(
        src=shown.illustration,
        height=240 if shown.preparing else 200,
        fit=ft.BoxFit.CONTAIN,
        semantics_label=shown.drawing_label,
    )
    if not shown.preparing:
        return [*heading, picture, countdown_ring(shown.countdown, pulse, 220),
                ft.Text(shown.pressing_words, size=theme.BODY, text_align=ft.TextAlign.CENTER)]
    guide = [ft.Text(line, size=theme.BODY) for line in shown.location_lines]
    if shown.other_side:
        guide.append(ft.Text(shown.other_side, size=theme.BODY + 2, weight=ft.FontWeight.BOLD))
    guide += [ft.Text(w, size=theme.BODY, weight=ft.FontWeight.BOLD, color=ft.Colors.ERROR) for w in shown.warnings]
    return [*heading, *guide,
            ft.Row([picture, countdown_ring(shown.countdown, pulse, 124)], alignment=ft.MainAxisAlignment.CENTER,
                   vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=12)]


def control_bar(paused: bool, act) -> ft.BottomAppBar:
    """Back, Pause and Skip: always on screen, at thumb height."""
    return ft.BottomAppBar(
        height=112,
        padding=ft.Padding.symmetric(horizontal=12, vertical=10),
        content=ft.Row(
            [
                control_button("Back", ft.Icons.SKIP_PREVIOUS_ROUNDED, lambda e: act("back")),
                control_button(
                    "Resume" if paused else "Pause",
                    ft.Icons.PLAY_ARROW_ROUNDED if paused else ft.Icons.PAUSE_ROUNDED,
                    lambda e: act("pause"),
                    primary=True,
                ),
                control_button("Skip", ft.Icons.SKIP_NEXT_ROUNDED, lambda e: act("skip")),
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
        services.on_session_saved))
    _, set_tick = ft.use_state(0)
    pulse_until, set_pulse_until = ft.use_state(0.0)
    devices = ft.use_ref(None)
    sound = ft.use_ref(None)

    def refresh() -> None:
        set_tick(lambda t: t + 1)

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

    async def run() -> None:
        page = ft.context.page
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
    bar, actions = None, []
    if shown.stage is Stage.NOTHING_TO_PRESS:  # only reachable by a direct link: Today hides Start then
        body = [nothing_to_press(shown.plan)] if shown.plan else [
            action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, main=True, wide=True)]
    elif shown.stage is Stage.BEFORE:
        body = before_question(shown.rating, tapped(session.rating.pick), starting(session.rate_and_start),
                               starting(session.start))
    elif shown.stage is Stage.SUMMARY:
        after = after_question(shown.rating, tapped(session.rating.pick),
                               tapped(session.rating.save_after), tapped(session.rating.skip_after))
        body = summary_view(shown.summary, after, session.id)
    else:
        body, bar = playing_view(shown.player, pulse), control_bar(shown.player.countdown.paused, act)
        actions = [
            ft.TextButton(
                content="Finish",
                icon=ft.Icons.STOP_ROUNDED,
                height=theme.TAP,
                style=theme.button_style(),
                on_click=lambda e: act("finish"),
            )
        ]
    return ft.View(
        route="/session",
        appbar=ft.AppBar(
            title=ft.Text(shown.title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),  # room for two actions
            toolbar_height=64,
            automatically_imply_leading=False,
            actions=[safety_action(pause_to_read), *actions],  # the red flags stay one tap away
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
