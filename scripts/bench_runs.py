"""Time five audits against a seeded local server; count the requests it logged for each."""

import os
import resource
import statistics
import subprocess
import sys
import time

RUNS = 5


def logged_requests(log_path: str) -> int:
    # The server logs one access line per request it answered.
    with open(log_path, encoding="utf-8", errors="replace") as log:
        return sum(1 for line in log if '"POST ' in line or '"GET ' in line)


def main() -> None:
    binary, endpoint, log_path, users = sys.argv[1:5]
    walls, requests = [], []
    for _ in range(RUNS):
        before = logged_requests(log_path)
        started = time.perf_counter()
        done = subprocess.run(
            [binary, "--endpoint-url", endpoint, "audit", "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        walls.append((time.perf_counter() - started) * 1000)
        if done.returncode not in (0, 1):
            sys.exit(f"audit failed ({done.returncode}): {done.stderr.decode()}")
        time.sleep(0.2)  # let the server flush its access log
        requests.append(logged_requests(log_path) - before)
    # ru_maxrss of waited-for children: the largest audit process, in KiB on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    runs = " ".join(f"{w:.0f}" for w in walls)
    counts = sorted(set(requests))
    count = str(counts[0]) if len(counts) == 1 else "/".join(map(str, counts))
    print(f"{users:<7} {count:<9} {statistics.median(walls):<16.1f} {peak_mb:<12.1f} {runs}", flush=True)


if __name__ == "__main__":
    main()
