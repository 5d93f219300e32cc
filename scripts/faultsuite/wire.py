"""The daemon and its wire protocol, spoken raw: a real `modsearchd` on a private socket, clients
that may behave badly on purpose, and what /proc tells about the daemon."""

import json
import os
import resource
import select
import signal
import socket
import time

from .support import wait_for


class NoAnswer(Exception):
    """No line within the time allowed."""


class RawClient:
    """One connection: sends without blocking, reads lines with a deadline."""

    def __init__(self, path, timeout=10.0):
        # The listen queue may be full (a flood): a non-blocking connect then fails with EAGAIN
        # and is tried again, until `timeout`.
        deadline = time.monotonic() + timeout
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.setblocking(False)
            try:
                self.sock.connect(path)
                break
            except BlockingIOError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.002)
            except OSError:
                self.sock.close()
                raise
        self.buffer = b""

    def close(self):
        self.sock.close()

    def offer(self, data):
        """Sends what the socket takes at once; how many bytes that was."""
        try:
            return self.sock.send(data, socket.MSG_NOSIGNAL)
        except (BlockingIOError, InterruptedError):
            return 0
        except OSError:
            return -1

    def send_all(self, data, within=10.0):
        """Sends all of `data`, waiting for room; False if the daemon closed or took too long."""
        deadline = time.monotonic() + within
        view = memoryview(data)
        while view:
            sent = self.offer(view)
            if sent < 0:
                return False
            view = view[sent:]
            if view:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                wait(self.sock, select.POLLOUT, left)
        return True

    def line(self, within=10.0):
        """The next line as bytes, without its newline; None once the daemon closed the connection."""
        deadline = time.monotonic() + within
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise NoAnswer(f"no line within {within} s")
            if not wait(self.sock, select.POLLIN, left):
                continue
            try:
                chunk = self.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def ask(self, request, within=10.0):
        """Sends one request (a dict or a JSON string) and reads its answer as a dict."""
        text = request if isinstance(request, str) else json.dumps(request)
        if not self.send_all(text.encode() + b"\n", within):
            raise NoAnswer(f"could not send {text[:80]}")
        line = self.line(within)
        if line is None:
            raise NoAnswer(f"closed before an answer to {text[:80]}")
        return json.loads(line)


def wait(sock, events, seconds):
    """Whether `sock` is ready for `events` within `seconds` (poll: select cannot watch a
    descriptor past 1023, and a flood opens more)."""
    poller = select.poll()
    poller.register(sock, events | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(0, int(seconds * 1000)) + 1))


def error_code(answer):
    return (answer.get("error") or {}).get("code") if isinstance(answer, dict) else None


class Daemon:
    """A real `modsearchd` on a socket in `folder`, stopped with SIGTERM by `stop`."""

    def __init__(self, suite, folder, database, arguments=()):
        self.suite = suite
        self.folder = folder
        self.socket = os.path.join(folder, "run", "modsearchd.sock")
        self.log_path = os.path.join(folder, "daemon.log")
        self.process = suite.start(["modsearchd", "--db", database, "--socket", self.socket, *arguments],
                                   self.log_path)
        self.pid = self.process.pid
        if not wait_for(self.answers_ping, seconds=15, every=0.05):
            self.stop()
            raise RuntimeError(f"modsearchd did not start: {self.log()}")

    def answers_ping(self):
        try:
            client = RawClient(self.socket, timeout=2)
        except OSError:
            return False
        try:
            return client.ask({"op": "ping"}, within=2).get("ok") is True
        except (NoAnswer, ValueError):
            return False
        finally:
            client.close()

    def alive(self):
        return self.process.poll() is None

    def log(self):
        try:
            return open(self.log_path, errors="replace").read()
        except OSError:
            return ""

    def stop(self):
        """SIGTERM, then SIGKILL after 10 s; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except Exception:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def status_mb(self, key):
        """A memory figure of /proc/PID/status (VmRSS, VmHWM) in MB; 0 once the daemon is gone."""
        try:
            for line in open(f"/proc/{self.pid}/status"):
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def descriptors(self, excluding=None):
        """Open descriptors, leaving out files under `excluding` (workers open the index lazily,
        each on its first request)."""
        folder = f"/proc/{self.pid}/fd"
        count = 0
        for entry in os.listdir(folder):
            if excluding:
                try:
                    if os.readlink(os.path.join(folder, entry)).startswith(excluding + "/"):
                        continue
                except OSError:
                    continue
            count += 1
        return count

    def crash_lines(self):
        """Log lines that tell of a crash rather than a handled error."""
        marks = ("Fatal error", "fatal error", "Segmentation", "Illegal instruction", "Aborted", "💣", "Crash")
        return [line for line in self.log().splitlines() if any(mark in line for mark in marks)]


def allow_descriptors(count):
    """Raises this process's descriptor limit to `count` (as far as the hard limit allows); the
    daemons it starts inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count if hard == resource.RLIM_INFINITY else min(count, hard)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]
