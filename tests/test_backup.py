"""Backup and restore: a full round trip, and damaged files refused with a clear message and no change."""
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.exports import backup as backup_module
from data.exports.backup import (
    FORMAT,
    FORMAT_VERSION,
    MAX_BACKUP_BYTES,
    NO_OTHER_DOCS,
    BackupError,
    read_backup_file,
)
from data.journal.checkins import (
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    SideEffectKind,
    Where,
    new_id,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
)
from data.journal.footchecks import FootCheck, save_foot_check, save_setting as save_foot_check_setting
from data.journal.questionnaires import MnsiAnswers, save_mnsi
from data.journal.sessions import save_session
from data.models import Region, Routine, RoutineStep, SessionRecord, Side, Slot, StepResult
from data.routine.catalog import CORE_CODES, point
from data.routine.pace import PracticeSettings, save_practice_settings
from data.routine.profile import Profile, Zone, put_off_setup, save_profile
from data.routine.progression import PlanState, save_plan
from data.routine.saved import save_routine
from data.routine.selection import RoutineEdits, save_edits
from data.routine.spots import add_spot
from data.storage import store as store_module
from data.storage.store import PARTITION_KEY, open_store
from scheduler.settings import ReminderSettings
from scheduler.store_docs import OS_DOC, REMINDER_DOCS, RUNNER_DOC, SETTINGS_DOC

# A routine saved before any answers, as an old backup brings one.
OLD_ROUTINE = Routine(
    tuple(RoutineStep(c, 60, point(c).sides, "One of the five core points of the starting routine.") for c in CORE_CODES)
)
BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 3, 30, 8, 0, tzinfo=BERLIN)


def make_backup(store, now=None):
    """A backup as the app makes it: with the reminder settings the scheduler hands in."""
    return backup_module.make_backup(store, now, REMINDER_DOCS)


def restore_backup(store, raw):
    return backup_module.restore_backup(store, raw, REMINDER_DOCS)


EMPTY = {"schema_version": store_module.SCHEMA_VERSION, "docs": {}, "collections": {}}


def fill(store) -> None:
    """One of everything the app saves, across a month boundary."""
    for day in range(4):
        start = T0 + timedelta(days=day)
        sid = f"s{day}"
        steps = (StepResult("LI4", Side.LEFT, 60, 60, True), StepResult("LI4", Side.RIGHT, 60, 12, False))
        save_session(store, SessionRecord(sid, Slot.MORNING, start, start + timedelta(minutes=5), steps, day % 2 == 0))
        save_checkin(store, CheckIn(f"b{day}", start - timedelta(minutes=1), numbness=5, pain=day,
                                    context=Context.BEFORE_SESSION, session_id=sid))
        save_checkin(store, CheckIn(f"a{day}", start + timedelta(minutes=6), numbness=4, where=Where.BOTH,
                                    context=Context.AFTER_SESSION, session_id=sid))
    save_checkin(store, CheckIn("d1", T0 + timedelta(hours=12), tingling=3, note="Füße kalt – 🙂"))
    save_note(store, DayNote("n1", T0, "New tablets from today"))
    save_side_effect(store, SideEffect(new_id(), T0 + timedelta(days=1, hours=1), SideEffectKind.BRUISING, "left hand"))
    save_pgic(store, PgicAnswer("p1", T0 + timedelta(days=2), 3))
    save_mnsi(store, MnsiAnswers("m1", T0 + timedelta(days=3), {n: n == 1 for n in range(1, 16)}))
    save_foot_check(store, FootCheck("f1", T0 + timedelta(days=4), False, ("blister",), "left heel"))
    save_foot_check_setting(store, True, T0.date())
    save_routine(store, OLD_ROUTINE)
    save_practice_settings(store, PracticeSettings(6.0, 3.5))
    save_profile(store, Profile(zones=frozenset({Zone.FINGERS}), bleeding_risk=True))
    add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, Profile(zones=frozenset({Zone.FINGERS})), T0.date())
    put_off_setup(store)
    save_plan(store, PlanState(T0.date(), 2, T0.date() + timedelta(days=7)))
    save_edits(store, RoutineEdits().with_added("ST36").with_seconds("ST36", 45))
    store.put_doc(SETTINGS_DOC, ReminderSettings(follow_up_minutes=45).to_dict())


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    fill(s)
    return s


