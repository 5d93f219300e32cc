#!/usr/bin/env python3
"""Relevance on a standard IR test collection (CISI by default), modsearch beside plain BM25 peers.

Each abstract becomes one modality document (a title line `MOD{5000+N} – title`, an Explanation
heading, the abstract as one paragraph), indexed with `modsearch index`; each question is
searched with `--by modality -n 100` (characters the query language reads replaced by spaces),
and a document ranks where its best passage ranks. Peers index title and abstract as one
document and search the raw question with OR. Metrics over the judged queries: nDCG@10 (binary
gain), MAP over the top 100, P@10.

    Benchmarks/ir/run_ir.py [--bin .build/release] [--collection ../shared/ir/cisi] [--work bench-data/ir]
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

QUERY_SYNTAX = re.compile(r'[()"/:+\-*]')


def read_collection(folder):
    text = open(os.path.join(folder, "cisi_collection.txt"), encoding="utf-8").read()
    docs = {}
    for m in re.finditer(r"<docno>doc_(\d+)</docno>\s*<title>(.*?)</title>\s*<text>(.*?)</text>", text, re.S):
        docs[int(m.group(1))] = (" ".join(m.group(2).split()), " ".join(m.group(3).split()))
    queries = {}
    text = open(os.path.join(folder, "cisi_queries.txt"), encoding="utf-8").read()
    for m in re.finditer(r"<queryno>query_(\d+)</queryno>\s*<text>(.*?)</text>", text, re.S):
        queries[int(m.group(1))] = " ".join(m.group(2).split())
    relevant = {}
    for line in open(os.path.join(folder, "cisi.rel"), encoding="utf-8"):
        fields = line.split()
        if len(fields) >= 4 and fields[3] != "0":
            relevant.setdefault(int(fields[0]), set()).add(int(fields[2].removeprefix("doc_")))
    return docs, queries, relevant


def write_documents(docs, folder):
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    for n, (title, abstract) in docs.items():
        with open(os.path.join(folder, f"mod{5000 + n}.txt"), "w", encoding="utf-8") as f:
            f.write(f"MOD{5000 + n} – {title or 'Untitled'}\n\nExplanation\n\n{abstract}\n")


def metrics(runs, relevant):
    ndcg = ap = p10 = 0.0
    for q, ranked in runs.items():
        rel = relevant[q]
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in rel)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(rel))))
        ndcg += dcg / ideal
        hits, precisions = 0, 0.0
        for i, d in enumerate(ranked[:100]):
            if d in rel:
                hits += 1
                precisions += hits / (i + 1)
        ap += precisions / len(rel)
        p10 += sum(1 for d in ranked[:10] if d in rel) / 10
    n = len(runs)
    return {"ndcg@10": ndcg / n, "map@100": ap / n, "p@10": p10 / n, "queries": n}


def modsearch_runs(binary, docs_folder, database, queries, env):
    subprocess.run([binary, "index", docs_folder, "--rebuild", "--db", database], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runs = {}
    for q, text in queries.items():
        query = " ".join(QUERY_SYNTAX.sub(" ", text).split())
        out = subprocess.run([binary, "--no-daemon", "--db", database, "--json", "--by", "modality", "-n", "100",
                              "--", query], env=env, capture_output=True, text=True)
        ranked = []
        for line in out.stdout.splitlines():
            record = json.loads(line)
            if record.get("type") == "hit":
                n = int(record["modality"].removeprefix("MOD")) - 5000
                if n not in ranked:
                    ranked.append(n)
        runs[q] = ranked
    return runs


def xapian_runs(docs, queries, folder):
    import xapian
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    for n, (title, abstract) in docs.items():
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(title)
        generator.increase_termpos()
        generator.index_text(abstract)
        doc.add_boolean_term(f"Q{n}")
        doc.set_data(str(n))
        db.add_document(doc)
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("english"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_database(db)
    enquire = xapian.Enquire(db)
    runs = {}
    for q, text in queries.items():
        enquire.set_query(parser.parse_query(text))
        runs[q] = [int(m.document.get_data().decode()) for m in enquire.get_mset(0, 100)]
    return runs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(root, ".build/release"))
    parser.add_argument("--collection", default=os.path.join(root, "../shared/ir/cisi"))
    parser.add_argument("--work", default=os.path.join(root, "bench-data/ir"))
    parser.add_argument("--peers", default="xapian", help="comma-separated: xapian, or none")
    args = parser.parse_args()

    docs, queries, relevant = read_collection(args.collection)
    judged = {q: t for q, t in queries.items() if q in relevant}
    folder = os.path.join(args.work, "docs")
    write_documents(docs, folder)
    env = dict(os.environ, MODSEARCH_SOCKET=os.path.join(args.work, "none.sock"))
    started = time.time()
    results = {"modsearch": metrics(modsearch_runs(os.path.join(args.bin, "modsearch"), folder,
                                                   os.path.join(args.work, "db"), judged, env), relevant)}
    results["modsearch"]["seconds"] = round(time.time() - started, 1)
    if "xapian" in args.peers.split(","):
        try:
            results["xapian-bm25-or"] = metrics(xapian_runs(docs, judged, args.work), relevant)
        except ImportError:
            print("run_ir: python3-xapian missing (Benchmarks/install-peers); Xapian peer skipped", file=sys.stderr)
    print(f"| engine | nDCG@10 | MAP@100 | P@10 |  ({len(docs)} documents, {len(judged)} judged queries)")
    print("|---|---|---|---|")
    for name, m in results.items():
        print(f"| {name} | {m['ndcg@10']:.3f} | {m['map@100']:.3f} | {m['p@10']:.3f} |")
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
