"""The package's shape: one direction of imports, and a core that loads nothing of the outside world."""
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_layers_contract_holds():
    # import-linter reads [tool.importlinter] in pyproject.toml: cli -> adapters -> call log -> language -> core
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def run_python(code: str) -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter of this environment, from the checkout: what a new process would load."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)


def test_core_alone_loads_no_transport_audio_or_japanese_nlu():
    code = ("import sys, ivr.core.dialog, ivr.core.call, ivr.core.catalogue, ivr.core.routing; "
            "heavy = ('flask', 'twilio', 'vosk', 'pyttsx3', 'sounddevice', 'pykakasi', 'sudachipy', 'jaconv', "
            "'rapidfuzz', 'ivr.ja', 'ivr.phone', 'ivr.voice', 'ivr.calllog', 'sqlite3'); "
            "print([m for m in heavy if m in sys.modules])")
    result = run_python(code)
    assert result.stdout.strip() == "[]"


def test_check_does_not_load_the_language_understanding():
    code = ("import sys; from ivr.cli import main; main(['check', '--at', '2026-11-24T10:00']); "
            "print([m for m in ('pykakasi', 'sudachipy', 'rapidfuzz', 'flask', 'vosk') if m in sys.modules], "
            "file=sys.stderr)")
    result = run_python(code)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_no_two_modules_import_each_other_even_through_others():
    import grimp  # import-linter's own graph of the package (every import statement, in functions too)

    graph = grimp.build_graph("ivr", cache_dir=None)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.append(" -> ".join((module, *chain)))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_package_imports_nothing_only_the_test_extra_installs():
    # pyopenjtalk and playwright come with `.[test]` only; an installed service must never need them.
    code = ("import sys, importlib, pkgutil, ivr\n"
            "for m in pkgutil.walk_packages(ivr.__path__, 'ivr.'):\n"
            "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
            "print([m for m in ('pyopenjtalk', 'playwright', 'pytest') if m in sys.modules])")
    result = run_python(code)
    assert result.stdout.strip() == "[]"
