"""Sound cues: the right clips for each cue, and every clip the catalog needs is shipped.

A missing or stray clip fails here, with the command that rebuilds them, so at
run time the player never meets one (and would only skip it if it did).
"""
from pathlib import Path

import pytest

from data.models import Routine, RoutineStep, Side
from data.routine.catalog import POINTS
from data.routine.cues import (
    AUDIO_DIR,
    COMPLETE,
    STOPPED,
    TONES,
    WHERE,
    Clip,
    all_clips,
    clips_for,
    opening_clips,
    point_clip,
    sample_clips,
    side_clip,
    spoken_code,
)
from data.routine.player import Cue, PlayStep, SessionPlayer
from data.routine.sides import side_words
from data.routine.sound_settings import SoundSettings

ASSETS = Path(__file__).resolve().parents[1] / "assets"
REBUILD = "run: python tools/make_audio_cues.py"
ON = SoundSettings()
L, R, M = Side.LEFT, Side.RIGHT, Side.MIDDLE


def step(code: str, side: Side, first: bool = True) -> PlayStep:
    return PlayStep(code, side, 30, 1, first)


def mp3_format(path: Path) -> tuple[int, int, int]:
    """(MPEG version id, sample rate Hz, channels) from the first audio frame, after any ID3v2 tag."""
    data = path.read_bytes()
    start = 0
    if data[:3] == b"ID3":
        size = data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]
        start = 10 + size
    b = data[start:start + 4]
    assert b[0] == 0xFF and b[1] & 0xE0 == 0xE0, f"{path.name}: no MP3 frame where one should start"
    version = (b[1] >> 3) & 3  # 3: MPEG-1, 2: MPEG-2
    layer = (b[1] >> 1) & 3  # 1: layer III
    assert layer == 1, f"{path.name}: not layer III"
    rates = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000)}[version]
    channels = 1 if b[3] >> 6 == 3 else 2
    return version, rates[(b[2] >> 2) & 3], channels


def mp3_title(path: Path) -> str:
    """The ID3v2.3 title (TIT2) the script writes: the clip's words, or a tone's name."""
    data = path.read_bytes()
    assert data[:3] == b"ID3" and data[3] == 3, f"{path.name}: no ID3v2.3 tag"
    end = 10 + (data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9])
    at = 10
    while at + 10 <= end and data[at:at + 4] != b"\0\0\0\0":
        frame, size = data[at:at + 4], int.from_bytes(data[at + 4:at + 8], "big")
        if frame == b"TIT2":
            encoding = "utf-16" if data[at + 10] == 1 else "latin-1"
            return data[at + 11:at + 10 + size].decode(encoding).rstrip("\0")
        at += 10 + size
    return ""


# -- the files --------------------------------------------------------------------------------


def test_every_point_and_side_of_the_catalog_has_its_clips_on_disk():
    missing = [
        clip.src
        for p in POINTS
        for side in p.sides
        for clip in (point_clip(p.code, side), side_clip(p.code, side))
        if not (ASSETS / clip.src).is_file()
    ]
    assert not missing, f"{len(missing)} clips missing ({REBUILD}): {missing[:5]}"


def test_every_clip_is_on_disk_and_nothing_else_is():
    wanted = {c.src for c in all_clips()}
    on_disk = {p.relative_to(ASSETS).as_posix() for p in (ASSETS / AUDIO_DIR).rglob("*") if p.is_file()}
    assert not wanted - on_disk, f"missing ({REBUILD}): {sorted(wanted - on_disk)[:5]}"
    assert not on_disk - wanted, f"stray files ({REBUILD}): {sorted(on_disk - wanted)[:5]}"


def test_clips_are_small_mono_22khz_mp3():
    for clip in all_clips():
        assert mp3_format(ASSETS / clip.src) == (2, 22050, 1), clip.src
    total = sum((ASSETS / c.src).stat().st_size for c in all_clips())
    assert total < 3_000_000


def test_each_clip_says_the_words_written_for_it():
    """A changed word or body part in the core makes the shipped clip stale: rebuild it."""
    stale = [c.src for c in all_clips() if mp3_title(ASSETS / c.src) != (c.words or Path(c.src).stem)]
    assert not stale, f"{len(stale)} clips say other words ({REBUILD}): {stale[:5]}"


