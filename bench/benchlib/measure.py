"""Measuring a child process (wall time, peak RSS), disk usage and latency percentiles."""

import os
import subprocess
import tempfile
import time


def run_measured(cmd, env=None, launcher=None, cpu=None):
    """Runs cmd to completion; returns (wall seconds, peak RSS in MB, how RSS was measured).
    When cpu is a list, the child's CPU seconds (user + system) are appended to it.

    With launcher (build/bin/rusage_run) the child is forked from that small program, which
    wait4()s it: its ru_maxrss is the indexer's own peak. Without it we wait4 here, and
    the figure has this Python process's RSS as a floor (Linux keeps the high-water mark
    across exec), which the report says.
    """
    if launcher and os.access(launcher, os.X_OK):
        with tempfile.NamedTemporaryFile("r", suffix=".rusage") as out:
            proc = subprocess.run([launcher, out.name, *cmd], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
            fields = out.read().split()
            if proc.returncode != 0 or len(fields) not in (3, 4):
                raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): "
                                   f"{proc.stderr.decode(errors='replace')[-2000:]}")
            if cpu is not None:
                cpu.append(float(fields[3]) if len(fields) == 4 else None)
            return float(fields[0]), int(fields[1]) / 1024.0, "rusage_run"
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return wall, usage.ru_maxrss / 1024.0, "python wait4 (floor: the benchmark's own RSS)"


def dir_mb(path):
    """Bytes actually allocated under path (like du), in MB."""
    total = 0
    if os.path.isfile(path):
        return os.stat(path).st_blocks * 512 / 1e6
    for root, _, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_blocks * 512
    return total / 1e6


def percentile(values, p):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil without floats
    return ordered[int(rank) - 1]


def median(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
