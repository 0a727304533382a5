"""Time five audits against a seeded local server; count the requests it logged for each.

    bench_runs.py BINARY ENDPOINT SERVER_LOG USERS [AUDIT FLAGS...]
"""

import os
import resource
import statistics
import subprocess
import sys
import time
import urllib.request

RUNS = 5


def logged_requests(log_path: str) -> int:
    # The server logs one access line per request it answered.
    with open(log_path, encoding="utf-8", errors="replace") as log:
        # Error answers are wrapped in colour codes: match the method, not the quote.
        return sum(1 for line in log if "POST /" in line or "GET /" in line)


def largest_call_ms(endpoint: str) -> float:
    """Median time of one bare GetAccountAuthorizationDetails (users and groups) request:
    the floor that the server itself sets for any audit of this account."""
    body = b"Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=User&Filter.member.2=Group&MaxItems=1000"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        # The local server routes by the credential scope; it does not check signatures.
        "Authorization": "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0",
    }
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(endpoint, body, headers)) as answer:
            answer.read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    binary, endpoint, log_path, users = sys.argv[1:5]
    flags = sys.argv[5:]
    label = f"{users} {' '.join(flags) or '(five)'}"
    walls, requests, cpus, rss_kb = [], [], [], []
    for _ in range(RUNS):
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = logged_requests(log_path)
        started = time.perf_counter()
        # GNU time reports the audit's own peak RSS (a forked Python would inflate it).
        done = subprocess.run(
            ["/usr/bin/time", "-f", "maxrss_kb=%M", binary, "--endpoint-url", endpoint, "audit", "--format", "json", *flags],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        walls.append((time.perf_counter() - started) * 1000)
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(
            (cpu_after.ru_utime - cpu_before.ru_utime + cpu_after.ru_stime - cpu_before.ru_stime)
            * 1000
        )
        # Exit 2 is expected with --all here: the local server has no root row in its
        # credential report, so root-recent-use cannot be decided.
        if done.returncode not in (0, 1, 2) or b"error:" in done.stderr:
            sys.exit(f"audit failed ({done.returncode}): {done.stderr.decode()}")
        rss_kb.append(int(done.stderr.decode().rsplit("maxrss_kb=", 1)[1]))
        time.sleep(0.2)  # let the server flush its access log
        requests.append(logged_requests(log_path) - before)
    peak_mb = max(rss_kb) / 1024
    runs = " ".join(f"{w:.0f}" for w in walls)
    counts = sorted(set(requests))
    count = str(counts[0]) if len(counts) == 1 else "/".join(map(str, counts))
    floor = largest_call_ms(endpoint)
    print(
        f"{label:<14} {count:<9} {statistics.median(walls):<16.1f} "
        f"{statistics.median(cpus):<15.1f} {floor:<18.1f} {peak_mb:<12.1f} {runs}",
        flush=True,
    )


if __name__ == "__main__":
    main()
