"""The session player: one point and side at a time, a big countdown, cues to move on.

While the timer runs the screen shows only what can be taken in at a glance: the
side, the point's name and drawing, and the ring.  Where to find the point is shown
during the short preparation before each point.
"""
from __future__ import annotations

import asyncio
import math
import uuid
from datetime import datetime, timezone

import flet as ft

from data.journal.sessions import save_session, slot_for
from data.models import Point, Region, SessionRecord, Side
from data.routine.catalog import point
from data.routine.pace import load_practice_settings
from data.routine.player import Cue, Phase, SessionPlayer
from data.routine.profile import load_profile
from data.routine.progression import current_routine, personal_plan
from data.routine.selection import pressing_words, unanswered_cautions
from views import theme
from views.checkin import SessionRating, after_question, before_question
from views.context import AppServices, use_services, use_ui_state
from views.my_routine import nothing_to_press
from views.notes import FELT_WRONG_ROUTE
from views.shell import go
from views.widgets import action_button, safety_action

TICK_SECONDS = 0.25
PULSE_SECONDS = 1.2

CUE_WORDS = {
    Cue.START_PRESSING: "Press now",
    Cue.SWITCH_SIDE: "Switch to the other side",
    Cue.NEXT_POINT: "Next point",
    Cue.FINISHED: "Session complete",
}


def body_part(p: Point) -> str:
    if p.region in (Region.HAND, Region.WRIST, Region.FOREARM, Region.ELBOW):
        return "hand" if p.region is Region.HAND else "arm"
    if p.region.is_foot:
        return "foot" if p.region is not Region.ANKLE else "ankle"
    if p.region.limb == "leg":
        return "leg"
    return "side of the spine"


def side_words(p: Point, side: Side) -> str:
    if side is Side.MIDDLE:
        return "Middle of the back" if p.region is not Region.NECK else "Middle of the neck"
    return f"{side.value.capitalize()} {body_part(p)}"


class _Session:
    """The player plus what is needed to save it; one per screen visit.

    The player is made only when the before question is answered or skipped, so the
    timer and the saved start time begin when pressing does.
    """

    def __init__(self, services: AppServices) -> None:
        self.services = services
        self.pace = load_practice_settings(services.store)
        self.routine = current_routine(services.store, services.now().date())
        self.profile = load_profile(services.store)
        self.player: SessionPlayer | None = None
        self.id = uuid.uuid4().hex
        self.rating = SessionRating(services.store, self.id)
        self.started_at: datetime = services.now()
        self.saved_done = False

    def start(self) -> None:
        self.player = SessionPlayer(
            self.routine,
            self.services.monotonic(),
            prepare_seconds=self.pace.prepare_seconds,
            switch_seconds=self.pace.switch_seconds,
        )
        self.started_at = self.services.now()

    def save(self) -> None:
        p = self.player
        # Nothing pressed yet: nothing to save (a record would also silence this slot's reminders).
        if self.saved_done or p is None or not any(r.pressed_seconds for r in p.results()):
            return
        record = SessionRecord(
            id=self.id,
            slot=slot_for(self.started_at, self.services.reminders.settings.day_split()),
            started_at=self.started_at,
            ended_at=self.services.now(),
            steps=p.results(),
            finished=p.went_through,
        )
        save_session(self.services.store, record)
        self.services.on_session_saved(record)
        self.saved_done = p.finished


