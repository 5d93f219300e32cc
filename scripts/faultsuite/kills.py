"""SIGKILL at random moments of `modsearch index`: first builds, updates (files edited, added,
deleted) and rebuilds of Corpus/ plus generated documents. After each kill the index is whole
(`xapian-check`) and answers as before the run or as after it, never in between (or there is
none, for a first build); the next run recovers it, and it then answers as a clean build of the
same folder."""

import collections
import os
import shutil
import signal
import time

from . import answers
from .support import one_line

NAME = "kills"
ROUNDS = 25
GENERATED = 60  # in the folder from the start
RESERVE = 30  # moved in and out by updates


def run(suite, campaign):
    rng = suite.rng(NAME)
    work = suite.folder(NAME)
    pool = os.path.join(work, "pool")
    generated = suite.run(["modsearch-bench", "generate", str(GENERATED + RESERVE), pool, "--corpus", suite.corpus,
                           "--seed", str(rng.randrange(1 << 31))], timeout=120)
    if not campaign.check(generated.returncode == 0, f"modsearch-bench generate failed: {one_line(generated.stderr)}"):
        return
    rounds = Rounds(suite, campaign, rng, work)
    for number in range(1, ROUNDS + 1):
        rounds.play(number)
    killed = sum(count for phase, count in rounds.phases.items() if phase != "run ended first")
    tally = rounds.tally
    campaign.tried = (f"{ROUNDS} index runs ({', '.join(f'{n} {k}' for k, n in sorted(rounds.kinds.items()))}; "
                      f"{tally['files changed']} files changed), {killed} killed")
    campaign.figures = (f"phases: {', '.join(f'{p} {n}' for p, n in rounds.phases.most_common())}; "
                        f"xapian-check clean {tally['checked']}, before-or-after {tally['atomic']}, "
                        f"no index left {tally['no index']}; recovered as a clean build {tally['recovered']}/{ROUNDS}")


class Rounds:
    """The folder indexed (Corpus/ and generated documents, some held back in `pool` to be added
    later), its index, and a clean build's answers for each version of the folder."""

    def __init__(self, suite, campaign, rng, work):
        self.suite, self.campaign, self.rng, self.work = suite, campaign, rng, work
        self.docs, self.pool = os.path.join(work, "docs"), os.path.join(work, "pool")
        self.database = os.path.join(work, "db")
        shutil.copytree(suite.corpus, self.docs)
        os.remove(os.path.join(self.pool, "planted.tsv"))
        os.makedirs(os.path.join(self.docs, "gen"))
        for name in sorted(os.listdir(self.pool))[:GENERATED]:
            os.rename(os.path.join(self.pool, name), os.path.join(self.docs, "gen", name))
        self.version = 0
        self.expected = {}  # version of the folder -> a clean build's answers
        # Seconds a run of each kind takes, which the kills are spread over.
        self.estimate = {"first build": 2.0, "update": 0.5, "rebuild": 2.0}
        self.phases, self.kinds, self.tally = collections.Counter(), collections.Counter(), collections.Counter()

    def play(self, number):
        """One run, killed at a random moment, then checked and recovered."""
        rng = self.rng
        kind = choose_kind(rng, self.database)
        if kind == "first build" and os.path.exists(self.database):
            shutil.rmtree(self.database)
        previous = self.expected.get(self.version) if os.path.exists(self.database) else None
        if kind == "update":
            changes = mutate(rng, self.docs, self.pool, number)
            self.tally["files changed"] += changes
            self.version += 1
            # Starting takes about 0.15 s; then each changed file is read and written.
            self.estimate["update"] = 0.15 + 0.015 * changes
        if self.version not in self.expected:
            self.expected[self.version], seconds = answers.clean_build(self.suite, self.docs,
                                                                       os.path.join(self.work, "clean"))
            self.estimate["first build"] = self.estimate["rebuild"] = seconds
        self.kinds[kind] += 1
        # A third of the kills aim at the end of the run, where the merge and the renames take
        # a few hundredths of a second.
        delay = self.estimate[kind] * (rng.uniform(0.9, 1.02) if rng.random() < 0.35 else rng.uniform(0.0, 1.0))
        arguments = ["modsearch", "index", "--db", self.database] + (["--rebuild"] if kind == "rebuild" else [])
        phase = kill_after(self.suite, arguments + [self.docs], delay, self.database,
                           os.path.join(self.work, f"killed-{number}.log"))
        self.phases[phase] += 1
        where = f"round {number} ({kind}, SIGKILL at {delay:.2f} s: {phase})"
        print(f"  {where}", flush=True)
        self.check_killed(where, kind, previous)
        self.recover(where)

    def check_killed(self, where, kind, previous):
        """The index a killed run left: whole, and as before the run or as after it; or none."""
        check, tally, database = self.campaign.check, self.tally, self.database
        if not os.path.exists(database):
            tally["no index"] += 1
            check(kind == "first build" or os.path.exists(database + ".build-empty"),
                  f"{where}: the index is gone, and not put aside")
            return
        checked = self.suite.run(["xapian-check", database], timeout=60)
        tally["checked"] += check(checked.returncode == 0, f"{where}: xapian-check: {one_line(checked.stdout[-300:])}")
        killed = answers.of_index(self.suite, database)
        expected = self.expected[self.version]
        tally["atomic"] += check(killed in (previous, expected),
                                 f"{where}: the killed index answers neither as before nor as after the run: "
                                 + answers.difference(killed, expected))

    def recover(self, where):
        """The next run clears what the killed one left and brings the index up to date."""
        check, database, docs = self.campaign.check, self.database, self.docs
        recovery = self.suite.modsearch("index", "--db", database, docs, timeout=300)
        if not check(recovery.returncode == 0,
                     f"{where}: the next run exited {recovery.returncode}: {one_line(recovery.stderr)}"):
            return
        leftovers = sorted(name for name in os.listdir(self.work) if name.startswith("db"))
        check(leftovers == ["db"], f"{where}: the next run left {leftovers}")
        recovered = answers.of_index(self.suite, database)
        expected = self.expected[self.version]
        self.tally["recovered"] += check(recovered == expected,
                                         f"{where}: after the next run: {answers.difference(recovered, expected)}")
        again = self.suite.modsearch("index", "--db", database, docs, timeout=120)
        check(again.returncode == 0 and again.stdout.startswith("indexed 0 of"),
              f"{where}: a run after the recovery still found work: {one_line(again.stdout + again.stderr)}")


