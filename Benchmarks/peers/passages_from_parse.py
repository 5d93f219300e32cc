#!/usr/bin/python3
"""Turns `modsearch parse --json FILE…` output into passages JSON Lines, the peers' input.

    modsearch parse --json Corpus/*.txt | passages_from_parse.py > passages.jsonl
    passages_from_parse.py parsed.json… > passages.jsonl
"""
import fileinput
import json
import re
import sys

REFERENCE = re.compile(r"\(mod(\d+)\)", re.IGNORECASE)


def references(text, own):
    found = dict.fromkeys("MOD" + digits for digits in REFERENCE.findall(text))
    found.pop(own, None)
    return list(found)


def passages(document):
    for section in document["sections"]:
        for passage in section["passages"]:
            yield {
                "id": passage["id"],
                "modality": document["id"],
                "title": document["title"],
                "section": section["slug"],
                "alias": section.get("alias"),
                "heading": section["heading"],
                "subheading": passage.get("subheading"),
                "ordinal": int(passage["id"].rsplit("/", 1)[1]),
                "text": passage["text"],
                "source": document["source"],
                "references": references(passage["text"], document["id"])
                if section["slug"] == "related-therapies" else [],
            }


def main():
    out = sys.stdout
    for line in fileinput.input():
        if line.strip():
            for passage in passages(json.loads(line)):
                out.write(json.dumps(passage, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