def test_clip_names_are_unique_and_each_tone_and_ending_is_listed():
    clips = all_clips()
    assert len({c.src for c in clips}) == len(clips)
    assert set(TONES.values()) | {COMPLETE, STOPPED} <= set(clips)


# -- the words --------------------------------------------------------------------------------


def test_spoken_words_name_the_side_first_then_the_point_then_where():
    c = point_clip("LI4", L)
    assert c.words == "The left hand. L I 4. In the web between thumb and index finger."
    assert c.src == "audio/spoken/points/LI4-left.mp3"
    assert point_clip("KI3", R).words.startswith("The right ankle. K I 3. ")
    assert point_clip("GV14", M).words.startswith("The middle of the neck. G V 14. ")


def test_every_point_has_short_words_for_where_and_only_catalog_points_do():
    assert set(WHERE) == {p.code for p in POINTS}
    for p in POINTS:
        for side in p.sides:
            words = point_clip(p.code, side).words
            side_said = side_words(p, side)
            assert words.startswith(f"The {side_said[0].lower()}{side_said[1:]}. ")
            assert words.endswith(WHERE[p.code]) and len(words) <= 90, words


def test_codes_are_said_letter_by_letter_and_extra_points_by_name():
    assert [spoken_code(c) for c in ("LI4", "ST36", "GV14", "EX-UE9")] == ["L I 4", "S T 36", "G V 14", ""]
    assert point_clip("EX-UE9", L).words.startswith("The left hand. Baxie. ")


def test_side_switch_words_say_the_new_side():
    assert side_clip("LI4", R) == Clip("audio/spoken/sides/right-hand.mp3", "Now, the right hand.")
    assert side_clip("BL10", R).words == "Now, the right side of the spine."
    assert side_clip("LI11", R) == side_clip("LI10", R)  # one clip per side and body part


# -- which clips for which cue ------------------------------------------------------------------


def test_each_cue_plays_its_tone_then_its_words():
    assert clips_for([Cue.START_PRESSING], step("LI4", L), False, ON) == (TONES[Cue.START_PRESSING],)
    assert clips_for([Cue.SWITCH_SIDE], step("LI4", R, False), False, ON) == (
        TONES[Cue.SWITCH_SIDE], side_clip("LI4", R))
    assert clips_for([Cue.NEXT_POINT], step("ST36", L), False, ON) == (
        TONES[Cue.NEXT_POINT], point_clip("ST36", L))
    assert clips_for([Cue.FINISHED], step("SP6", R), True, ON) == (TONES[Cue.FINISHED], COMPLETE)
    assert clips_for([Cue.FINISHED], step("SP6", L), False, ON) == (TONES[Cue.FINISHED], STOPPED)
    assert clips_for([], step("LI4", L), False, ON) == ()


def test_the_four_tones_are_different_files():
    assert len({TONES[c].src for c in Cue}) == 4 and not any(t.spoken for t in TONES.values())


def test_several_cues_in_one_tick_give_one_tone_and_the_most_useful_words():
    # The last cue's tone; a new point's words win over a side switch.
    assert clips_for([Cue.START_PRESSING, Cue.NEXT_POINT], step("GB34", L), False, ON) == (
        TONES[Cue.NEXT_POINT], point_clip("GB34", L))
    assert clips_for([Cue.NEXT_POINT, Cue.START_PRESSING], step("GB34", L), False, ON) == (
        TONES[Cue.START_PRESSING], point_clip("GB34", L))
    batch = [Cue.NEXT_POINT, Cue.START_PRESSING, Cue.SWITCH_SIDE]
    assert clips_for(batch, step("GB34", R, False), False, ON) == (TONES[Cue.SWITCH_SIDE], point_clip("GB34", R))
    assert clips_for([Cue.START_PRESSING, Cue.SWITCH_SIDE, Cue.FINISHED], step("GB34", R), True, ON) == (
        TONES[Cue.FINISHED], COMPLETE)