def choose_kind(rng, database):
    if not os.path.exists(database) or rng.random() < 0.15:
        return "first build"
    return "update" if rng.random() < 0.6 else "rebuild"


def mutate(rng, docs, pool, number):
    """Edits, adds and deletes documents; how many files changed."""
    changes = rng.choice([1, 1, 2, 3, 5, 10, 20])
    gen = os.path.join(docs, "gen")
    for change in range(changes):
        action = rng.choice(["edit", "edit", "add", "delete"])
        if action == "add" and os.listdir(pool):
            name = rng.choice(sorted(os.listdir(pool)))
            os.rename(os.path.join(pool, name), os.path.join(gen, name))
        elif action == "delete" and len(os.listdir(gen)) > 5:
            name = rng.choice(sorted(os.listdir(gen)))
            os.rename(os.path.join(gen, name), os.path.join(pool, name))
        else:
            edit(rng, rng.choice(documents(docs)), f"faultedit{number}x{change}")
    return changes


def documents(docs):
    found = []
    for folder, _, names in os.walk(docs):
        found += [os.path.join(folder, name) for name in names if name.startswith("mod") and name.endswith(".txt")]
    return sorted(found)


def edit(rng, path, word):
    """Appends `word` to one paragraph of the document: a change a search can see."""
    lines = open(path, encoding="utf-8").read().split("\n")
    paragraphs = [index for index, line in enumerate(lines) if len(line) > 100]
    lines[rng.choice(paragraphs)] += f" {word}"
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(lines))


def kill_after(suite, arguments, delay, database, log):
    """Starts `arguments`, SIGKILLs it `delay` seconds later and waits for it; where the run was."""
    process = suite.start(arguments, log)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    phase = phase_of(database) if process.poll() is None else "run ended first"
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    if process.returncode != -signal.SIGKILL:
        phase = "run ended first"
    return phase


def phase_of(database):
    """What a run of `modsearch index` is doing, from its work folders and the index's write lock."""
    folder, stem = os.path.split(database)
    names = [name for name in os.listdir(folder) if name.startswith(stem + ".build-")]
    if any(name.startswith(stem + ".build-shard-") for name in names):
        return "shard build"
    if stem + ".build-empty" in names:
        return "swap"
    if stem + ".build-merged" in names:
        return "merge"
    if stem + ".build-new" in names:
        return "first index"
    if write_locked(database):
        return "update"
    return "start"


def write_locked(database):
    """Whether a process holds Xapian's write lock on `database` (a lock on its `flintlock`, as
    /proc/locks lists them: `1: OFDLCK ADVISORY WRITE -1 fe:00:16246044 0 0`)."""
    try:
        inode = os.stat(os.path.join(database, "flintlock")).st_ino
        locks = open("/proc/locks").read()
    except OSError:
        return False
    return any("WRITE" in line.split() and any(field.count(":") == 2 and field.endswith(f":{inode}")
                                               for field in line.split())
               for line in locks.splitlines())
