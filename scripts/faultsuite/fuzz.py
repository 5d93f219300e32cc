"""Protocol fuzzing: thousands of seeded bad, odd and good request lines (fuzzlines.py), sent
pipelined on many connections in random pieces, while a well-behaved client keeps asking and
checking its answers. Every line gets the answer it must (none for a blank one, a close after
one too long), the good client sees no failure, and the daemon lives on."""

import collections
import json
import random
import socket
import threading
import time

from . import fuzzlines
from .support import one_line, wait_for
from .wire import Daemon, NoAnswer, RawClient

NAME = "fuzz"
LINES = 20000
CONNECTIONS = 24


def run(suite, campaign):
    rng = suite.rng(NAME)
    database = suite.corpus_index()
    cases = fuzzlines.cases(rng, database, LINES)
    daemon = Daemon(suite, suite.folder(NAME), database, ["--workers", "2"])
    tally = collections.Counter()
    problems = []
    lock = threading.Lock()
    try:
        start = daemon.descriptors(excluding=database)
        good = GoodClient(daemon.socket)
        good.thread.start()
        runners = []
        for number in range(CONNECTIONS):
            share = cases[number::CONNECTIONS]
            seed = rng.randrange(1 << 30)
            runners.append(threading.Thread(target=lambda s=share, n=seed: send_cases(
                daemon.socket, s, n, tally, problems, lock), daemon=True))
        began = time.monotonic()
        for runner in runners:
            runner.start()
        for runner in runners:
            runner.join(timeout=max(0.0, began + 120 - time.monotonic()))
        seconds = time.monotonic() - began
        good.stop.set()
        good.thread.join(timeout=30)
        campaign.check(not any(runner.is_alive() for runner in runners), "connections still busy after 120 s")
        for problem in problems[:20]:
            campaign.check(False, problem)
        campaign.check(len(problems) <= 20, f"… and {len(problems) - 20} more lines answered wrongly")
        campaign.check(good.asked > 0 and not good.failures,
                       f"the good client failed {len(good.failures)} of {good.asked} times: {good.failures[:3]}")
        campaign.check(daemon.alive() and daemon.answers_ping(), f"the daemon died: {one_line(daemon.log()[-500:])}")
        back = wait_for(lambda: daemon.descriptors(excluding=database) <= start, seconds=5)
        campaign.check(back, f"descriptors did not come back to {start}: {daemon.descriptors(excluding=database)}")
        peak = daemon.status_mb("VmHWM")
    finally:
        status = daemon.stop()
    campaign.check(status == 0, f"the daemon exited {status} on SIGTERM")
    campaign.check(not daemon.crash_lines(), f"the daemon's log tells of a crash: {daemon.crash_lines()[:3]}")
    kinds = collections.Counter(case.kind for case in cases)
    answers = ", ".join(f"{code} {tally['answer ' + code]}" for code in sorted(fuzzlines.ANSWERABLE)
                        if tally["answer " + code])
    campaign.tried = (f"{len(cases)} lines on {tally['connections']} connections ({CONNECTIONS} at once, pipelined): "
                      + ", ".join(f"{count} {kind}" for kind, count in kinds.most_common()))
    campaign.figures = (f"in {seconds:.1f} s: answers {answers}; {tally['ignored']} blank lines unanswered; "
                        f"{tally['closed']} closes after a line over 64 KiB; {len(problems)} wrong; good client "
                        f"{good.asked} asked, {len(good.failures)} failed; peak RSS {peak:.0f} MB")


def send_cases(path, cases, seed, tally, problems, lock):
    """Sends `cases` on as many connections as their closes need; records each answer."""
    rng = random.Random(seed)
    sessions, current = [], []
    for case in cases:
        current.append(case)
        if case.closes:
            sessions.append(current)
            current = []
    if current:
        sessions.append(current)
    for session in sessions:
        try:
            found = run_session(path, session, rng)
        except Exception as error:  # said, not lost with the thread
            found = (collections.Counter(), [f"a connection failed: {type(error).__name__}: {error}"])
        with lock:
            tally["connections"] += 1
            for key, count in found[0].items():
                tally[key] += count
            problems.extend(found[1])


