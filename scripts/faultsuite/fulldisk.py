"""A disk that fills up: `modsearch index` on a small tmpfs, mounted in a private mount namespace
(`unshare --mount`, as FullDiskEndToEndTests does), with a file filling it to a random slack.
A first build and an update each run out of space: the error says so, nothing is left behind,
the index answers as before; once the file is gone the same runs succeed and the index answers
as a clean build of the same documents."""

import os
import shutil
import subprocess

from . import answers
from .support import one_line

NAME = "fulldisk"
ROUNDS = 2
FULL = "no space left on device"
MIB = 1024 * 1024


def run(suite, campaign):
    rng = suite.rng(NAME)
    can, reason = can_mount()
    if not can:
        campaign.skipped = f"cannot mount a tmpfs in a private mount namespace ({reason})"
        print(f"  skipped: {campaign.skipped}", flush=True)
        return
    work = suite.folder(NAME)
    pool = os.path.join(work, "pool")
    generated = suite.run(["modsearch-bench", "generate", "120", pool, "--corpus", suite.corpus,
                           "--seed", str(rng.randrange(1 << 31))], timeout=120)
    if not campaign.check(generated.returncode == 0, f"modsearch-bench generate failed: {one_line(generated.stderr)}"):
        return
    names = sorted(name for name in os.listdir(pool) if name.endswith(".txt"))
    rounds = []
    for number in range(1, ROUNDS + 1):
        size, more = rng.choice((8, 10, 12)), rng.randrange(30, 61)
        slacks = (rng.randrange(0, 400), rng.randrange(0, 1024))
        folder = suite.folder(f"{NAME}/{number}")
        base, full = os.path.join(folder, "base"), os.path.join(folder, "full")
        shutil.copytree(suite.corpus, base)
        shutil.copytree(base, os.path.join(folder, "docs"))
        shutil.copytree(base, full)
        os.makedirs(os.path.join(folder, "more"))
        for name in rng.sample(names, more):
            shutil.copy(os.path.join(pool, name), os.path.join(folder, "more", name))
        shutil.copytree(os.path.join(folder, "more"), os.path.join(full, "more"))
        needed = room_needed(suite, folder, base, os.path.join(folder, "more"))
        if isinstance(needed, str):
            campaign.check(False, f"round {number}: measuring the room the runs need failed: {needed}")
            continue
        size = max(size, -(-needed * 5 // 4 // MIB) + 1)
        where = f"round {number} (tmpfs of {size} MB, filled to {slacks[0]} KiB then {slacks[1]} KiB free, {more} documents added)"
        print(f"  {where}", flush=True)
        expected_base, _ = answers.clean_build(suite, base, os.path.join(folder, "clean-base"))
        expected_full, _ = answers.clean_build(suite, full, os.path.join(folder, "clean-full"))
        result = suite.run(["unshare", "--mount", "--propagation", "private", "bash", "-c", script(size, slacks)],
                           timeout=300, cwd=folder)
        failures = len(campaign.failures)
        check_round(campaign, where, folder, result, expected_base, expected_full)
        rounds.append(f"{size} MB + {more} docs: {'ok' if len(campaign.failures) == failures else 'FAILED'}")
    campaign.tried = (f"{ROUNDS} tmpfs filled up under a first build, then under an update "
                      f"({'; '.join(rounds)}), then space freed")
    campaign.figures = ("each failed run: exit 2, one line saying the disk is full, nothing left behind, the index "
                        "as before (xapian-check clean); after freeing space: the same runs and --rebuild succeed "
                        "and answer as a clean build")


def room_needed(suite, folder, base, more):
    """The bytes the round's runs need once the filler is gone, measured on the ordinary disk as
    the round makes them: a first build of `base`, then the update that adds `more`, whose
    in-place B-tree inserts leave the index larger than a clean build (glass's blocks half full
    after splits; files never shrink), or a first build's shards and their compacted copy side by
    side."""
    measure = os.path.join(folder, "measure")
    docs, database = os.path.join(measure, "docs"), os.path.join(measure, "db")
    shutil.copytree(base, docs)
    first = suite.modsearch("index", "--db", database, docs, timeout=120)
    if first.returncode != 0:
        return f"a first build exited {first.returncode}: {one_line(first.stderr)}"
    built = folder_bytes(database)
    shutil.copytree(more, os.path.join(docs, "more"))
    update = suite.modsearch("index", "--db", database, docs, timeout=120)
    if update.returncode != 0:
        return f"an update exited {update.returncode}: {one_line(update.stderr)}"
    needed = max(3 * built, folder_bytes(database))
    shutil.rmtree(measure)
    return needed


def folder_bytes(path):
    """What a folder's files take on a tmpfs: their sizes in whole pages."""
    return sum(-(-os.path.getsize(os.path.join(path, name)) // 4096) * 4096 for name in os.listdir(path))


def can_mount():
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "bash", "-c",
                            "d=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs $d && umount $d && rmdir $d"],
                           capture_output=True, text=True, timeout=30)
    return probe.returncode == 0, " ".join(probe.stderr.split())[:200] or f"exit {probe.returncode}"


def step(name, command):
    """A line of the round: `command`, its output saved in out/, its status said as `STEP name`."""
    return f"{command} > out/{name}.out 2> out/{name}.err; echo \"STEP {name} $?\""


def script(size, slacks):
    """The round, run in the mount namespace: `STEP name status` lines, files in out/."""
    fill = "avail=$(df -k --output=avail fs | tail -1); head -c $(( (avail > {0} ? avail - {0} : 0) * 1024 )) " \
           "/dev/zero > fs/filler 2>/dev/null; true"
    index = "modsearch index --db fs/db docs"
    return "\n".join([
        "set -u; mkdir -p fs out",
        f"mount -t tmpfs -o size={size}m tmpfs fs || exit 99",
        fill.format(slacks[0]),
        step("first", index),
        "echo \"LEFT first $(ls fs | tr '\\n' ' ')\"",
        "rm fs/filler",
        step("first-again", index),
        answers.saving_script("fs/db", "out/base"),
        fill.format(slacks[1]),
        "mv more docs/more",
        step("update", index),
        "echo \"LEFT update $(ls fs | tr '\\n' ' ')\"",
        "xapian-check fs/db > out/check.out 2>&1; echo \"STEP check $?\"",
        answers.saving_script("fs/db", "out/unchanged"),
        "rm fs/filler",
        step("update-again", index),
        answers.saving_script("fs/db", "out/updated"),
        step("rebuild", "modsearch index --rebuild --db fs/db docs"),
        "xapian-check fs/db > out/check-rebuilt.out 2>&1; echo \"STEP check-rebuilt $?\"",
        answers.saving_script("fs/db", "out/rebuilt"),
    ])


def check_round(campaign, where, folder, result, expected_base, expected_full):
    """Checks what the round's script left."""
    if result.returncode == 99:
        campaign.check(False, f"{where}: mounting the tmpfs failed: {one_line(result.stderr)}")
        return 0
    status = {}
    left = {}
    for line in result.stdout.splitlines():
        words = line.split()
        if words[:1] == ["STEP"]:
            status[words[1]] = int(words[2])
        elif words[:1] == ["LEFT"]:
            left[words[1]] = sorted(words[2:])

    def error(step):
        path = os.path.join(folder, "out", f"{step}.err")
        return open(path, errors="replace").read() if os.path.exists(path) else ""

    for step, kind in (("first", "a first build"), ("update", "an update")):
        text = error(step)
        lines = [line for line in text.splitlines() if line.strip()]
        campaign.check(status.get(step) == 2 and FULL in text and len(lines) == 1 and lines[0].startswith("modsearch: "),
                       f"{where}: {kind} on a full disk exited {status.get(step)}, saying: {one_line(text)}")
    campaign.check(left.get("first") == ["filler"], f"{where}: a first build on a full disk left {left.get('first')}")
    campaign.check(left.get("update") == ["db", "filler"], f"{where}: a failed update left {left.get('update')}")
    campaign.check(status.get("check") == 0, f"{where}: xapian-check after the failed update exited {status.get('check')}")
    for step in ("first-again", "update-again"):
        campaign.check(status.get(step) == 0, f"{where}: {step} after freeing space exited {status.get(step)}: "
                                              f"{one_line(error(step))}")
    rebuilt = status.get("rebuild")
    campaign.check(rebuilt == 0 or (rebuilt == 2 and FULL in error("rebuild")),
                   f"{where}: --rebuild exited {rebuilt}: {one_line(error('rebuild'))}")
    campaign.check(status.get("check-rebuilt") == 0, f"{where}: xapian-check after --rebuild failed")
    out = os.path.join(folder, "out")
    for prefix, expected, what in (("base", expected_base, "the first build"),
                                   ("unchanged", expected_base, "the failed update"),
                                   ("updated", expected_full, "the update"),
                                   ("rebuilt", expected_full, "--rebuild")):
        got = answers.saved(os.path.join(out, prefix))
        campaign.check(got == expected, f"{where}: after {what}: {answers.difference(got, expected)}")
