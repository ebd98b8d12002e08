"""Make the session's sound clips, soft tones and spoken words (run again when the catalog or words change).

Every clip named by data/routine/cues.py is rebuilt from scratch, offline, with
Debian's packages, and clips no longer named are removed, so running it twice
gives the same files byte for byte.  Each clip is checked before it is kept:
length, loudness, no clipping.

Voice: flite's "rms" voice (a clear male US English voice under CMU's
permissive licence, in Debian main), at its own pace.  It replaced the "slt" voice,
whose "left foot" a speech recogniser heard as "lead fit" (tools/check_audio_cues.py).  Debian's MBROLA voices
are in non-free and licensed for non-commercial use only, and espeak-ng's own
voices were much harder to follow.  Format: MP3, mono, 22.05 kHz, 40 kbit/s:
the one format the web (every browser), Android and iOS players all read.

Needs: apt-get install flite sox lame   (plus this project's Python)
Run:   python tools/make_audio_cues.py
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.routine.cues import (  # noqa: E402
    AUDIO_DIR,
    SPOKEN_SECONDS_MAX,
    TONE_SECONDS_MAX,
    TONES,
    Clip,
    all_clips,
)
from data.routine.player import Cue  # noqa: E402

ASSETS = ROOT / "assets"
RATE = 22050
BITRATE_KBPS = 40
VOICE = "rms"
STRETCH = 1.0  # the rms voice is slow and clear at its own pace
SPEECH_PEAK_DB = -3.0
TONE_PEAK_DB = -4.0  # the tones are pure and mid-pitched: they carry well below the speech level
MAX_TOTAL_BYTES = 3_000_000

# A note: (start second, frequency Hz, length seconds).  Partials give a soft bell rather than a beep.
Note = tuple[float, float, float]
BELL = ((1.0, 1.0), (2.0, 0.3), (3.0, 0.08))  # (frequency ratio, level)
TONE_NOTES: dict[Cue, tuple[Note, ...]] = {
    Cue.START_PRESSING: ((0.0, 523.25, 0.45), (0.18, 783.99, 0.6)),  # C5 then G5: a rise, "go"
    Cue.SWITCH_SIDE: ((0.0, 659.25, 0.9),),  # one E5 bell: same point, other side
    Cue.NEXT_POINT: ((0.0, 587.33, 0.4), (0.22, 587.33, 0.7)),  # D5 twice: something new
    Cue.FINISHED: ((0.0, 523.25, 0.5), (0.2, 659.25, 0.5), (0.4, 783.99, 0.9)),  # C5 E5 G5: done
}


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def stats(wav: Path) -> dict[str, float]:
    """sox's `stat` figures for a clip: length in seconds, RMS and peak amplitude (1.0 = full scale)."""
    out = subprocess.run(["sox", wav, "-n", "stat"], check=True, capture_output=True, text=True).stderr
    found = {k.strip(): v for k, v in re.findall(r"^([A-Za-z ()]+):\s+(-?[\d.]+)", out, re.M)}
    return {
        "seconds": float(found["Length (seconds)"]),
        "rms": float(found["RMS     amplitude"]),
        "peak": max(float(found["Maximum amplitude"]), -float(found["Minimum amplitude"])),
    }


def make_tone(cue: Cue, wav: Path, work: Path) -> None:
    parts = []
    for n, (start, freq, length) in enumerate(TONE_NOTES[cue]):
        for k, (ratio, level) in enumerate(BELL):
            part = work / f"{cue.value}-{n}-{k}.wav"
            # A 5 ms rise, then a logarithmic fade: a struck, gentle sound with no click.
            run("sox", "-D", "-n", "-r", RATE, "-c", 1, "-b", 32, "-e", "floating-point", part,
                "synth", length, "sine", freq * ratio, "vol", level,
                "fade", "l", 0.005, length, length - 0.005, "pad", start, 0)
            parts.append(part)
    mixed = work / f"{cue.value}-mixed.wav"
    run("sox", "-D", "-m", *parts, mixed) if len(parts) > 1 else shutil.copy(parts[0], mixed)
    run("sox", "-D", mixed, "-b", 16, wav, "norm", TONE_PEAK_DB)


def make_speech(words: str, wav: Path, work: Path) -> None:
    raw = work / "speech.wav"
    run("flite", "-voice", VOICE, "--setf", f"duration_stretch={STRETCH}", "-t", words, "-o", raw)
    # Trim the synthesiser's silences to 50 ms, cut rumble, then bring every clip to one peak level.
    run("sox", "-D", raw, "-r", RATE, "-c", 1, "-b", 16, wav,
        "highpass", 80, "silence", 1, 0.02, "0.1%", "reverse", "silence", 1, 0.02, "0.1%", "reverse",
        "pad", 0.05, 0.1, "norm", SPEECH_PEAK_DB, "rate", "-v", RATE)


def encode(wav: Path, clip: Clip) -> None:
    """MP3 titled with the clip's words (or the tone's name): the tests check each clip says what cues.py says."""
    mp3 = ASSETS / clip.src
    mp3.parent.mkdir(parents=True, exist_ok=True)
    run("lame", "--quiet", "-m", "m", "-b", BITRATE_KBPS, "-q", 2, "--noreplaygain", "--id3v2-only",
        "--tt", clip.words or mp3.stem, wav, mp3)


def check(clip: Clip, s: dict[str, float]) -> None:
    limit = SPOKEN_SECONDS_MAX if clip.spoken else TONE_SECONDS_MAX
    if s["seconds"] > limit:
        raise SystemExit(f"{clip.src}: {s['seconds']:.2f} s is longer than {limit} s; shorten the words")
    if s["peak"] >= 0.99:
        raise SystemExit(f"{clip.src}: clipped (peak {s['peak']:.3f})")
    if s["rms"] < 0.02:
        raise SystemExit(f"{clip.src}: nearly silent (RMS {s['rms']:.3f})")


def main() -> None:
    for tool in ("flite", "sox", "lame"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install flite sox libsox-fmt-mp3 lame")
    clips = all_clips()
    out_dir = ASSETS / AUDIO_DIR
    tones = {clip.src: cue for cue, clip in TONES.items()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for clip in clips:
            wav = work / "clip.wav"
            if clip.spoken:
                make_speech(clip.words, wav, work)
            else:
                make_tone(tones[clip.src], wav, work)
            s = stats(wav)
            check(clip, s)
            encode(wav, clip)
            print(f"{clip.src}: {s['seconds']:.2f} s, RMS {s['rms']:.3f}, peak {s['peak']:.3f}"
                  + (f"  \u201c{clip.words}\u201d" if clip.spoken else ""))
    wanted = {ASSETS / c.src for c in clips}
    for stale in sorted(p for p in out_dir.rglob("*.mp3") if p not in wanted):
        stale.unlink()
        print(f"removed {stale.relative_to(ROOT)}")
    total = sum(p.stat().st_size for p in out_dir.rglob("*.mp3"))
    print(f"{len(clips)} clips, {total / 1e6:.2f} MB in {out_dir.relative_to(ROOT)}")
    if total > MAX_TOTAL_BYTES:
        raise SystemExit(f"the clips take {total} bytes, more than {MAX_TOTAL_BYTES}")


if __name__ == "__main__":
    main()