def run_session(path, session, rng):
    """One connection: the lines sent in random pieces by a thread while the answers are read."""
    counts, problems = collections.Counter(), []
    client = RawClient(path)
    data = b"".join(case.line + b"\n" for case in session)
    shut = not session[-1].closes and rng.random() < 0.5

    def send():
        at = 0
        while at < len(data):
            piece = rng.choice((1, 7, 100, 4096, 65536, len(data)))
            if not client.send_all(data[at:at + piece], within=30):
                return
            at += piece
        if shut:
            client.sock.shutdown(socket.SHUT_WR)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        for case in session:
            if case.allowed is None:
                counts["ignored"] += 1
                continue
            where = f"{case.label} line {one_line(repr(case.line), 120)}"
            try:
                line = client.line(within=30)
            except NoAnswer:
                problems.append(f"{where}: no answer within 30 s")
                break
            if line is None:
                problems.append(f"{where}: the connection closed before its answer")
                break
            try:
                answer = json.loads(line)
            except ValueError:
                problems.append(f"{where}: an answer that is not JSON: {one_line(repr(line), 120)}")
                continue
            problem = case.problem(answer)
            if problem:
                problems.append(f"{where}: {problem}: {one_line(line.decode(errors='replace'), 200)}")
            counts["answer " + ("ok" if answer.get("ok") else (answer.get("error") or {}).get("code", "?"))] += 1
            if case.closes:
                closed = ends(client)
                counts["closed"] += closed
                if not closed:
                    problems.append(f"{where}: the connection stayed open after too_large")
        if shut and not problems and not ends(client):
            problems.append("a connection whose sending side was shut stayed open after its answers")
    finally:
        sender.join(timeout=60)
        client.close()
    return counts, problems


def ends(client):
    """Whether the daemon closes the connection within 5 s (anything more it sends is wrong)."""
    try:
        return client.line(within=5) is None
    except NoAnswer:
        return False


class GoodClient:
    """Asks a search, a get, stats and a ping in turn, and checks each answer against the first."""

    REQUESTS = ({"op": "search", "query": "trauma", "limit": 5}, {"op": "get", "target": "mod032/definition/1"},
                {"op": "stats"}, {"op": "ping"})

    def __init__(self, path):
        self.path = path
        self.stop = threading.Event()
        self.asked = 0
        self.failures = []
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self):
        try:
            self.ask_until_stopped()
        except Exception as error:  # said as a failure of the good client, not lost with its thread
            self.failures.append(f"stopped: {type(error).__name__}: {error}")

    def ask_until_stopped(self):
        client = RawClient(self.path)
        expected = [self.essence(request, client.ask(request)) for request in self.REQUESTS]
        while not self.stop.is_set():
            for request, wanted in zip(self.REQUESTS, expected):
                self.asked += 1
                try:
                    got = self.essence(request, client.ask(request, within=10))
                except (NoAnswer, ValueError, OSError) as error:
                    self.failures.append(f"{request['op']}: {error}")
                    client.close()
                    client = RawClient(self.path)
                    continue
                if got != wanted:
                    self.failures.append(f"{request['op']}: {one_line(got, 200)}")
        client.close()

    @staticmethod
    def essence(request, answer):
        """What must not change from one answer to the next."""
        if not answer.get("ok"):
            return f"not ok: {answer.get('error')}"
        result = answer["result"]
        if request["op"] == "search":
            return [hit["id"] for hit in result["hits"]]
        if request["op"] == "stats":
            return (result["documents"], result["passages"], result["modalities"])
        if request["op"] == "ping":
            return result["pong"]
        return result
