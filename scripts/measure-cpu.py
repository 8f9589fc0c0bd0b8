#!/usr/bin/env python3
"""Run a command and say how much processor time it and the local PostgreSQL server used.

    python3 scripts/measure-cpu.py .build/release/byline bench import all.tmx --into postgres://byline@127.0.0.1:55433/all

The command's time (user + system, with its children) comes from the kernel's resource usage;
the server's is the growth of user + system time of every process named `postgres`, read from
/proc every 0.2 s, so that a server process that ends during the run (a connection's backend)
still counts up to its last reading. Prints one line on standard error:
`wall W s, client CPU C s, server CPU S s`. Linux only; standard library only.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def server_times() -> dict[int, float]:
    """CPU seconds so far of every PostgreSQL process, by pid."""
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if not name.startswith("postgres"):
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / TICKS
    return times


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    before = server_times()
    last = dict(before)
    started = time.monotonic()
    process = subprocess.Popen(sys.argv[1:])
    while process.poll() is None:
        last.update(server_times())
        time.sleep(0.2)
    last.update(server_times())
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    server = sum(value - before.get(pid, 0.0) for pid, value in last.items())
    print(f"wall {wall:.1f} s, client CPU {usage.ru_utime + usage.ru_stime:.1f} s, server CPU {server:.1f} s", file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
