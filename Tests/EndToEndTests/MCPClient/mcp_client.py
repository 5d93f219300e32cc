"""Drives `modsearch mcp` with the Python MCP SDK, as an assistant would, and checks its answers
against the command line's.

    python mcp_client.py MODSEARCH [SERVER-OPTION…]

MODSEARCH is the `modsearch` program; the server runs as `MODSEARCH mcp SERVER-OPTION…` with this
process's MODSEARCH_DB and MODSEARCH_SOCKET, and the command lines it is compared with take the
same options (`--no-daemon`: neither starts a daemon). A failed check ends the run with exit status 1 and
one line on stderr naming it; otherwise one JSON object on stdout says what was seen.
"""

import asyncio
import json
import os
import subprocess
import sys

from mcp import ClientSession, MCPError, StdioServerParameters, stdio_client

TOOLS = {"search", "get", "related", "modalities", "stats"}
HIT_FIELDS = ["id", "modality", "title", "section", "heading", "ordinal", "source", "line", "text", "score"]


class CheckFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise CheckFailed(what)


def command_line(modsearch, *arguments):
    """What `modsearch ARGUMENTS… SERVER-OPTION…` prints: (exit status, stdout, the first line of stderr)."""
    done = subprocess.run([modsearch, *arguments, *sys.argv[2:]], capture_output=True, text=True)
    return done.returncode, done.stdout, (done.stderr.splitlines() or [""])[0]


def cli_error(modsearch, *arguments):
    """The message `modsearch` prints for a failed command, without its program-name prefix."""
    status, _, line = command_line(modsearch, *arguments)
    check(status != 0, f"modsearch {' '.join(arguments)} should fail, exited {status}")
    return line.split(": ", 1)[1] if line.startswith("modsearch") else line


def only_text(result):
    check(len(result.content) == 1 and result.content[0].type == "text", "a result should be one text block")
    return result.content[0].text


async def tool_error(session, name, arguments):
    result = await session.call_tool(name, arguments)
    check(result.is_error, f"{name} {arguments} should be a tool error, got {only_text(result)[:200]}")
    return only_text(result)


