"""What every campaign shares: the built programs, a private folder, the processes started, and
the checks made, each failure said at once with the seed that reproduces it."""

import os
import random
import shutil
import signal
import subprocess
import tempfile
import time

PROGRAMS = ("modsearch", "modsearch-full", "modsearchd", "modsearch-bench")


class Suite:
    """One run of the suite: every file it writes is under `root`, every process it starts is
    remembered, and `close` removes and stops them, however the run ends."""

    def __init__(self, binaries, repository, seed):
        self.binaries = binaries
        self.repository = repository
        self.corpus = os.path.join(repository, "Corpus")
        self.seed = seed
        # Short: a Unix socket path is limited to 107 bytes.
        self.root = tempfile.mkdtemp(prefix="msfault-", dir="/tmp")
        self.processes = []
        # Any daemon a command starts by itself lives here too, and no index of the user's is used.
        self.environment = dict(os.environ, MODSEARCH_SOCKET=self.path("run/modsearchd.sock"),
                                MODSEARCH_DB=self.path("no-index"), XDG_RUNTIME_DIR=self.path("run"),
                                XDG_DATA_HOME=self.path("data"), NO_COLOR="1", COLUMNS="100",
                                PATH=binaries + os.pathsep + os.environ.get("PATH", ""))

    def program(self, name):
        return os.path.join(self.binaries, name)

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def folder(self, name):
        """A fresh folder under the suite's root."""
        path = self.path(name)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        return path

    def corpus_index(self):
        """An index of Corpus/, built on first use and shared read-only."""
        database = self.path("corpus-index")
        if not os.path.exists(database):
            result = self.modsearch("index", "--db", database, self.corpus, timeout=120)
            if result.returncode != 0:
                raise RuntimeError(f"indexing Corpus/ failed: {result.stderr.strip()}")
        return database

    def rng(self, campaign):
        """The campaign's own random numbers: the same seed gives the same campaign, run alone or not."""
        return random.Random(f"{self.seed}:{campaign}")

    def run(self, arguments, timeout=60, cwd=None):
        """Runs a program to completion (killed at `timeout`); its output as text."""
        command = [self.program(arguments[0])] + list(arguments[1:]) if arguments[0] in PROGRAMS else list(arguments)
        try:
            return subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=timeout,
                                  cwd=cwd, env=self.environment)
        except subprocess.TimeoutExpired as expired:
            return subprocess.CompletedProcess(command, 124, expired.stdout or "", f"timed out after {timeout} s")

    def modsearch(self, *arguments, timeout=60):
        return self.run(["modsearch", *arguments], timeout=timeout)

    def start(self, arguments, log):
        """Starts a long-running program whose output goes to `log`; stopped by `close` if still running."""
        command = [self.program(arguments[0])] + list(arguments[1:]) if arguments[0] in PROGRAMS else list(arguments)
        with open(log, "wb") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       env=self.environment)
        self.processes.append(process)
        return process

    def close(self):
        """Stops what is still running (by pid), then removes the root folder (kept with
        FAULT_SUITE_KEEP=1, to look into a failure)."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.stop_daemons()
        if os.environ.get("FAULT_SUITE_KEEP") == "1":
            print(f"fault-suite: kept {self.root}", flush=True)
        else:
            shutil.rmtree(self.root, ignore_errors=True)

    def stop_daemons(self):
        """A daemon a command started by itself leaves its pid file beside its socket; only a process
        whose command line names our root is stopped (a stale file may name a reused pid)."""
        for folder, _, names in os.walk(self.root):
            if "modsearchd.pid" not in names:
                continue
            try:
                pid = int(open(os.path.join(folder, "modsearchd.pid")).read().strip())
                command = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
            except (OSError, ValueError):
                continue
            if self.root + "/" in command:
                os.kill(pid, signal.SIGTERM)
                wait_for(lambda: not os.path.exists(f"/proc/{pid}"), seconds=5)


class Campaign:
    """A campaign's tally: what it tried, its figures, and every check that failed."""

    def __init__(self, name, seed):
        self.name = name
        self.seed = seed
        self.tried = ""
        self.figures = ""
        self.failures = []
        self.skipped = None
        self.seconds = 0.0

    def check(self, condition, what):
        """Records a failure unless `condition` holds; says it at once, with the seed."""
        if not condition:
            self.failures.append(what)
            print(f"  FAIL {self.name}: {what} [SEED={self.seed} scripts/fault-suite {self.name}]", flush=True)
        return bool(condition)

    @property
    def verdict(self):
        if self.skipped:
            return "skipped"
        return "FAIL" if self.failures else "pass"


def wait_for(condition, seconds=10.0, every=0.02):
    """Polls `condition` until it holds or `seconds` pass; whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def one_line(text, limit=300):
    """Text fit for a one-line failure message."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
