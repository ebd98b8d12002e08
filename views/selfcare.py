"""Looking after hands and feet, and what is known about acupressure: two reading pages linked from Safety.

Why: pressing points is a small part of living with neuropathy, and people deserve
to know how much (or how little) it is known to help.  The words live in
data/health/selfcare.py, where they are tested; these screens only lay them out.
"""
from __future__ import annotations

import flet as ft

from data.health.selfcare import EVIDENCE, EVIDENCE_SUMMARY, SELF_CARE
from views import theme
from views.shell import go
from views.widgets import Tone, action_button, body, card, heading, page_view


@ft.component
def SelfCareScreen() -> ft.View:
    return page_view(
        "/selfcare",
        "Hands and feet",
        [
            body("Simple habits that protect numb hands and feet, alongside the care your doctor or nurse gives "
                 "you."),
            *(card(topic.lines, Tone.PLAIN, title=topic.title) for topic in SELF_CARE),
            action_button("Does acupressure help? What is known", lambda e: go("/evidence"),
                          icon=ft.Icons.MENU_BOOK_OUTLINED),
        ],
        modal=True,
    )


@ft.component
def EvidenceScreen() -> ft.View:
    findings: list[ft.Control] = []
    for finding in EVIDENCE:
        findings += [
            heading(finding.title, theme.BODY + 2),
            body(finding.text),
            ft.Column(
                [ft.Text("Sources:", size=theme.SMALL, weight=ft.FontWeight.BOLD),
                 *(ft.Text(f"• {s.citation}", size=theme.SMALL) for s in finding.sources)],
                spacing=4,
            ),
        ]
    return page_view(
        "/evidence",
        "What is known",
        [
            card(EVIDENCE_SUMMARY, Tone.INFO, title="In short"),
            heading("The studies"),
            *findings,
        ],
        modal=True,
    )
