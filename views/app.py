"""The app's root component: services in context, routes to every screen."""
from __future__ import annotations

import flet as ft

from views.context import AppServices, ServicesContext, UiState, UiStateContext
from views.points import PointDetailScreen, PointsScreen
from views.safety import SafetyScreen
from views.session import SessionScreen
from views.today import TodayScreen

ROUTES = [
    ft.Route(path="points", component=PointsScreen, children=[
        ft.Route(path=":code", component=PointDetailScreen),
    ]),
    ft.Route(path="safety", component=SafetyScreen),
    # The player sits above Today so the phone's back gesture returns there.
    ft.Route(path="/", component=TodayScreen, children=[
        ft.Route(path="session", component=SessionScreen),
    ]),
]


@ft.component
def App(services: AppServices) -> list[ft.View]:
    ui, _ = ft.use_state(UiState)
    return ServicesContext(
        services,
        lambda: UiStateContext(ui, lambda: ft.Router(ROUTES, manage_views=True)),
    )