def countdown_ring(session: _Session, pulse: bool, size: int) -> ft.Control:
    p = session.player
    secs = math.ceil(p.remaining)
    pressing = p.phase is Phase.PRESS
    if p.paused:
        label, word = f"Paused, {secs} seconds left", "Paused"
    elif pressing:
        label, word = f"{secs} seconds left", "Press"
    else:
        label, word = f"Get ready, pressing starts in {secs} seconds", "Get ready"
    return ft.Semantics(
        label=label,
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
                        value=1 - p.fraction_done,
                        width=size,
                        height=size,
                        stroke_width=size / 12,
                        color=ft.Colors.PRIMARY if pressing else ft.Colors.TERTIARY,
                        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                    ),
                    ft.Container(
                        width=size,
                        height=size,
                        alignment=ft.Alignment.CENTER,
                        content=ft.Column(
                            [
                                ft.Text(str(secs), size=theme.HUGE if size > 150 else theme.HEADLINE,
                                        weight=ft.FontWeight.BOLD),
                                ft.Text(word, size=theme.BODY if size > 150 else theme.SMALL,
                                        weight=ft.FontWeight.BOLD if p.paused else None,
                                        color=ft.Colors.ERROR if p.paused else None),
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


def playing_view(session: _Session, pulse: bool) -> list[ft.Control]:
    """What is shown above the control bar: point, side, drawing and the countdown."""
    p = session.player
    step = p.current
    pt = point(step.point_code)
    preparing = p.phase is Phase.PREPARE
    overall = (p.index + p.fraction_done * (p.phase is Phase.PRESS)) / len(p.steps)
    heading = [
        ft.ProgressBar(value=overall, height=8, border_radius=4, semantics_label="Progress through the session"),
        ft.Column(
            [
                ft.Text(f"{pt.code} {pt.pinyin}", size=theme.HEADLINE, weight=ft.FontWeight.BOLD),
                ft.Text(f"“{pt.meaning}”", size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT),
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
                side_words(pt, step.side).upper(),
                size=theme.TITLE,
                weight=ft.FontWeight.BOLD,
                color=ft.Colors.ON_TERTIARY if pulse else ft.Colors.ON_PRIMARY,
            ),
        ),
    ]
    picture = ft.Image(
        src=pt.illustration,
        height=240 if preparing else 200,
        fit=ft.BoxFit.CONTAIN,
        semantics_label=f"Drawing: where {pt.code} is on the {side_words(pt, step.side).lower()}",
    )
    if not preparing:
        return [*heading, picture, countdown_ring(session, pulse, 220),
                ft.Text(pressing_words(pt.code, session.profile), size=theme.BODY,
                        text_align=ft.TextAlign.CENTER)]
    if step.first_side:
        guide = [ft.Text(line, size=theme.BODY) for line in pt.location_steps]
    else:
        guide = [ft.Text("Same point, other side.", size=theme.BODY + 2, weight=ft.FontWeight.BOLD)]
    warnings = [*unanswered_cautions(pt.code, session.profile)]
    if session.routine.pressure_note and step.first_side:
        warnings.append(session.routine.pressure_note)
    guide += [ft.Text(w, size=theme.BODY, weight=ft.FontWeight.BOLD, color=ft.Colors.ERROR) for w in warnings]
    return [*heading, *guide,
            ft.Row([picture, countdown_ring(session, pulse, 124)], alignment=ft.MainAxisAlignment.CENTER,
                   vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=12)]


def control_bar(session: _Session, act) -> ft.BottomAppBar:
    """Back, Pause and Skip: always on screen, at thumb height."""
    paused = session.player.paused
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


def summary_view(session: _Session, refresh) -> list[ft.Control]:
    p = session.player
    results = p.results()
    done = p.completed_count
    minutes = max(1, round((session.services.now() - session.started_at).total_seconds() / 60))
    title = "Session complete" if p.went_through else "Session stopped"
    message = (
        "Well done. Your session is saved."
        if p.went_through
        else "That is fine: every bit counts. What you did is saved."
    )
    rows = []
    for r in results:
        pt = point(r.point_code)
        mark = ft.Icons.CHECK_CIRCLE if r.completed else ft.Icons.REMOVE_CIRCLE_OUTLINE
        state = "done" if r.completed else "not done"
        rows.append(
            ft.Semantics(
                label=f"{pt.code} {pt.pinyin}, {side_words(pt, r.side).lower()}: {state}",
                exclude_semantics=True,
                content=ft.Row(
                    [
                        ft.Icon(mark, size=28, color=ft.Colors.PRIMARY if r.completed else ft.Colors.OUTLINE),
                        ft.Text(f"{pt.code} {pt.pinyin}, {side_words(pt, r.side).lower()}", size=theme.BODY),
                    ]
                ),
            )
        )
    return [
        ft.Text(title, size=theme.HEADLINE, weight=ft.FontWeight.BOLD),
        ft.Text(message, size=theme.BODY),
        ft.Text(f"{done} of {len(results)} point sides pressed, about {minutes} min.", size=theme.BODY + 2,
                weight=ft.FontWeight.W_600),
        ft.Text(
            "Look at the skin you pressed: if you see a bruise or a mark, press more lightly next time.",
            size=theme.BODY,
        ),
        *after_question(session.rating, session.services.now, refresh),
        *rows,
        action_button("Something felt wrong", lambda e: go(f"{FELT_WRONG_ROUTE}/{session.id}"),
                      icon=ft.Icons.REPORT_OUTLINED, outlined=True, wide=True),
        action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, main=True, wide=True),
    ]


@ft.component
def SessionScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    session, _ = ft.use_state(lambda: _Session(services))
    _, set_tick = ft.use_state(0)
    pulse_until, set_pulse_until = ft.use_state(0.0)
    devices = ft.use_ref(None)

    def handle(cues: list[Cue]) -> None:
        if not cues:
            return
        set_pulse_until(services.monotonic() + PULSE_SECONDS)
        if any(c is not Cue.START_PRESSING for c in cues):
            session.save()  # progress is kept as it goes
        if Cue.FINISHED in cues:
            ui.data_changed()  # other screens re-read the store once, not at every side switch
        if devices.current:
            asyncio.create_task(devices.current.cue(CUE_WORDS[cues[-1]]))

    def act(what: str) -> None:
        now = services.monotonic()
        p = session.player
        if what == "pause":
            p.toggle_pause(now)
        elif what == "skip":
            handle(p.skip(now))
        elif what == "back":
            p.back(now)
        elif what == "finish":
            p.stop(now)
            handle([Cue.FINISHED])
        set_tick(lambda t: t + 1)

    async def run() -> None:
        page = ft.context.page
        devices.current = _Devices()
        await devices.current.keep_awake(True)
        while True:
            await asyncio.sleep(TICK_SECONDS)
            p = session.player
            if page.session.connection is None:
                # The tab was closed or lost its connection: Flet unmounts nothing then, so
                # stop the clock here (the session must not "finish" on its own) and keep
                # what was pressed; end the loop once the session has expired.
                if p is not None and not p.finished and not p.paused:
                    p.toggle_pause(services.monotonic())
                    session.save()
                expires = page.session.expires_at
                if expires is not None and datetime.now(timezone.utc) >= expires:
                    return
                continue
            if p is None:  # the before question is on screen
                continue
            if p.finished:
                return
            handle(p.advance(services.monotonic()))
            set_tick(lambda t: t + 1)

    async def leave() -> None:
        session.save()  # closing the screen mid-session keeps what was pressed
        ui.data_changed()
        if devices.current:
            await devices.current.keep_awake(False)

    ft.use_effect(run, [], cleanup=leave)

    def refresh() -> None:
        set_tick(lambda t: t + 1)

    def start() -> None:
        session.start()
        refresh()

    def pause_to_read() -> None:
        if session.player and not session.player.finished and not session.player.paused:
            act("pause")

    pulse = services.monotonic() < pulse_until
    p = session.player
    if not session.routine.steps:  # only reachable by a direct link: Today hides Start then
        plan = personal_plan(services.store, services.now().date())
        title, bar, actions = "Nothing to press", None, []
        body = [nothing_to_press(plan)] if plan else [
            action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, main=True, wide=True)]
    elif p is None:
        title, bar, actions = "Before you start", None, []
        body = before_question(session.rating, services.now, start, refresh)
    elif p.finished:
        title, body, bar, actions = "Summary", summary_view(session, refresh), None, []
    else:
        title = f"Point {p.current.point_number} of {p.point_count}"
        body, bar = playing_view(session, pulse), control_bar(session, act)
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
            title=ft.Text(title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD),  # room for two actions
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
