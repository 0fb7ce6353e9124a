"""The ConversationRelay flow's budgets, beside the <Gather> flow, in one run (figures, not a test).

1. Time to number: the standard calls (bench/timing.py) played through `ivr serve`'s relay server by the relay
   emulator, every sentence the caller hears timed with Open JTalk as bench/time_to_number.py does. The relay
   caller barges in: a key is pressed as soon as the menu has said it. Budgets: one turn ≤ 9 s, keypad ≤ 20 s.
2. First text token after a prompt (p50/p99), calls played one at a time. Budget: p99 ≤ 30 ms.
3. Load: N concurrent relay calls on one instance, each sending a prompt every 2 s; errors, first token
   p50/p95/p99 (budget p99 ≤ 100 ms at 1,000 calls) and the relay processes' memory. The load comes from
   --generators processes on the same machine; each reports how late its own loop ran (its lag is in the
   first-token figures too), and the run reports the CPU the server and the generators used and how much
   of the time some task on the machine waited for a CPU (shared with other work, the figures move with it).
4. --compare: the same load on a threaded server (flask-sock on gunicorn's threads, one thread per socket)
   and on the asyncio one, both serving the same RelayCall sessions.

Every server it starts is stopped on the way out. Run: .venv/bin/python bench/relay.py [--calls 1000]
[--seconds 30] [--generators 2] [--compare] [--skip-timing]

The load's callers say the dev call set's words, so the relay process's understanding cache is warm
after the first seconds; the one-at-a-time run measures the cold case.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import queue
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

import psutil  # noqa: E402

from ivr.core.actions import PAUSE  # noqa: E402
from ivr.core.catalogue import load, shipped_path  # noqa: E402
from ivr.ja import assistant as japanese_assistant  # noqa: E402
from ivr.ja.phrasing import speak_phone_number  # noqa: E402
from ivr.phone.emulator import TwilioEmulator, http_sender  # noqa: E402
from ivr.phone.relay_emulator import Barge, RelayEmulator, RelaySocket  # noqa: E402
from ivr.phone.twiml import VoiceSettings  # noqa: E402
from timing import KEY, STANDARD_CALLS, OpenJTalkClock, run as time_gather  # noqa: E402
from servers import IvrServer, free_port, wait_listening  # noqa: E402

TOKEN, PUBLIC = "relay-bench-token", "https://ivr.relay.test"
SOCKET = PUBLIC.replace("https", "wss") + "/relay/ws"
GOALS = {"one speech turn": 9.0, "keypad (1, then 1)": 20.0}
CASES = [json.loads(line) for line in (ROOT.parent / "shared" / "calls-dev.jsonl").read_text(encoding="utf-8")
         .splitlines() if line.strip()]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def relay_turns(call) -> list:
    """A standard call's turns as a relay caller plays them. They barge in: a key is pressed as soon as the
    menu names it (before that, they wait in silence for the menu, as in the <Gather> timing), and a
    caller who knows what to say starts once the greeting's first sentence has been said."""
    turns: list = []
    for index, turn in enumerate(call.turns):
        if turn.startswith(KEY):
            digit = turn[len(KEY):]
            if index == 0:
                turns.append("")  # the greeting names no key: the menu comes after a silence
            turns.append(Barge(f"dtmf:{digit}", at=f"は{digit}"))
        elif index == 0 and turn:
            turns.append(Barge(turn, after=1))
        else:
            turns.append(turn)
    return turns


def number_starts(said: list[str], e164: str, clock) -> float | None:
    """Seconds into `said` (the sentences after the handoff) at which the number's first digit is heard."""
    digits = speak_phone_number(published_number(e164)).replace(PAUSE, "、")
    at = 0.0
    for sentence in said:
        if digits in sentence:
            begin, _ = clock.span(sentence[:sentence.index(digits)], digits)
            return at + begin
        at += clock.seconds(sentence)
    return None


def published_number(e164: str) -> str:
    for provider in load(shipped_path()).providers:
        for line in provider.lines:
            if line.dial_e164 == e164:
                return line.number
    raise KeyError(e164)


