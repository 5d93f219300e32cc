"""The daemon under abuse, with two workers: a flood of connections past the cap, clients that
send large searches and never read, slow senders, and expensive searches, all at once, while a
well-behaved client asks a quick search in a loop. Its p99 must stay under 50 ms, the daemon
under 200 MB, and every descriptor must come back."""

import collections
import json
import os
import re
import subprocess
import sys
import threading
import time

from .support import one_line, percentile, wait_for
from .wire import Daemon, NoAnswer, RawClient, allow_descriptors, error_code

NAME = "abuse"
ROUNDS = 3
SECONDS = 5.0  # the quick client's loop, each round
FLOOD = 1000
CAP = 256
GREEDY = SLOW = COSTLY = 4
LINE_TIMEOUT_MS = 3000
P99_LIMIT_MS = 50.0
RSS_LIMIT_MB = 200.0
PING = b'{"op":"ping"}'
GREEDY_SEARCH = b'{"op":"search","query":"therapy","limit":1000}\n'


def run(suite, campaign):
    rng = suite.rng(NAME)
    allow_descriptors(FLOOD + 512)
    database = suite.corpus_index()
    expensive = expensive_search(suite.corpus)
    daemon = Daemon(suite, suite.folder(NAME), database,
                    ["--workers", "2", "--max-connections", str(CAP), "--request-timeout", "3000",
                     "--line-timeout", str(LINE_TIMEOUT_MS)])
    tally = collections.Counter()
    latencies = []
    holder = None
    try:
        warm = RawClient(daemon.socket)
        for _ in range(10):
            warm.ask({"op": "search", "query": "trauma", "limit": 3})
        warm.close()
        time.sleep(0.3)
        start = daemon.descriptors(excluding=database)
        for number in range(1, ROUNDS + 1):
            latencies += one_round(suite, daemon, rng, expensive, campaign, tally, f"round {number}")
            back = wait_for(lambda: daemon.descriptors(excluding=database) <= start, seconds=5)
            tally["descriptors after"] = daemon.descriptors(excluding=database)
            campaign.check(back, f"round {number}: descriptors did not come back to {start}: "
                                 f"{tally['descriptors after']} open 5 s after every client closed")
        campaign.check(daemon.answers_ping(), "the daemon no longer answers a ping")
        probe = RawClient(daemon.socket)
        tally["requests"] = probe.ask({"op": "stats"}).get("result", {}).get("requests", 0)
        probe.close()
        # Still connected at the stop, a client that never reads must not hold the daemon's exit.
        holder = RawClient(daemon.socket)
        for _ in range(8):
            holder.offer(GREEDY_SEARCH)
        time.sleep(0.5)
    finally:
        peak = daemon.status_mb("VmHWM")
        stopping = time.monotonic()
        status = daemon.stop()
        stop_seconds = time.monotonic() - stopping
        if holder:
            holder.close()
    campaign.check(status == 0 and stop_seconds < 5,
                   f"on SIGTERM, with a client that never reads, the daemon exited {status} after {stop_seconds:.1f} s: "
                   f"{one_line(daemon.log()[-500:])}")
    campaign.check(not daemon.crash_lines(), f"the daemon's log tells of a crash: {daemon.crash_lines()[:3]}")
    campaign.check(peak < RSS_LIMIT_MB, f"the daemon's peak RSS was {peak:.0f} MB, over {RSS_LIMIT_MB:.0f} MB")
    latencies.sort()
    p50, p99, most = percentile(latencies, 0.5), percentile(latencies, 0.99), max(latencies, default=float("nan"))
    campaign.check(p99 < P99_LIMIT_MS, f"the quick search's p99 was {p99:.1f} ms, over {P99_LIMIT_MS:g} ms "
                                       f"(p50 {p50:.1f} ms, max {most:.1f} ms, {len(latencies)} asked)")
    campaign.tried = (f"{ROUNDS} rounds × {SECONDS:g} s, 2 workers, each round a flood of {FLOOD} connections past "
                      f"a cap of {CAP} ({tally['refused']} refused, {tally['admitted']} admitted in all), "
                      f"{GREEDY} never-reading clients ({tally['greedy']} searches of 1,000 hits sent), {SLOW} slow "
                      f"senders, {COSTLY} expensive searches at once ({tally['costly ok']} answered, "
                      f"{tally['costly timeout']} timed out)")
    campaign.figures = (f"quick search: {len(latencies)} asked, {tally['quick failures']} failed, "
                        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {most:.1f} ms; "
                        f"peak RSS {peak:.0f} MB; descriptors {start} → {tally['descriptors after']}; "
                        f"{tally['requests']} requests answered; slow senders cut at "
                        f"{tally['slow max ms'] / 1000:.1f} s at most; stopped in {stop_seconds:.1f} s "
                        f"with a never-reading client connected")


