"""A corpus with hostile files among good ones, laid out at random: FIFOs, sockets, a device,
links to /dev/zero, /dev/urandom, out of the folder, to nothing and in a loop, a file over the
size limit, text that is not UTF-8, binary, empty, a name with a newline and escape codes, a
name that is not UTF-8. The index finishes in bounded time and memory, every good file is
searchable, and every bad one is said on one line of its own, run after run."""

import json
import os
import socket
import stat
import time

from .support import one_line

NAME = "hostile"
ROUNDS = 3
FOLDERS = ("", "a", "a/b", "c")
SECRET, LATIN, ODD_NAME = "MOD901", "MOD902", "MOD903"


def run(suite, campaign):
    rng = suite.rng(NAME)
    corpus = sorted(name for name in os.listdir(suite.corpus) if name.startswith("mod") and name.endswith(".txt"))
    tried = 0
    slowest = 0.0
    for number in range(1, ROUNDS + 1):
        work = suite.folder(f"{NAME}/{number}")
        docs = os.path.join(work, "docs")
        good, bad = lay_out(rng, suite.corpus, corpus, work, docs)
        tried += len(bad)
        where = f"round {number} ({len(good)} good files, {len(bad)} bad: {', '.join(sorted({b[0] for b in bad}))})"
        print(f"  {where}", flush=True)
        for run_number in (1, 2):
            started = time.monotonic()
            # Read whole, the file over the limit would pass the memory limit and fail the run.
            result = suite.run(["bash", "-c", 'ulimit -v 1500000; exec timeout 60 modsearch index --db "$1" "$2"',
                                "-", os.path.join(work, "db"), docs], timeout=90)
            slowest = max(slowest, time.monotonic() - started)
            label = f"{where}, run {run_number}"
            campaign.check(result.returncode == 1, f"{label}: exited {result.returncode} (1: files skipped): "
                                                   f"{one_line(result.stderr[-400:])}")
            expected = "indexed " if run_number == 1 else "indexed 0 of"
            campaign.check(result.stdout.startswith(expected), f"{label}: {one_line(result.stdout)}")
            odd_said = check_reports(campaign, label, result.stderr, bad)
        check_searchable(suite, campaign, where, os.path.join(work, "db"), good, odd_said)
    campaign.tried = f"{ROUNDS} hostile corpora, each indexed twice: {tried} bad files beside good ones"
    campaign.figures = (f"slowest run {slowest:.1f} s (limit 60 s, 1.5 GB of address space); every bad file said on "
                        f"one line each run, every good file searchable, nothing from outside the folder indexed")


