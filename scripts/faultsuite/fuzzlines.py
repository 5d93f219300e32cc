"""Request lines for protocol fuzzing (docs/protocol.md), each with what the daemon must answer:
valid requests, fields of the wrong type or out of range, byte-level mutations of valid lines,
oversized queries and lines, deep nesting, binary garbage, blank lines and odd JSON."""

import json

OK = "ok"
ANSWERABLE = {OK, "bad_request", "bad_query", "too_large", "not_found", "unavailable", "timeout"}
OPS = ("search", "explain", "matches", "related", "get", "stats", "ping")
QUERY_OPS = ("search", "explain", "matches")
QUERIES = ("trauma", "self-criticism", '"inner critic"', "shame AND guilt", "compasion", "body NOT mind", "AND OR (",
           "section:nowhere", "title:therapy", "mind*", "café", "ΨΥΧΗ", "😀", "((((a", '"', "a NEAR b", "-",
           "trauma -body", "modality:MOD032 shame", "", "   ", "\u0000", "\u2028", "\\", "*")
TARGETS = ("mod032/definition/1", "MOD032", "mod999/definition/1", "MOD999", "nonsense", "mod032/nowhere/1",
           "mod032/definition/0", "mod032/definition/99999999999999999999", "/", "MOD032/DEFINITION/1")
ODD_IDS = ("ü\"\\\u2028", "", " ", "😀", "0", "null", -(2 ** 63), 2 ** 63 - 1, 0, -1)

# Values of the wrong type or out of range, written as raw JSON: each must be `bad_request`.
WRONG = {
    "v": ("2", "0", '"1"', "1.0", "true", "[1]"),
    "id": ("1.5", "true", "[1]", '{"a":1}', "1e3", "99999999999999999999"),
    "op": ('"find"', '"SEARCH"', "1", "null", "[]", '""'),
    "query": ("1", "true", '["x"]', "{}"),
    "limit": ('"10"', "1.5", "10.0", "1e1", "true", "[]", "-1", "1001", "99999999999999999999"),
    "offset": ('"0"', "-1", "100001", "0.5", "false"),
    "modality": ('"MOD032"', "[1]", "[null]", "[[]]", "{}", "5"),
    "section": ('"evidence"', "[1]", "[true]", "{}"),
    "collapse": ('"both"', "1", "true", '["modality"]', '""'),
    "facets": ("1", '"true"', "0", "[]"),
    "exact": ('"yes"', "1", "{}"),
    "target": ("1", "true", "[]"),
    "db": ('"relative/db"', '""', "1", "[]", "true"),
    "cursor": ("-1", '"0"', "1.5"),
}
# Right type, wrong value: only for the ops that read the field.
WRONG_FOR_QUERIES = {"modality": ('["MOD999"]', '["nope"]'), "section": ('["nowhere"]',)}
WRONG_FOR_TARGETS = {"target": ('""',)}

# Odd JSON, each once per run: (line, answers allowed, id expected: a value, or None for none).
SPECIMENS = (
    ('{"op":"ping","id":1,"id":2}', {OK}, 2),
    ('{"op":"ping","id":NaN}', {"bad_request"}, None),
    ('{"op":"ping","id":Infinity}', {"bad_request"}, None),
    ('{"op":"ping","id":01}', {"bad_request"}, None),
    ('{"op":"ping","id":1.}', {"bad_request"}, None),
    ('{"op":"ping","id":+1}', {"bad_request"}, None),
    ('{"op":"ping","id":0x10}', {"bad_request"}, None),
    ('{"op":"ping","id":-0}', {OK}, 0),
    ('{"op":"search","id":3,"query":"\\u0000"}', {OK, "bad_query"}, 3),
    ('{"op":"search","id":4,"query":"\\ud800"}', {OK, "bad_query", "bad_request"}, ...),
    ('{"op":"ping","id":"\\ud83d\\ude00"}', {OK}, "😀"),
    ('{"op":"ping","id":"a\\udc00b\\ud800"}', {OK}, "a\ufffdb\ufffd"),  # not Unicode: read as U+FFFD
    ('{"op":"ping"} {"op":"ping"}', {"bad_request"}, None),
    ('[{"op":"ping"}]', {"bad_request"}, None),
    ('"ping"', {"bad_request"}, None),
    ("null", {"bad_request"}, None),
    ("{}", {"bad_request"}, None),
    ('{"op":"ping","id":5,}', {"bad_request"}, None),
    ("{'op':'ping'}", {"bad_request"}, None),
    ('{"op":"ping","id":6}\r', {OK}, 6),
    ('\ufeff{"op":"ping","id":7}', {OK, "bad_request"}, ...),
    ('{"op":"ping","id":8,"x":"' + "a" * 60000 + '"}', {OK}, 8),
    ('{"op":"ping","id":9,"x":' + "1" * 5000 + "}", {OK}, 9),
    ('{"op":"search","id":10,"query":"' + "é" * 2048 + '"}', {OK, "bad_query"}, 10),
    ('{"op":"search","id":11,"query":"' + "é" * 2048 + 'x"}', {"too_large"}, 11),
)