@pytest.mark.parametrize("settings, expected", [
    (SoundSettings(tones=False), (point_clip("LI4", L),)),
    (SoundSettings(voice=False), (TONES[Cue.NEXT_POINT],)),
    (SoundSettings(tones=False, voice=False), ()),
])
def test_settings_choose_tones_words_or_silence(settings, expected):
    assert clips_for([Cue.NEXT_POINT], step("LI4", L), False, settings) == expected


def test_an_unknown_point_gets_its_tone_only_and_never_an_error():
    assert clips_for([Cue.NEXT_POINT], step("XX99", L), False, ON) == (TONES[Cue.NEXT_POINT],)


def test_the_session_opens_with_the_first_point_and_settings_can_try_the_sound():
    assert opening_clips(step("LI11", L), ON) == (TONES[Cue.NEXT_POINT], point_clip("LI11", L))
    assert sample_clips(ON) == (TONES[Cue.NEXT_POINT], point_clip(POINTS[0].code, POINTS[0].sides[0]))
    assert sample_clips(SoundSettings(tones=False, voice=False)) == ()


def test_a_whole_session_of_every_point_only_calls_for_shipped_clips():
    """Play every catalog point through the real player; collect what each tick would play."""
    routine = Routine(tuple(RoutineStep(p.code, 5, p.sides) for p in POINTS))
    player = SessionPlayer(routine, now=0, prepare_seconds=2, switch_seconds=1)
    heard = list(opening_clips(player.current, ON))
    t = 0.0
    while not player.finished:
        t += 0.5
        heard += clips_for(player.advance(t), player.current, player.went_through, ON)
    assert heard[-2:] == [TONES[Cue.FINISHED], COMPLETE]
    said = [c.words for c in heard if c.spoken]
    assert said[0].startswith("The left hand. L I 4.") and said[1] == "Now, the right hand."
    assert sum(w.startswith(("The left", "The right", "The middle")) for w in said) == len(POINTS)
    assert all((ASSETS / c.src).is_file() for c in heard)
    last = POINTS[-1].code
    assert said[-3:] == [point_clip(last, L).words, side_clip(last, R).words, COMPLETE.words]


# -- tender spots (issue 12) ------------------------------------------------------------------------


def _spot(region, side):
    from datetime import date

    from data.routine.spots import TenderSpot

    return TenderSpot(3, "Sore spot", region, side, date(2026, 3, 2))


def test_a_tender_spot_gets_its_tones_and_says_its_side_never_a_point():
    from data.models import Region

    sore = _spot(Region.FOREARM, L)
    at = PlayStep(sore.code, L, 30, 4, True)
    clips = clips_for([Cue.NEXT_POINT], at, False, ON, sore)
    assert clips == (TONES[Cue.NEXT_POINT], side_clip("PC6", L))  # "Now, the left arm."
    assert clips[1].words == "Now, the left arm." and "points/" not in clips[1].src
    assert clips_for([Cue.START_PRESSING], at, False, ON, sore) == (TONES[Cue.START_PRESSING],)
    assert opening_clips(at, ON, sore) == clips
    assert clips_for([Cue.NEXT_POINT], at, False, SoundSettings(voice=False), sore) == (TONES[Cue.NEXT_POINT],)
    # A spot the player cannot look up (deleted meanwhile) still gets its tone, never an error.
    assert clips_for([Cue.NEXT_POINT], at, False, ON) == (TONES[Cue.NEXT_POINT],)


def test_every_place_a_spot_can_be_marked_has_a_shipped_spoken_clip():
    from data.models import Region
    from data.routine.cues import spot_clip
    from data.routine.spots import REGION_WORDS, sides_for

    shipped = {c.src for c in all_clips()}
    for region in REGION_WORDS:
        for side in sides_for(region):
            clip = spot_clip(_spot(region, side))
            assert clip.src in shipped and (ASSETS / clip.src).is_file(), (region, side)
    assert spot_clip(_spot(Region.NECK, M)).words == "Now, the middle of the neck."
    assert spot_clip(_spot(Region.LOW_BACK, R)).words == "Now, the right side of the spine."
    assert spot_clip(_spot(Region.SOLE, R)).words == "Now, the right foot."