def edited(raw: bytes, change) -> bytes:
    envelope = json.loads(raw)
    change(envelope)
    return json.dumps(envelope).encode()


def record(envelope: dict, collection: str, record_id: str) -> dict:
    return next(r for r in envelope["data"]["collections"][collection] if r["id"] == record_id)


# -- round trip -----------------------------------------------------------------------------------


def test_backup_round_trip_restores_an_identical_store(store):
    before = store.export_all()
    assert set(before["collections"]) == {"sessions", "checkins", "notes", "side_effects", "pgic", "mnsi",
                                            "foot_checks"}
    assert set(before["docs"]) == {"routine", "practice", "profile", "setup", "plan", "routine_edits", "reminders",
                                   "foot_check", "tender_spots"}
    raw = make_backup(store, now=datetime(2026, 4, 5, 12, tzinfo=BERLIN))
    store.replace_all(EMPTY)
    assert store.export_all() == EMPTY
    counts = restore_backup(store, raw)
    assert store.export_all() == before
    assert counts == {"checkins": 9, "notes": 1, "pgic": 1, "sessions": 4, "side_effects": 1, "mnsi": 1,
                      "foot_checks": 1}


def test_backup_says_what_made_it(store):
    envelope = json.loads(make_backup(store, now=datetime(2026, 4, 5, 12, tzinfo=BERLIN)))
    assert (envelope["format"], envelope["format_version"], envelope["app"]) == (FORMAT, FORMAT_VERSION, "PressPoint")
    assert isinstance(envelope["app_version"], str) and envelope["created_at"] == "2026-04-05T12:00:00+02:00"
    assert envelope["data"] == store.export_all()


def test_empty_store_round_trips(tmp_path):
    s = open_store(tmp_path / "empty")
    raw = make_backup(s)
    assert restore_backup(s, raw) == {}
    assert s.export_all() == EMPTY


# -- damaged backups ------------------------------------------------------------------------------


def _set(path: list, value):
    def change(envelope):
        target = envelope
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _set_record(collection: str, record_id: str, field: str, value):
    def change(envelope):
        record(envelope, collection, record_id)[field] = value
    return change


def _index(envelope: dict, collection: str, record_id: str) -> int:
    return [r["id"] for r in envelope["data"]["collections"][collection]].index(record_id) + 1