# What the summary calls each kind of line, by the first word of its label.
KINDS = {"wrong": "wrong type or range", "query": "query over 4 KiB", "line": "line at or over 64 KiB",
         "nested": "deep nesting", "odd": "odd JSON", "garbage": "binary garbage"}


class Case:
    """One line and what it must get. `allowed` is None for a line that gets no answer (blank);
    `closes` for one after which the daemon closes the connection. `expected_id` is the `id` the
    answer must carry, None for no `id`, `...` when either is right; unless `strict`, an error
    answer may leave it out (the daemon reads an `id` from a line it cannot decode only when the
    line is JSON its reader takes, which is stricter than Python's)."""

    def __init__(self, label, line, allowed, expected_id=..., closes=False, strict=True):
        self.label = label
        self.kind = KINDS.get(label.split(" ")[0], label)
        self.line = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
        self.allowed = allowed
        self.expected_id = expected_id
        self.closes = closes
        self.strict = strict

    def problem(self, answer):
        """What is wrong with `answer` (a decoded response) for this line; None if nothing."""
        if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
            return "an answer without `ok`"
        code = OK if answer["ok"] else (answer.get("error") or {}).get("code")
        if code not in self.allowed:
            return f"answered {code}, expected {' or '.join(sorted(self.allowed))}"
        if answer["ok"] and "result" not in answer:
            return "ok without a result"
        if self.expected_id is ...:
            return None
        if "id" not in answer and (answer["ok"] or self.strict) and self.expected_id is not None:
            return f"no id, expected {self.expected_id!r}"
        if "id" in answer and answer["id"] != self.expected_id:
            return f"id {answer['id']!r}, expected {self.expected_id!r}"
        return None


def cases(rng, database, count):
    """`count` seeded cases, in a random order, the specimens and boundaries among them."""
    made = [Case("odd JSON", line, allowed, expected) for line, allowed, expected in SPECIMENS]
    made += boundaries(rng)
    makers = ((valid, 15), (wrong_type, 22), (mutated, 35), (long_query, 4), (blank, 5), (garbage, 8),
              (nested, 4), (oversized, 2))
    total = sum(weight for _, weight in makers)
    while len(made) < count:
        pick = rng.randrange(total)
        for maker, weight in makers:
            if pick < weight:
                made.append(maker(rng, database))
                break
            pick -= weight
    rng.shuffle(made)
    return made


def request(rng, database, op=None, with_id=True):
    """A valid request as a dict."""
    op = op or rng.choice(OPS)
    fields = {"op": op}
    if rng.random() < 0.7:
        fields["v"] = 1
    if with_id:
        fields["id"] = rng.choice((rng.randrange(-2 ** 63, 2 ** 63), rng.randrange(1000), rng.choice(ODD_IDS)))
    if op in QUERY_OPS:
        fields["query"] = rng.choice(QUERIES)
    if op in ("get", "related"):
        fields["target"] = rng.choice(TARGETS)
    optional = {
        "limit": lambda: rng.randrange(0, 51), "offset": lambda: rng.randrange(0, 30),
        "modality": lambda: rng.sample(("MOD032", "mod050", "MOD001"), rng.randrange(0, 3)),
        "section": lambda: rng.sample(("evidence", "definition", "Evidence to Efficacy", "related-therapies"),
                                      rng.randrange(0, 3)),
        "collapse": lambda: rng.choice(("modality", "section", None)), "facets": lambda: rng.random() < 0.5,
        "cursor": lambda: rng.randrange(0, 5), "exact": lambda: rng.random() < 0.5,
        "db": lambda: rng.choice((database, None, "/nonexistent/index")),
    }
    for field, make in optional.items():
        if rng.random() < 0.25:
            fields[field] = make()
    keys = list(fields)
    rng.shuffle(keys)
    return {key: fields[key] for key in keys}


def valid(rng, database):
    fields = request(rng, database)
    allowed = {OK, "bad_query", "not_found"} | ({"unavailable"} if fields.get("db") == "/nonexistent/index" else set())
    return Case("valid", json.dumps(fields, ensure_ascii=rng.random() < 0.5), allowed, fields.get("id"))


