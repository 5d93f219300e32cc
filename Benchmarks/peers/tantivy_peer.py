#!/usr/bin/env -S sh -c 'exec "$(dirname "$0")/../.venv/bin/python" "$0" "$@"'
"""tantivy peer (run with Benchmarks/.venv's python): the same passages, en_stem text fields with positions,
title and heading boosted as modsearch weights them (3 and 2)."""
import tantivy

import harness

TEXT_FIELDS = ["title", "heading", "body"]
BOOSTS = {"title": 3.0, "heading": 2.0}


def schema():
    builder = tantivy.SchemaBuilder()
    for field in TEXT_FIELDS:
        builder.add_text_field(field, stored=field == "body", tokenizer_name="en_stem", index_option="position")
    for field in ("id", "modality", "section"):
        builder.add_text_field(field, stored=True, tokenizer_name="raw")
    return builder.build()


def index(passages, outdir):
    writer = tantivy.Index(schema(), path=outdir).writer(heap_size=1 << 30)
    for p in passages:
        writer.add_document(tantivy.Document(
            id=p["id"], modality=p["modality"], section=[p["section"]] + ([p["alias"]] if p["alias"] else []),
            title=p["title"], heading=" ".join(filter(None, (p["heading"], p["subheading"]))), body=p["text"]))
    writer.commit()
    writer.wait_merging_threads()


def bracketed(snippet):
    """The snippet's fragment with its highlights in [ ] (tantivy gives UTF-8 byte ranges)."""
    text, out, at = snippet.fragment().encode(), [], 0
    for span in snippet.highlighted():
        out += [text[at:span.start], b"[", text[span.start:span.end], b"]"]
        at = span.end
    return b"".join(out + [text[at:]]).decode()


class Searcher:
    def __init__(self, outdir):
        self.index = tantivy.Index.open(outdir)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def _query(self, text):
        return self.index.parse_query(text, TEXT_FIELDS, field_boosts=BOOSTS, conjunction_by_default=True)

    def search(self, text):
        query = self._query(text)
        hits = self.searcher.search(query, 10, count=False).hits
        snippets = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "body")
        snippets.set_max_num_chars(240)
        docs = [self.searcher.doc(address) for _, address in hits]
        return [(doc.get_first("id"), bracketed(snippets.snippet_from_doc(doc))) for doc in docs]

    def total(self, text):
        return self.searcher.search(self._query(text), 1, count=True).count


if __name__ == "__main__":
    harness.main("tantivy", index, Searcher)
