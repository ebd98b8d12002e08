"""CSV export of check-ins and sessions, for a spreadsheet or to hand to a clinician.

Why CSV: it opens everywhere and the person can check every number the app
shows.  One file, one row per check-in and per session, sorted by time, so
before/after ratings sit next to the session they belong to.  Times are given
as local date and time in the chosen zone plus a full timestamp with offset.

Columns, in order (an empty cell means "does not apply" or "skipped"):

=================  =======================================================================
record             "checkin" or "session"
id                 the record's id
date, time         local date (YYYY-MM-DD) and time (HH:MM) of the check-in or session start
timestamp          the same moment as ISO 8601 with its UTC offset
context            check-ins: daily, before_session or after_session
numbness ...       check-ins: the seven scores (numbness, tingling, pain, touch_sensitivity,
                   cold_sensitivity, weakness_balance, sleep_disturbed), 0-10
where              check-ins: hands, feet or both
note               check-ins: the person's note
session_id         check-ins: the session they rate; sessions: their own id
slot               sessions: morning or evening
finished           sessions: yes when the whole routine was gone through, else no
duration_minutes   sessions: start to end, one decimal
steps_completed    sessions: point-sides whose timer ran out
steps_total        sessions: point-sides in the routine
=================  =======================================================================
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime, tzinfo

from data.journal.checkins import SYMPTOMS, CheckIn, list_checkins
from data.journal.sessions import COLLECTION as SESSIONS
from data.models import SessionRecord

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


def _session_row(s: SessionRecord, tz: tzinfo) -> dict[str, object]:
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
    }


def to_csv(checkins: Iterable[CheckIn], sessions: Iterable[SessionRecord], tz: tzinfo) -> str:
    """The CSV text: a header row, then all rows sorted by time (a session before its check-ins on a tie)."""
    rows = [(s.started_at, 0, _session_row(s, tz)) for s in sessions]
    rows += [(c.at, 1, _checkin_row(c, tz)) for c in checkins]
    rows.sort(key=lambda r: (r[0], r[1]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for _at, _order, row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def export_csv(store, tz: tzinfo) -> bytes:
    """Everything in the store as a CSV file: UTF-8 with a byte-order mark so spreadsheets read accents."""
    sessions = [SessionRecord.from_dict(d) for d in store.records(SESSIONS)]
    return to_csv(list_checkins(store), sessions, tz).encode("utf-8-sig")
