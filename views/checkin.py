"""The quick check-in, and the pieces of Today that lead to it: the check-in card and the weekly question.

Why so few taps: a record is only useful if it is kept up, so a check-in must take
seconds.  The sliders start where they were last time, "Same as last time" saves in
one tap (on Today as well as here), and the optional questions stay folded away.
"""
from __future__ import annotations

from datetime import datetime

import flet as ft

from data.journal.checkins import (
    CORE_SYMPTOMS,
    EXTRA_SYMPTOMS,
    LABELS,
    PGIC_LEVELS,
    PGIC_QUESTION,
    CheckIn,
    Context,
    PgicAnswer,
    Where,
    last_values,
    list_checkins,
    main_symptom,
    new_id,
    pgic_due,
    same_as_last,
    save_checkin,
    save_pgic,
)
from views import theme
from views.context import use_services, use_ui_state
from views.notes import FELT_WRONG_ROUTE, note_field
from views.shell import go
from views.widgets import Tone, action_button, body, card, page_view, score_slider, toggle

CHECKIN_ROUTE = "/checkin"
WHERE_WORDS = {Where.HANDS: "Hands", Where.FEET: "Feet", Where.BOTH: "Both"}


def scores_words(scores: dict[str, int | None]) -> str:
    """E.g. "numbness 4, tingling 3, pain 5": the answered core scores, for a card or a button's name."""
    return ", ".join(f"{LABELS[s].lower()} {scores[s]}" for s in CORE_SYMPTOMS if scores.get(s) is not None)


def clock(at: datetime) -> str:
    return at.strftime("%H:%M")


# --- Pieces of Today ------------------------------------------------------------------


@ft.component
def TodayTracking() -> ft.Column:
    """Today's check-in card, and once a week the overall-change question (PGIC)."""
    services = use_services()
    ui = use_ui_state()
    asked_later, set_asked_later = ft.use_state(False)
    thanks, set_thanks = ft.use_state("")
    now = services.now()
    store = services.store
    today = [c for c in list_checkins(store, since=now.date(), until=now.date(), tz=now.tzinfo)
             if c.context is Context.DAILY]
    last = last_values(store)

    def one_tap(e) -> None:
        if same_as_last(store, services.now()) is not None:
            ui.data_changed()

    if today:
        latest = today[-1]
        lines = [f"You checked in at {clock(latest.at.astimezone(now.tzinfo))}: "
                 f"{scores_words({s: latest.score(s) for s in CORE_SYMPTOMS}) or 'other questions only'}."]
        actions = [action_button("Check in again", lambda e: go(CHECKIN_ROUTE), icon=ft.Icons.EDIT_NOTE,
                                 outlined=True)]
    else:
        lines = ["Rate numbness, tingling and pain from 0 to 10. It takes a few seconds."]
        actions = [action_button("Check in", lambda e: go(CHECKIN_ROUTE), icon=ft.Icons.EDIT_NOTE, primary=True)]
        if not last.empty:
            words = scores_words(last.scores)
            actions.append(action_button(f"Same as last time ({words})" if words else "Same as last time",
                                         one_tap, icon=ft.Icons.REPLAY, name=f"Same as last time: {words}"))
    actions.append(action_button("Something felt wrong", lambda e: go(FELT_WRONG_ROUTE),
                                 icon=ft.Icons.REPORT_OUTLINED, outlined=True))
    controls = [card(lines, Tone.PLAIN, title="How are your hands and feet today?",
                     actions=[ft.Column(actions, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)])]

    def answer(level: int) -> None:
        save_pgic(store, PgicAnswer(new_id(), services.now(), level))
        set_thanks(f"Thank you. Saved: {PGIC_LEVELS[level].lower()}.")
        ui.data_changed()

    if thanks:
        controls.append(card([thanks], Tone.GOOD))
    elif not asked_later and pgic_due(store, now.date()):
        buttons = [action_button(f"{level}. {words}", lambda e, level=level: answer(level), outlined=True)
                   for level, words in PGIC_LEVELS.items()]
        buttons.append(action_button("Ask me later", lambda e: set_asked_later(True), icon=ft.Icons.SCHEDULE))
        controls.append(card(["Once a week, one question. There is no right answer.", PGIC_QUESTION], Tone.PLAIN,
                             title="How are things overall?",
                             actions=[ft.Column(buttons, spacing=8,
                                                horizontal_alignment=ft.CrossAxisAlignment.STRETCH)]))
    return ft.Column(controls, spacing=theme.PAD)


# --- The check-in screen --------------------------------------------------------------