def time_relay(server: IvrServer, clock, settings: VoiceSettings) -> list[tuple[str, float | None, float]]:
    """(call, seconds until the number starts, server latency included) for each standard call."""
    results = []
    for call in STANDARD_CALLS:
        if call.at != "2026-11-24T10:00:00+09:00":
            continue  # the instance's clock is fixed at 10:00
        twilio = TwilioEmulator(http_sender(PUBLIC, server.url), TOKEN, PUBLIC)
        emulator = RelayEmulator(twilio, TOKEN, server.relay_url, SOCKET)
        turns = relay_turns(call)
        started = time.perf_counter()
        result = emulator.call(turns)
        wall = time.perf_counter() - started
        at = 0.0
        for index, heard in enumerate(result.heard):
            at += clock.seconds(heard)
            turn = turns[index] if index < len(turns) else None
            turn = turn.then if isinstance(turn, Barge) else turn
            if turn == "":
                at += settings.menu_after  # silence: the menu comes after the wait <Gather> also gives
            elif isinstance(turn, str) and not turn.startswith("dtmf:"):
                at += clock.seconds(turn)
        # The service's own time before each answer, and the <Connect action>'s before the last one.
        at += (sum(result.first_token_ms) + (result.action_ms or 0)) / 1000
        offset = number_starts(result.action.said, result.dialled[0], clock) if result.dialled else None
        starts = None if offset is None else at + offset
        results.append((call.name, starts, wall))
    return results


async def load_run(url: str, calls: int, seconds: float, every: float = 2.0, first_index: int = 0) -> dict:
    """`calls` sockets open at once, each a prompt every `every` seconds for `seconds`."""
    emulator = RelayEmulator(TwilioEmulator(lambda *a: (200, ""), TOKEN, PUBLIC), TOKEN, url, SOCKET)
    firsts: list[float] = []
    errors: list[str] = []
    prompts = [turn for case in CASES for turn in case["turns"] if turn.strip()] + ["もう一度", "えーと"]

    async def one(index: int) -> None:
        await asyncio.sleep(random.random() * every)  # callers arrive spread over the first period
        try:
            socket: RelaySocket = await emulator.open(SOCKET)
        except Exception as error:
            errors.append(f"open: {type(error).__name__}")
            return
        try:
            await socket.send({"type": "setup", "callSid": f"CA{index:032x}", "from": "+81312345678",
                               "to": "+815011112222", "customParameters": {}})
            await socket.turn()
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                await asyncio.sleep(every)
                sent = time.perf_counter()
                await socket.send({"type": "prompt", "voicePrompt": random.choice(prompts), "lang": "ja-JP",
                                   "last": True})
                tokens, first = await socket.turn(sent)
                if first is not None:
                    firsts.append(first)
                if socket.ended is not None:  # three misses end a call: start another at once
                    await socket.socket.close()
                    socket = await emulator.open(SOCKET)
                    await socket.send({"type": "setup", "callSid": f"CA{index:016x}{int(sent * 1e6) % 10**16:016x}",
                                       "from": "+81312345678", "to": "+815011112222", "customParameters": {}})
                    await socket.turn()
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}"[:120])
        finally:
            await socket.socket.close()

    started = time.perf_counter()
    await asyncio.gather(*(one(first_index + i) for i in range(calls)))
    return {"firsts": firsts, "errors": errors, "elapsed": time.perf_counter() - started}


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2 ** 20


def relay_pid(server: IvrServer) -> list[int]:
    return server.relay_processes()


