"""What an index answers, in a form two indexes of the same files can be compared by: counts,
facets and ranked hits, without what may rightly differ (paths, revisions, timings, estimates,
the order of ties)."""

import json
import os
import shlex
import shutil
import time

# `and` is in almost every passage: its exact count and facets cover the whole index. Ranked
# pages are asked `--exact`: with other forms and synonyms, a passage may score below its
# section's weight, and a page is then settled after a few sections' look-ahead, which reads
# sections of equal weight in document order: two indexes of the same files may differ there.
# Every match (`--all`, unranked) covers other forms and synonyms.
COMMANDS = (
    ("stats", "--json"),
    ("--json", "--facets", "-n", "10", "--exact", "and"),
    ("--json", "-n", "20", "--exact", "trauma"),
    ("--json", "--all", '"inner critic" OR self-criticism'),
)


def arguments(command, database):
    """`modsearch`'s arguments for one of `COMMANDS`, in-process, on `database`."""
    if command[0] == "stats":
        return (command[0], "--no-daemon", "--db", database, *command[1:])
    return ("--no-daemon", "--db", database, *command)


def of_index(suite, database):
    """The index's answers to `COMMANDS`, normalised; a string saying what failed instead."""
    answers = []
    for command in COMMANDS:
        result = suite.modsearch(*arguments(command, database))
        if result.returncode not in (0, 1):
            return f"`modsearch {' '.join(command)}` exited {result.returncode}: {result.stderr.strip()}"
        try:
            answers.append(normalised(result.stdout))
        except ValueError as error:
            return f"`modsearch {' '.join(command)}` printed what is not JSON lines ({error})"
    return answers


def saving_script(database, prefix):
    """Bash lines saving the answers of `database` to files `prefix`-N, for `saved`: for an index
    that only a private mount namespace sees."""
    return "\n".join(f"modsearch {' '.join(shlex.quote(word) for word in arguments(command, database))}"
                     f" > {prefix}-{number} 2> {prefix}-{number}.err" for number, command in enumerate(COMMANDS))


def saved(prefix):
    """The answers `saving_script` saved, normalised; a string saying what failed instead."""
    answers = []
    for number, command in enumerate(COMMANDS):
        try:
            answers.append(normalised(open(f"{prefix}-{number}").read()))
        except (OSError, ValueError):
            error = open(f"{prefix}-{number}.err").read() if os.path.exists(f"{prefix}-{number}.err") else "no output"
            return f"`modsearch {' '.join(command)}` failed: {' '.join(error.split())[:300]}"
    return answers


def normalised(output):
    hits = []
    records = []
    for line in output.splitlines():
        record = json.loads(line)
        if record.get("type") == "hit":
            hits.append((record.get("score"), record["id"]))
            continue
        for key in ("database", "revision", "took_us"):
            record.pop(key, None)
        if record.get("type") == "summary" and not record.get("total_exact"):
            for key in ("total", "total_lower", "total_upper", "exact"):
                record.pop(key, None)
        records.append(record)
    hits.sort(key=lambda hit: (-(hit[0] or 0), hit[1]))
    # Hits tied with the last one may be any of the tied passages; unranked ones (`--all`) are all.
    last = hits[-1][0] if hits and hits[0][0] is not None else ...
    ranked = [hit for hit in hits if hit[0] != last]
    return {"records": records, "ranked": ranked, "scores": [hit[0] for hit in hits]}


def difference(got, expected):
    """A short account of how two answers differ, for a failure message."""
    if isinstance(got, str):
        return got
    if isinstance(expected, str):
        return f"the clean build failed: {expected}"
    for command, mine, theirs in zip(COMMANDS, got, expected):
        for part in ("records", "ranked", "scores"):
            if mine[part] != theirs[part]:
                at = next((i for i, (a, b) in enumerate(zip(mine[part], theirs[part])) if a != b),
                          min(len(mine[part]), len(theirs[part])))
                return (f"`modsearch {' '.join(command)}`, {part} from #{at + 1}: {json.dumps(mine[part][at:])[:300]}"
                        f" vs a clean build's {json.dumps(theirs[part][at:])[:300]}")
    return "no difference"


def clean_build(suite, documents, database):
    """Indexes `documents` afresh into `database`; its answers (or a failure) and the seconds it took."""
    shutil.rmtree(database, ignore_errors=True)
    started = time.monotonic()
    result = suite.modsearch("index", "--db", database, documents, timeout=300)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        return f"a clean build exited {result.returncode}: {result.stderr.strip()}", seconds
    return of_index(suite, database), seconds