@ft.component
def CheckInScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    last = ft.use_memo(lambda: last_values(services.store), [])
    core_start = {s: last.scores[s] if last.scores[s] is not None else 0 for s in CORE_SYMPTOMS}
    scores, set_scores = ft.use_state({**core_start, **{s: last.scores[s] for s in EXTRA_SYMPTOMS}})
    more, set_more = ft.use_state(False)
    where, set_where = ft.use_state(last.where)
    note = ft.use_ref("")
    checkin_id, _ = ft.use_state(new_id)  # one id per visit: a double tap on Save overwrites, never adds

    def set_score(symptom: str, value: int) -> None:
        set_scores(lambda old: {**old, symptom: value})

    def save(e) -> None:
        extras = {s: scores[s] for s in EXTRA_SYMPTOMS} if more else {}
        save_checkin(services.store, CheckIn(
            checkin_id, services.now(), **{s: scores[s] for s in CORE_SYMPTOMS}, **extras,
            where=where if more else last.where, note=note.current.strip() if more else "",
        ))
        ui.data_changed()
        go("/")

    def same(e) -> None:
        same_as_last(services.store, services.now())
        ui.data_changed()
        go("/")

    controls: list[ft.Control] = []
    if not last.empty:
        words = scores_words(last.scores)
        controls.append(action_button(f"Same as last time ({words})" if words else "Same as last time", same,
                                      icon=ft.Icons.REPLAY, name=f"Same as last time: {words}", wide=True))
    controls += [
        body("0 is none, 10 is the worst you can imagine. Think of the past 24 hours. Pain means nerve pain: "
             "burning, stabbing or aching. Slide, or tap − and +."),
        *[score_slider(s, scores[s], lambda v, s=s: set_score(s, v)) for s in CORE_SYMPTOMS],
        action_button("Fewer questions" if more else "More questions (optional)", lambda e: set_more(not more),
                      icon=ft.Icons.EXPAND_LESS if more else ft.Icons.EXPAND_MORE, outlined=True, wide=True),
    ]
    if more:
        controls += [
            *[score_slider(s, scores[s], lambda v, s=s: set_score(s, v)) for s in EXTRA_SYMPTOMS],
            body("Where do you feel it most?", bold=True),
            ft.Column([toggle(words, where is w, lambda w=w: set_where(None if where is w else w))
                       for w, words in WHERE_WORDS.items()],
                      spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            note_field("Note (optional)", "For example: a new medicine, a bad night",
                       lambda text: setattr(note, "current", text)),
        ]
    controls.append(action_button("Save check-in", save, icon=ft.Icons.CHECK, main=True, wide=True))
    return page_view(CHECKIN_ROUTE, "Check in", controls)


# --- The session's before and after question ------------------------------------------


class SessionRating:
    """One quick rating of the main symptom just before and just after a session, linked by its id."""

    def __init__(self, store, session_id: str) -> None:
        self.store = store
        self.session_id = session_id
        self.symptom = main_symptom(store)
        self.value: int | None = last_values(store).scores[self.symptom]  # the slider, at last time's score
        self.before: int | None = None
        self.after: int | None = None
        self.after_closed = False  # answered or skipped

    @property
    def name(self) -> str:
        return LABELS[self.symptom].lower()

    def save(self, context: Context, at: datetime) -> None:
        save_checkin(self.store, CheckIn(new_id(), at, **{self.symptom: self.value}, context=context,
                                         session_id=self.session_id))
        if context is Context.BEFORE_SESSION:
            self.before = self.value
        else:
            self.after, self.after_closed = self.value, True


def before_question(rating: SessionRating, now, start, refresh) -> list[ft.Control]:
    """Asked before the timer starts: one slider, then "Save and start" or "Skip"; both start the session."""

    def pick(value: int) -> None:
        rating.value = value
        refresh()

    def save_and_start(e) -> None:
        rating.save(Context.BEFORE_SESSION, now())
        start()

    return [
        ft.Text(f"How much {rating.name} do you feel right now?", size=theme.TITLE, weight=ft.FontWeight.BOLD),
        body("One quick rating, so you can see later whether sessions change how you feel."),
        score_slider(rating.symptom, rating.value, pick),
        action_button("Save and start", save_and_start, icon=ft.Icons.PLAY_ARROW_ROUNDED, main=True,
                      disabled=rating.value is None, wide=True),
        action_button("Skip", lambda e: start(), icon=ft.Icons.SKIP_NEXT_ROUNDED, name="Skip this question",
                      outlined=True, wide=True),
    ]


def after_question(rating: SessionRating, now, refresh) -> list[ft.Control]:
    """Asked on the summary: the same symptom again, starting where the before rating was."""
    if rating.after is not None:
        before = f"{rating.before} before, " if rating.before is not None else ""
        return [ft.Container(width=float("inf"), content=card(
            [f"Saved. {LABELS[rating.symptom]}: {before}{rating.after} just after."], Tone.GOOD))]
    if rating.after_closed:
        return []

    def pick(value: int) -> None:
        rating.value = value
        refresh()

    def save(e) -> None:
        rating.save(Context.AFTER_SESSION, now())
        refresh()

    def skip(e) -> None:
        rating.after_closed = True
        refresh()

    return [ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
        content=ft.Column([
            ft.Text(f"How much {rating.name} do you feel now?", size=theme.BODY + 4, weight=ft.FontWeight.BOLD),
            score_slider(rating.symptom, rating.value, pick),
            ft.Row([action_button("Save", save, icon=ft.Icons.CHECK, primary=True, expand=True,
                                  disabled=rating.value is None),
                    action_button("Skip", skip, name="Skip this question", outlined=True, expand=True)],
                   spacing=8),
        ], spacing=10),
    )]
