"""The installed package is complete: a non-editable install, run from another folder, finds its catalogue."""
import subprocess
import sys
import zipfile

import pytest

from conftest import PROVIDERS, ROOT


@pytest.mark.slow
def test_wheel_ships_the_catalogue_and_runs_from_another_folder(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path / "dist"), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("ivr-*.whl"))
    with zipfile.ZipFile(wheel) as zipped:
        names = zipped.namelist()
        assert "ivr/providers.yaml" in names
        assert zipped.read("ivr/providers.yaml") == PROVIDERS.read_bytes()  # the file people edit, not a link
        assert any(n.startswith("ivr/console/templates/") for n in names)
        for data in ("lexicon.yaml", "examples.yaml", "commands.yaml", "lexicon.json", "fallback.npz"):
            assert f"ivr/ja/data/{data}" in names  # the language data and the learned fallback
        zipped.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-S", "-c", "import sys; sys.path[:0] = [sys.argv[1], *sys.argv[2:]]; "
                             "from ivr.cli import main; raise SystemExit(main(['check', '--at', '2026-11-24T10:00']))",
                             str(tmp_path / "site"), *[p for p in sys.path if "site-packages" in p]],
                            cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "site" / "ivr" / "providers.yaml") in result.stdout and "OK" in result.stdout