DAMAGE = [
    ("numbness 14", _set_record("checkins", "b2", "numbness", 14),
     "checkins record {n}: numbness must be a whole number from 0 to 10, found 14", ("checkins", "b2")),
    ("numbness as text", _set_record("checkins", "b2", "numbness", "4"),
     "checkins record {n}: numbness must be a whole number from 0 to 10, found '4'", ("checkins", "b2")),
    ("pain negative", _set_record("checkins", "b1", "pain", -3),
     "checkins record {n}: pain must be a whole number from 0 to 10, found -3", ("checkins", "b1")),
    ("naive time", _set_record("notes", "n1", "at", "2026-03-30T08:00:00"),
     "notes record 1: at has no time zone", None),
    ("pgic level 9", _set_record("pgic", "p1", "level", 9),
     "pgic record 1: level must be a whole number from 1 to 7", None),
    ("mnsi answer", lambda e: e["data"]["collections"]["mnsi"][0]["answers"].update({"7": "no"}),
     "mnsi record 1: question 7: the answer must be yes or no", None),
    ("side effect kind", lambda e: e["data"]["collections"]["side_effects"][0].update(kind="itch"),
     "side_effects record 1: kind must be one of", None),
    ("finished as text", _set_record("sessions", "s1", "finished", "no"),
     "sessions record {n}: finished must be true or false, found 'no'", ("sessions", "s1")),
    ("session step", lambda e: record(e, "sessions", "s0")["steps"][1].update(pressed_seconds=-5),
     "sessions record {n}: step 2: pressed_seconds must be a whole number of seconds, found -5", ("sessions", "s0")),
    ("unknown field", _set_record("checkins", "d1", "mood", 3), "checkins record {n}: unknown field 'mood'",
     ("checkins", "d1")),
    ("record not a dict", lambda e: e["data"]["collections"]["notes"].append(["x"]),
     "notes record 2: must be a set of named fields, found list", None),
    ("records not a list", _set(["data", "collections", "notes"], {"n1": {}}),
     "notes: must be a list of records", None),
    ("wrong month", _set_record("pgic", "p1", PARTITION_KEY, "2026-03"),
     "pgic record 1: _month must be '2026-04' for a record of 2026-04-01, found '2026-03'", None),
    ("unknown collection", _set(["data", "collections", "moods"], []), "unknown collection 'moods'", None),
    ("unknown document", _set(["data", "docs", "theme"], {"dark": True}), "unknown document 'theme'", None),
    ("routine point", lambda e: e["data"]["docs"]["routine"]["steps"][0].update(point_code="XX99"),
     "document 'routine': step 1: unknown point 'XX99'", None),
    ("routine seconds", lambda e: e["data"]["docs"]["routine"]["steps"][2].update(seconds_per_side="60"),
     "document 'routine': step 3: seconds_per_side must be a whole number, found '60'", None),
    ("routine hold too long", lambda e: e["data"]["docs"]["routine"]["steps"][1].update(seconds_per_side=3600),
     "document 'routine': step 2: hold for 1 to 120 seconds a side, found 3600", None),
    ("routine sides", lambda e: e["data"]["docs"]["routine"]["steps"][0].update(sides=["middle", "left", "left"]),
     "document 'routine': step 1: LI4 is pressed on left and right, each side once", None),
    ("edits unknown point", _set(["data", "docs", "routine_edits", "added"], ["LI4X"]),
     "document 'routine_edits': unknown point 'LI4X'", None),
    ("routine twice", lambda e: e["data"]["docs"]["routine"]["steps"][1].update(point_code="LI4"),
     "document 'routine': step 2: LI4 is already in the routine", None),
    ("practice range", _set(["data", "docs", "practice", "switch_seconds"], 500),
     "document 'practice': preparation times must be between 0 and 120 seconds", None),
    ("practice type", _set(["data", "docs", "practice", "switch_seconds"], None),
     "document 'practice': switch_seconds must be a number, found None", None),
    ("profile answer", _set(["data", "docs", "profile", "zones"], ["elbows"]),
     "document 'profile': unknown Zone 'elbows'", None),
    ("plan level", _set(["data", "docs", "plan", "level"], 99), "document 'plan': unreadable plan", None),
    ("edits", _set(["data", "docs", "routine_edits", "added"], "LI4"), "document 'routine_edits': unreadable", None),
    ("setup", _set(["data", "docs", "setup", "put_off"], "yes"),
     "document 'setup': put_off must be true or false, found 'yes'", None),
    ("spot name", lambda e: e["data"]["docs"]["tender_spots"]["spots"][0].update(name="\u202egninrub"),
     "document 'tender_spots': The name can hold letters, numbers and punctuation only.", None),
    ("spot side", lambda e: e["data"]["docs"]["tender_spots"]["spots"][0].update(side="middle"),
     "document 'tender_spots': a spot on an arm or a leg is on the left or the right", None),
    ("spot id reused", _set(["data", "docs", "tender_spots", "next_id"], 1),
     "document 'tender_spots': next_id must come after every spot's id, got 1", None),
    ("spots not a list", _set(["data", "docs", "tender_spots", "spots"], {"1": "Sore spot"}),
     "document 'tender_spots': unreadable spots document", None),
    ("newer format", _set(["format_version"], FORMAT_VERSION + 1),
     "made by a newer version of the app (backup format 2)", None),
    ("format version text", _set(["format_version"], "1"), "no valid format version", None),
    ("older format", _set(["format_version"], 0), "This backup has an unknown format (0); this version reads format 1.",
     None),
    ("app not text", _set(["app"], 5), "backup: app must be text, found 5", None),
    ("other file", _set(["format"], "something-else"), "This is not a PressPoint backup file.", None),
    ("newer data", _set(["data", "schema_version"], store_module.SCHEMA_VERSION + 1),
     "made by a newer version of the app (data version 2", None),
    ("missing data", lambda e: e.pop("data"), "backup: data is missing", None),
    ("extra envelope field", _set(["comment"], "hi"), "backup: unknown field 'comment'", None),
    ("bad created_at", _set(["created_at"], "soon"), "backup: created_at is not a valid date and time", None),
    ("collections not a dict", _set(["data", "collections"], []), "collections must be a set of named lists", None),
]