def lay_out(rng, source, corpus, work, docs):
    """Writes the corpus; the good modality ids, and the bad files as (kind, shown path, what is
    said of it). A file whose name is not UTF-8 holds `ODD_NAME`: it must be indexed or said."""
    for folder in FOLDERS:
        os.makedirs(os.path.join(docs, folder), exist_ok=True)
    good = set()
    for name in rng.sample(corpus, rng.randrange(8, len(corpus) + 1)):
        target = os.path.join(docs, rng.choice(FOLDERS + ("folder.txt",)), name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(os.path.join(source, name), "rb") as original, open(target, "wb") as copy:
            copy.write(original.read())
        good.add(name[:6].upper())
    sample = os.path.join(source, rng.choice(corpus))
    text = open(sample, encoding="utf-8").read()
    sample_id = os.path.basename(sample)[:6].upper()

    def place(kind):
        return os.path.join(docs, rng.choice(FOLDERS), f"{kind}-{rng.randrange(10 ** 6)}.txt")

    root = os.path.realpath(docs)
    bad = []

    def add(kind, path, said):
        bad.append((kind, shown(path), said))

    path = place("fifo")
    os.mkfifo(path)
    add("fifo", path, "not a regular file (a named pipe)")
    path = place("socket")
    bind(path)
    add("socket", path, "not a regular file (a socket)")
    path = place("device")
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's numbers
        add("device", path, "not a regular file (a character device)")
    except OSError:
        pass  # not permitted here: the links below still lead to devices
    for device in ("/dev/zero", "/dev/urandom"):
        path = place(device[5:])
        os.symlink(device, path)
        add(f"link to {device}", path, f"a symbolic link to {device}, outside {root}; not indexed")
    secret = os.path.join(work, "secret.txt")
    open(secret, "w", encoding="utf-8").write(text.replace(sample_id, SECRET))
    path = place("outside")
    os.symlink(os.path.relpath(secret, os.path.dirname(path)), path)
    add("link out of the folder", path, f"a symbolic link to {secret}, outside {root}; not indexed")
    path = place("dangling")
    os.symlink("nowhere.txt", path)
    add("dangling link", path, "a symbolic link to nothing; not indexed")
    first, second = place("loop"), place("loop")
    os.symlink(second, first)
    os.symlink(first, second)
    for path in (first, second):
        add("link loop", path, "a symbolic link to nothing; not indexed")
    os.symlink(os.path.join(docs, min(walk(docs))), place("alias"))  # inside the folder: followed, said nothing
    path = place("huge")
    with open(path, "wb") as huge:
        huge.truncate(rng.randrange(65, 4096) * 1024 * 1024)  # sparse, over the 64 MiB limit
    add("file over the size limit", path, "too large")
    lines = text.replace(sample_id, LATIN).split("\n")
    lines[rng.randrange(len(lines) // 2, len(lines))] += " caf\xe9"
    path = place("latin1")
    open(path, "wb").write("\n".join(lines).encode("latin-1", "replace"))
    add("text not UTF-8", path, "not UTF-8 text: line")
    path = place("binary")
    open(path, "wb").write(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8192))))
    add("binary file", path, "skipped")
    path = place("empty")
    open(path, "wb").close()
    add("empty file", path, "empty file")
    path = os.path.join(docs, rng.choice(FOLDERS), "two\nlines\x1b[31m.txt")
    open(path, "w").write("no title\n")
    add("name with a newline and escape codes", path, "no title line")
    odd = os.path.join(docs, rng.choice(FOLDERS)).encode() + b"/caf\xe9-name.txt"
    open(odd, "w", encoding="utf-8").write(text.replace(sample_id, ODD_NAME))
    return good, bad


def walk(docs):
    for folder, _, names in os.walk(docs):
        for name in names:
            if name.startswith("mod"):
                yield os.path.relpath(os.path.join(folder, name), docs)


def bind(path):
    """Leaves a Unix socket file at `path`."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.close()


def shown(path):
    """A path as modsearch's messages show it (FileName.shown): control characters escaped."""
    if not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in path):
        return path
    escapes = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return "".join(escapes.get(c) or (f"\\x{ord(c):02X}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c)
                   for c in path)


def check_reports(campaign, label, stderr, bad):
    """Every bad file said on one line; whether the file whose name is not UTF-8 was said."""
    lines = stderr.splitlines()
    stray = [line for line in lines if not line.startswith("modsearch: ")]
    campaign.check(not stray, f"{label}: lines of stderr not of their own: {stray[:3]}")
    for kind, path, said in bad:
        about = [line for line in lines if f"{path}:" in line]
        campaign.check(len(about) == 1 and said in about[0],
                       f"{label}: the {kind} {path} is said on {len(about)} lines, expected one saying {said!r}: "
                       f"{about[:2]}")
    odd = [line for line in lines if "-name.txt" in line]
    campaign.check(len(odd) <= 1 and all("a name that is not UTF-8" in line for line in odd),
                   f"{label}: the file whose name is not UTF-8 is said on {len(odd)} lines: {odd[:2]}")
    return bool(odd)


def check_searchable(suite, campaign, where, database, good, odd_said):
    """Every good document and nothing else is in the index; the odd-named one is in it or was said."""
    result = suite.modsearch("--no-daemon", "--db", database, "--json", "--facets", "-n", "1", "and")
    summary = [json.loads(line) for line in result.stdout.splitlines() if '"summary"' in line]
    indexed = set(summary[0]["facets"]["modality"]) if summary else set()
    campaign.check(good <= indexed, f"{where}: good files not searchable: {sorted(good - indexed)}")
    campaign.check(not indexed & {SECRET, LATIN}, f"{where}: indexed what it must not: {sorted(indexed & {SECRET, LATIN})}")
    extra = indexed - good - {ODD_NAME}
    campaign.check(not extra, f"{where}: indexed modalities from nowhere: {sorted(extra)}")
    campaign.check(ODD_NAME in indexed or odd_said, f"{where}: the file whose name is not UTF-8 was neither indexed nor said")
