"""The flet-audio adapter with a fake player: clips in order, a missing one skipped, silent without a client."""
import asyncio
from types import SimpleNamespace

import pytest

from data.models import Side
from data.routine.cues import TONES, Clip, point_clip
from data.routine.player import Cue
from data.routine.sound_settings import SoundSettings
from tests.loop import run_async
from views import audio
from views.audio import CueSound

WORDS = point_clip("LI4", Side.LEFT)
MISSING = "audio/spoken/points/NOPE-left.mp3"


class FakeAudio:
    """Loads at once (unless its file is missing), plays for 10 ms, or never answers when `deaf`."""

    def __init__(self, log: list, deaf: bool = False, **kw) -> None:
        self.log, self.deaf, self.kw = log, deaf, kw
        if kw["src"] != MISSING:
            asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(kw["on_loaded"](None)))

    async def play(self) -> None:
        if self.deaf:
            await asyncio.sleep(3600)
        self.log.append(self.kw["src"])
        await asyncio.sleep(0.01)
        await self.kw["on_state_change"](SimpleNamespace(state=SimpleNamespace(value="completed")))


@pytest.fixture(autouse=True)
def short_limits(monkeypatch):
    monkeypatch.setattr(audio, "LOAD_SECONDS", 0.05)
    monkeypatch.setattr(audio, "CALL_SECONDS", 0.05)


def run(settings: SoundSettings, batches: list, deaf: bool = False) -> tuple[list, CueSound]:
    played: list = []

    async def main() -> CueSound:
        sound = CueSound(settings, lambda **kw: FakeAudio(played, deaf, **kw))
        for clips in batches:
            sound.play(clips)
            await asyncio.sleep(0.2)
        return sound

    return played, run_async(main())


def test_plays_the_tone_then_the_words_at_the_chosen_volume():
    played, sound = run(SoundSettings(volume_percent=40), [(TONES[Cue.NEXT_POINT], WORDS)])
    assert played == [TONES[Cue.NEXT_POINT].src, WORDS.src]
    assert sound._loaded[WORDS.src].audio.kw["volume"] == 0.4


def test_a_missing_clip_is_skipped_and_the_next_one_still_plays():
    played, _ = run(SoundSettings(), [(Clip(MISSING), WORDS)])
    assert played == [WORDS.src]


def test_a_client_without_flet_audio_leaves_the_rest_silent():
    played, sound = run(SoundSettings(), [(TONES[Cue.START_PRESSING],), (TONES[Cue.SWITCH_SIDE],)], deaf=True)
    assert played == [] and not sound.working


def test_nothing_is_made_or_played_when_sound_is_off():
    made: list = []
    sound = CueSound(SoundSettings(tones=False, voice=False), lambda **kw: made.append(kw))
    sound.play([WORDS])
    assert made == [] and not sound.working


def test_without_the_flet_audio_package_the_player_is_silent(monkeypatch):
    monkeypatch.setattr(audio, "_flet_audio_factory", lambda: None)
    assert not CueSound(SoundSettings()).working
