"""The well-behaved client of the abuse campaign, in a process of its own so that the threads
doing the abusing cannot delay its clock: it asks a quick search in a loop and prints each
answer's latency.

    python3 -m faultsuite.prober SOCKET SECONDS
It connects, warms up, prints `ready`, waits for a line on standard input, asks for SECONDS, and
prints one JSON object: {"latencies_ms": [...], "failures": [...]}."""

import json
import sys
import time

from .wire import NoAnswer, RawClient

CHEAP = '{"op":"search","query":"trauma","limit":3}'


def main(socket_path, seconds):
    client = RawClient(socket_path)
    for _ in range(5):
        client.ask(CHEAP)
    print("ready", flush=True)
    sys.stdin.readline()
    latencies, failures = [], []
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            answer = client.ask(CHEAP, within=10)
            if answer.get("ok") is not True:
                failures.append(json.dumps(answer)[:200])
        except (NoAnswer, ValueError) as error:
            failures.append(str(error))
            client.close()
            try:
                client = RawClient(socket_path)
            except OSError as gone:
                failures.append(f"cannot connect again: {gone}")
                break
        latencies.append((time.perf_counter() - started) * 1000)
    client.close()
    print(json.dumps({"latencies_ms": latencies, "failures": failures}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
