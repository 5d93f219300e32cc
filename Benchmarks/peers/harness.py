"""What the three peers share: the command line, the passages reader, the timing and the JSON report.

A peer calls `main(engine, index, Searcher)`, where `index(passages, outdir)` builds a database from
an iterator of passage dicts, and `Searcher(outdir)` has `search(query)` → [(id, snippet)] for the
top 10 (the timed work: parse, match, load each hit, snippet it) and `total(query)` → exact count
of matches (untimed).
"""
import argparse
import json
import math
import os
import resource
import statistics
import sys
import time


def read_passages(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def read_queries(path):
    with open(path, encoding="utf-8") as lines:
        return [q for q in (line.strip() for line in lines) if q and not q.startswith("#")]


def directory_bytes(path):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(samples_ns):
    return {"median_us": round(statistics.median(samples_ns) / 1000, 1),
            "p99_us": round(percentile(samples_ns, 0.99) / 1000, 1)}


def run_index(engine, index, args):
    if os.path.isdir(args.outdir) and os.listdir(args.outdir):
        raise SystemExit(f"{engine}: {args.outdir} is not empty; give a new or empty folder")
    os.makedirs(args.outdir, exist_ok=True)
    count = 0

    def passages():
        nonlocal count
        for passage in read_passages(args.passages):
            count += 1
            yield passage

    start = time.perf_counter()
    index(passages(), args.outdir)
    seconds = time.perf_counter() - start
    return {"engine": engine, "passages": count, "seconds": round(seconds, 3),
            "input_mb": round(os.path.getsize(args.passages) / 1e6, 2),
            "db_bytes": directory_bytes(args.outdir),
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def run_queries(engine, searcher_class, args):
    searcher = searcher_class(args.outdir)
    pooled, reports = [], []
    for query in read_queries(args.queries):
        for _ in range(args.warmup):
            searcher.search(query)
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter_ns()
            hits = searcher.search(query)
            samples.append(time.perf_counter_ns() - start)
        pooled += samples
        reports.append({"query": query, "hits": len(hits), "total": searcher.total(query), **summary(samples),
                        "top": [hit_id for hit_id, _ in hits[:3]]})
        if args.show:
            print(f"== {engine}: {query}", *(f"  {hit_id}  {snippet}" for hit_id, snippet in hits), sep="\n", file=sys.stderr)
    return {"engine": engine, "queries": reports, **summary(pooled)}


def main(engine, index, searcher_class):
    parser = argparse.ArgumentParser(prog=f"{engine}_peer")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("index", help="index a passages JSONL file into OUTDIR")
    build.add_argument("passages")
    build.add_argument("outdir")
    search = commands.add_parser("query", help="time every query of QUERIES against OUTDIR")
    search.add_argument("outdir")
    search.add_argument("queries")
    search.add_argument("--runs", type=int, default=20)
    search.add_argument("--warmup", type=int, default=3)
    search.add_argument("--show", action="store_true", help="also print each query's top hits with snippets")
    args = parser.parse_args()
    if args.command == "query" and args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.command == "index":
        report = run_index(engine, index, args)
    else:
        report = run_queries(engine, searcher_class, args)
    print(json.dumps(report, ensure_ascii=False))
