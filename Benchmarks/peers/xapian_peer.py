#!/usr/bin/python3
"""Xapian peer: modsearch's first index schema (schema 1) and query settings through Xapian's Python bindings."""
import functools
import json
import re

import xapian

import harness

STEMMER = xapian.Stem("english")
WEIGHTING = (1.2, 0, 1, 0.5, 0.5)
QUERY_FLAGS = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD | xapian.QueryParser.FLAG_PURE_NOT
               | xapian.QueryParser.FLAG_SPELLING_CORRECTION | xapian.QueryParser.FLAG_SYNONYM)
# Boolean terms are stored lower-case; the parser would turn `modality:MOD032` into `XM:MOD032`.
FILTER = re.compile(r"\b(modality|section|related):(\S+)")


@functools.lru_cache
def fnv1a(text):
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def index(passages, outdir):
    db = xapian.WritableDatabase(outdir, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(STEMMER)
    generator.set_stemming_strategy(xapian.TermGenerator.STEM_SOME_FULL_POS)
    generator.set_database(db)
    generator.set_flags(xapian.TermGenerator.FLAG_SPELLING)
    db.begin_transaction()
    for p in passages:
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(p["title"], 3, "S")
        generator.index_text(p["title"], 3)
        generator.increase_termpos()
        for heading in filter(None, (p["heading"], p["subheading"])):
            generator.index_text(heading, 2, "XH")
            generator.index_text(heading, 2)
            generator.increase_termpos()
        generator.index_text(p["text"])
        modality, slug = p["modality"], p["section"]
        doc.add_boolean_term("Q" + p["id"])
        doc.add_boolean_term("XM" + modality.lower())
        doc.add_boolean_term("XS" + slug)
        if p["alias"]:
            doc.add_boolean_term("XS" + p["alias"])
        for target in p["references"]:
            doc.add_boolean_term("XR" + target.lower())
        doc.add_boolean_term("XF" + fnv1a(p["source"]))
        doc.add_value(0, modality)
        doc.add_value(1, slug)
        doc.add_value(2, f"{p['ordinal']:06d}")
        doc.add_value(3, f"{modality}/{slug}")
        doc.set_data(json.dumps(p, ensure_ascii=False))
        db.replace_document("Q" + p["id"], doc)
    db.commit_transaction()
    db.close()


class Searcher:
    def __init__(self, outdir):
        self.db = xapian.Database(outdir)
        self.parser = xapian.QueryParser()
        self.parser.set_stemmer(STEMMER)
        self.parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME_FULL_POS)
        self.parser.set_database(self.db)
        self.parser.set_default_op(xapian.Query.OP_AND)
        self.parser.add_prefix("title", "S")
        self.parser.add_prefix("heading", "XH")
        for field, prefix in (("modality", "XM"), ("section", "XS"), ("related", "XR")):
            self.parser.add_boolean_prefix(field, prefix)

    def _mset(self, text, limit, check_at_least=0):
        query = self.parser.parse_query(FILTER.sub(lambda m: f"{m[1]}:{m[2].lower()}", text), QUERY_FLAGS)
        enquire = xapian.Enquire(self.db)
        enquire.set_query(query)
        enquire.set_weighting_scheme(xapian.BM25Weight(*WEIGHTING))
        return enquire.get_mset(0, limit, check_at_least)

    def search(self, text):
        mset = self._mset(text, 10)
        passages = [json.loads(item.document.get_data()) for item in mset]
        return [(p["id"], mset.snippet(p["text"], 240, STEMMER, 0, "[", "]", "…").decode()) for p in passages]

    def total(self, text):
        return self._mset(text, 0, self.db.get_doccount()).get_matches_estimated()


if __name__ == "__main__":
    harness.main("xapian", index, Searcher)