def wrong_type(rng, database):
    table = dict(WRONG)
    if rng.random() < 0.2:
        table = WRONG_FOR_QUERIES if rng.random() < 0.7 else WRONG_FOR_TARGETS
    field = rng.choice(sorted(table))
    op = rng.choice(QUERY_OPS) if table is WRONG_FOR_QUERIES else rng.choice(("get", "related")) \
        if table is WRONG_FOR_TARGETS else None
    fields = request(rng, database, op)
    fields.setdefault("id", rng.randrange(1000))
    if table is WRONG_FOR_QUERIES:
        # Filters are read against the index, after the query: both must be good.
        fields.update(query="trauma", db=database)
    fields[field] = "\u0001RAW\u0001"
    raw = rng.choice(table[field])
    line = json.dumps(fields).replace('"\\u0001RAW\\u0001"', raw)
    return Case(f"wrong {field}", line, {"bad_request"}, None if field == "id" else fields["id"])


def mutated(rng, database):
    """A valid line with bytes flipped, cut, repeated or inserted: any answer but `internal`."""
    line = bytearray(json.dumps(request(rng, database)).encode())
    for _ in range(rng.randrange(1, 5)):
        at = rng.randrange(len(line) + 1)
        action = rng.randrange(5)
        if action == 0 and line:
            line[min(at, len(line) - 1)] = rng.randrange(256)
        elif action == 1:
            del line[at:at + rng.randrange(1, 8)]
        elif action == 2:
            line[at:at] = line[at:at + rng.randrange(1, 16)]
        elif action == 3:
            line[at:at] = rng.choice((b"{", b"}", b"[", b"]", b'"', b"\\", b":", b",", b"\x00", b"\xff", b"\xc3",
                                      b"\xe2\x80\xa8", b"\r", b"9" * 30, b"-", b"e", b"\\u", b"null", b"\t"))
        else:
            del line[at:]
    line = bytes(line).replace(b"\n", b"\x00")
    if is_blank(line):
        return Case("mutated", line, None)
    return Case("mutated", line, ANSWERABLE, id_in(line), strict=False)


def long_query(rng, database):
    words = []
    while len(" ".join(words).encode()) <= 4096:
        words.append(rng.choice(("trauma", "shame", "büro", "ΨΥΧΗ", "mind")))
    fields = {"op": "search", "id": rng.randrange(1000), "query": " ".join(words)}
    return Case("query over 4 KiB", json.dumps(fields, ensure_ascii=False), {"too_large"}, fields["id"])


def blank(rng, database):
    return Case("blank", rng.choice((b"", b" ", b"\t", b" \t ", b"\r", b"  \r")), None)


def garbage(rng, database):
    line = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))).replace(b"\n", b"\x00")
    if is_blank(line):
        return Case("garbage", line, None)
    return Case("garbage", line, {"bad_request"}, None)


def nested(rng, database):
    depth = rng.choice((10, 60, 63, 64, 65, 70, 200, 5000, 30000))
    line = '{"op":"ping","id":7,"x":' + "[" * depth + "]" * depth + "}"
    allowed = {OK} if depth <= 60 else {"bad_request"} if depth >= 70 else {OK, "bad_request"}
    return Case(f"nested {depth} deep", line, allowed, 7 if allowed == {OK} else None if OK not in allowed else ...)


def oversized(rng, database):
    size = rng.randrange(65537, 200000)
    return Case("line over 64 KiB", padded_ping(0, size), {"too_large"}, None, closes=True)


def boundaries(rng):
    """Lines at the 64 KiB limit: a whole one is answered, with or without a `\\r` before its
    newline (the `\\r` is not part of the line); one byte more is too large."""
    return [Case("line of 64 KiB", padded_ping(21, 65536), {OK}, 21),
            Case("line of 64 KiB + \\r", padded_ping(22, 65536) + b"\r", {OK}, 22),
            Case("line of 64 KiB + 1", padded_ping(0, 65537), {"too_large"}, None, closes=True)]


def padded_ping(number, size):
    head, tail = b'{"op":"ping","id":%d,"pad":"' % number, b'"}'
    return head + b"p" * (size - len(head) - len(tail)) + tail


def is_blank(line):
    """Whether the daemon ignores the line: spaces and tabs only, once a final `\\r` is dropped."""
    return all(byte in b" \t" for byte in (line[:-1] if line.endswith(b"\r") else line))


def id_in(line):
    """The `id` a line carries if it is a JSON object Python can read, else `...` (either way)."""
    def refuse(constant):
        raise ValueError(constant)
    try:
        fields = json.loads(line.decode("utf-8"), parse_constant=refuse)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return ...
    if not isinstance(fields, dict):
        return None
    value = fields.get("id")
    if isinstance(value, str):
        # Read as the daemon reads it: an unpaired surrogate is U+FFFD (docs/protocol.md).
        return "".join("\ufffd" if 0xD800 <= ord(c) < 0xE000 else c for c in value)
    if type(value) is int and -2 ** 63 <= value < 2 ** 63:
        return value
    return ...
