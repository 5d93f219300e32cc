#!/usr/bin/env python3
"""A running modsearchd's resident memory as requests accumulate (issue #18's memory figures).

    Benchmarks/daemon-memory.py SOCKET DB QUERIES PID REQUESTS [MARKS]

Two connections send the query file's searches (comment lines skipped), one request at a time
each, until REQUESTS have been sent; at each mark (comma-separated request counts, default
1000,10000,100000) it prints the daemon's VmRSS and VmHWM from /proc/PID/status, and at the end
how many answers were errors. Unlike `modsearch-bench load`, it runs no in-process baseline, which
would double the time of a long run.
"""
import json
import socket
import sys
import threading


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = value.strip()
    return f"VmRSS {fields['VmRSS']} VmHWM {fields['VmHWM']}"


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    path, db, queries_file, pid, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    marks = {int(mark) for mark in (sys.argv[6] if len(sys.argv) > 6 else "1000,10000,100000").split(",")}
    with open(queries_file) as lines:
        queries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    lock = threading.Lock()
    sent = [0]
    errors = [0]

    def client(first):
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(path)
        stream = connection.makefile("rwb")
        number = first
        while True:
            with lock:
                if sent[0] >= total:
                    return
                sent[0] += 1
                if sent[0] in marks:
                    print(f"after {sent[0]}: {memory(pid)}", flush=True)
            request = {"v": 1, "id": number, "op": "search", "query": queries[number % len(queries)], "limit": 10, "db": db}
            number += 1
            stream.write((json.dumps(request) + "\n").encode())
            stream.flush()
            if not json.loads(stream.readline()).get("ok", False):
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(first,)) for first in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"end: {memory(pid)}; {errors[0]} answers were errors", flush=True)


if __name__ == "__main__":
    main()
