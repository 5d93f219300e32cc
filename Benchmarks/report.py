#!/usr/bin/env python3
"""Renders bench-data/N/*.json (written by Benchmarks/run) as the Markdown tables of BENCHMARKS.md."""
import json
import os
import sys


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def mb(n):
    return f"{n / 1e6:,.0f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} KB"


def report(n):
    out = f"bench-data/{n}"
    engines = ["modsearch", "xapian", "fts5", "tantivy"]
    names = {"modsearch": "modsearch (Swift)", "xapian": "Xapian, one document per passage (Python)",
             "fts5": "SQLite FTS5", "tantivy": "tantivy (Python package)"}
    print(f"\n### {int(n):,} documents\n")
    print("| engine | index s | passages/s | DB size | compacted | peak RSS | query median µs | query p99 µs |")
    print("|---|---|---|---|---|---|---|---|")
    compact = open(f"{out}/compact-bytes.txt").read().strip() if os.path.exists(f"{out}/compact-bytes.txt") else None
    for engine in engines:
        index, query = load(f"{out}/index-{engine}.json"), load(f"{out}/query-{engine}.json")
        if not index or not query:
            if engine != "modsearch":
                why = open(f"{out}/skipped-{engine}.txt").read().strip() if os.path.exists(f"{out}/skipped-{engine}.txt") else ""
                print(f"| {names[engine]} | skipped{': ' + why if why else ''} | | | | | | |")
            continue
        rate = index.get("passages_per_s") or int(index["passages"] / index["seconds"])
        packed = mb(int(compact)) if engine == "modsearch" and compact else ""
        print(f"| {names[engine]} | {index['seconds']:.1f} | {rate:,} | {mb(index['db_bytes'])} | {packed} "
              f"| {index['peak_rss_kb'] / 1024:,.0f} MB | {query['median_us']:,.0f} | {query['p99_us']:,.0f} |")

    ours, peer = (load(f"{out}/index-modsearch.json"), load(f"{out}/query-modsearch.json")), \
        (load(f"{out}/index-tantivy.json"), load(f"{out}/query-tantivy.json"))
    if all(ours) and all(peer):
        size = int(compact) if compact else ours[0]["db_bytes"]
        print(f"\nAgainst tantivy: query median ×{ours[1]['median_us'] / peer[1]['median_us']:.2f} (target ≤ 2), "
              f"p99 ×{ours[1]['p99_us'] / peer[1]['p99_us']:.2f} (target ≤ 1), "
              f"indexing ×{ours[0]['seconds'] / peer[0]['seconds']:.2f} (target ≤ 6), "
              f"compacted database ×{size / peer[0]['db_bytes']:.2f} (target ≤ 3).")

    queries = {e: load(f"{out}/query-{e}.json") for e in engines}
    if queries["modsearch"]:
        present = [e for e in engines if queries[e]]
        print("\nPer query, median µs (matches):\n")
        print("| query | " + " | ".join(present) + " |")
        print("|---|" + "---|" * len(present))
        for i, q in enumerate(queries["modsearch"]["queries"]):
            cells = []
            for e in present:
                row = queries[e]["queries"][i]
                cells.append(f"{row['median_us']:,.0f} ({row['total']:,})")
            print(f"| `{q['query']}` | " + " | ".join(cells) + " |")

    load_ = load(f"{out}/load.json")
    if load_:
        base = load_["in_process"]
        print(f"\nDaemon round trip, same mix (in-process baseline: median {base['median_us']} µs, "
              f"p99 {base['p99_us']} µs):\n")
        print("| clients | requests | failures | p50 µs | p99 µs | throughput req/s |")
        print("|---|---|---|---|---|---|")
        for row in load_["daemon"]:
            print(f"| {row['clients']} | {row['requests']:,} | {row['failures']} | {row['median_us']:,} | "
                  f"{row['p99_us']:,} | {row['throughput_rps']:,} |")
        if os.path.exists(f"{out}/daemon-rss-kb.txt"):
            rss = int(open(f"{out}/daemon-rss-kb.txt").read().strip() or 0)
            print(f"\nDaemon resident memory after the load: {rss / 1024:,.0f} MB.")

    for name, title in [("whole-process", "Whole process"), ("start-up", "Start-up alone")]:
        whole = load(f"{out}/{name}.json")
        if not whole:
            continue
        runs = len(whole["results"][0]["times"])
        print(f"\n{title} (hyperfine -N, {runs} runs each, ms):\n")
        print("| command | median | mean | σ | min |")
        print("|---|---|---|---|---|")
        for r in whole["results"]:
            print(f"| `{r['command']}` | {r['median'] * 1000:.2f} | {r['mean'] * 1000:.2f} | {r['stddev'] * 1000:.2f} "
                  f"| {r['min'] * 1000:.2f} |")


for n in sys.argv[1:] or ["1000", "10000", "100000"]:
    report(n)