async def drive(modsearch, server_options):
    seen = {}
    environment = {key: os.environ[key] for key in ("MODSEARCH_DB", "MODSEARCH_SOCKET") if key in os.environ}
    server = StdioServerParameters(command=modsearch, args=["mcp", *server_options], env=environment)
    async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
        initialized = await session.initialize()
        check(initialized.server_info.name == "modsearch", f"server name {initialized.server_info.name}")
        check(initialized.capabilities.tools is not None and initialized.capabilities.resources is not None,
              "the server should offer tools and resources")

        tools = (await session.list_tools()).tools
        seen["tools"] = sorted(tool.name for tool in tools)
        check(set(seen["tools"]) == TOOLS, f"tools {seen['tools']}")
        for tool in tools:
            check(tool.input_schema.get("type") == "object", f"{tool.name}: input schema")
            check(tool.output_schema and tool.output_schema.get("type") == "object", f"{tool.name}: output schema")

        # search, against `modsearch --json` (the SDK has checked the result against the output schema).
        result = await session.call_tool("search", {"query": "self-criticism"})
        check(not result.is_error, f"search failed: {only_text(result)}")
        check(json.loads(only_text(result)) == result.structured_content, "search: text and structured content differ")
        hits = result.structured_content["hits"]
        status, out, _ = command_line(modsearch, "--json", "self-criticism")
        check(status == 0, f"modsearch --json self-criticism exited {status}")
        cli_hits = [record for record in map(json.loads, out.splitlines()) if record["type"] == "hit"]
        check(len(hits) == len(cli_hits) == 10, f"search gave {len(hits)} hits, modsearch --json {len(cli_hits)}")
        for rank, (hit, cli_hit) in enumerate(zip(hits, cli_hits), start=1):
            for field in HIT_FIELDS:
                check(hit[field] == cli_hit[field],
                      f"hit {rank} {field}: mcp {hit[field]!r}, modsearch --json {cli_hit[field]!r}")
        seen["hits"] = [hit["id"] for hit in hits]

        # Filters and collapse.
        result = await session.call_tool("search", {"query": "shame", "section": ["evidence"], "by": "modality", "limit": 5})
        collapsed = result.structured_content["hits"]
        status, out, _ = command_line(modsearch, "-l", "-s", "evidence", "--by", "modality", "-n", "5", "shame")
        check([hit["id"] for hit in collapsed] == out.split(), f"search by modality: {collapsed} against {out.split()}")

        # get, with neighbours.
        first = hits[0]
        result = await session.call_tool("get", {"ids": [first["id"], "mod999/definition/1"], "context": 1})
        check(not result.is_error, f"get failed: {only_text(result)}")
        passages = result.structured_content["passages"]
        check([p["id"] for p in passages] == [first["id"]] and passages[0]["text"] == first["text"], "get: the passage")
        section, ordinal = first["id"].rsplit("/", 1)
        check([p["id"] for p in passages[0]["before"]] == ([f"{section}/{int(ordinal) - 1}"] if int(ordinal) > 1 else []),
              f"get: the passage before {first['id']}: {passages[0]['before']}")
        check([m["id"] for m in result.structured_content["missing"]] == ["mod999/definition/1"], "get: the missing id")

        # related and modalities.
        result = await session.call_tool("related", {"target": "MOD032", "limit": 3})
        related = result.structured_content
        status, out, _ = command_line(modsearch, "related", "--json", "-n", "3", "MOD032")
        summary = json.loads(out.splitlines()[-1])
        check(related["references"] == summary["references"], f"related references {related['references']}")
        result = await session.call_tool("modalities", {})
        modalities = result.structured_content["modalities"]
        stats = (await session.call_tool("stats", {})).structured_content
        check(len(modalities) == stats["modalities"], f"{len(modalities)} modalities, stats says {stats['modalities']}")
        mod032 = next(m for m in modalities if m["id"] == "MOD032")
        check(mod032["references"] == related["references"], "modalities: MOD032's cross-references")
        seen["modalities"] = len(modalities)

        # Resources: the list, and one document, against the index.
        resources = (await session.list_resources()).resources
        seen["resources"] = sorted(str(resource.uri) for resource in resources)
        check(seen["resources"] == sorted(m["resource"] for m in modalities), "resources: one per modality")
        contents = (await session.read_resource("modsearch://MOD032")).contents
        check(len(contents) == 1 and contents[0].mime_type == "application/json", "resource: one JSON text")
        document = json.loads(contents[0].text)
        check(document["id"] == "MOD032" and document["title"] == mod032["title"], "resource: the modality")
        ids = [p["id"] for s in document["sections"] for p in s["passages"]]
        check(len(ids) == mod032["passages"], f"resource: {len(ids)} passages, modalities says {mod032['passages']}")
        status, out, _ = command_line(modsearch, "-l", "--all", "modality:MOD032")
        check(sorted(ids) == sorted(out.split()), "resource: the passages of modsearch --all modality:MOD032")
        check(document["sections"][0]["slug"] == "definition", "resource: sections in document order")
        seen["document_passages"] = len(ids)
        try:
            await session.read_resource("modsearch://MOD999")
            check(False, "reading modsearch://MOD999 should fail")
        except MCPError as error:
            seen["missing_resource"] = error.message

        # Bad calls: tool errors, in the command line's words where it has some.
        seen["errors"] = {
            "limit": await tool_error(session, "search", {"query": "self-criticism", "limit": "ten"}),
            "unknown argument": await tool_error(session, "search", {"query": "shame", "modalities": ["MOD032"]}),
            "missing query": await tool_error(session, "search", {}),
            "bad query": await tool_error(session, "search", {"query": "shame AND"}),
            "unknown modality": await tool_error(session, "search", {"query": "shame", "modality": ["CFT"]}),
            "unknown passage": await tool_error(session, "get", {"ids": ["mod032/definition/99"]}),
        }
        for name, arguments in [("bad query", ["shame AND"]), ("unknown modality", ["-m", "CFT", "shame"]),
                                ("unknown passage", ["get", "mod032/definition/99"])]:
            expected = cli_error(modsearch, *arguments)
            check(seen["errors"][name] == expected, f"{name}: mcp {seen['errors'][name]!r}, modsearch {expected!r}")
        try:
            await session.call_tool("nosuchtool", {})
            check(False, "an unknown tool should be a protocol error")
        except MCPError as error:
            seen["unknown_tool"] = error.message
    return seen


def main():
    try:
        seen = asyncio.run(drive(sys.argv[1], sys.argv[2:]))
    except* CheckFailed as failures:
        # The SDK's task groups wrap what the checks raise.
        for failure in failures.exceptions:
            print(f"mcp_client: {failure}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
