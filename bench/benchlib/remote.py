"""Newsdex over shards served by xapian-tcpsrv on loopback, as a multi-machine archive runs.

The prepared corpus is dealt round-robin into N parts (ids stay unique: each article lands in
one part), each part is indexed into a database of its own, each database is served by one
xapian-tcpsrv on 127.0.0.1, and the query driver opens a stub file listing the N
`remote 127.0.0.1:PORT` lines, as `newssearch --db STUB` does.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time

from .measure import dir_mb


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"xapian-tcpsrv on port {port} exited ({server.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"xapian-tcpsrv on port {port} did not accept connections in {seconds} s")


class RemoteShards:
    def __init__(self, engine, count):
        self.engine = engine  # the Newsdex engine: its newsindex, flags and query driver
        self.count = count

    def missing(self):
        if not shutil.which("xapian-tcpsrv"):
            return "xapian-tcpsrv not installed (Debian package xapian-tools)"
        return self.engine.missing()

    def build(self, prepared_path, dest):
        """Indexes the N parts one after another; returns (the wall seconds of each, the
        largest peak RSS, how RSS was measured, total MB)."""
        os.makedirs(dest, exist_ok=True)
        parts = [open(os.path.join(dest, f"part{i}.jsonl"), "w", encoding="utf-8")
                 for i in range(self.count)]
        with open(prepared_path, encoding="utf-8") as corpus:
            for number, line in enumerate(corpus):
                parts[number % self.count].write(line)
        for part in parts:
            part.close()
        walls, peak, how = [], 0.0, ""
        for i in range(self.count):
            part = os.path.join(dest, f"part{i}.jsonl")
            wall, rss, how = self.engine.measured([self.engine.newsindex, "--db", self.shard(dest, i),
                                                   "--quiet", *self.engine.flags, part])
            os.remove(part)
            walls.append(wall)
            peak = max(peak, rss)
        return walls, peak, how, sum(dir_mb(self.shard(dest, i)) for i in range(self.count))

    @staticmethod
    def shard(dest, i):
        return os.path.join(dest, f"shard{i}")

    @contextlib.contextmanager
    def served(self, dest):
        """Starts one xapian-tcpsrv per shard and yields the stub file listing them."""
        servers = []
        try:
            lines = []
            for i in range(self.count):
                port = _free_port()
                # A session of its own: xapian-tcpsrv signals its whole process group on exit.
                server = subprocess.Popen(["xapian-tcpsrv", "--port", str(port), "--interface",
                                           "127.0.0.1", self.shard(dest, i)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          start_new_session=True)
                servers.append(server)
                _wait_for_port(port, server)
                lines.append(f"remote 127.0.0.1:{port}\n")
            stub = os.path.join(dest, "remote.stub")
            with open(stub, "w", encoding="utf-8") as f:
                f.writelines(lines)
            yield stub
        finally:
            for server in servers:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGTERM)
            for server in servers:
                server.wait()
