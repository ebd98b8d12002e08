"""Sound settings: on by default at a moderate level, strictly read, never able to stop a session."""
import pytest

from data.routine.sound_settings import (
    DOC,
    MAX_VOLUME,
    MIN_VOLUME,
    SoundSettings,
    load_sound_settings,
    save_sound_settings,
)
from data.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def test_defaults_are_on_at_a_moderate_volume(store):
    s = load_sound_settings(store)
    assert s == SoundSettings(tones=True, voice=True, volume_percent=60)
    assert s.volume == 0.6 and not s.silent


def test_round_trips_through_the_store(store):
    chosen = SoundSettings(tones=False, voice=True, volume_percent=30)
    save_sound_settings(store, chosen)
    assert store.get_doc(DOC) == {"tones": False, "voice": True, "volume_percent": 30}
    assert load_sound_settings(store) == chosen


@pytest.mark.parametrize("doc", [
    {"tones": "yes", "voice": True, "volume_percent": 60},
    {"tones": 1, "voice": True, "volume_percent": 60},
    {"tones": True, "voice": True, "volume_percent": 0},
    {"tones": True, "voice": True, "volume_percent": 101},
    {"tones": True, "voice": True, "volume_percent": 60.0},
    {"tones": True, "voice": True, "volume_percent": True},
    {"tones": True, "voice": True},
    {"tones": True, "voice": True, "volume_percent": 60, "speed": 2},
    [],
    "loud",
])
def test_strict_reader_refuses_anything_else(doc):
    with pytest.raises(ValueError):
        SoundSettings.from_dict(doc)


def test_a_damaged_document_reads_as_the_defaults(store):
    store.put_doc(DOC, {"tones": "maybe", "volume_percent": 900})
    assert load_sound_settings(store) == SoundSettings()


def test_volume_moves_in_steps_and_stays_in_range():
    s = SoundSettings(volume_percent=60)
    assert s.louder().volume_percent == 70 and s.quieter().volume_percent == 50
    assert SoundSettings(volume_percent=MAX_VOLUME).louder().volume_percent == MAX_VOLUME
    assert SoundSettings(volume_percent=MIN_VOLUME).quieter().volume_percent == MIN_VOLUME
    quiet_tones = SoundSettings(tones=True, voice=False, volume_percent=20)
    assert quiet_tones.louder() == SoundSettings(tones=True, voice=False, volume_percent=30)


@pytest.mark.parametrize("settings, words", [
    (SoundSettings(), "Tones and spoken words, volume 6 of 10"),
    (SoundSettings(voice=False, volume_percent=100), "Tones only, volume 10 of 10"),
    (SoundSettings(tones=False, volume_percent=10), "Spoken words only, volume 1 of 10"),
    (SoundSettings(tones=False, voice=False), "No sound during sessions"),
])
def test_summary_says_what_will_be_heard(settings, words):
    assert settings.summary == words