@pytest.mark.parametrize("name, change, message, where", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_damaged_backup_is_refused_and_nothing_changes(store, name, change, message, where):
    raw = make_backup(store)
    envelope = json.loads(raw)
    if where is not None:
        message = message.format(n=_index(envelope, *where))
    bad = edited(raw, change)
    store.replace_all(EMPTY)  # the phone now holds other data, which must survive the failed restore
    save_note(store, DayNote("keep", T0, "still here"))
    current = store.export_all()
    with pytest.raises(BackupError) as err:
        restore_backup(store, bad)
    assert message in str(err.value)
    assert store.export_all() == current


def test_duplicate_ids_are_refused(store):
    raw = make_backup(store)

    def duplicate(envelope):
        rows = envelope["data"]["collections"]["checkins"]
        rows.append({**rows[0], "numbness": 9})
    current = store.export_all()
    with pytest.raises(BackupError) as err:
        restore_backup(store, edited(raw, duplicate))
    assert str(err.value) == "checkins record 10: id 'b0' is used twice (also by record 1)"
    assert store.export_all() == current


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "The backup file is empty."),
        (b"\xff\xfe{\x00", "it is not text"),
        (b"[1, 2]", "This is not a PressPoint backup file."),
        (b'{"format": "presspoint-backup", "format": "x"}', "the field 'format' appears twice"),
        (b'{"format": "presspoint-backup", "format_version": NaN}', "NaN is not a number"),
        (b'{"format": "presspoint-backup"} trailing', "The backup file is damaged: Extra data (line 1, column 33)"),
        (b"[" * 100_000, "The backup file is"),
    ],
)
def test_unreadable_files_are_refused(store, raw, message):
    current = store.export_all()
    with pytest.raises(BackupError) as err:
        restore_backup(store, raw)
    assert message in str(err.value)
    assert store.export_all() == current


@pytest.mark.parametrize("cut", [1, 2, 10, 200, 1000, 0.5, 0.1])
def test_truncated_backup_is_refused(store, cut):
    raw = make_backup(store)
    short = raw[: int(len(raw) * cut)] if isinstance(cut, float) else raw[:-cut]
    current = store.export_all()
    with pytest.raises(BackupError, match="The backup file is incomplete: it stops too early"):
        restore_backup(store, short)
    assert store.export_all() == current


def test_huge_file_is_refused_before_parsing(store, monkeypatch, tmp_path):
    def no_parse(*args, **kwargs):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(backup_module, "_parse", no_parse)
    current = store.export_all()
    huge = b" " * (MAX_BACKUP_BYTES + 1)
    with pytest.raises(BackupError, match=r"too large to be a backup \(96.0 MB; the limit is 96 MB\)"):
        restore_backup(store, huge)
    path = tmp_path / "huge.json"
    path.write_bytes(huge)
    with pytest.raises(BackupError, match="too large"):
        read_backup_file(path)
    assert store.export_all() == current


def test_read_backup_file_reads_a_normal_file(store, tmp_path):
    path = tmp_path / "backup.json"
    path.write_bytes(make_backup(store))
    assert read_backup_file(path) == path.read_bytes()


