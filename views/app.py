"""The app's root component: services in context, routes to every screen."""
from __future__ import annotations

import flet as ft

from views.checkin import CheckInScreen
from views.context import AppServices, ServicesContext, UiState, UiStateContext
from views.export import ShareScreen
from views.footcheck import FootCheckScreen
from views.history import HistoryScreen
from views.my_routine import MyRoutineScreen
from views.notes import FeltWrongScreen, NoteScreen
from views.points import PointDetailScreen, PointsScreen
from views.progress import ProgressScreen
from views.questionnaire import QuestionnaireScreen
from views.reminders import use_reminder_prompt
from views.safety import SafetyScreen, SafetySheet
from views.selfcare import EvidenceScreen, SelfCareScreen
from views.session import SessionScreen
from views.settings import SettingsScreen
from views.setup import SetupScreen
from views.spots import SpotsScreen
from views.text_size import use_text_size
from views.today import TodayScreen

ROUTES = [
    ft.Route(path="points", component=PointsScreen, children=[
        ft.Route(path=":code", component=PointDetailScreen),
    ]),
    ft.Route(path="progress", component=ProgressScreen),
    ft.Route(path="safety", component=SafetyScreen),
    ft.Route(path="settings", component=SettingsScreen),
    # Reading pages and the red flags slide over the current screen; closing them returns there.
    ft.Route(path="selfcare", component=SelfCareScreen, modal=True),
    ft.Route(path="evidence", component=EvidenceScreen, modal=True),
    ft.Route(path="safety-sheet", component=SafetySheet, modal=True),
    ft.Route(path="footcheck", component=FootCheckScreen, modal=True),  # from Today or the evening summary
    # Tracking forms open over Today, Progress or the session summary and return there.
    ft.Route(path="felt-wrong/:session?", component=FeltWrongScreen, modal=True),
    ft.Route(path="note", component=NoteScreen, modal=True),
    ft.Route(path="questionnaire", component=QuestionnaireScreen, modal=True),
    ft.Route(path="share", component=ShareScreen, modal=True),
    ft.Route(path="history", component=HistoryScreen, modal=True),
    ft.Route(path="spots", component=SpotsScreen, modal=True),  # from My routine, Points or setup
    # The player sits above Today so the phone's back gesture returns there.
    ft.Route(path="/", component=TodayScreen, children=[
        ft.Route(path="session", component=SessionScreen),
        ft.Route(path="checkin", component=CheckInScreen),
        ft.Route(path="setup", component=SetupScreen),
        ft.Route(path="routine", component=MyRoutineScreen),
    ]),
]


@ft.component
def App(services: AppServices) -> list[ft.View]:
    ui, _ = ft.use_state(UiState)
    use_reminder_prompt(services, ui)  # this session's reminder prompt, over every screen
    use_text_size(services.store)  # the person's text size, from the first screen on
    return ServicesContext(
        services,
        lambda: UiStateContext(ui, lambda: ft.Router(ROUTES, manage_views=True)),
    )
