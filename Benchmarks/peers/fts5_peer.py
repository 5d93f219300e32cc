#!/usr/bin/python3
"""SQLite FTS5 peer: the same passages in one FTS5 table, ranked by bm25 with title and heading weighted."""
import os
import re
import sqlite3

import harness

COLUMNS = "id UNINDEXED, modality UNINDEXED, section UNINDEXED, title, heading, body, alias UNINDEXED"
# Explicit rather than the table's `rank`: with `ORDER BY rank` FTS5 sorts every match itself and was
# 1.5x slower for common words on 1,000 documents; SQLite's top-10 sorter runs snippet() only for rows
# that enter the top 10 as it goes.
RANK = "bm25(t, 0, 0, 0, 3.0, 2.0, 1.0, 0)"
TOKEN = re.compile(r'"[^"]*"?|\S+')
BAREWORD = re.compile(r"\w+\*?", re.UNICODE)


def database(outdir):
    return os.path.join(outdir, "fts5.sqlite")


def index(passages, outdir):
    db = sqlite3.connect(database(outdir))
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5({COLUMNS}, tokenize='porter unicode61')")
    with db:
        db.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", (
            (p["id"], p["modality"], p["section"], p["title"],
             " ".join(filter(None, (p["heading"], p["subheading"]))), p["text"], p["alias"])
            for p in passages))
    db.close()


def phrase(word):
    return word if BAREWORD.fullmatch(word) else '"' + word.strip('"').replace('"', "") + '"'


def translate(text):
    """The mix's query syntax → an FTS5 MATCH expression and extra SQL conditions with their arguments.

    Phrases and AND/OR/NOT stay, juxtaposition is FTS5's implicit AND, a word FTS5 would not take
    bare (`self-criticism`) becomes a phrase, `title:`/`heading:` become column filters, and
    `modality:`/`section:` filter on the unindexed columns.
    """
    terms, conditions, args = [], [], []
    for token in TOKEN.findall(text):
        field, colon, value = token.partition(":")
        if token in ("AND", "OR", "NOT"):
            terms.append(token)
        elif colon and field == "modality" and value:
            conditions.append("modality = ?")
            args.append(value.upper())
        elif colon and field == "section" and value:
            conditions.append("? IN (section, alias)")
            args.append(value.lower())
        elif colon and field in ("title", "heading") and value:
            terms.append(f"{field} : {phrase(value)}")
        else:
            terms.append(phrase(token))
    return " ".join(terms), "".join(f" AND {c}" for c in conditions), args


class Searcher:
    def __init__(self, outdir):
        self.db = sqlite3.connect(database(outdir))

    def search(self, text):
        match, where, args = translate(text)
        return self.db.execute(
            f"SELECT id, snippet(t, 5, '[', ']', '…', 32) FROM t WHERE t MATCH ?{where} ORDER BY {RANK} LIMIT 10",
            [match, *args]).fetchall()

    def total(self, text):
        match, where, args = translate(text)
        return self.db.execute(f"SELECT count(*) FROM t WHERE t MATCH ?{where}", [match, *args]).fetchone()[0]


if __name__ == "__main__":
    harness.main("fts5", index, Searcher)