def one_round(suite, daemon, rng, expensive, campaign, tally, where):
    """One round; the quick search's latencies (ms)."""
    report, outcomes, flood = load(suite, daemon, rng, expensive)
    result = json.loads(report) if report else {"latencies_ms": [], "failures": ["no report"]}
    tally["quick failures"] += len(result["failures"])
    campaign.check(not result["failures"], f"{where}: the quick client failed: {result['failures'][:3]}")
    tally["refused"] += flood["unavailable"]
    tally["admitted"] += flood["pong"]
    tally["greedy"] += sum(outcomes["greedy"])
    campaign.check(not outcomes["connect"], f"{where}: connections failed: {outcomes['connect'][:3]}")
    campaign.check(flood["unavailable"] > 0, f"{where}: the flood never went past the cap: {dict(flood)}")
    wrong = {answer: count for answer, count in flood.items() if answer not in ("pong", "unavailable")}
    campaign.check(not wrong, f"{where}: flood connections answered otherwise than pong or unavailable: {wrong}")
    for answer in outcomes["costly"]:
        tally[f"costly {answer}"] += 1
    campaign.check(set(outcomes["costly"]) <= {"ok", "timeout"} and len(outcomes["costly"]) >= COSTLY,
                   f"{where}: expensive searches answered {collections.Counter(outcomes['costly'])}")
    for answer, seconds, closed in outcomes["slow"]:
        tally["slow max ms"] = max(tally["slow max ms"], int(seconds * 1000))
        campaign.check(answer == "timeout" and seconds < LINE_TIMEOUT_MS / 1000 + 1.5 and closed,
                       f"{where}: a slow sender got {answer} after {seconds:.1f} s, then "
                       f"{'closed' if closed else 'the connection stayed open'}")
    campaign.check(len(outcomes["slow"]) == SLOW, f"{where}: {SLOW - len(outcomes['slow'])} slow senders never cut off")
    campaign.check(daemon.alive(), f"{where}: the daemon died: {one_line(daemon.log()[-500:])}")
    print(f"  {where}: {len(result['latencies_ms'])} quick searches, p99 "
          f"{percentile(sorted(result['latencies_ms']), 0.99):.1f} ms; flood {dict(flood)}; "
          f"peak RSS {daemon.status_mb('VmHWM'):.0f} MB", flush=True)
    return result["latencies_ms"]