def test_older_data_is_upgraded_with_the_stores_migrations(store, monkeypatch):
    raw = make_backup(store)
    expected = store.export_all()

    def rename_tingling(data: dict) -> dict:  # pretend schema 0 called it "pins"
        for row in data["collections"]["checkins"]:
            row["tingling"] = row.pop("pins")
        return data

    def to_schema_0(envelope):
        envelope["data"]["schema_version"] = 0
        for row in envelope["data"]["collections"]["checkins"]:
            row["pins"] = row.pop("tingling")
    old = edited(raw, to_schema_0)
    with pytest.raises(BackupError, match="data version 0 is too old"):
        restore_backup(store, old)
    monkeypatch.setitem(store_module.MIGRATIONS, 0, rename_tingling)
    store.replace_all(EMPTY)
    restore_backup(store, old)
    assert store.export_all() == expected


def test_every_cut_of_a_small_backup_is_called_incomplete(tmp_path):
    small = open_store(tmp_path / "small")
    save_checkin(small, CheckIn("c1", T0, numbness=3, pain=None, note='say "hi" {not a bracket}', where=Where.FEET))
    save_practice_settings(small, PracticeSettings(6.5, 3))
    raw = make_backup(small)
    current = small.export_all()
    for end in range(len(raw)):
        with pytest.raises(BackupError) as err:
            restore_backup(small, raw[:end])
        assert str(err.value) in (
            "The backup file is empty.",
            "The backup file is incomplete: it stops too early, perhaps cut off while it was copied.",
        )
    assert small.export_all() == current


def test_a_routine_with_every_point_removed_restores(store):
    raw = edited(make_backup(store), _set(["data", "docs", "routine", "steps"], []))
    restore_backup(store, raw)
    assert store.get_doc("routine") == {"steps": [], "pressure_note": ""}


def test_device_reminder_memory_is_not_backed_up_and_survives_a_restore(store, tmp_path):
    store.put_doc(RUNNER_DOC, {"delivered": ["2026-03-30/morning/main"]})
    store.put_doc(OS_DOC, {"armed": [1, 2]})
    raw = make_backup(store)
    assert RUNNER_DOC not in json.loads(raw)["data"]["docs"]
    other = open_store(tmp_path / "other-phone")
    other.put_doc(OS_DOC, {"armed": [7]})
    restore_backup(other, raw)
    assert other.get_doc(OS_DOC) == {"armed": [7]}  # this phone's own notifications stay known
    assert other.get_doc(RUNNER_DOC) is None
    assert ReminderSettings.from_dict(other.get_doc(SETTINGS_DOC)).follow_up_minutes == 45


def test_bad_reminder_settings_are_refused(store):
    raw = edited(make_backup(store), lambda e: e["data"]["docs"][SETTINGS_DOC].update(follow_up_minutes=-5))
    before = store.export_all()
    with pytest.raises(BackupError, match="reminders"):
        restore_backup(store, raw)
    assert store.export_all() == before


def test_the_core_alone_knows_no_reminder_documents(tmp_path):
    """data/ never imports the scheduler: without its documents handed in, they are refused or left out."""
    store = open_store(tmp_path / "a")
    store.put_doc(SETTINGS_DOC, ReminderSettings(follow_up_minutes=45).to_dict())
    store.put_doc(RUNNER_DOC, {"delivered": []})
    raw = backup_module.make_backup(store, None, NO_OTHER_DOCS)
    assert RUNNER_DOC in json.loads(raw)["data"]["docs"]  # nothing is device-only without the scheduler
    with pytest.raises(BackupError, match="unknown document 'reminder"):
        backup_module.restore_backup(open_store(tmp_path / "b"), raw, NO_OTHER_DOCS)


def test_sound_settings_travel_with_a_backup_and_are_checked(store):
    from data.routine.sound_settings import DOC as SOUND_DOC, SoundSettings, save_sound_settings

    save_sound_settings(store, SoundSettings(tones=True, voice=False, volume_percent=30))
    raw = make_backup(store)
    before = store.export_all()
    store.replace_all(EMPTY)
    restore_backup(store, raw)
    assert store.export_all() == before
    bad = edited(raw, lambda e: e["data"]["docs"][SOUND_DOC].update(volume_percent=1000))
    with pytest.raises(BackupError, match="document 'sound': volume_percent must be a whole number"):
        restore_backup(store, bad)
    assert store.export_all() == before


