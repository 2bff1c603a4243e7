"""Run a command and measure it: wall time, and peak memory of its whole process tree.

Used by benchmarks/run.py. The peak RSS is the largest sum, over samples taken every
0.1 s, of the resident memory of the process and all its descendants (a build with
``--jobs 2`` is three processes); ``maxrss`` is the largest single process (from the
kernel, exact).

Example:
    >>> import sys
    >>> m = measure([sys.executable, "-c", "print(42)"])
    >>> m.returncode, m.stdout.strip(), m.seconds > 0, m.peak_mb > 0
    (0, '42', True, True)
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """What a command did: exit status, output, wall seconds, CPU seconds (user + system,
    the process and its waited-for children), peak tree RSS, largest process RSS."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    maxrss_mb: float
    cpu: float = 0.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and every descendant, in MB."""
    tree = _children()
    todo, total = [pid], 0
    while todo:
        p = todo.pop()
        total += _rss_kb(p)
        todo.extend(tree.get(p, []))
    return total / 1024


def measure(
    command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Measured:
    """Run ``command`` to the end; time it and sample its memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    readers = [
        threading.Thread(
            target=lambda: out_chunks.append(proc.stdout.read() if proc.stdout else "")
        ),
        threading.Thread(
            target=lambda: err_chunks.append(proc.stderr.read() if proc.stderr else "")
        ),
    ]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        returncode=proc.returncode,
        stdout="".join(out_chunks),
        stderr="".join(err_chunks),
        seconds=seconds,
        peak_mb=peak,
        maxrss_mb=usage.ru_maxrss / 1024,
        cpu=usage.ru_utime + usage.ru_stime,
    )
