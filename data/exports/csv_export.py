"""CSV export of check-ins and sessions, for a spreadsheet or to hand to a clinician.

Why CSV: it opens everywhere and the person can check every number the app
shows.  One file, one row per check-in and per session, sorted by time, so
before/after ratings sit next to the session they belong to.  Times are given
as local date and time in the chosen zone plus a full timestamp with offset.

Columns, in order (an empty cell means "does not apply" or "skipped"):

=================  =======================================================================
record             "checkin", "session", "note" or "side_effect"
id                 the record's id
date, time         local date (YYYY-MM-DD) and time (HH:MM) of the check-in or session start
timestamp          the same moment as ISO 8601 with its UTC offset
context            check-ins: daily, before_session or after_session
numbness ...       check-ins: the seven scores (numbness, tingling, pain, touch_sensitivity,
                   cold_sensitivity, weakness_balance, sleep_disturbed), 0-10
where              check-ins: hands, feet or both
note               check-ins and side effects: the person's note; notes: the note's text
session_id         check-ins: the session they rate; sessions: their own id
slot               sessions: morning or evening
finished           sessions: yes when the whole routine was gone through, else no
duration_minutes   sessions: start to end, one decimal
steps_completed    sessions: point-sides whose timer ran out
steps_total        sessions: point-sides in the routine
points_pressed     sessions: the points pressed, e.g. "LI4 Hegu; Sore spot (left forearm)" (a tender
                   spot by its name; "a tender spot" once deleted), "; " between them
side_effect        side effects: what was felt, e.g. "Bruising"
=================  =======================================================================
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from data.journal.checkins import SYMPTOMS, CheckIn, DayNote, SideEffect, list_checkins, list_notes, list_side_effects
from data.journal.footchecks import FootCheck, list_foot_checks
from data.journal.sessions import read_sessions
from data.models import SessionRecord
from data.routine.spot_sessions import step_title
from data.routine.spots import TenderSpot, load_spots

COLUMNS: tuple[str, ...] = (
    "record",
    "id",
    "date",
    "time",
    "timestamp",
    "context",
    *SYMPTOMS,
    "where",
    "note",
    "session_id",
    "slot",
    "finished",
    "duration_minutes",
    "steps_completed",
    "steps_total",
    "points_pressed",
    "side_effect",
    "foot_check",
)
#: A cell starting with one of these runs as a formula in spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(text: str) -> str:
    """Keep a note from being run as a spreadsheet formula (OWASP CSV injection advice)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _when(at: datetime, tz: tzinfo) -> dict[str, str]:
    local = at.astimezone(tz)
    return {"date": local.date().isoformat(), "time": local.strftime("%H:%M"), "timestamp": local.isoformat()}


def _checkin_row(c: CheckIn, tz: tzinfo) -> dict[str, object]:
    return {
        "record": "checkin",
        "id": c.id,
        **_when(c.at, tz),
        "context": c.context.value,
        **{name: c.score(name) for name in SYMPTOMS},
        "where": c.where.value if c.where is not None else None,
        "note": _safe_text(c.note),
        "session_id": c.session_id,
    }


def _session_row(s: SessionRecord, tz: tzinfo, spots: Sequence[TenderSpot]) -> dict[str, object]:
    pressed = dict.fromkeys(step_title(step.point_code, spots) for step in s.steps if step.pressed_seconds > 0)
    return {
        "record": "session",
        "id": s.id,
        **_when(s.started_at, tz),
        "session_id": s.id,
        "slot": s.slot.value,
        "finished": "yes" if s.finished else "no",
        "duration_minutes": f"{(s.ended_at - s.started_at).total_seconds() / 60:.1f}",
        "steps_completed": s.completed_steps,
        "steps_total": len(s.steps),
        "points_pressed": _safe_text("; ".join(pressed)),  # a spot's name is the person's own text
    }


def _note_row(n: DayNote, tz: tzinfo) -> dict[str, object]:
    return {"record": "note", "id": n.id, **_when(n.at, tz), "note": _safe_text(n.text)}


def _side_effect_row(e: SideEffect, tz: tzinfo) -> dict[str, object]:
    return {"record": "side_effect", "id": e.id, **_when(e.at, tz), "note": _safe_text(e.note),
            "session_id": e.session_id, "side_effect": e.label}


def _foot_check_row(f: FootCheck, tz: tzinfo) -> dict[str, object]:
    return {"record": "foot_check", "id": f.id, **_when(f.at, tz), "note": _safe_text(f.note), "foot_check": f.words}


def to_csv(checkins: Iterable[CheckIn], sessions: Iterable[SessionRecord], tz: tzinfo,
           notes: Iterable[DayNote] = (), side_effects: Iterable[SideEffect] = (),
           foot_checks: Iterable[FootCheck] = (), spots: Sequence[TenderSpot] = ()) -> str:
    """The CSV text: a header row, then all rows sorted by time (a session before its check-ins on a tie).

    ``spots``: the person's tender spots, to name the steps pressed on them.
    """
    rows = [(s.started_at, 0, _session_row(s, tz, spots)) for s in sessions]
    rows += [(c.at, 1, _checkin_row(c, tz)) for c in checkins]
    rows += [(n.at, 2, _note_row(n, tz)) for n in notes]
    rows += [(e.at, 2, _side_effect_row(e, tz)) for e in side_effects]
    rows += [(f.at, 2, _foot_check_row(f, tz)) for f in foot_checks]
    rows.sort(key=lambda r: (r[0], r[1]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for _at, _order, row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def export_csv(store, tz: tzinfo) -> bytes:
    """Everything in the store as a CSV file: UTF-8 with a byte-order mark so spreadsheets read accents."""
    sessions = read_sessions(store)
    return to_csv(list_checkins(store), sessions, tz, list_notes(store), list_side_effects(store),
                  list_foot_checks(store), load_spots(store)).encode("utf-8-sig")