def test_a_record_the_app_cannot_restore_is_set_aside_not_backed_up(tmp_path):
    """One damaged row nobody has read yet must not make the whole backup unrestorable."""
    store = open_store(tmp_path / "a")
    save_session(store, SessionRecord("good", Slot.MORNING, T0, T0 + timedelta(minutes=5),
                                      (StepResult("LI4", Side.LEFT, 60, 60, True),), True))
    bad = {"id": "bad", "slot": 7, "started_at": T0.isoformat(), "ended_at": T0.isoformat(),
           "steps": [], "finished": "no"}
    store.append("sessions", bad, T0)
    raw = make_backup(store, now=T0 + timedelta(days=1))
    other = open_store(tmp_path / "b")
    assert restore_backup(other, raw) == {"sessions": 1}
    assert [d["id"] for d in other.records("sessions")] == ["good"]
    kept = store.quarantined()
    assert [(k.name, k.month) for k in kept] == [("sessions", T0.strftime("%Y-%m"))]


# -- a backup made by the app always restores (issue 10) ---------------------------------------------


@pytest.mark.parametrize("when", [datetime(2099, 1, 1, 9, tzinfo=BERLIN), datetime(1990, 6, 1, 9, tzinfo=BERLIN)],
                         ids=["clock in 2099", "clock in 1990"])
def test_rows_dated_by_a_wrong_clock_are_left_out_counted_and_said_and_the_backup_restores(store, tmp_path, when):
    save_checkin(store, CheckIn("wrong-clock", when, numbness=2))
    save_note(store, DayNote("wrong-note", when + timedelta(hours=1), "written on a wrong clock"))
    made_at = datetime(2026, 4, 5, 12, tzinfo=BERLIN)
    made = backup_module.backup_file(store, made_at, REMINDER_DOCS)
    assert made.left_out == 2
    assert made.words.startswith("2 entries were left out of this backup: their dates are before 2000 or in the "
                                 "future, perhaps because the phone's clock was wrong. They stay in the app")
    assert backup_module.make_backup(store, made_at, REMINDER_DOCS) == made.data  # the one check, both ways
    elsewhere = open_store(tmp_path / "elsewhere")
    counts = backup_module.restore_backup(elsewhere, made.data, REMINDER_DOCS, now=made_at)
    assert counts["checkins"] == 9 and counts["notes"] == 1  # everything else came across
    ids = {c["id"] for c in store.records("checkins")}
    assert "wrong-clock" in ids and store.quarantined() == []  # a wrong clock takes nothing out of use


def test_a_plan_dated_by_a_wrong_clock_is_left_out_of_the_backup_not_the_app(store, tmp_path):
    save_plan(store, PlanState(datetime(2026, 9, 1).date(), 1, datetime(2026, 9, 1).date()))  # clock set back since
    made_at = datetime(2026, 4, 5, 12, tzinfo=BERLIN)
    made = backup_module.backup_file(store, made_at, REMINDER_DOCS)
    assert made.left_out == 1 and made.words.startswith("1 entry was left out of this backup: its date is")
    assert "plan" not in json.loads(made.data)["data"]["docs"] and store.get_doc("plan") is not None
    backup_module.restore_backup(open_store(tmp_path / "b"), made.data, REMINDER_DOCS, now=made_at)


def test_a_damaged_setting_left_out_of_the_backup_is_not_blamed_on_the_clock(store, tmp_path):
    store.put_doc("text_size", {"size": "huge"})  # valid JSON, not a size the app knows
    made_at = datetime(2026, 4, 5, 12, tzinfo=BERLIN)
    made = backup_module.backup_file(store, made_at, REMINDER_DOCS)
    assert made.left_out == 1
    assert made.words == "1 entry was left out of this backup because it is damaged. It stays in the app."
    assert "text_size" not in json.loads(made.data)["data"]["docs"] and store.get_doc("text_size") is not None
    backup_module.restore_backup(open_store(tmp_path / "b"), made.data, REMINDER_DOCS, now=made_at)


def test_nothing_left_out_says_nothing(store):
    made = backup_module.backup_file(store, datetime(2026, 4, 5, 12, tzinfo=BERLIN), REMINDER_DOCS)
    assert (made.left_out, made.words) == (0, "")