def cpu_s(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def cpu_waiting_us() -> int | None:
    """Microseconds some task on this machine has waited for a CPU (Linux pressure stall information)."""
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        return int(first.rsplit("total=", 1)[1])
    except (OSError, IndexError, ValueError):
        return None


def generator(url: str, calls: int, seconds: float, first_index: int, results) -> None:
    """One load generator process: its calls, and how late its own loop ran (a 10 ms sleep's overshoot)."""
    lags: list[float] = []

    async def main() -> dict:
        async def lag() -> None:
            while True:
                asked = time.perf_counter()
                await asyncio.sleep(0.01)
                lags.append((time.perf_counter() - asked - 0.01) * 1000)
        lagger = asyncio.get_running_loop().create_task(lag())
        try:
            return await load_run(url, calls, seconds, first_index=first_index)
        finally:
            lagger.cancel()
    result = asyncio.run(main())
    results.put({**result, "lags": lags, "cpu": time.process_time()})


def measure_load(label: str, url: str, pids, calls: int, seconds: float, generators: int = 2) -> None:
    """The load from `generators` processes (each an event loop of its own, so that one loop's backlog is
    not counted as the server's latency), while this process samples the server's memory."""
    # Found once: finding them reads every socket's row in /proc (net_connections), slow with thousands open.
    found = pids()
    before = rss_mb(found)
    peak = {"mb": before, "threads": 0}
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    share = [calls // generators + (i < calls % generators) for i in range(generators)]
    procs = [context.Process(target=generator, args=(url, n, seconds, sum(share[:i]), results), daemon=True)
             for i, n in enumerate(share)]
    server_cpu, wall, waited = cpu_s(found), time.perf_counter(), cpu_waiting_us()
    for proc in procs:
        proc.start()
    gathered = []
    try:
        while len(gathered) < generators:
            peak["mb"] = max(peak["mb"], rss_mb(found))
            peak["threads"] = max(peak["threads"], sum(psutil.Process(p).num_threads() for p in found))
            try:
                gathered.append(results.get(timeout=0.5))
            except queue.Empty:
                if not any(p.is_alive() for p in procs) and results.empty():
                    raise RuntimeError("a load generator died without a result")
    finally:
        for proc in procs:
            proc.join(30)
            if proc.is_alive():
                proc.kill()
    server_cpu = cpu_s(found) - server_cpu
    wall = time.perf_counter() - wall
    waited = None if waited is None else (cpu_waiting_us() - waited) / 1e6 / wall
    firsts = [f for r in gathered for f in r["firsts"]]
    errors = [e for r in gathered for e in r["errors"]]
    lags = [lag for r in gathered for lag in r["lags"]]
    own_cpu = sum(r["cpu"] for r in gathered)
    print(f"  {label:34} {calls:5} calls  prompts {len(firsts):6}  first token p50 {percentile(firsts, .5):6.1f} ms  "
          f"p95 {percentile(firsts, .95):6.1f} ms  p99 {percentile(firsts, .99):7.1f} ms  errors {len(errors):4}  "
          f"memory {before:6.0f} -> {peak['mb']:6.0f} MB ({(peak['mb'] - before) * 1024 / calls:5.1f} KB/call)  "
          f"threads {peak['threads']}")
    print(f"    {generators} generator processes: loop lag p50 {percentile(lags, .5):.1f} ms, p99 "
          f"{percentile(lags, .99):.1f} ms, max {max(lags, default=0):.0f} ms; CPU over {wall:.0f} s: server "
          f"{server_cpu / wall:.0%} of a core, generators {own_cpu / wall:.0%}; load average "
          f"{os.getloadavg()[0]:.1f}" + ("" if waited is None else f", some task waiting for a CPU {waited:.0%} of the time"))
    if errors:
        print("    first errors:", sorted(set(errors))[:3])


THREADED_APP = '''
import sys, json
sys.path.insert(0, {root!r})
from flask import Flask
from flask_sock import Sock
from ivr.server import create_app
from ivr.phone.relay import RelayCall
app = create_app()
relay = app.extensions["ivr_relay"]
sock = Sock(app)

@sock.route("/relay/ws")
def session(ws):
    call = RelayCall(relay)
    try:
        while True:
            message = json.loads(ws.receive())
            for out in call.handle(message):
                ws.send(json.dumps(out, ensure_ascii=False))
    finally:
        call.closed(False)
'''


def compare(calls: int, seconds: float, env: dict, generators: int) -> None:
    """flask-sock on gunicorn threads against the asyncio server, the same sessions, the same load."""
    workdir = Path(tempfile.mkdtemp(prefix="ivr-relay-cmp-"))
    (workdir / "threaded_relay.py").write_text(THREADED_APP.format(root=str(ROOT)), encoding="utf-8")
    port = free_port()
    threads = max(8, calls // 2 + 8)
    env = {**env, "IVR_SKIP_SIGNATURE": "1"}  # the threaded stand-in checks no signature; nor does its load
    with open(workdir / "log", "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--chdir", str(workdir), "-b", f"127.0.0.1:{port}",
                                 "-w", "2", "--threads", str(threads), "-k", "gthread", "--timeout", "120",
                                 "threaded_relay:app"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        wait_listening(port, 60, proc, workdir / "log")
        time.sleep(2)
        pids = lambda: [c.pid for c in psutil.Process(proc.pid).children()]  # noqa: E731
        measure_load(f"threaded: gunicorn 2 x {threads} threads", f"ws://127.0.0.1:{port}/relay/ws", pids, calls,
                     seconds, generators)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
    port = free_port()
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from ivr.server import create_app; "
              f"from ivr.phone.relay_server import run; "
              f"run(create_app().extensions['ivr_relay'], '127.0.0.1', {port}, reuse_port=True)")
    procs = []
    try:
        for i in range(2):  # as many processes as the threaded server has
            with open(workdir / f"log-async-{i}", "wb") as out:
                procs.append(subprocess.Popen([sys.executable, "-c", script], env=env, stdout=out,
                                              stderr=subprocess.STDOUT, start_new_session=True))
        wait_listening(port, 60, procs[0], workdir / "log-async-0")
        time.sleep(2)
        measure_load("asyncio: websockets, 2 processes", f"ws://127.0.0.1:{port}/relay/ws",
                     lambda: [p.pid for p in procs], calls, seconds, generators)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000, help="concurrent relay calls in the load run")
    parser.add_argument("--seconds", type=float, default=30, help="how long each load run lasts")
    parser.add_argument("--compare", action="store_true", help="also the threaded server against the asyncio one")
    parser.add_argument("--generators", type=int, default=2,
                        help="processes generating the load (each its own event loop; default 2)")
    parser.add_argument("--skip-timing", action="store_true", help="no Open JTalk timing")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # a socket each, and the server's too
    db = Path(tempfile.mkdtemp(prefix="ivr-relay-bench-")) / "calls.sqlite3"
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(db),
           "IVR_NOW": "2026-11-24T10:00:00+09:00"}
    with IvrServer(env) as server:
        if not args.skip_timing:
            clock, settings = OpenJTalkClock(), VoiceSettings()
            assistant = japanese_assistant(load(shipped_path()))
            gather = {t.call.name: t.number_starts for t in time_gather(
                assistant, STANDARD_CALLS, clock,
                lambda ask: settings.menu_after if ask.menu_on_silence else settings.gather_timeout)}
            print("Time to number (Open JTalk timing), <Gather> flow and relay flow:")
            for name, starts, wall in time_relay(server, clock, settings):
                goal = GOALS.get(name)
                verdict = "" if goal is None or starts is None else (" ok" if starts <= goal else " MISSED")
                print(f"  {name:34} gather {gather[name]:5.1f} s   relay {starts:5.1f} s"
                      f"{f'  (goal ≤ {goal:.0f} s){verdict}' if goal else ''}   [played in {wall:.2f} s]")
        firsts = []
        for case in CASES:  # each caller's words new to the service (its understanding cache is cold)
            twilio = TwilioEmulator(http_sender(PUBLIC, server.url), TOKEN, PUBLIC)
            result = RelayEmulator(twilio, TOKEN, server.relay_url, SOCKET).call(case["turns"] + ["はい"])
            firsts += result.first_token_ms
        print(f"First text token after a prompt, the dev call set one call at a time ({len(firsts)} prompts): "
              f"p50 {percentile(firsts, .5):.1f} ms, p99 {percentile(firsts, .99):.1f} ms (goal p99 ≤ 30 ms)")
        print(f"Load on one instance (`ivr serve`, its relay processes), a prompt every 2 s per call, "
              f"{args.seconds:.0f} s (budget: no error, p99 ≤ 100 ms at 1,000 calls):")
        measure_load(f"asyncio: ivr serve, {len(relay_pid(server))} relay processes", server.relay_url,
                     lambda: relay_pid(server), args.calls, args.seconds, args.generators)
    if args.compare:
        print("Threaded against asyncio, the same sessions and load:")
        compare(args.calls, args.seconds, env, args.generators)


if __name__ == "__main__":
    main()