def load(suite, daemon, rng, expensive):
    """Runs the abusers while the quick client (a process of its own) asks; its report, what the
    abusers saw, and what each flood connection was answered."""
    prober = subprocess.Popen([sys.executable, "-m", "faultsuite.prober", daemon.socket, str(SECONDS)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=dict(suite.environment, PYTHONPATH=os.path.dirname(os.path.dirname(__file__))))
    suite.processes.append(prober)
    stop = threading.Event()
    outcomes = collections.defaultdict(list)
    flood = []
    threads = []
    report = ""
    try:
        if prober.stdout.readline().strip() != "ready":
            return "", outcomes, collections.Counter()
        # The abusers connect before the flood, so the daemon admits them first (it accepts in
        # the order connections arrive): one that came after the flood would be refused at the
        # cap, rightly, and test nothing.
        threads = [threading.Thread(target=costly, args=(RawClient(daemon.socket), expensive, stop, outcomes))
                   for _ in range(COSTLY)]
        threads += [threading.Thread(target=greedy, args=(RawClient(daemon.socket), stop, outcomes))
                    for _ in range(GREEDY)]
        threads += [threading.Thread(target=slow, args=(RawClient(daemon.socket), rng.random(), outcomes))
                    for _ in range(SLOW)]
        threads.append(threading.Thread(target=lambda: flood.extend(connect_flood(daemon.socket, outcomes))))
        for thread in threads:
            thread.daemon = True  # a suite stopped by a signal must not wait for them
            thread.start()
        prober.stdin.write("go\n")
        prober.stdin.flush()
        report = prober.stdout.readline()
        prober.wait()
    finally:
        stop.set()
    for thread in threads:
        if thread.is_alive():
            thread.join(timeout=15)
    answers = collections.Counter(answer_of(client) for client in flood)
    for client in flood:
        client.close()
    return report, outcomes, answers


def expensive_search(corpus):
    """An OR of the Corpus's 200 most frequent words, with facets and a page of 1,000: seconds of
    work (AbuseSupport.swift's `expensive`)."""
    counts = collections.Counter()
    for name in os.listdir(corpus):
        if name.endswith(".txt"):
            text = open(os.path.join(corpus, name), encoding="utf-8").read().lower()
            counts.update(word for word in re.split(r"[^a-z]+", text) if len(word) >= 4)
    common = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:200]
    return json.dumps({"op": "search", "query": " OR ".join(word for word, _ in common), "limit": 1000,
                       "facets": True})


def connect_flood(path, outcomes):
    clients = []
    for _ in range(FLOOD):
        try:
            client = RawClient(path)
        except OSError as error:
            outcomes["connect"].append(f"flood: {error}")
            continue
        client.offer(PING + b"\n")
        clients.append(client)
    return clients


def answer_of(client):
    """What a flood connection was answered: pong, an error code, or silence."""
    try:
        line = client.line(within=2)
    except NoAnswer:
        return "no answer"
    if line is None:
        return "closed unanswered"
    try:
        answer = json.loads(line)
    except ValueError:
        return "not JSON"
    return "pong" if answer.get("ok") else error_code(answer) or "no code"


def costly(client, expensive, stop, outcomes):
    while not stop.is_set():
        try:
            answer = client.ask(expensive, within=10)
        except (NoAnswer, ValueError) as error:
            outcomes["costly"].append(f"no answer ({error})")
            break
        outcomes["costly"].append("ok" if answer.get("ok") else error_code(answer))
    client.close()


def greedy(client, stop, outcomes):
    """Sends searches of 1,000 hits every 10 ms and never reads an answer."""
    sent = 0
    while not stop.is_set():
        offered = client.offer(GREEDY_SEARCH)
        if offered < 0:
            break
        sent += offered == len(GREEDY_SEARCH)
        time.sleep(0.01)
    outcomes["greedy"].append(sent)
    client.close()


def slow(client, jitter, outcomes):
    """Sends a request a byte at a time, about one a second, until the daemon gives up on it."""
    started = time.monotonic()
    sent = 0
    while time.monotonic() - started < LINE_TIMEOUT_MS / 1000 + 5:
        client.offer(PING[sent % len(PING):sent % len(PING) + 1])
        sent += 1
        try:
            line = client.line(within=0.7 + 0.6 * ((jitter * (sent + 1)) % 1))
        except NoAnswer:
            continue
        seconds = time.monotonic() - started
        answer = error_code(json.loads(line)) if line else "closed unanswered"
        try:
            closed = client.line(within=2) is None
        except NoAnswer:
            closed = False
        outcomes["slow"].append((answer, seconds, closed))
        break
    client.close()
